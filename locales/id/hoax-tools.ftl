## /cek and /hoaks: screening on demand and the known-claims collection.

check-usage = Tulis teks yang ingin diperiksa setelah /cek, atau balas sebuah pesan dengan /cek.
check-title = 🔎 <b>Hasil pemeriksaan</b>
check-footer = <i>Ini alat bantu, bukan putusan. Pastikan lewat sumber resmi atau cekfakta.com.</i>
check-no-reasons = Tidak ada tanda-tanda hoaks yang dikenali.
claims-title = 🗂️ <b>Klaim hoaks yang dikenal</b>: { $total }
claims-line = #{ $id } · { $origin } · "{ $text }"{ $source }
claims-empty = Belum ada klaim hoaks yang tercatat.
claims-usage =
    Perintah /hoaks:
    /hoaks — daftar klaim terbaru
    /hoaks tambah teks klaim | https://sumber-cek-fakta
    /hoaks hapus 12
    /hoaks sumber — sumber cek fakta otomatis dan kapan terakhir berhasil dibaca
    Kirim file CSV/JSON dengan keterangan /hoaks impor (kolom: klaim, status, sumber)
claims-added = ✅ Klaim #{ $id } ditambahkan.
claims-removed = 🗑️ Klaim #{ $id } dihapus dari pencocokan.
claims-not-found = Klaim #{ $id } tidak ditemukan.
claims-invalid = ❌ { $reason }
claims-import-report =
    📥 <b>Impor klaim selesai</b>
    Baru: { $created } · Sudah ada: { $duplicates } · Ditolak: { $rejected }
