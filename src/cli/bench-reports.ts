// Benchmark of the activity queries on a district-sized synthetic database.
//
//   tsx src/cli/bench-reports.ts [--kims 10000] [--submissions 1000000] [--runs 5] [--keep] [--reuse FILE]
//
// Creates a temporary SQLite database with the project's migrations, fills it with KIMs across
// kecamatan and submissions over two years (better-sqlite3, prepared statements, one
// transaction), then times inactiveKims and computeIndicators for 4 weeks and 12 months through
// Prisma (median of --runs runs after one warm-up) and prints the query plans. The last line of
// output is one JSON object with the figures.
//
// --keep keeps the database, --reuse FILE times an existing one.
import { mulberry32 } from "../random.js";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { Prisma } from "../generated/prisma/client.js";
import { openDatabase, type Db } from "../db/client.js";
import { applyMigrations } from "../db/migrate.js";
import { activeWeeksQuery, computeIndicators, kimTotalsQuery } from "../domain/activity/indicators.js";
import { inactiveKims, inactivityCutoff } from "../domain/activity/inactive.js";
import { kimRosterQuery } from "../domain/activity/sql.js";
import { parsePeriod } from "../domain/activity/periods.js";
import { planReminders } from "../domain/reminders/plan.js";

const TIME_ZONE = "Asia/Jakarta";
const NOW = new Date("2026-11-30T03:00:00Z"); // Monday 10:00 in Jakarta
const DAY = 86_400_000;


