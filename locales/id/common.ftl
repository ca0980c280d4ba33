## Common texts. Every message is sent as HTML: variables are escaped before they get here.

start-welcome =
    Halo, { $name }! 👋
    Saya <b>JEDI KIM Bot</b>, asisten Komunitas Informasi Masyarakat (KIM).

    Kirimkan berita, foto, atau kegiatan KIM Anda ke sini. Admin Diskominfo akan memeriksanya, lalu yang disetujui terbit di kanal publik.

    Ketik /bantuan untuk melihat cara pakai.
help =
    <b>Cara pakai JEDI KIM Bot</b>

    📝 Kirim teks, foto (boleh album), video, atau dokumen: saya akan menanyakan konfirmasi dulu.
    🧭 /kirim — kirim berita langkah demi langkah
    📋 /status — lihat kiriman Anda dan statusnya
    👤 /profil — lihat KIM dan status Anda
    🔎 /cek — periksa apakah sebuah pesan mirip hoaks
    ❌ /batal — batalkan langkah yang sedang berjalan

    Belum terdaftar? Minta tautan undangan KIM Anda ke admin, atau ketik /start untuk memilih KIM.
chat-id-group =
    ID grup ini: <code>{ $id }</code>
    Bila ini grup admin, isi ADMIN_CHAT_ID={ $id } di .env, jadikan bot admin grup, lalu mulai ulang bot.
chat-id-private =
    ID Telegram Anda: <code>{ $id }</code>
    Untuk nomor kanal: teruskan satu pos dari kanal itu ke obrolan ini.
chat-id-channel =
    ID kanal ini: <code>{ $id }</code>
channel-id =
    Kanal "{ $title }"{ $username }: <code>{ $id }</code>
    Isi CHANNEL_ID={ $id } di .env, jadikan bot admin kanal dengan hak Kirim pesan, lalu mulai ulang bot.
error-saved = Maaf, ada gangguan sesaat. Pesan Anda sudah tersimpan; pratinjaunya akan menyusul sebentar lagi. 🙏
too-fast = ⏳ Terlalu cepat. Tunggu sebentar, lalu kirim lagi ya.
error-storage = Maaf, server sedang bermasalah sehingga pesan Anda belum bisa disimpan. Coba kirim lagi nanti. 🙏
error-not-saved = Maaf, ada gangguan sesaat dan pesan ini belum diproses. Silakan kirim lagi sebentar lagi. 🙏
unhandled = Maaf, saya belum mengerti pesan itu. Ketik /bantuan untuk melihat yang bisa saya lakukan.
command-start = Mulai
command-help = Bantuan
menu-kirim = Kirim berita langkah demi langkah
menu-status = Kiriman saya dan statusnya
menu-profil = KIM dan status keanggotaan saya
menu-cek = Periksa apakah pesan mirip hoaks
menu-batal = Batalkan langkah yang berjalan
menu-bantuan = Cara pakai bot
menu-admin-antrian = Kiriman yang menunggu pemeriksaan
menu-admin-riwayat = Riwayat satu kiriman
menu-admin-hoaks = Klaim hoaks yang dikenal
menu-admin-cek = Periksa teks
menu-admin-undangan = Tautan undangan KIM
menu-admin-anggota = Anggota satu KIM
menu-admin-kim = Daftar KIM
menu-admin-laporan = Laporan indikator aktivitas KIM
menu-admin-pengingat = Pengingat mingguan: cek atau kirim
