// Benchmarks the known-claim index and full screening on synthetic data.
//
//   tsx src/cli/bench-screening.ts [--sizes 1000,10000,100000] [--queries 2000] [--linear 200]
//
// For each collection size it builds a Screener with that many synthetic false claims
// (deterministic: seeded generator over an Indonesian-like vocabulary with a Zipf word
// distribution), screens query messages (40 % contain a known claim in a longer text with slang
// and re-ordering, 60 % do not) and reports median / p99 per screen and per index search, build
// and incremental-add times, memory, the hit rate on planted claims, and a plain linear scan that
// computes the same similarity over every claim. The last line is one JSON object.
import { blendedSimilarity } from "../domain/screening/claim-index.js";
import { mulberry32 } from "../domain/screening/eval.js";
import { tokens } from "../domain/screening/normalize.js";
import { Screener } from "../domain/screening/screen.js";

const BASE_WORDS = (
  "warga desa kecamatan kabupaten pemerintah bantuan vaksin puskesmas sekolah anak ibu bapak jalan banjir " +
  "gempa listrik air beras harga pasar polisi kepala dinas kesehatan petani sawah panen hujan sungai jembatan " +
  "masjid pengajian posyandu balita imunisasi obat dokter rumah sakit pasien virus corona covid kartu ktp " +
  "uang dana tunai transfer hadiah kuota pulsa internet whatsapp grup pesan berita informasi kabar resmi " +
  "presiden menteri gubernur bupati camat lurah rapat musyawarah gotong royong kerja bakti sampah lomba juara " +
  "pelatihan penyuluhan pertanian pupuk subsidi minyak gula telur ayam ikan garam kelapa jahe kunyit madu " +
  "kanker diabetes jantung darah tinggi malam pagi siang besok kemarin minggu bulan tahun ribu juta rupiah " +
  "selatan utara timur barat pantai gunung hutan kebun ladang tambak nelayan pedagang pasar murah sembako " +
  "mengandung menyebabkan membuat meminta mengirim menerima membagikan mendaftar memblokir menghentikan " +
  "dilarang diwajibkan dibagikan disebarkan ditangkap diblokir diumumkan dibangun diperbaiki ditutup"
).split(" ");

const SLANG: Record<string, string> = { yang: "yg", tidak: "gak", dengan: "dgn", untuk: "utk", sudah: "udh", karena: "krn" };
const FILLERS = "yang dan di ke dari untuk dengan tidak sudah karena ini itu akan juga".split(" ");

interface Options {
  sizes: number[];
  queries: number;
  linear: number;
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { sizes: [1_000, 10_000, 100_000], queries: 2_000, linear: 200 };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1] ?? "";
    if (argv[i] === "--sizes") options.sizes = value.split(",").map(Number);
    else if (argv[i] === "--queries") options.queries = Number(value);
    else if (argv[i] === "--linear") options.linear = Number(value);
    else continue;
    i++;
  }
  return options;
}

/** A vocabulary of real words plus pronounceable synthetic ones, so the index sees a long tail. */
function vocabulary(random: () => number, size: number): string[] {
  const syllables = "ba be bi bo bu da di du ga gi ka ke ki ko ku la li lu ma me mi mu na ni nu pa pe pi ra ri ru sa se si su ta te ti tu ja jo wa ya".split(" ");
  const words = new Set(BASE_WORDS);
  while (words.size < size) {
    let w = "";
    const n = 2 + Math.floor(random() * 3);
    for (let i = 0; i < n; i++) w += syllables[Math.floor(random() * syllables.length)];
    words.add(w + (random() < 0.3 ? "ng" : ""));
  }
  return [...words];
}

/** Zipf(s = 1) sampler over ranks 0..n-1 by inverse CDF on precomputed cumulative weights. */
function zipf(random: () => number, n: number): () => number {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cumulative[i] = sum += 1 / (i + 1);
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function sentence(random: () => number, pick: () => number, vocab: readonly string[], min: number, max: number): string[] {
  const length = min + Math.floor(random() * (max - min + 1));
  return Array.from({ length }, () => vocab[pick()] as string);
}

/** A claim as it circulates again: slang, a few words swapped, inside a longer message. */
function disguise(random: () => number, claim: string[], filler: () => string[]): string {
  const words = claim.map((w) => (random() < 0.5 ? SLANG[w] ?? w : w));
  for (let i = 0; i < 2; i++) {
    const a = Math.floor(random() * words.length);
    const b = Math.floor(random() * words.length);
    [words[a], words[b]] = [words[b] as string, words[a] as string];
  }
  return [...filler(), ...words, ...filler()].join(" ");
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function stats(samples: number[]): { median: number; p99: number; mean: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length);
  return { median: r3(percentile(sorted, 50)), p99: r3(percentile(sorted, 99)), mean: r3(mean) };
}

function r3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function memory(): { heapUsed: number; rss: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, rss: m.rss };
}

