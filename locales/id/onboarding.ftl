## Onboarding: invite links, choosing a KIM, profile.

invite-invalid = Tautan undangan ini tidak berlaku lagi. Minta tautan baru ke admin Diskominfo, atau ketik /start untuk memilih KIM Anda.
invite-already = Anda sudah terdaftar sebagai anggota <b>{ $kim }</b>. 👍
join-confirm =
    Bergabung ke <b>{ $kim }</b> (Kecamatan { $kecamatan })?
    Nama Anda akan tampil sebagai: <b>{ $name }</b>
join-move-warning = ⚠️ Anda sekarang anggota <b>{ $current }</b>. Jika lanjut, Anda pindah ke KIM yang baru.
join-button-yes = ✅ Ya, gabung
join-button-rename = ✏️ Ganti nama
button-cancel = ❌ Batal
button-back = ⬅️ Kembali
button-next = Berikutnya ➡️
join-ask-name = Ketik nama yang ingin ditampilkan (2–64 huruf):
join-bad-name = Nama harus 2–64 huruf dan tidak diawali "/". Coba lagi:
join-done =
    🎉 Selamat bergabung di <b>{ $kim }</b>, { $name }!

    Kirim berita atau foto kegiatan KIM Anda langsung ke obrolan ini, atau ketik /kirim untuk dipandu langkah demi langkah.
join-cancelled = Baik, dibatalkan.
pick-kecamatan = Pilih kecamatan KIM Anda:
pick-kim = Pilih KIM di Kecamatan <b>{ $kecamatan }</b>:
pick-kecamatan-without = <i>Belum ada KIM terdaftar di: { $list }. Bila KIM Anda ada di sana, minta tautan undangan ke admin Diskominfo.</i>
pick-no-kim = Belum ada KIM terdaftar di kecamatan ini. Hubungi admin Diskominfo.
registry-empty = Daftar KIM belum diisi. Hubungi admin Diskominfo.
request-confirm =
    Kirim permintaan bergabung ke <b>{ $kim }</b> (Kecamatan { $kecamatan })?
    Nama Anda: <b>{ $name }</b>
    Admin akan memeriksa permintaan Anda.
request-button-send = ✅ Kirim permintaan
request-sent = 📨 Permintaan bergabung ke <b>{ $kim }</b> sudah dikirim. Anda akan diberi tahu setelah admin memeriksanya.
request-pending = ⏳ Permintaan Anda bergabung ke <b>{ $kim }</b> masih menunggu persetujuan admin.
request-approved = ✅ Permintaan Anda disetujui! Selamat bergabung di <b>{ $kim }</b>. Kirim berita atau foto kegiatan KIM Anda ke sini, atau ketik /kirim.
request-rejected = Maaf, permintaan Anda bergabung ke <b>{ $kim }</b> tidak disetujui. Hubungi admin Diskominfo bila ada pertanyaan.
admin-join-request =
    🙋 <b>Permintaan bergabung</b>
    Nama: { $name }{ $username }
    KIM: <b>{ $kim }</b> (Kec. { $kecamatan })
admin-join-approve = ✅ Setujui
admin-join-reject = ❌ Tolak
admin-join-approved = ✅ Disetujui oleh { $admin }
admin-join-rejected = ❌ Ditolak oleh { $admin }
admin-join-already = Permintaan ini sudah diputuskan.
welcome-member = Halo, { $name }! Anda anggota <b>{ $kim }</b>. Kirim berita atau foto ke sini, atau ketik /kirim. Ketik /bantuan untuk bantuan.
profile =
    👤 <b>Profil Anda</b>
    Nama: { $name }
    KIM: { $kim }
    Kecamatan: { $kecamatan }
    Status: { $status }
    Bergabung: { $joined }
    Kiriman: { $count }
profile-none = Anda belum terdaftar di KIM mana pun. Buka tautan undangan dari admin, atau ketik /start untuk memilih KIM.
status-active = aktif
status-pending = menunggu persetujuan
status-removed = dikeluarkan
status-none = belum terdaftar
not-registered = Anda belum terdaftar sebagai anggota KIM. Buka tautan undangan dari admin Diskominfo, atau ketik /start untuk memilih KIM Anda.
removed-notice = Anda tidak lagi terdaftar sebagai anggota <b>{ $kim }</b>. Hubungi admin Diskominfo bila ini keliru.
not-registered-removed = Anda tidak lagi terdaftar di KIM mana pun. Untuk bergabung lagi, buka tautan undangan dari admin Diskominfo atau ketik /start.
