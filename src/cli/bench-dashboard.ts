// Benchmark of the dashboard's API on a district-sized synthetic database (issue 13).
//
//   npm run bench:dashboard -- [--kims 10000] [--submissions 1000000] [--runs 5] [--keep] [--reuse FILE]
//
// Builds the same district as bench:reports (bench-district.ts), then times the answers of the
// real routes (hono's app.request, no network) for an admin signed in with Mini App init data:
// the overview and the table of all KIMs, each "cold" (the period's indicator report is built,
// from the activity summary, as on the first request of a page view) and "warm" (the report of
// the same view reused, as the page's next requests find it), the table filtered and sorted, and
// its CSV. Median of --runs runs after one warm-up. The last line is one JSON object.
import { rmSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { Hono } from "hono";
import { openDatabase, type Db } from "../db/client.js";
import { applyMigrations } from "../db/migrate.js";
import { parseConfig } from "../config.js";
import { createI18n, translator, type Translate } from "../bot/i18n.js";
import { buildReport } from "../bot/report-sender.js";
import { dashboardRoutes } from "../http/dashboard/routes.js";
import { signInitData } from "../http/dashboard/init-data.js";
import { districtBeforeSummary, machine, NOW, timeIt, TIME_ZONE } from "./bench-district.js";

const TOKEN = "123456:AAbench-dashboard";
const ADMIN_ID = 5001;

interface Args {
  kims: number;
  submissions: number;
  runs: number;
  keep: boolean;
  reuse?: string;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { kims: 10_000, submissions: 1_000_000, runs: 5, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${k} needs a value`);
      return v;
    };
    if (k === "--kims") a.kims = Number(value());
    else if (k === "--submissions") a.submissions = Number(value());
    else if (k === "--runs") a.runs = Number(value());
    else if (k === "--reuse") a.reuse = value();
    else if (k === "--keep") a.keep = true;
    else throw new Error(`unknown argument ${k}`);
  }
  return a;
}

/** The dashboard's routes as the app mounts them; a new one starts with an empty report cache. */
function routes(db: Db): Hono {
  const config = parseConfig({ BOT_TOKEN: TOKEN, BOT_TIMEZONE: TIME_ZONE, PUBLIC_URL: "https://kim.example.go.id" });
  const i18n = createI18n("id");
  const translate: Translate = translator(i18n);
  const clock = { now: () => NOW };
  const app = new Hono();
  dashboardRoutes(app, {
    db,
    config,
    translate,
    botToken: TOKEN,
    now: () => NOW,
    // The bot's admin check answers from its cache for a signed-in admin's burst of requests.
    isAdmin: async (id) => id === ADMIN_ID,
    report: (period) => buildReport({ db, config, clock, translate }, period),
  });
  return app;
}

const headers = () => ({ Authorization: `tma ${signInitData({ user: { id: ADMIN_ID, first_name: "Sari" }, authDate: NOW }, TOKEN)}` });

async function get(app: Hono, url: string): Promise<number> {
  const res = await app.request(url, { headers: headers() });
  const body = await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
  return body.byteLength;
}

async function timePeriod(db: Db, runs: number, period: string) {
  const q = `periode=${period}`;
  const cold = (url: string) => timeIt(runs, async () => get(routes(db), url));
  const warmApp = routes(db);
  const warm = (url: string) => timeIt(runs, async () => get(warmApp, url));
  const overviewCold = await cold(`/api/overview?${q}`);
  const tableCold = await cold(`/api/kims?${q}`);
  const overviewWarm = await warm(`/api/overview?${q}`);
  const tableWarm = await warm(`/api/kims?${q}`);
  const sortedWarm = await warm(`/api/kims?${q}&grup=perlu-pembinaan&urut=score&arah=turun`);
  const csvWarm = await warm(`/api/kims.csv?${q}`);
  const figures = {
    overviewColdMs: overviewCold.ms,
    tableColdMs: tableCold.ms,
    overviewWarmMs: overviewWarm.ms,
    tableWarmMs: tableWarm.ms,
    tableFilteredSortedWarmMs: sortedWarm.ms,
    csvWarmMs: csvWarm.ms,
    tableBytes: tableWarm.result,
    cpu: { overviewColdMs: overviewCold.cpuMs, tableColdMs: tableCold.cpuMs, tableWarmMs: tableWarm.cpuMs },
  };
  console.log(`${period}: ${JSON.stringify(figures)}`);
  return figures;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const loadAtStart = Math.round(loadavg()[0]! * 100) / 100;
  let dir: string | undefined;
  let file: string;
  if (args.reuse) {
    file = path.resolve(args.reuse);
  } else {
    ({ dir, file } = await districtBeforeSummary("jedikim-bench-dashboard-", args.kims, args.submissions));
    console.log("Applying the remaining migrations (the activity summary) …");
    await applyMigrations(`file:${file}`);
  }
  const db = await openDatabase(`file:${file}`);
  try {
    await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    const periods = { "4-minggu": await timePeriod(db, args.runs, "4-minggu"), "12-bulan": await timePeriod(db, args.runs, "12-bulan") };
    console.log(
      JSON.stringify({
        kims: args.kims,
        submissions: args.submissions,
        runs: args.runs,
        overviewColdMs: periods["4-minggu"].overviewColdMs,
        tableColdMs: periods["4-minggu"].tableColdMs,
        tableWarmMs: periods["4-minggu"].tableWarmMs,
        periods,
        machine: machine(),
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
