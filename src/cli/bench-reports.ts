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
import { rmSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { loadavg } from "node:os";
import path from "node:path";
import { Prisma } from "../generated/prisma/client.js";
import { openDatabase, type Db } from "../db/client.js";
import { dialectOf } from "../db/dialect.js";
import { applyMigrations } from "../db/migrate.js";
import { kimListQuery, kimRosterQuery } from "../db/activity/roster.js";
import { summaryBlocksQuery, summaryMasksQuery } from "../db/activity/summary.js";
import { kimTotalsQuery, rangeCodesQuery } from "../db/activity/totals.js";
import { computeIndicators } from "../domain/activity/indicators.js";
import { checkActivitySummary } from "../domain/activity/summary.js";
import { inactiveKims, inactivityCutoff } from "../domain/activity/inactive.js";
import { parsePeriod, weekOf } from "../domain/activity/periods.js";
import { offsetSegments } from "../domain/activity/zoned.js";
import { planReminders } from "../domain/reminders/plan.js";

import { DAY, districtBeforeSummary, machine, NOW, timeIt, TIME_ZONE } from "./bench-district.js";


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
      // Before the later migrations ran, columns they add (number) are not there to return.
      select: { id: true },
    });
    inserts.push(performance.now() - t0);
    t0 = performance.now();
    await db.submission.update({ where: { id: s.id }, data: { riskLevel: i % 2 ? "medium" : "low", riskScore: r() }, select: { id: true } });
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
  await explain(db, "summary: the running week, directly", rangeCodesQuery(dialect, { from: week.start, upper, offsets: offsetSegments(week.start, upper, TIME_ZONE) }));
  await explain(db, "summary: streak masks", summaryMasksQuery(dialect, block(year.from), block(week.start)));
  await explain(db, "direct: per-KIM totals, 12 months", kimTotalsQuery(dialect, { from: year.from, upper, offsets: offsetSegments(year.from, upper, TIME_ZONE) }));
  await explain(db, "inactive KIMs (14 days)", kimRosterQuery(upper, inactivityCutoff(NOW, 14, TIME_ZONE)));
  return { inactiveKimsMs: inactive.ms, planRemindersMs: plan.ms, periods };
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
    ({ dir, file, generated } = await districtBeforeSummary("jedikim-bench-", args.kims, args.submissions));
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
