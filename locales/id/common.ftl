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
help-guest =
    <b>Cara pakai JEDI KIM Bot</b>

    Bot ini untuk anggota Komunitas Informasi Masyarakat (KIM). Untuk bergabung:
    🔗 buka tautan undangan KIM Anda dari admin Diskominfo, atau
    🧭 ketik /start lalu pilih kecamatan dan KIM Anda (admin akan menyetujuinya).
    Setelah terdaftar, Anda bisa mengirim berita dan foto ke sini.

    🔎 /cek teks — sementara itu, siapa pun bisa memeriksa apakah sebuah pesan mirip hoaks.
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
menu-admin-dasbor = Dasbor web: indikator, tabel dan grafik KIM
menu-admin-pengingat = Pengingat mingguan: cek atau kirim
menu-admin-terbitkan_ulang = Terbitkan lagi kiriman yang gagal terbit
menu-admin-impor = Impor daftar KIM (CSV dengan keterangan /impor)
menu-admin-undangan_baru = Ganti tautan undangan satu KIM
menu-admin-keluarkan = Keluarkan anggota dari KIM-nya
menu-admin-pindah = Pindahkan anggota ke KIM lain
menu-admin-jeda = Jeda pengingat satu KIM
menu-admin-lanjut = Lanjutkan pengingat satu KIM
menu-admin-periksa = Periksa pengaturan bot, grup dan kanal
menu-admin-id = Nomor (ID) obrolan ini
menu-admin-bantuan = Daftar perintah admin
admin-help-title =
    🧭 <b>Perintah grup admin</b>
    Tombol di kartu kiriman: ✅ Setujui · ❌ Tolak · ✏️ Minta revisi · 🚫 Hoaks.
admin-help-antrian = /antrian — kiriman yang menunggu keputusan, terlama dulu, dengan tautan ke kartunya
admin-help-riwayat = /riwayat 128 — riwayat satu kiriman: siapa melakukan apa, kapan, dan versi revisinya
admin-help-terbitkan_ulang = /terbitkan_ulang 128 — terbitkan lagi kiriman yang gagal terbit, setelah masalahnya diperbaiki
admin-help-cek = /cek teks — periksa apakah sebuah teks mirip hoaks (atau balas sebuah pesan dengan /cek)
admin-help-hoaks = /hoaks — klaim hoaks yang dikenal; /hoaks tambah teks | tautan sumber; /hoaks hapus 12; /hoaks sumber; berkas CSV/JSON dengan keterangan /hoaks impor
admin-help-kim = /kim — daftar KIM per kecamatan dengan jumlah anggota
admin-help-impor = /impor — kirim berkas CSV (kecamatan,desa,nama_kim) dengan keterangan /impor untuk menambah atau memperbarui daftar KIM
admin-help-undangan = /undangan [nama KIM] — tautan undangan semua KIM atau satu KIM
admin-help-undangan_baru = /undangan_baru nama KIM — ganti kode undangan satu KIM (tautan lama berhenti berlaku)
admin-help-anggota = /anggota nama KIM — anggota satu KIM dengan ID Telegram mereka
admin-help-keluarkan = /keluarkan ID — keluarkan seorang anggota dari KIM-nya (anggota diberi tahu)
admin-help-pindah = /pindah ID nama KIM — pindahkan seorang anggota ke KIM lain
admin-help-laporan = /laporan [periode] — indikator aktivitas: ringkasan, dua grafik dan tabel CSV (minggu-ini, 4-minggu, bulan-ini, 2026-11, 12-bulan, 2026-11-01..2026-11-30)
admin-help-dasbor = /dasbor — buka dasbor web (indikator, tabel semua KIM, grafik, halaman tiap KIM); di obrolan pribadi: tautan masuk sekali pakai
admin-help-pengingat = /pengingat cek — pratinjau pengingat berikutnya; /pengingat kirim — kirim sekarang ke KIM yang belum aktif
admin-help-jeda = /jeda nama KIM [| YYYY-MM-DD] — hentikan pengingat satu KIM (sampai tanggal itu)
admin-help-lanjut = /lanjut nama KIM — lanjutkan pengingat satu KIM
admin-help-periksa = /periksa — periksa token, grup admin dan kanal; tugas yang tertahan dilanjutkan bila semua beres
admin-help-id = /id — nomor obrolan ini (untuk ADMIN_CHAT_ID); teruskan pos kanal ke bot di obrolan pribadi untuk nomor kanal
admin-help-bantuan = /bantuan — daftar ini
