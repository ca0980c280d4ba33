## Command-line tools (npm run kim, npm run db:migrate*). Plain text.

cli-kim-usage =
    Pemakaian:
      npm run kim -- import <berkas.csv>     impor atau perbarui daftar KIM (kolom kecamatan,desa,nama_kim)
      npm run kim -- list                    daftar KIM dengan kode undangan dan jumlah anggota
      npm run kim -- report --from YYYY-MM-DD --to YYYY-MM-DD [--out laporan.csv]
                                             indikator aktivitas satu periode (tanggal akhir ikut) sebagai CSV
cli-unknown-command = Perintah tidak dikenal: { $command }.
cli-file-missing = Berkas { $file } tidak ditemukan.
cli-file-unreadable = Berkas { $file } tidak bisa dibaca: { $reason }.
cli-no-database = Basis data { $file } belum ada. Jalankan npm start (atau npm run db:migrate) sekali untuk membuatnya.
cli-import-done = Impor selesai: baru { $kecamatan } kecamatan, { $desa } desa, { $kim } KIM; diperbarui { $updated } KIM; tidak berubah { $unchanged } KIM; ditolak { $rejected } baris.
cli-import-rejected = { "  " }baris { $line }: { $reason }
cli-import-bad-file = Berkas { $file } tidak bisa diimpor: { $reason }
cli-list-kecamatan = { $name } ({ $count } KIM)
cli-list-kim = { "  " }- { $name }{ $desa }{ $sample } — { $members } anggota — kode undangan { $code }
cli-list-desa = , desa { $name }
cli-list-sample = { " " }[contoh]
cli-list-empty = Daftar KIM masih kosong. Impor dengan: npm run kim -- import <berkas.csv>
cli-report-needs-dates = Laporan perlu --from dan --to (YYYY-MM-DD).
cli-report-bad-period = Periode { $from }..{ $to } tidak valid: { $reason }
cli-report-written = CSV: { $file } ({ $count } KIM)
cli-migrate-usage =
    Pemakaian:
      npm run db:migrate                 terapkan migrasi yang belum (bot juga melakukannya saat mulai)
      npm run db:migrate:status          keluar 1 bila basis data tertinggal
      npm run db:migrate:create <nama>   setelah mengubah schema.prisma: tulis migrasi baru
cli-migrate-applied = Diterapkan: { $names }.
cli-migrate-none = Tidak ada migrasi yang perlu diterapkan.
cli-migrate-created = Dibuat: prisma/migrations/{ $name }/migration.sql
cli-migrate-created-pg = Dibuat untuk PostgreSQL: prisma/postgresql/migrations/{ $name }/migration.sql
cli-migrate-pg-later = Migrasi PostgreSQL belum dibuat ({ $error }): jalankan npm run db:schema:pg -- <nama> saat server PostgreSQL tersedia.
cli-migrate-no-changes = Skema tidak berubah: tidak ada migrasi baru.
cli-migrate-name-needed = Beri nama migrasinya: npm run db:migrate:create <nama>
cli-status-current = Basis data { $file } sudah memuat semua { $count } migrasi.
cli-status-behind = Basis data { $file } tertinggal: { $count } migrasi belum diterapkan ({ $names }). Jalankan npm run db:migrate atau npm start.
cli-status-failed = Migrasi { $names } gagal di basis data { $file }: periksa lognya, perbaiki, lalu jalankan npm run db:migrate lagi.
cli-status-edited = Migrasi { $names } sudah diterapkan tetapi berkasnya diubah sesudahnya: kembalikan berkasnya seperti semula.
cli-status-drift = Basis data { $file } tidak cocok dengan riwayat migrasinya ({ $diagnostic }).
cli-webhook-usage =
    Pemakaian:
      npm run webhook -- info      tampilkan webhook yang terdaftar di Telegram (URL, update tertunda, galat terakhir)
      npm run webhook -- set       daftarkan WEBHOOK_URL dengan WEBHOOK_SECRET (update tertunda tetap disimpan)
      npm run webhook -- delete    hapus webhook (update tertunda tetap disimpan), misalnya untuk kembali ke polling
cli-webhook-no-token = BOT_TOKEN belum diisi di .env.
cli-webhook-none = Tidak ada webhook: bot memakai polling (getUpdates).
cli-webhook-info = Webhook: { $url } — { $pending } update tertunda
cli-webhook-last-error = Galat terakhir ({ $date }): { $message }
cli-webhook-set-needs = Isi WEBHOOK_URL (https) dan WEBHOOK_SECRET di .env terlebih dahulu.
cli-webhook-set-done = Webhook terdaftar: { $url }
cli-webhook-deleted = Webhook dihapus; update tertunda tetap disimpan Telegram.
cli-webhook-failed = Telegram menolak: { $error }
