## Activity reports, charts, CSV headers and the reminder schedule (src/reports, src/domain/reminders).
## Messages are HTML: names are escaped before they get here.

report-title = 📊 <b>Laporan keaktifan KIM</b>
report-period = 🗓 { $from } – { $to }
report-overview = 👥 { $active } dari { $kims } KIM mengirim · 📝 { $submissions } kiriman · 📢 { $published } terbit
report-content = 📰 { $articles } artikel · 📷 { $photos } foto · ⏱ median keputusan { $hours } jam
report-content-no-decisions = 📰 { $articles } artikel · 📷 { $photos } foto
report-groups = 🟢 { $aktif } aktif · 🟡 { $pembinaan } perlu pembinaan · 🔴 { $tidak } tidak aktif
report-group-aktif = Aktif
report-group-perlu-pembinaan = Perlu pembinaan
report-group-tidak-aktif = Tidak aktif
report-top-title = <b>🏆 KIM paling aktif</b>
report-top-item = { $rank }. { $kim } (Kec. { $kecamatan }) · skor { $score } · { $submissions } kiriman
report-improve-title = <b>🟡 Perlu pembinaan</b>
report-improve-item = • { $kim } (Kec. { $kecamatan }) · skor { $score } · aktif { $weeks } dari { $total } minggu
report-inactive-title = <b>🔴 Tidak aktif</b>
report-inactive-item = • { $kim } (Kec. { $kecamatan }) · terakhir kirim { $last }
report-inactive-never = • { $kim } (Kec. { $kecamatan }) · belum pernah mengirim
report-paused = ⏸ dijeda
report-kecamatan-title = <b>📍 Per kecamatan</b>
report-kecamatan-item = • { $kecamatan }: { $active }/{ $kims } KIM aktif · { $submissions } kiriman · { $published } terbit · skor rata-rata { $score }
report-more = … dan { $count } lainnya
report-empty = Belum ada KIM yang terdaftar.
report-score-note = Skor 0–100: konsistensi mingguan { $consistency }%, jumlah kiriman { $volume }%, kiriman diterima { $acceptance }%, kiriman terbaru { $recency }%.

report-chart-weekly-title = Kiriman terbit per minggu
report-chart-week = Minggu mulai
report-chart-published = Terbit
report-chart-weekly-top = { $shown } kecamatan teratas dari { $total }
report-chart-running-week = Minggu terakhir masih berjalan: dihitung sampai { $date }
report-chart-kecamatan = Kecamatan
report-chart-score-title = Skor keaktifan KIM
report-chart-score-top = { $shown } KIM teratas dari { $total }
report-chart-score = Skor (0–100)
report-chart-group = Kelompok

report-csv-kecamatan = Kecamatan
report-csv-kim = KIM
report-csv-kim-id = ID KIM
report-csv-score = Skor
report-csv-group = Kelompok
report-csv-submissions = Kiriman
report-csv-published = Terbit
report-csv-articles = Artikel
report-csv-photos = Foto
report-csv-decided = Diputuskan
report-csv-rejected = Ditolak
report-csv-rejection-pct = Persen ditolak
report-csv-flagged = Ditandai berisiko
report-csv-weeks-active = Minggu aktif
report-csv-weeks-counted = Minggu dihitung
report-csv-consistency-pct = Persen konsistensi
report-csv-streak-weeks = Minggu berturut-turut
report-csv-last-submission = Kiriman terakhir
report-csv-median-decision-hours = Median keputusan (jam)
report-csv-paused = Dijeda
report-yes = ya
report-no = tidak

report-schedule-weekly = Setiap { $days } pukul { $times }
report-schedule-daily = Setiap hari pukul { $times }
report-schedule-custom = Jadwal cron: { $expression }
report-weekday-1 = Senin
report-weekday-2 = Selasa
report-weekday-3 = Rabu
report-weekday-4 = Kamis
report-weekday-5 = Jumat
report-weekday-6 = Sabtu
report-weekday-7 = Minggu

## npm run activity:summary (src/cli/activity-summary.ts)
summary-cli-usage = Pemakaian: npm run activity:summary -- check | rebuild
summary-cli-no-database = Basis data { $file } tidak ada. Periksa DATABASE_URL.
summary-cli-rebuilt = Ringkasan keaktifan dibangun ulang: { $rows } baris dalam { $seconds } detik (zona { $zone }).
summary-cli-ok = Ringkasan keaktifan cocok dengan hitungan ulang dari kiriman: { $rows } baris (zona { $zone }).
summary-cli-other-zone = Ringkasan keaktifan dihitung untuk zona { $zone }, bukan { $expected }: bot membangunnya ulang saat mulai, atau jalankan npm run activity:summary -- rebuild.
summary-cli-wrong = { $count } dari { $rows } baris ringkasan keaktifan tidak cocok ({ $list }). Perbaiki dengan npm run activity:summary -- rebuild.
summary-cli-no-triggers = Pemicu (trigger) ringkasan keaktifan hilang: { $list }. Sebuah migrasi membangun ulang tabel Submission tanpa membuatnya lagi; laporan tetap benar tetapi lebih lambat sampai migrasi memperbaikinya.
