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
reminder-summary-kecamatan = • { $kecamatan }: { $parts }
reminder-part-active = { $count } aktif
reminder-part-inactive = { $count } tidak aktif
reminder-part-new = { $count } baru
reminder-part-paused = { $count } dijeda
reminder-summary-all-active = Semua { $count } KIM aktif minggu ini. 👏
reminder-summary-none = Tidak ada pengingat yang terkirim.
reminder-summary-new-grace = Baru terdaftar, belum diingatkan pada minggu pertamanya: { $count } KIM: { $list }
reminder-summary-new = Baru terdaftar: { $count } KIM: { $list }
reminder-summary-no-members = Tanpa anggota aktif yang bisa dihubungi: { $count } KIM: { $list }
reminder-summary-blocked = { $count } anggota memblokir bot dan tidak menerima pengingat.
reminder-summary-more = dan { $count } lainnya
reminder-summary-reminded = Diingatkan: { $kims } KIM, { $members } anggota
reminder-summary-reminded-list = { $list }
reminder-summary-already = Sudah diingatkan sebelumnya minggu ini: { $count } KIM
reminder-summary-paused = Dijeda: { $count } KIM
reminder-preview-title = 🔎 <b>Pratinjau pengingat</b> ({ $schedule }; berikutnya { $next })
reminder-preview-line = • { $kim } (Kec. { $kecamatan }): { $members } anggota · terakhir { $last }
reminder-preview-none = Tidak ada KIM yang akan diingatkan saat ini.
reminder-preview-skipped = Dilewati: { $paused } dijeda · { $new } baru (minggu pertama) · { $already } sudah diingatkan minggu ini · { $nomembers } tanpa anggota aktif
reminder-confirm = 🔔 Kirim pengingat sekarang ke { $members } anggota di { $kims } KIM yang belum mengirim sejak { $since }{ $newnote }?
reminder-confirm-new = { " " }(termasuk { $count } KIM baru)
reminder-confirm-button = ✅ Kirim ke { $members } anggota di { $kims } KIM
reminder-confirm-cancel = Batal
reminder-confirm-cancelled = Pengingat tidak jadi dikirim.
reminder-confirm-already = Pengingat ini sudah dikirim.
reminder-send-nothing = Tidak ada KIM yang perlu diingatkan sekarang.
reminder-no-kims = Belum ada KIM terdaftar. Impor daftar KIM dengan /impor.
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