interface Args {
  kims: number;
  submissions: number;
  runs: number;
  keep: boolean;
  reuse?: string;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { kims: 10_000, submissions: 1_000_000, runs: 5, keep: false };
  const value = (i: number): string => {
    const v = argv[i + 1];
    if (v === undefined) throw new Error(`${argv[i]} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === "--kims") a.kims = Number(value(i++));
    else if (k === "--submissions") a.submissions = Number(value(i++));
    else if (k === "--runs") a.runs = Number(value(i++));
    else if (k === "--reuse") a.reuse = value(i++);
    else if (k === "--keep") a.keep = true;
    else throw new Error(`unknown argument ${k}`);
  }
  return a;
}


function pick<T>(r: () => number, table: Array<[T, number]>): T {
  let x = r();
  for (const [v, p] of table) {
    if ((x -= p) < 0) return v;
  }
  return table[table.length - 1]![0];
}

function generate(file: string, kims: number, submissions: number): { seconds: number; mediaRows: number; members: number } {
  const started = performance.now();
  const r = mulberry32(20261130);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -200000");
  const start = NOW.getTime() - 730 * DAY;
  const kecamatanCount = Math.max(1, Math.round(kims / 20));

  const insKec = db.prepare(`INSERT INTO "Kecamatan" ("id", "name", "normName", "createdAt") VALUES (?, ?, ?, ?)`);
  const insKim = db.prepare(
    `INSERT INTO "Kim" ("id", "kecamatanId", "name", "normName", "inviteCode", "isSample", "pausedUntil", "createdAt", "updatedAt")
     VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)`,
  );
  const insMember = db.prepare(
    `INSERT INTO "Member" ("id", "telegramId", "firstName", "displayName", "languageCode", "kimId", "status", "blockedAt", "joinedAt", "createdAt", "updatedAt")
     VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?)`,
  );
  const insSub = db.prepare(
    `INSERT INTO "Submission" ("id", "memberId", "kimId", "kind", "text", "status", "createdAt", "confirmedAt", "decidedAt", "riskLevel", "publishedAt", "version")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
  );
  const insMedia = db.prepare(
    `INSERT INTO "SubmissionMedia" ("submissionId", "position", "kind", "fileId", "fileUniqueId") VALUES (?, ?, ?, ?, ?)`,
  );

  // Texts of varied length, some long enough to count as articles with a photo.
  const words = "warga desa gotong royong kerja bakti posyandu balita jalan rusak musyawarah bantuan sosial pelatihan umkm".split(" ");
  const texts = Array.from({ length: 512 }, () => {
    const len = Math.floor(20 + r() * r() * 900);
    let s = "";
    while (s.length < len) s += words[Math.floor(r() * words.length)] + " ";
    return s.slice(0, len).trim();
  });

  // KIM activity profiles: some busy, most moderate, some that went quiet months ago.
  const weight = new Float64Array(kims);
  const quietSince = new Float64Array(kims).fill(Infinity);
  const memberOf = new Int32Array(kims);
  let members = 0;
  let mediaRows = 0;

  const tx = db.transaction(() => {
    for (let k = 1; k <= kecamatanCount; k++) insKec.run(k, `Kecamatan ${k}`, `kecamatan ${k}`, start - 30 * DAY);
    for (let i = 0; i < kims; i++) {
      const id = i + 1;
      const kec = 1 + (i % kecamatanCount);
      const profile = r();
      weight[i] = profile < 0.2 ? 3 : profile < 0.75 ? 1 : profile < 0.9 ? 0.3 : 0.5;
      if (profile >= 0.9) quietSince[i] = NOW.getTime() - (30 + r() * 300) * DAY;
      const paused = r() < 0.02 ? NOW.getTime() + 20 * DAY : null;
      const created = start - Math.floor(r() * 60) * DAY;
      insKim.run(id, kec, `KIM Desa ${id}`, `kim desa ${id}`, `inv${id.toString(36)}x${i}`, paused, created, created);
      const n = 1 + Math.floor(r() * 3);
      for (let m = 0; m < n; m++) {
        members++;
        if (m === 0) memberOf[i] = members;
        const blocked = r() < 0.03 ? NOW.getTime() - 10 * DAY : null;
        insMember.run(members, 100_000_000 + members, `Anggota ${members}`, `Anggota ${members}`, r() < 0.1 ? "en" : "id", id, blocked, created, created, created);
      }
    }

    // Cumulative weights for picking a KIM in proportion to its activity.
    const cum = new Float64Array(kims);
    let acc = 0;
    for (let i = 0; i < kims; i++) cum[i] = acc += weight[i]!;
    const pickKim = (): number => {
      const x = r() * acc;
      let lo = 0;
      let hi = kims - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cum[mid]! < x) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };

    // Submissions in time order, as ids grow in real life.
    const times = new Float64Array(submissions);
    for (let i = 0; i < submissions; i++) times[i] = start + Math.floor(r() * 730 * DAY);
    times.sort();
    for (let i = 0; i < submissions; i++) {
      const id = i + 1;
      const t = times[i]!;
      let k = pickKim();
      for (let tries = 0; tries < 5 && t >= quietSince[k]!; tries++) k = pickKim();
      const kind = pick(r, [
        ["text", 0.35],
        ["photo", 0.4],
        ["album", 0.1],
        ["video", 0.1],
        ["document", 0.05],
      ]);
      const recent = NOW.getTime() - t < 3 * DAY;
      const draft = r() < 0.02;
      const status = draft
        ? "draft"
        : recent && r() < 0.5
          ? "pending"
          : pick(r, [
              ["published", 0.7],
              ["rejected", 0.1],
              ["hoax", 0.01],
              ["approved", 0.03],
              ["publish_failed", 0.01],
              ["withdrawn", 0.03],
              ["revision", 0.02],
              ["pending", 0.1],
            ]);
      const decided = ["published", "rejected", "hoax", "approved", "publish_failed", "revision"].includes(status);
      const decidedAt = decided ? Math.min(NOW.getTime() - 1000, t + Math.floor(-Math.log(1 - r()) * 6 * 3_600_000)) : null;
      const risk = draft ? null : pick(r, [["low", 0.8], ["medium", 0.12], ["high", 0.03], [null, 0.05]]);
      insSub.run(
        id,
        memberOf[k]!,
        k + 1,
        kind,
        texts[Math.floor(r() * texts.length)]!,
        status,
        t - 60_000,
        draft ? null : t,
        decidedAt,
        risk,
        status === "published" ? decidedAt : null,
      );
      const media = kind === "album" ? 2 + Math.floor(r() * 5) : kind === "text" ? 0 : 1;
      for (let p = 0; p < media; p++) {
        const mk = kind === "album" ? (r() < 0.85 ? "photo" : "video") : kind;
        insMedia.run(id, p, mk, `f${id}_${p}`, `u${id}_${p}`);
        mediaRows++;
      }
    }
  });
  tx();
  db.close();
  return { seconds: (performance.now() - started) / 1000, mediaRows, members };
}

async function timeIt<T>(runs: number, fn: () => Promise<T>): Promise<{ ms: number; all: number[]; result: T }> {
  let result = await fn(); // warm-up
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = await fn();
    all.push(Math.round((performance.now() - t0) * 10) / 10);
  }
  const sorted = [...all].sort((a, b) => a - b);
  return { ms: sorted[Math.floor(sorted.length / 2)]!, all, result };
}

