## Review cards in the admin group, decisions and publishing.

card-title = 📥 <b>Kiriman #{ $id }</b> · { $kind }
card-sender = 👤 { $name }{ $username } · <b>{ $kim }</b> · Kec. { $kecamatan }
card-time = 🕒 { $time }
card-record = 📊 { $days } hari terakhir: { $published } terbit · { $rejected } ditolak · { $hoax } hoaks · { $flagged } ditandai
card-revision-of = ↩️ Revisi dari #{ $id }
card-not-screened = 🔎 Skrining: belum diperiksa
card-screening = Skrining: { $level } · skor { $score }
card-decided-approved = ✅ Disetujui oleh { $admin } · { $time }
card-decided-rejected = ❌ Ditolak oleh { $admin } · { $time }
    Alasan: { $reason }
card-decided-hoax = 🚫 Ditandai hoaks oleh { $admin } · { $time }
card-decided-revision = ✏️ Revisi diminta oleh { $admin } · { $time }
    Catatan: { $reason }
card-decided-withdrawn = ↩️ Ditarik kembali oleh pengirim · { $time }
card-published = 📢 Terbit: { $link }
card-publish-failed = ⚠️ Gagal terbit. Ketik /terbitkan_ulang { $id } setelah masalahnya diperbaiki.
review-approve = ✅ Setujui
review-reject = ❌ Tolak
review-revision = ✏️ Minta revisi
review-hoax = 🚫 Hoaks
review-back = ⬅️ Kembali
review-flag-confirm = ⚠️ Ya, tetap setujui
review-flag-warning = ⚠️ Kiriman ini ditandai berisiko. Periksa alasannya, lalu tekan "Ya, tetap setujui" bila sudah yakin.
review-hoax-confirm = 🚫 Ya, tandai hoaks
review-hoax-warning = Tandai sebagai hoaks? Teks dan fotonya disimpan sebagai klaim keliru untuk skrining berikutnya.
review-reject-typed = ✍️ Tulis alasan
reject-preset-0 = Kurang layak diberitakan
reject-preset-1 = Kualitas foto kurang baik
reject-preset-2 = Informasi belum terverifikasi
reject-preset-3 = Duplikat kiriman lain
ask-reject-reason = ✍️ Balas pesan ini dengan alasan penolakan kiriman #{ $id }.
ask-revision-note = ✏️ Balas pesan ini dengan catatan revisi untuk kiriman #{ $id }.
review-not-admin = Hanya anggota grup admin yang bisa memutuskan.
review-already = Sudah diputuskan oleh { $admin } ({ $state }).
review-stale = Tombol ini sudah tidak berlaku.
member-rejected =
    Kiriman #{ $id } belum bisa diterbitkan.
    Alasan: { $reason }
    Jangan berkecil hati: perbaiki lalu kirim lagi ya! 🙏
member-revision =
    ✏️ Admin meminta perbaikan untuk kiriman #{ $id }:
    <i>{ $note }</i>

    Tekan tombol di bawah, lalu kirim versi perbaikannya.
member-revision-button = ✏️ Kirim perbaikan
revise-send-now = Silakan kirim versi perbaikan kiriman #{ $id } sekarang (teks, foto, video, atau dokumen).
member-hoax =
    🚫 Kiriman #{ $id } tidak diterbitkan karena memuat informasi yang sudah dinyatakan keliru (hoaks).
    Terima kasih sudah peduli berbagi informasi. Sebelum menyebarkan kabar, cek dulu kebenarannya di cekfakta.com atau turnbackhoax.id, atau tanyakan ke admin dengan /cek. 🙏
member-published = 📢 Kiriman #{ $id } sudah terbit di kanal: { $link }
    Terima kasih atas kontribusinya! 🙌
post-attribution = 📍 <b>{ $kim }</b> · Kecamatan { $kecamatan }
publish-failed-alert =
    ⚠️ <b>Kiriman #{ $id } gagal terbit</b>
    Alasan: { $reason }
    Perbaiki masalahnya (misalnya pastikan bot admin kanal), lalu ketik /terbitkan_ulang { $id }.
republish-usage = Tulis nomor kiriman: /terbitkan_ulang 128
republish-done = 🔄 Kiriman #{ $id } dijadwalkan terbit ulang.
republish-not-failed = Kiriman #{ $id } tidak dalam status gagal terbit.
queue-title = 🗂️ <b>Antrian pemeriksaan</b>: { $total } kiriman menunggu
queue-empty = ✅ Tidak ada kiriman yang menunggu.
queue-line = #{ $id } · { $age } · { $kim } — { $link }
queue-sending = 📤 { $count } pesan menunggu giliran dikirim ke grup ini (Telegram membatasi sekitar 20 pesan per menit; kartu kiriman didahulukan).
queue-requeued = 🔁 { $count } kiriman belum punya kartu di grup ini; kartunya dikirim ulang sekarang.
queue-more = …dan { $count } lainnya.
stale-announcement = ⏰ <b>Masih menunggu keputusan</b> (lebih dari { $hours } jam):
history-title = 📜 <b>Riwayat kiriman #{ $id }</b>
history-usage = Tulis nomor kiriman: /riwayat 128
reference-unknown = Tidak ada kiriman bernomor { $ref }. Tulis nomornya seperti 128 atau #128.
history-none = Kiriman #{ $id } tidak ditemukan.
age-hours = { $n } jam
age-days = { $n } hari
history-event = { $time } · { $what }
history-bot = bot
history-sent = dikirim oleh { $who }
history-approved = disetujui oleh { $who }
history-published = terbit di kanal: { $link }
history-rejected = ditolak oleh { $who }: { $reason }
history-hoax = ditandai hoaks oleh { $who }
history-revision = diminta revisi oleh { $who }: { $note }
history-withdrawn = ditarik kembali oleh pengirimnya ({ $who })
history-publish-failed = gagal terbit: { $reason }
history-republish = dijadwalkan terbit ulang oleh { $who }
history-removed = dihapus dari kanal oleh { $who }
history-recheck-alert = diperiksa ulang: mirip klaim hoaks baru #{ $claim }, admin diberi tahu
history-rechecked = diperiksa ulang terhadap klaim hoaks baru #{ $claim }
history-post-deleted = pos di kanal terhapus
history-post-delete-failed = pos di kanal belum terhapus: { $reason }
history-claim-added = disimpan sebagai klaim hoaks #{ $claim }
history-other = tercatat oleh { $who }
history-earlier = ↩️ Versi sebelumnya: #{ $id }
history-later = ↪️ Versi perbaikan: { $ids }
reason-needs-reply = ✍️ Agar tercatat untuk kiriman #{ $id }, balas (reply) pesan permintaan di atas dengan alasan atau catatan Anda.
review-done-approve = ✅ Disetujui, terbit sebentar lagi.
review-done-reject = ❌ Ditolak; pengirim diberi tahu.
review-done-hoax = 🚫 Ditandai hoaks; klaimnya disimpan untuk skrining.
review-done-revision = ✏️ Revisi diminta; pengirim diberi tahu.
card-member-unreachable = ⚠️ Pengirim tidak bisa diberi tahu: ia memblokir bot.
