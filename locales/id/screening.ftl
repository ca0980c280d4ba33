# Penyaringan disinformasi: tingkat risiko dan alasannya, untuk admin.
# Alasan diurutkan dari yang paling berat.

screening-title = Penyaringan hoaks
screening-level-low = Risiko rendah
screening-level-medium = Risiko sedang: mohon diperiksa
screening-level-high = Risiko tinggi: periksa dengan teliti
screening-score = Skor risiko: { $score }
screening-closest-claims = Klaim hoaks terdekat:

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
screening-reason-classifier = Model belajar menilai { $percent }% mirip hoaks (kata: { $words })
screening-reason-classifier-not-ready = Model belajar belum aktif: baru { $count } keputusan admin ({ $hoax } hoaks, { $valid } valid; perlu { $needed } tiap jenis)
