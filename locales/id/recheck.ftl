## Issue 11: fact-check feeds (/hoaks sumber) and the re-check of what is already out.

sources-none = Belum ada sumber cek fakta. Isi FACTCHECK_FEEDS (tautan RSS, Atom, atau JSON Feed) lalu mulai ulang bot.
sources-never = belum pernah
sources-title = 📡 <b>Sumber cek fakta</b>: { $count }
sources-line =
    ✅ <b>{ $name }</b>
    { $url }
    Terakhir berhasil: { $success } · { $items } butir · { $added } klaim ditambahkan
sources-line-failing =
    ⚠️ <b>{ $name }</b>
    { $url }
    Terakhir berhasil: { $success } · { $items } butir · { $added } klaim ditambahkan
sources-error = Percobaan terakhir ({ $attempt }) gagal: { $error }
recheck-card-line = 🔁 Diperiksa ulang: mirip klaim baru #{ $id } dari { $publisher } ({ $percent } %)
recheck-card-line-image = 🔁 Diperiksa ulang: fotonya mirip foto hoaks baru #{ $id } dari { $publisher }
recheck-source-hoax-mark = keputusan admin
recheck-source-admin = daftar admin
recheck-alert =
    🔁 <b>Kiriman #{ $id } yang sudah terbit mirip klaim hoaks baru dari { $publisher }</b>: "{ $claim }" ({ $percent } %) — tinjau atau hapus dari kanal.
    KIM: { $kim }
    Postingan: { $post }
    Cek fakta: { $source }
recheck-alert-image =
    🔁 <b>Kiriman #{ $id } yang sudah terbit memuat foto yang mirip foto hoaks baru dari { $publisher }</b>: "{ $claim }" — tinjau atau hapus dari kanal.
    KIM: { $kim }
    Postingan: { $post }
    Cek fakta: { $source }
recheck-remove-button = 🗑️ Hapus dari kanal
recheck-remove-confirm = Ya, hapus dari kanal
recheck-remove-warning = Kiriman #{ $id } akan dihapus dari kanal (semua pesannya) dan pengirim diberi tahu. Tekan "Ya, hapus dari kanal" untuk melanjutkan.
recheck-not-admin = Hanya anggota grup admin yang bisa menghapus postingan dari kanal.
recheck-already-removed = Kiriman #{ $id } sudah dihapus dari kanal oleh { $admin }.
recheck-not-published = Kiriman #{ $id } tidak sedang terbit ({ $state }).
recheck-removed-answer = Kiriman #{ $id } dihapus dari kanal.
recheck-removed = 🗑️ Kiriman #{ $id } dihapus dari kanal oleh { $admin }. Pengirim sudah diberi tahu.
recheck-delete-failed =
    ⚠️ <b>Kiriman #{ $id } tidak bisa dihapus dari kanal</b>
    Alasan: { $reason }
    Hapus secara manual: { $post }
card-removed = 🗑️ Dihapus dari kanal setelah pemeriksaan ulang (lihat /riwayat { $id })
state-removed = 🗑️ dihapus dari kanal
member-post-removed =
    🙏 Kiriman #{ $id } kami turunkan dari kanal. Setelah terbit, ternyata isinya mirip dengan kabar yang sudah dinyatakan keliru oleh pemeriksa fakta.
    Ini bukan berarti Anda sengaja — kabar seperti ini memang sering beredar. Terima kasih sudah terus berbagi informasi; sebelum mengirim, cek dulu di cekfakta.com atau turnbackhoax.id, atau tanyakan dengan /cek.
