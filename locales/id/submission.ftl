## Submitting content.

preview =
    📝 <b>Pratinjau kiriman</b>
    Jenis: { $kind }
    { $body }
preview-question = Kirim ke admin untuk diperiksa?
preview-no-text = (tanpa teks)
preview-small-photo = ⚠️ Foto { $size } px mungkin terlalu kecil untuk diterbitkan. Sebaiknya kirim foto yang lebih besar (minimal { $min } px pada sisi panjang). Tips: kirim sebagai foto biasa, bukan dari tangkapan layar.
preview-album-full = ⚠️ Album paling banyak { $max } foto: foto selebihnya tidak ikut.
kind-text = Teks
kind-photo = Foto
kind-album = Album ({ $count } foto/video)
kind-video = Video
kind-document = Dokumen
button-send = ✅ Kirim
submitted =
    ✅ <b>Terkirim!</b> Nomor kiriman Anda <b>#{ $id }</b>.
    Admin akan memeriksanya; Anda akan diberi tahu hasilnya. Lihat semua kiriman dengan /status.
submit-cancelled = ❌ Kiriman dibatalkan. Tidak ada yang dikirim ke admin.
submit-already = Kiriman ini sudah diproses.
submit-empty = Kiriman kosong. Kirim teks, foto, video, atau dokumen.
limit-hour = ⏳ Anda sudah mengirim { $max } kiriman dalam satu jam terakhir. Coba lagi nanti; draf ini tetap tersimpan, tekan Kirim lagi nanti.
limit-day = ⏳ Anda sudah mengirim { $max } kiriman hari ini. Coba lagi besok; draf ini tetap tersimpan, tekan Kirim lagi nanti.
too-big = File ini { $size } MB, lebih besar dari batas { $max } MB yang bisa diterima bot. Kecilkan atau potong filenya, lalu kirim lagi.
album-too-many = Album paling banyak { $max } foto atau video. Foto ke-{ $position } tidak ikut; kirim sebagai kiriman baru bila perlu.
unsupported = Maaf, saya belum bisa menerima { $what }. Yang bisa saya terima: teks, foto (boleh album), video, dan dokumen.
unsupported-sticker = stiker
unsupported-voice = pesan suara
unsupported-video-note = video bulat
unsupported-audio = audio
unsupported-location = lokasi
unsupported-contact = kontak
unsupported-poll = polling
unsupported-dice = dadu
unsupported-animation = GIF
unsupported-other = jenis pesan ini
forward-not-allowed = Pesan terusan dari kanal tidak bisa dikirim. Kirim berita dari kegiatan KIM Anda sendiri: ketik ceritanya dan sertakan foto Anda.
status-title = 📋 <b>Kiriman terakhir Anda</b>
status-empty = Anda belum punya kiriman. Kirim berita atau foto ke sini, atau ketik /kirim.
status-line = #{ $id } · { $date } · { $kind } · { $state }
status-withdraw-hint = Kiriman yang masih menunggu bisa ditarik kembali dengan tombol di bawah.
withdraw-button = ↩️ Tarik #{ $id }
withdraw-confirm = Tarik kembali kiriman #{ $id }? Admin tidak akan memeriksanya lagi.
withdraw-yes = Ya, tarik
withdraw-no = Tidak
withdrawn = ↩️ Kiriman #{ $id } sudah ditarik kembali.
withdraw-too-late = Kiriman #{ $id } tidak bisa ditarik lagi: statusnya { $state }.
state-pending = ⏳ menunggu pemeriksaan
state-revision = ✏️ perlu revisi
state-approved = ✅ disetujui
state-published = 📢 terbit
state-rejected = ❌ ditolak
state-hoax = 🚫 ditandai hoaks
state-withdrawn = ↩️ ditarik
state-publish_failed = ⚠️ gagal terbit, sedang ditangani admin
state-draft = 📝 draf
state-cancelled = dibatalkan
## Guided flow (/kirim).
guided-what = 🧭 <b>Kirim berita langkah demi langkah</b> (ketik /batal untuk berhenti)

    1/4 — <b>Apa yang terjadi?</b> Ceritakan singkat beritanya.
guided-where = 2/4 — <b>Di mana?</b> (nama desa, tempat)
guided-when = 3/4 — <b>Kapan?</b> (misalnya: Senin, 24 November 2026)
guided-when-today = Hari ini
guided-photos = 4/4 — <b>Foto</b>: kirim satu atau beberapa foto kegiatan. Tekan <b>Selesai</b> bila sudah, atau <b>Lewati</b> bila tidak ada foto.
guided-photo-received = 📷 Foto { $count } diterima. Kirim lagi, atau tekan Selesai.
guided-done = ✅ Selesai
guided-skip = Lewati
guided-need-text = Mohon jawab dengan teks (atau /batal untuk berhenti).
guided-need-photo = Kirim foto, atau tekan Selesai / Lewati.
guided-too-many = Sudah { $max } foto, batas satu kiriman. Tekan Selesai.
guided-summary-where = 📍 { $where }
guided-summary-when = 🗓️ { $when }
cancelled = ❌ Dibatalkan. Tidak ada yang dikirim.
nothing-to-cancel = Tidak ada yang sedang berjalan.
