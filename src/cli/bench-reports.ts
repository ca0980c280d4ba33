// Benchmark of the activity queries on a district-sized synthetic database.
//
//   tsx src/cli/bench-reports.ts [--kims 10000] [--submissions 1000000] [--runs 5] [--keep] [--reuse FILE]
//
// Creates a temporary SQLite database with the migrations that come before the activity summary,
// fills it with KIMs across kecamatan and submissions over two years (better-sqlite3, prepared
// statements, one transaction), times some single-row writes, then applies the remaining
// migrations (the summary's fills it for the rows already there: timed) and times the same
// writes with its triggers. Then times inactiveKims, planReminders and computeIndicators through
// Prisma (median of --runs runs after one warm-up), each period once from the summary and once
// directly from the submissions, checks that both give the same report, and prints the query
// plans. The last line of output is one JSON object with the figures.
//
// --keep keeps the database, --reuse FILE times an existing one (already migrated).
import { mulberry32 } from "../random.js";
import { copyFileSync, cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { Prisma } from "../generated/prisma/client.js";
import { openDatabase, type Db } from "../db/client.js";
import { dialectOf } from "../db/dialect.js";
import { applyMigrations, MIGRATIONS_DIR } from "../db/migrate.js";
import { computeIndicators, kimListQuery, kimTotalsQuery, rangeCodesQuery, summaryBlocksQuery, summaryMasksQuery } from "../domain/activity/indicators.js";
import { checkActivitySummary } from "../domain/activity/summary.js";
import { inactiveKims, inactivityCutoff } from "../domain/activity/inactive.js";
import { kimRosterQuery } from "../domain/activity/sql.js";
import { parsePeriod, weekOf } from "../domain/activity/periods.js";
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

/**
 * Median wall time of `runs` runs after a warm-up, and the median CPU time of the process over
 * the same runs (less sensitive than wall time to other work on a shared machine).
 */
async function timeIt<T>(runs: number, fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; all: number[]; result: T }> {
  let result = await fn(); // warm-up
  const all: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = await fn();
    all.push(Math.round((performance.now() - t0) * 10) / 10);
    const c = process.cpuUsage(c0);
    cpu.push(Math.round((c.user + c.system) / 100) / 10);
  }
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { ms: mid(all), cpuMs: mid(cpu), all, result };
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

/** The migrations that come before the activity summary's, copied to a folder of their own. */
function migrationsBeforeSummary(): string {
  const all = readdirSync(MIGRATIONS_DIR).filter((d) => /^\d{14}_/.test(d)).sort();
  const own = all.findIndex((d) => d.endsWith("_activity_summary"));
  const dir = mkdtempSync(path.join(tmpdir(), "jedikim-bench-migrations-"));
  copyFileSync(path.join(MIGRATIONS_DIR, "migration_lock.toml"), path.join(dir, "migration_lock.toml"));
  for (const d of all.slice(0, own)) cpSync(path.join(MIGRATIONS_DIR, d), path.join(dir, d), { recursive: true });
  return dir;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * What one change costs through Prisma (each its own transaction, as the bot's writes are): a
 * confirmed submission stored, and its risk level set by screening. Run before and after the
 * summary's triggers exist.
 */
async function writeProbe(db: Db, label: string, n = 300): Promise<{ insertMs: number; updateMs: number }> {
  const member = await db.member.findFirstOrThrow({ where: { kimId: { not: null } }, select: { id: true, kimId: true } });
  const inserts: number[] = [];
  const updates: number[] = [];
  const r = mulberry32(n);
  for (let i = 0; i < n; i++) {
    const at = new Date(NOW.getTime() - Math.floor(r() * 7 * DAY));
    let t0 = performance.now();
    const s = await db.submission.create({
      data: { memberId: member.id, kimId: member.kimId!, kind: "text", text: "Berita", status: "pending", createdAt: at, confirmedAt: at },
    });
    inserts.push(performance.now() - t0);
    t0 = performance.now();
    await db.submission.update({ where: { id: s.id }, data: { riskLevel: i % 2 ? "medium" : "low", riskScore: r() } });
    updates.push(performance.now() - t0);
  }
  const round2 = (x: number) => Math.round(x * 100) / 100;
  const figures = { insertMs: round2(median(inserts)), updateMs: round2(median(updates)) };
  console.log(`writes ${label}: insert ${figures.insertMs} ms, update ${figures.updateMs} ms (median of ${n} each)`);
  return figures;
}

/** Periods timed: the /laporan ones and a range that starts and ends inside weeks. */
const SPECS = ["minggu-ini", "4-minggu", "bulan-ini", "12-bulan", "2026-02-11..2026-09-23"];

interface PeriodFigures {
  summaryMs: number;
  directMs: number;
  summaryCpuMs: number;
  directCpuMs: number;
  /** The two reports are deep-equal. */
  equal: boolean;
}

async function phase(db: Db, runs: number) {
  const inactive = await timeIt(runs, () => inactiveKims(db, { now: NOW, inactiveDays: 14, timeZone: TIME_ZONE }));
  console.log(`inactiveKims(14 days): ${inactive.ms} ms median ${JSON.stringify(inactive.all)} → ${inactive.result.length} KIMs`);
  const plan = await timeIt(runs, () => planReminders(db, { now: NOW, inactiveDays: 14, timeZone: TIME_ZONE }));
  console.log(`planReminders(14 days): ${plan.ms} ms median ${JSON.stringify(plan.all)} → ${plan.result.kims.length} KIMs to remind`);
  const periods: Record<string, PeriodFigures> = {};
  for (const spec of SPECS) {
    const p = parsePeriod(spec, NOW, TIME_ZONE);
    const opts = { from: p.from, to: p.to, now: NOW, timeZone: TIME_ZONE };
    const viaSummary = await timeIt(runs, () => computeIndicators(db, { ...opts, source: "summary" }));
    const direct = await timeIt(runs, () => computeIndicators(db, { ...opts, source: "direct" }));
    const d = viaSummary.result.district;
    const equal = isDeepStrictEqual(viaSummary.result, direct.result);
    console.log(
      `computeIndicators(${spec}): summary ${viaSummary.ms} ms ${JSON.stringify(viaSummary.all)} (CPU ${viaSummary.cpuMs} ms), ` +
        `direct ${direct.ms} ms ${JSON.stringify(direct.all)} (CPU ${direct.cpuMs} ms), same report: ${equal} → ` +
        `${d.submissions} submissions, ${d.published} published, ` +
        `${d.articles} articles, ${d.photos} photos, groups ${JSON.stringify(d.groups)}, median decision ${d.medianDecisionHours} h`,
    );
    periods[spec] = { summaryMs: viaSummary.ms, directMs: direct.ms, summaryCpuMs: viaSummary.cpuMs, directCpuMs: direct.cpuMs, equal };
  }
  const year = parsePeriod("12-bulan", NOW, TIME_ZONE);
  const week = weekOf(NOW, TIME_ZONE);
  const upper = new Date(NOW.getTime() + 1);
  const block = (d: Date) => Math.floor(weekOf(d, TIME_ZONE).index / 16);
  const dialect = dialectOf(db);
  await explain(db, "summary: KIM list", kimListQuery(dialect));
  await explain(db, "summary: blocks of 12 months", summaryBlocksQuery(dialect, weekOf(year.from, TIME_ZONE).index, week.index - 1));
  await explain(db, "summary: the running week, directly", rangeCodesQuery(dialect, { from: week.start, upper, timeZone: TIME_ZONE }));
  await explain(db, "summary: streak masks", summaryMasksQuery(dialect, block(year.from), block(week.start)));
  await explain(db, "direct: per-KIM totals, 12 months", kimTotalsQuery(dialect, { from: year.from, upper, timeZone: TIME_ZONE }));
  await explain(db, "inactive KIMs (14 days)", kimRosterQuery(upper, inactivityCutoff(NOW, 14, TIME_ZONE)));
  return { inactiveKimsMs: inactive.ms, planRemindersMs: plan.ms, periods };
}

function machine(): string {
  const c = cpus();
  return `${c.length} × ${c[0]?.model.trim() ?? "?"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const loadAtStart = Math.round(loadavg()[0]! * 100) / 100;
  let dir: string | undefined;
  let file: string;
  let generated: { seconds: number; mediaRows: number; members: number } | undefined;
  let before: { insertMs: number; updateMs: number } | undefined;
  let migrateSeconds: number | undefined;
  if (args.reuse) {
    file = path.resolve(args.reuse);
  } else {
    dir = mkdtempSync(path.join(tmpdir(), "jedikim-bench-"));
    file = path.join(dir, "bench.db");
    const older = migrationsBeforeSummary();
    try {
      await applyMigrations(`file:${file}`, older);
    } finally {
      rmSync(older, { recursive: true, force: true });
    }
    console.log(`Generating ${args.kims} KIMs and ${args.submissions} submissions in ${file} …`);
    generated = generate(file, args.kims, args.submissions);
    console.log(`Generated in ${generated.seconds.toFixed(1)} s (${generated.members} members, ${generated.mediaRows} media rows)`);
    const plain = await openDatabase(`file:${file}`);
    before = await writeProbe(plain, "without the summary");
    await plain.$disconnect();
    const t0 = performance.now();
    const applied = await applyMigrations(`file:${file}`);
    migrateSeconds = round1((performance.now() - t0) / 1000);
    console.log(`Applied ${applied.join(", ")} in ${migrateSeconds} s (the summary's migration fills it for every row)`);
  }

  const db = await openDatabase(`file:${file}`);
  try {
    const after = await writeProbe(db, "with the summary's triggers");
    // Freshly written pages sit in the WAL until a checkpoint; a running bot reaches that state soon.
    await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    const [{ blocks } = { blocks: 0 }] = await db.$queryRaw<Array<{ blocks: number }>>`SELECT COUNT(*) AS blocks FROM "ActivityKimBlock"`;
    console.log(`Summary: ${Number(blocks)} rows (KIM × 16 weeks)`);
    const timings = await phase(db, args.runs);
    const check = await checkActivitySummary(db);
    console.log(`Summary equals a recomputation from scratch: ${check.wrong.length === 0} (${check.blocks} rows)`);
    console.log(
      JSON.stringify({
        kims: args.kims,
        submissions: args.submissions,
        generateSeconds: generated ? round1(generated.seconds) : null,
        summaryMigrationSeconds: migrateSeconds ?? null,
        summaryRows: Number(blocks),
        runs: args.runs,
        writes: { withoutSummary: before ?? null, withSummary: after },
        inactiveKimsMs: timings.inactiveKimsMs,
        planRemindersMs: timings.planRemindersMs,
        indicators4WeeksMs: timings.periods["4-minggu"]!.summaryMs,
        indicators12MonthsMs: timings.periods["12-bulan"]!.summaryMs,
        periods: timings.periods,
        summaryExact: check.wrong.length === 0,
        machine: machine(),
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