function benchSize(size: number, options: Options) {
  const random = mulberry32(size);
  const vocab = vocabulary(random, 30_000);
  const pick = zipf(random, vocab.length);
  const claims = Array.from({ length: size }, () => sentence(random, pick, vocab, 8, 20));
  const filler = () => [
    ...sentence(random, pick, vocab, 5, 25),
    ...Array.from({ length: 4 }, () => FILLERS[Math.floor(random() * FILLERS.length)] as string),
  ];

  const before = memory();
  const screener = new Screener();
  // Train the classifier a little so screen() does the work it does in production.
  for (let i = 0; i < 60; i++) {
    screener.learn(sentence(random, pick, vocab, 10, 40).join(" "), i % 2 === 0 ? "hoax" : "valid");
  }
  const buildStart = performance.now();
  claims.forEach((claim, i) => screener.addClaim(`c${i}`, claim.join(" ")));
  const buildMs = performance.now() - buildStart;
  const after = memory();

  const addTimes: number[] = [];
  for (let i = 0; i < 1_000; i++) {
    const text = sentence(random, pick, vocab, 8, 20).join(" ");
    const t0 = performance.now();
    screener.addClaim(`extra${i}`, text);
    addTimes.push(performance.now() - t0);
  }
  const removeTimes: number[] = [];
  for (let i = 0; i < 1_000; i++) {
    const t0 = performance.now();
    screener.removeClaim(`extra${i}`);
    removeTimes.push(performance.now() - t0);
  }

  const queries: Array<{ text: string; planted?: string }> = Array.from({ length: options.queries }, () => {
    if (random() < 0.4) {
      const index = Math.floor(random() * size);
      return { text: disguise(random, claims[index] as string[], filler), planted: `c${index}` };
    }
    return { text: sentence(random, pick, vocab, 20, 60).join(" ") };
  });
  // Warm-up: JIT and the stem cache, so the timings describe the steady state of a running bot.
  for (const q of queries.slice(0, 200)) screener.screen({ text: q.text });

  // Two passes, each after a collection, so garbage from one kind of call does not land as
  // a GC pause in the other's timings.
  memory();
  const screenTimes: number[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    screener.screen({ text: q.text });
    screenTimes.push(performance.now() - t0);
  }
  const queryTokens = queries.map((q) => tokens(q.text));
  memory();
  const searchTimes: number[] = [];
  let planted = 0;
  let found = 0;
  let falseStrong = 0;
  queries.forEach((q, i) => {
    const t0 = performance.now();
    const top = screener.claims.searchTokens(queryTokens[i] as string[], 3);
    searchTimes.push(performance.now() - t0);
    if (q.planted) {
      planted++;
      if (top[0]?.id === q.planted && top[0].similarity >= 0.8) found++;
    } else if ((top[0]?.similarity ?? 0) >= 0.8) {
      falseStrong++;
    }
  });

  // Linear scan: the same similarity against every claim, no index.
  const ids = claims.map((_, i) => `c${i}`);
  const termsById = ids.map((id) => screener.claims.terms(id) ?? []);
  const linearTimes: number[] = [];
  let agree = 0;
  const linearQueries = queries.slice(0, Math.min(options.linear, queries.length));
  for (const q of linearQueries) {
    const query = new Set(tokens(q.text));
    const t0 = performance.now();
    const norm = screener.claims.queryNorm(query);
    const scoring = screener.claims.scoringOptions();
    const idf = (term: string) => screener.claims.idf(term);
    let bestId = "";
    let best = 0;
    for (let i = 0; i < termsById.length; i++) {
      const s = blendedSimilarity(termsById[i] as string[], query, norm, idf, scoring);
      if (s > best) {
        best = s;
        bestId = ids[i] as string;
      }
    }
    linearTimes.push(performance.now() - t0);
    const indexed = screener.claims.searchTokens([...query], 1)[0];
    // Agreement on the claims that matter: strong matches (≥ 0.5) must be the same claim.
    if (best < 0.5 ? (indexed?.similarity ?? 0) < 0.5 : indexed?.id === bestId) agree++;
  }

  return {
    claims: size,
    buildMs: r3(buildMs),
    addMs: stats(addTimes),
    removeMs: stats(removeTimes),
    screenMs: stats(screenTimes),
    searchMs: stats(searchTimes),
    linearScanMs: stats(linearTimes),
    linearQueries: linearQueries.length,
    linearAgreement: r3(agree / Math.max(1, linearQueries.length)),
    plantedFound: r3(found / Math.max(1, planted)),
    falseStrongMatches: falseStrong,
    heapUsedMB: r3((after.heapUsed - before.heapUsed) / 2 ** 20),
    rssMB: r3(after.rss / 2 ** 20),
  };
}

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  const results = [];
  const gcNote = (globalThis as { gc?: () => void }).gc ? "" : " (run with node --expose-gc for exact heap figures)";
  console.log(`screening benchmark: ${options.queries} queries per size${gcNote}`);
  console.log("");
  console.log(
    "claims    build s  add p99  screen med/p99 ms  search med/p99 ms  linear med/p99 ms  found  heap MB  rss MB",
  );
  for (const size of options.sizes) {
    const r = benchSize(size, options);
    results.push(r);
    console.log(
      [
        String(size).padEnd(8),
        (r.buildMs / 1000).toFixed(2).padStart(8),
        r.addMs.p99.toFixed(3).padStart(8),
        `${r.screenMs.median.toFixed(3)} / ${r.screenMs.p99.toFixed(3)}`.padStart(18),
        `${r.searchMs.median.toFixed(3)} / ${r.searchMs.p99.toFixed(3)}`.padStart(18),
        `${r.linearScanMs.median.toFixed(2)} / ${r.linearScanMs.p99.toFixed(2)}`.padStart(18),
        `${(r.plantedFound * 100).toFixed(0)}%`.padStart(6),
        r.heapUsedMB.toFixed(1).padStart(8),
        r.rssMB.toFixed(0).padStart(7),
      ].join("  "),
    );
  }
  console.log("");
  console.log("found = planted claims (slang, swapped words, inside a longer message) returned first with similarity ≥ 0.8");
  console.log(JSON.stringify({ queries: options.queries, results }));
}

main();