async function explain(db: Db, label: string, sql: Prisma.Sql): Promise<string[]> {
  const rows = await db.$queryRaw<Array<{ id: unknown; parent: unknown; detail: string }>>(Prisma.sql`EXPLAIN QUERY PLAN ${sql}`);
  const depth = new Map<number, number>();
  const lines = rows.map((r) => {
    const d = (depth.get(Number(r.parent)) ?? -1) + 1;
    depth.set(Number(r.id), d);
    return `  ${"  ".repeat(d)}${r.detail}`;
  });
  console.log(`EXPLAIN QUERY PLAN ${label}`);
  for (const l of lines) console.log(l);
  return lines;
}

interface PhaseFigures {
  inactiveKimsMs: number;
  planRemindersMs: number;
  indicators4WeeksMs: number;
  indicators12MonthsMs: number;
}

async function phase(db: Db, label: string, runs: number): Promise<PhaseFigures> {
  console.log(`\n== ${label}`);
  const inactive = await timeIt(runs, () => inactiveKims(db, { now: NOW, inactiveDays: 14, timeZone: TIME_ZONE }));
  console.log(`inactiveKims(14 days): ${inactive.ms} ms median ${JSON.stringify(inactive.all)} → ${inactive.result.length} KIMs`);
  const plan = await timeIt(runs, () => planReminders(db, { now: NOW, inactiveDays: 14, timeZone: TIME_ZONE }));
  console.log(`planReminders(14 days): ${plan.ms} ms median ${JSON.stringify(plan.all)} → ${plan.result.kims.length} KIMs to remind`);
  const figures: Record<string, number> = {};
  for (const spec of ["4-minggu", "12-bulan"]) {
    const p = parsePeriod(spec, NOW, TIME_ZONE);
    const t = await timeIt(runs, () => computeIndicators(db, { from: p.from, to: p.to, now: NOW, timeZone: TIME_ZONE }));
    const d = t.result.district;
    console.log(
      `computeIndicators(${spec}): ${t.ms} ms median ${JSON.stringify(t.all)} → ${d.submissions} submissions, ` +
        `${d.published} published, ${d.articles} articles, ${d.photos} photos, groups ${JSON.stringify(d.groups)}, ` +
        `median decision ${d.medianDecisionHours} h`,
    );
    figures[spec] = t.ms;
  }
  const p = parsePeriod("12-bulan", NOW, TIME_ZONE);
  await explain(db, "per-KIM totals, 12 months", kimTotalsQuery({ from: p.from, upper: new Date(NOW.getTime() + 1), timeZone: TIME_ZONE }));
  await explain(db, "active weeks (streaks), 8 weeks", activeWeeksQuery({ start: new Date(NOW.getTime() - 56 * DAY), end: NOW, timeZone: TIME_ZONE }));
  await explain(db, "inactive KIMs (14 days)", kimRosterQuery(new Date(NOW.getTime() + 1), inactivityCutoff(NOW, 14, TIME_ZONE)));
  return {
    inactiveKimsMs: inactive.ms,
    planRemindersMs: plan.ms,
    indicators4WeeksMs: figures["4-minggu"]!,
    indicators12MonthsMs: figures["12-bulan"]!,
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const loadAtStart = Math.round(loadavg()[0]! * 100) / 100;
  let dir: string | undefined;
  let file: string;
  let generated: { seconds: number; mediaRows: number; members: number } | undefined;
  if (args.reuse) {
    file = path.resolve(args.reuse);
  } else {
    dir = mkdtempSync(path.join(tmpdir(), "jedikim-bench-"));
    file = path.join(dir, "bench.db");
    await applyMigrations(`file:${file}`);
    console.log(`Generating ${args.kims} KIMs and ${args.submissions} submissions in ${file} …`);
    generated = generate(file, args.kims, args.submissions);
    console.log(`Generated in ${generated.seconds.toFixed(1)} s (${generated.members} members, ${generated.mediaRows} media rows)`);
  }

  const db = await openDatabase(`file:${file}`);
  try {
    // Freshly written pages sit in the WAL until a checkpoint; a running bot reaches that state soon.
    await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    const timings = await phase(db, "schema as migrated", args.runs);
    console.log(
      JSON.stringify({
        kims: args.kims,
        submissions: args.submissions,
        generateSeconds: generated ? Math.round(generated.seconds * 10) / 10 : null,
        runs: args.runs,
        ...timings,
        // Other processes on the machine slow every figure down; this says how busy it was.
        loadAverage1m: { start: loadAtStart, end: Math.round(loadavg()[0]! * 100) / 100 },
      }),
    );
  } finally {
    await db.$disconnect();
    if (dir && !args.keep) rmSync(dir, { recursive: true, force: true });
    else console.log(`Database kept at ${file}`);
  }
}

await main();
