## Weekly reminders, /pengingat, /jeda, /lanjut and /laporan.

reminder-text =
    👋 Halo, { $name }!
    <b>{ $kim }</b> belum mengirim berita sejak { $last }. Yuk bagikan kegiatan atau informasi dari desa Anda minggu ini. 🙌
    Ketik /kirim atau tekan tombol di bawah.
reminder-text-never =
    👋 Halo, { $name }!
    <b>{ $kim }</b> belum pernah mengirim berita lewat bot ini. Yuk mulai minggu ini: bagikan kegiatan atau informasi dari desa Anda. 🙌
    Ketik /kirim atau tekan tombol di bawah.
reminder-button = 📝 Kirim berita
reminder-summary-title = 🔔 <b>Pengingat mingguan { $week }</b>{ $catchup }
reminder-summary-catchup = (susulan)
reminder-summary-kecamatan = • { $kecamatan }: { $active } aktif · { $inactive } tidak aktif
reminder-summary-reminded = Diingatkan: { $kims } KIM, { $members } anggota
reminder-summary-reminded-list = { $list }
reminder-summary-unreachable = Tidak bisa dihubungi: { $blocked } anggota memblokir bot; { $nomembers } KIM tanpa anggota aktif{ $list }
reminder-summary-paused = Dijeda: { $count } KIM
reminder-summary-none = Semua KIM aktif minggu ini. 👏
reminder-preview-title = 🔎 <b>Pratinjau pengingat</b> ({ $schedule }; berikutnya { $next })
reminder-preview-line = • { $kim } (Kec. { $kecamatan }): { $members } anggota · terakhir { $last }
reminder-preview-none = Tidak ada KIM yang akan diingatkan saat ini.
reminder-preview-skipped = Dilewati: { $paused } dijeda · { $already } sudah diingatkan minggu ini · { $nomembers } tanpa anggota aktif
reminder-never = belum pernah
reminder-usage = /pengingat cek — pratinjau · /pengingat kirim — kirim sekarang
reminder-sent-now = 🔔 Pengingat dikirim ke { $members } anggota dari { $kims } KIM.
pause-usage = Tulis nama KIM, dan bila perlu tanggal akhir: /jeda KIM Pawawara | 2026-12-31
pause-done = ⏸ { $kim } dijeda{ $until }: tidak akan diingatkan.
pause-until = { " " }sampai { $date }
pause-bad-date = Tanggal harus berformat YYYY-MM-DD, misalnya 2026-12-31.
resume-usage = Tulis nama KIM: /lanjut KIM Pawawara
resume-done = ▶️ { $kim } aktif lagi untuk pengingat.
report-usage = Periode: { $examples }
report-bad-period = Periode tidak dikenali. Contoh: { $examples }
