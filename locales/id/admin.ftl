## Admin group: registry, invites, members.

import-usage = Kirim file CSV (kolom: kecamatan,desa,nama_kim) sebagai dokumen dengan keterangan /impor.
import-not-csv = File harus berformat CSV (.csv), paling besar 1 MB.
import-bad-file = ❌ File tidak bisa dibaca: { $reason }
import-report =
    📥 <b>Impor daftar KIM selesai</b>
    Baru: { $kecamatan } kecamatan, { $desa } desa, { $kim } KIM
    Diperbarui: { $updated } KIM · Tidak berubah: { $unchanged } KIM
    Ditolak: { $rejected } baris
import-rejected-line = • baris { $line }: { $reason }
invites-title = 🔗 <b>Tautan undangan KIM</b>
invites-line = <b>{ $kim }</b> (Kec. { $kecamatan })
    { $link }
invites-none = Tidak ada KIM yang cocok dengan "{ $query }".
invites-usage-renew = Tulis nama KIM: /undangan_baru KIM Hapau Habar
invites-ambiguous = Ada { $count } KIM yang cocok. Tulis nama lebih lengkap:
invites-renewed = 🔄 Tautan undangan <b>{ $kim }</b> diganti. Tautan lama tidak berlaku lagi.
    { $link }
members-usage = Tulis nama KIM: /anggota KIM Hapau Habar
members-title = 👥 <b>Anggota { $kim }</b> ({ $count })
members-line = • { $name }{ $username } — ID <code>{ $id }</code>{ $blocked }
members-blocked = (memblokir bot)
members-none = Belum ada anggota.
remove-usage = Tulis ID Telegram anggota: /keluarkan 123456789 (lihat ID dengan /anggota)
remove-done = ✅ { $name } dikeluarkan dari { $kim }.
member-not-found = Anggota dengan ID itu tidak ditemukan.
move-usage = Tulis ID anggota lalu nama KIM: /pindah 123456789 KIM Pawawara
move-done = ✅ { $name } dipindahkan ke { $kim }.
moved-notice = Admin memindahkan Anda ke <b>{ $kim }</b>.
registry-title = 🗂️ <b>Daftar KIM</b> ({ $kims } KIM di { $kecamatans } kecamatan)
registry-kecamatan = <b>{ $name }</b>
registry-kim = • { $name }{ $desa } — { $members } anggota{ $sample }
registry-sample = (contoh)
