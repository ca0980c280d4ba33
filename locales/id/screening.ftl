# Penyaringan disinformasi: peluang hoaks, tingkat risiko dan alasannya, untuk admin.
# Peluang dihitung dari tingkat hoaks yang tercatat di kabupaten ini, lalu dinaikkan atau
# diturunkan oleh setiap tanda. Alasan diurutkan dari yang paling berat.

screening-title = Penyaringan hoaks
screening-level-low = Risiko rendah
screening-level-medium = Risiko sedang: mohon diperiksa
screening-level-high = Risiko tinggi: periksa dengan teliti
screening-score = Skor risiko: { $score }
screening-card-level = Skrining: { $level } · peluang hoaks { $percent } %
screening-closest-claims = Klaim hoaks terdekat:

# Dasar penilaian, dalam kata-kata, dari yang paling berat.
screening-basis = Dasar: { $basis }
screening-basis-known-claim = mirip klaim hoaks yang dikenal, { $similarity } %
screening-basis-known-image = gambar mirip gambar hoaks yang dikenal
screening-basis-classifier = mirip kiriman yang ditandai hoaks oleh admin ({ $percent } % menurut model belajar dari { $count } keputusan)
screening-basis-style = gaya pesan berantai: { $parts }
screening-basis-links = tautan mencurigakan: { $parts }
screening-basis-none = tidak ada tanda mencurigakan yang berarti
screening-prior = Titik awal: { $percent } % kiriman di sini ternyata hoaks ({ $count } keputusan admin)
screening-prior-default = Titik awal: perkiraan { $percent } % kiriman adalah hoaks (belum cukup keputusan admin)

screening-part-cue-spread = ajakan menyebarkan
screening-part-cue-urgency = nada mendesak
screening-part-cue-attribution = sumber tidak jelas
screening-part-cue-assurance = meyakinkan tanpa bukti
screening-part-cue-miracle = pengobatan ajaib
screening-part-cue-money = iming-iming uang
screening-part-cue-conspiracy = bahasa konspirasi
screening-part-cue-clarification = nada klarifikasi
screening-part-shouting = huruf kapital
screening-part-punctuation = tanda seru berlebihan
screening-part-link-shortener = tautan pemendek
screening-part-link-hoax-domain = situs hoaks tercatat
screening-part-link-mismatch = teks tautan menyesatkan
screening-part-link-impersonation = meniru nama lembaga

screening-reason-known-claim = Mirip klaim hoaks yang sudah dikenal ({ $similarity }%): "{ $claim }"
screening-reason-known-image = Gambar mirip gambar hoaks yang sudah dikenal (selisih { $distance } bit)
screening-reason-cue-spread = Ajakan menyebarkan: "{ $phrase }"
screening-reason-cue-urgency = Nada mendesak atau menakut-nakuti: "{ $phrase }"
screening-reason-cue-attribution = Sumber tidak jelas: "{ $phrase }"
screening-reason-cue-assurance = Meyakinkan tanpa bukti: "{ $phrase }"
screening-reason-cue-miracle = Klaim pengobatan ajaib: "{ $phrase }"
screening-reason-cue-money = Iming-iming uang atau hadiah: "{ $phrase }"
screening-reason-cue-conspiracy = Bahasa teori konspirasi: "{ $phrase }"
screening-reason-cue-clarification = Tampak seperti klarifikasi atau bantahan resmi: "{ $phrase }"
screening-reason-shouting = Banyak huruf kapital ({ $percent }% huruf)
screening-reason-punctuation = Tanda seru/tanya berlebihan ("{ $sample }", { $count } kali)
screening-reason-link-shortener = Tautan pemendek menyembunyikan alamat asli: { $domain }
screening-reason-link-hoax-domain = Tautan ke situs yang tercatat menyebarkan hoaks/satire: { $domain }
screening-reason-link-mismatch = Teks tautan menampilkan { $shown }, tetapi mengarah ke { $target }
screening-reason-link-impersonation = Alamat tautan memakai nama "{ $word }" tapi bukan situs resmi: { $domain }
screening-reason-classifier = Model belajar dari { $count } keputusan admin: { $percent }% kiriman seperti ini ternyata hoaks (kata: { $words })
screening-reason-classifier-not-ready = Model belajar belum aktif: baru { $count } keputusan admin ({ $hoax } hoaks, { $valid } valid; perlu { $needed } tiap jenis)
screening-reason-ordinary = Mirip kiriman biasa warga (pengumuman, kegiatan, peringatan resmi)
screening-images-unchecked = ⚠️ { $count } foto belum bisa diperiksa (Telegram tidak memberikannya); periksa sendiri sebelum memutuskan.
screening-member-level = { $level }
screening-basis-classifier-member = mirip kiriman yang pernah dinyatakan hoaks
