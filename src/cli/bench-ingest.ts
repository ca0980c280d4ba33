// Benchmark of the member's path: members send texts and photos, tap "Kirim" on the preview and
// see "Terkirim"; the review cards go to the admin group. The bot is the real one, as its own
// process (`node --import tsx src/main.ts`, as `npm start` runs it, or the compiled build with
// --compiled), against the Bot API emulator with its flood limits off; the bot's own pacing is
// raised to the configuration's maximum (SEND_RATE_PER_SECOND 1000, GROUP_SENDS_PER_MINUTE
// 60000). In the same run, a minimal grammY bot that only answers each message, on the same
// emulator, gives the ceiling.
//
//   npm run bench:ingest -- [--members 200] [--duration 10] [--rates 20,50,100,200]
//                           [--photo-every 4] [--think-ms 100] [--compiled] [--profile DIR]
//                           [--no-statements] [--quick] [--json-only]
//                           [--postgres postgresql://postgres@127.0.0.1:5432/postgres [--instances 3] [--redis URL]]
//
// --postgres: the bot runs on a scratch database of its own on that PostgreSQL server (dropped
// afterwards) instead of a SQLite file; the statement count (phase 5) is SQLite's.
// --instances N (with --postgres): N bot processes in webhook mode, as a province would run them:
// the emulator delivers the updates round robin over them (a load balancer), and they share the
// send budget through Redis (--redis, default redis://127.0.0.1:6379; the run's own bot id keeps
// its keys apart from any other bot's). CPU, RSS and log lines are summed over the instances.
//
// Phases (the emulator and the members run in this process; the bot's CPU and memory are read
// from /proc, so they are the bot's alone):
//   1. Ceiling: the echo bot (src/cli/ingest/echo-bot.ts); every member keeps one message in
//      flight for --duration s. Updates answered per second, CPU per update. Measured again after
//      the bot stopped; the ratio uses the mean of both (the machine's load may change meanwhile).
//   2. The bot starts on a seeded database (one KIM, --members active members); idle RSS and CPU over
//      the 3 s after a 2 s pause.
//   3. Member path, saturated: every member keeps one submission in flight (text → preview → tap →
//      "Terkirim" → next) for --duration s; updates handled per second (a preview ends a message,
//      "Terkirim" a tap) as a ratio of the ceiling. The review cards, all into the one admin group,
//      fall behind and are drained afterwards: the card pipeline's own rate.
//   4. Latency, open loop: at each rate of --rates, one submission every 1/rate s for --duration s
//      whatever the bot answers; members tap --think-ms after their preview. Tap → "Terkirim" and
//      tap → review card, median and p99.
//   5. SQL statements per step of one submission, with the app in this process (statements.ts).
// Every --photo-every-th submission is a photo (1280×960, sent again by file_id; the bot downloads
// and hashes each one for screening).
import { readdirSync, statSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { loadavg, cpus, totalmem } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PROJECT_ROOT } from "../paths.js";
import { scratchDatabaseOn } from "./scratch-db.js";
import { randomInt } from "node:crypto";
import { freePorts } from "./ingest/free-port.js";
import { measuredTogether, spawnMeasured, type Measured, type ProcStats } from "./ingest/process.js";
import { benchEnv, seedDatabase } from "./ingest/seed.js";
import { countStatements, type StatementReport } from "./ingest/statements.js";
import { IngestWorld, closedLoop, openLoop, sleep, waitUntil, type Submission } from "./ingest/traffic.js";
import { summariseProfile, type ProfileSummary } from "./cpuprofile-summary.js";

export interface IngestBenchOptions {
  members?: number;
  /** Seconds of each phase (ceiling, saturated member path, each rate). */
  durationSeconds?: number;
  rates?: number[];
  /** Every n-th submission is a photo; 0 for texts only. */
  photoEvery?: number;
  /** Delay between a preview and its tap in the latency runs. */
  thinkMs?: number;
  /** Runs dist/main.js (built with tsconfig.build.json) on plain node instead of tsx. */
  compiled?: boolean;
  /** Writes a CPU profile of the bot (node --cpu-prof) into this folder and summarises it. */
  profileDir?: string;
  statements?: boolean;
  /** A PostgreSQL server for the bot's database (SQLite when absent). */
  postgres?: string;
  /** Bot processes in webhook mode on the one PostgreSQL database (1: one process, polling). */
  instances?: number;
  /** The Redis the instances share their send budget through. */
  redisUrl?: string;
  log?: (line: string) => void;
}

export type IngestResult = Record<string, unknown>;

interface Latency {
  median: number;
  p99: number;
}

const READY_TIMEOUT_MS = 60_000;
const WEBHOOK_URL = "https://kim.example.org/telegram/hook";
const WEBHOOK_SECRET = "bench-ingest_instances";

export async function runIngestBench(opts: IngestBenchOptions = {}): Promise<IngestResult> {
  const members = opts.members ?? 200;
  const durationMs = (opts.durationSeconds ?? 10) * 1000;
  const rates = opts.rates ?? [20, 50, 100, 200];
  const photoEvery = opts.photoEvery ?? 4;
  const thinkMs = opts.thinkMs ?? 100;
  const log = opts.log ?? (() => {});
  const instances = opts.instances ?? 1;
  if (instances > 1 && !opts.postgres) throw new Error("--instances needs --postgres: instances share one PostgreSQL database");
  const load: number[] = [loadavg()[0] ?? 0];
  const result: IngestResult = {
    members,
    durationSeconds: durationMs / 1000,
    photoEvery,
    thinkMs,
    instances,
    mode: instances > 1 ? "webhook" : "polling",
    runtime: opts.compiled ? "node dist/main.js" : "node --import tsx src/main.ts",
    machine: `${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`,
  };
  log(`machine: ${result.machine}; load average ${round(load[0]!, 2)}`);

  if (opts.compiled) {
    const t = performance.now();
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    execFileSync(process.execPath, [tsc, "-p", path.join(PROJECT_ROOT, "tsconfig.build.json")], { cwd: PROJECT_ROOT, stdio: "inherit" });
    log(`compiled build in dist/ (${seconds(t)} s)`);
  }

  // The load balancer in front of the instances: round robin, as in test/e2e/instances.test.ts.
  const ports = instances > 1 ? await freePorts(instances) : [];
  let turn = 0;
  const world = await IngestWorld.start(members, 8, {
    // A bot id of the run's own: the instances' Redis keys (jedikim:send:<bot id>) are theirs alone.
    token: `${randomInt(100_000_000, 999_999_999)}:BENCH-INGEST`,
    ...(instances > 1 ? { webhook: { target: (u: string) => `http://127.0.0.1:${ports[turn++ % ports.length]}${new URL(u).pathname}`, retryMs: 50, maxRetryMs: 200 } } : {}),
  });
  const { tg } = world;
  const temp = await scratchDatabaseOn(opts.postgres, "jedikim-ingest-");
  result.database = opts.postgres ? "postgresql" : "sqlite";
  let bot: Measured | undefined;
  try {
    // ——— 1. Ceiling (measured again at the end: the machine's load may change in between) ———
    const ceilingBefore = await measureCeiling(world, durationMs);
    log(`ceiling (minimal grammY bot, bot.start, its own process): ${ceilingBefore.updatesPerSecond} updates/s, ${ceilingBefore.cpuMsPerUpdate} ms CPU per update`);

    // ——— 2. The bot, idle ———
    let t = performance.now();
    await seedDatabase(temp.url, world.members);
    log(`database seeded: 1 KIM, ${members} active members (${seconds(t)} s)`);
    const nodeArgs = [
      ...(opts.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(opts.profileDir)}`] : []),
      ...(opts.compiled ? ["dist/main.js"] : ["--import", "tsx", "src/main.ts"]),
    ];
    t = performance.now();
    if (instances > 1) {
      const redisUrl = opts.redisUrl ?? "redis://127.0.0.1:6379";
      const webhook = (port: number) => ({ BOT_MODE: "webhook", WEBHOOK_URL, WEBHOOK_SECRET, PORT: String(port), REDIS_URL: redisUrl });
      const procs = ports.map((port) => spawnMeasured(nodeArgs, { ...benchEnv(tg, temp.url), ...webhook(port) }));
      bot = measuredTogether(procs);
      await readyWebhook(tg, ports, bot);
    } else {
      bot = spawnMeasured(nodeArgs, benchEnv(tg, temp.url));
      await ready(tg, bot);
    }
    const startSeconds = seconds(t);
    await sleep(2000);
    const quiet = bot.stats();
    await sleep(3000);
    const idle = bot.stats();
    result.idleCpuPercent = round(((idle.cpuMs - quiet.cpuMs) / 3000) * 100, 1);
    result.idleRssMb = round(idle.rssMb, 1);
    result.startSeconds = startSeconds;
    result.startCpuMs = round(idle.cpuMs, 0);
    log(`bot ${instances > 1 ? `(${instances} instances, webhook) serving` : "polling"} ${startSeconds} s after spawn (${round(idle.cpuMs, 0)} ms CPU); idle RSS ${round(idle.rssMb, 1)} MB (high-water mark so far ${round(idle.peakRssMb, 1)} MB), idle CPU ${result.idleCpuPercent} %`);
    bot.resetSampledPeak();
    const linesBefore = bot.outputLines();

    // Warm-up (JIT, statement caches, first rows): a short closed loop, fully drained, not counted.
    const warm = await closedLoop(world, { durationMs: Math.min(Math.max(1000, durationMs / 4), 3000), echo: false, photoEvery });
    await waitUntil(() => warm.subs.every(settled), 120_000);
    log(`warm-up: ${warm.subs.length} submissions (not counted)`);

    // ——— 3. Member path, saturated; then the card pipeline drains ———
    const runningBot = bot;
    const a = runningBot.stats();
    const cardsBefore = world.cards;
    const run = await closedLoop(world, { durationMs, echo: false, photoEvery });
    const done = completedBy(run.subs, run.endedAt);
    const window = (run.endedAt - run.startedAt) / 1000;
    // Updates handled in the window: a preview ends a message's handling, "Terkirim" a tap's.
    // (Counting whole submissions would count in waves: all members start at once.)
    const within = (t: number | undefined) => t !== undefined && t >= run.startedAt && t <= run.endedAt;
    const handled = run.subs.filter((x) => within(x.previewAt)).length + run.subs.filter((x) => within(x.doneAt)).length;
    const memberUpdatesPerSecond = handled / window;
    const cardsInWindow = world.cards - cardsBefore;
    const drainTimeout = Math.max(180_000, durationMs * 12);
    await waitUntil(() => run.subs.every(finished), drainTimeout);
    const b = runningBot.stats();
    const bAt = performance.now();
    const cardsAtB = world.cards - cardsBefore;
    await waitUntil(() => run.subs.every(settled), drainTimeout);
    const c = runningBot.stats();
    const cAt = performance.now();
    const cards = run.subs.filter((s) => s.cardAt !== undefined).map((s) => s.cardAt!).sort((x, y) => x - y);
    const cardSpan = cards.length > 1 ? (cards.at(-1)! - cards[0]!) / 1000 : 0;
    const drained = world.cards - cardsBefore - cardsAtB;
    result.memberPath = {
      submissionsDone: done,
      updatesHandled: handled,
      apologies: run.subs.filter((x) => x.failedAt !== undefined).length,
      updatesPerSecond: round(memberUpdatesPerSecond, 1),
      cpuMsPerUpdate: round((b.cpuMs - a.cpuMs) / Math.max(2 * run.subs.length, 1), 3),
    };
    result.cards = {
      note: "review cards all go into one admin group; GROUP_SENDS_PER_MINUTE raised to 60000 (Telegram allows about 20 a minute)",
      delivered: cards.length,
      of: run.subs.length,
      // Over the whole run (warm-up and latency steps too): a second card for one submission.
      duplicates: 0,
      perSecond: round(cardSpan > 0 ? (cards.length - 1) / cardSpan : 0, 1),
      perSecondWhileMembersSend: round(cardsInWindow / window, 1),
      perSecondDraining: round(drained > 0 ? drained / ((cAt - bAt) / 1000) : 0, 1),
      cpuMsPerCardDraining: round(drained > 0 ? (c.cpuMs - b.cpuMs) / drained : 0, 2),
    };
    result.peakRssSaturatedMb = round(runningBot.sampledPeakRssMb(), 1);
    result.cpuMsPerUpdate = round((c.cpuMs - a.cpuMs) / Math.max(2 * run.subs.length, 1), 3);
    result.cpuMsPerSubmission = round((c.cpuMs - a.cpuMs) / Math.max(run.subs.length, 1), 2);
    result.logLinesPerUpdate = round((runningBot.outputLines() - linesBefore) / Math.max(2 * run.subs.length, 1), 3);
    log(
      `member path, ${members} members each with one submission in flight for ${window.toFixed(1)} s: ${done} submissions, ` +
        `${round(memberUpdatesPerSecond, 1)} updates/s (${round(memberUpdatesPerSecond / ceilingBefore.updatesPerSecond, 3)} of the first ceiling)`,
    );
    log(
      `review cards (group limit raised to 60,000/min): ${round(cardsInWindow / window, 1)}/s while members send, ` +
        `${(result.cards as { perSecondDraining: number }).perSecondDraining}/s draining the backlog of ${run.subs.length - cardsAtB}; ${cards.length}/${run.subs.length} delivered`,
    );
    log(
      `CPU of the bot: ${result.cpuMsPerUpdate} ms per update over the whole path and its cards ` +
        `(${(result.memberPath as { cpuMsPerUpdate: number }).cpuMsPerUpdate} ms while members send, ${(result.cards as { cpuMsPerCardDraining: number }).cpuMsPerCardDraining} ms per card draining)`,
    );
    load.push(loadavg()[0] ?? 0);

    // ——— 4. Latency at fixed offered rates ———
    world.thinkMs = thinkMs;
    const steps: Array<Record<string, unknown>> = [];
    for (const rate of rates) {
      const before = runningBot.stats();
      const peakSoFar = runningBot.sampledPeakRssMb();
      runningBot.resetSampledPeak();
      const subs = await openLoop(world, { rate, durationMs, photoEvery });
      const offeredFor = durationMs / 1000;
      const stepTimeout = Math.max(180_000, durationMs * 12);
      await waitUntil(() => subs.every(settled), stepTimeout);
      const after = runningBot.stats();
      const step = latencyStep(rate, subs, before, after);
      step.peakRssMb = round(runningBot.sampledPeakRssMb(), 1);
      runningBot.restorePeak(peakSoFar);
      const unmatched = subs.filter((s) => s.cardAt === undefined && s.number !== undefined && world.cardIds.has(s.number));
      if (unmatched.length > 0) log(`  ${unmatched.length} cards were seen but not matched: ${JSON.stringify(unmatched.slice(0, 3))}`);
      steps.push(step);
      load.push(loadavg()[0] ?? 0);
      const tt = step.tapToTerkirimMs as Latency;
      const tc = step.tapToCardMs as Latency;
      log(
        `${rate}/s offered for ${offeredFor} s (${subs.length} submissions): tap→"Terkirim" median ${tt.median} ms, p99 ${tt.p99} ms; ` +
          `tap→card median ${tc.median} ms, p99 ${tc.p99} ms; ${step.cpuMsPerUpdate} ms CPU per update` +
          (Number(step.missingTerkirim) + Number(step.missingCard) > 0
            ? `; missing: ${step.missingTerkirim} "Terkirim" (${step.apologies} apologies), ${step.missingCard} cards`
            : ""),
      );
    }
    result.latency = steps;

    (result.cards as Record<string, unknown>).duplicates = world.duplicateCards;
    const errors = runningBot.errorLines();
    result.botErrorLogLines = errors.count;
    result.apologies = world.failures;
    if (errors.count > 0 || world.failures > 0) {
      log(`the bot logged ${errors.count} errors and apologised to members ${world.failures} times ("Maaf, terjadi kesalahan"); first errors:`);
      for (const line of errors.first) log(`  ${line}`);
    }
    const end = runningBot.stats();
    result.peakRssMb = round(Math.max(end.peakRssMb, runningBot.sampledPeakRssMb()), 1);
    result.peakRssUnderLoadMb = round(runningBot.sampledPeakRssMb(), 1);
    log(
      `RSS of the bot: idle ${result.idleRssMb} MB, peak under load ${result.peakRssUnderLoadMb} MB (saturated phase ${result.peakRssSaturatedMb} MB; ` +
        `per rate ${steps.map((x) => `${x.rate}/s ${x.peakRssMb} MB`).join(", ")}; high-water mark ${round(end.peakRssMb, 1)} MB)`,
    );
    const exit = await runningBot.terminate();
    bot = undefined;
    if (exit !== 0) throw new Error(`the bot exited with ${exit}:\n${runningBot.tail()}`);

    if (opts.profileDir) {
      const file = newestProfile(opts.profileDir);
      const profile: ProfileSummary = summariseProfile(file);
      result.profile = { file, ...profile.shares };
      log(`CPU profile: ${file}`);
      for (const line of profile.lines) log(`  ${line}`);
    }

    const ceilingAfter = await measureCeiling(world, durationMs);
    const ceiling = (ceilingBefore.updatesPerSecond + ceilingAfter.updatesPerSecond) / 2;
    result.ceiling = {
      updatesPerSecond: round(ceiling, 1),
      before: ceilingBefore.updatesPerSecond,
      after: ceilingAfter.updatesPerSecond,
      cpuMsPerUpdate: round((ceilingBefore.cpuMsPerUpdate + ceilingAfter.cpuMsPerUpdate) / 2, 3),
      rssMb: ceilingAfter.rssMb,
    };
    (result.memberPath as Record<string, number>).ratioOfCeiling = round(memberUpdatesPerSecond / ceiling, 3);
    log(
      `ceiling again: ${ceilingAfter.updatesPerSecond} updates/s; member path = ${round(memberUpdatesPerSecond / ceiling, 3)} of the mean ceiling ` +
        `${round(ceiling, 1)} updates/s; echo bot ${round((ceilingBefore.cpuMsPerUpdate + ceilingAfter.cpuMsPerUpdate) / 2, 3)} ms CPU per update, RSS ${ceilingAfter.rssMb} MB`,
    );

    // ——— 5. SQL statements per step ———
    if (opts.statements !== false) {
      const report: StatementReport = await countStatements({ samples: members < 10 ? 1 : 3 });
      result.statements = {
        text: { message: report.text.message.statements, tap: report.text.tap.statements, card: report.text.card.statements },
        photo: { message: report.photo.message.statements, tap: report.photo.tap.statements, card: report.photo.card.statements },
        textByKind: { message: report.text.message.byKind, tap: report.text.tap.byKind, card: report.text.card.byKind },
      };
      const s = report.text;
      log(
        `SQL statements per text submission: message ${s.message.statements}, tap ${s.tap.statements}, card ${s.card.statements} ` +
          `(photo: ${report.photo.message.statements} / ${report.photo.tap.statements} / ${report.photo.card.statements})`,
      );
    }
    result.loadAverage1m = load.map((l) => round(l, 2));
    return result;
  } finally {
    await bot?.terminate().catch(() => null);
    await world.stop();
    await temp.cleanup();
  }
}

/** The echo bot in its own process; every member keeps one message in flight. */
async function measureCeiling(world: IngestWorld, durationMs: number): Promise<{ updatesPerSecond: number; cpuMsPerUpdate: number; rssMb: number }> {
  const echo = spawnMeasured(["--import", "tsx", "src/cli/ingest/echo-bot.ts", world.tg.apiRoot, world.tg.token], {});
  try {
    await ready(world.tg, echo);
    const before = echo.stats();
    const run = await closedLoop(world, { durationMs, echo: true, photoEvery: 0 });
    const after = echo.stats();
    const done = completedBy(run.subs, run.endedAt);
    await waitUntil(() => run.subs.every((s) => s.doneAt !== undefined), 5000);
    return {
      updatesPerSecond: round(done / ((run.endedAt - run.startedAt) / 1000), 1),
      cpuMsPerUpdate: round((after.cpuMs - before.cpuMs) / Math.max(done, 1), 3),
      rssMb: round(after.rssMb, 1),
    };
  } finally {
    await echo.terminate();
    // Telegram forgets what the echo bot did not fetch; the members forget what it did not answer.
    await world.dropPendingUpdates();
    world.forgetEcho();
  }
}

/** Waits until the process polls Telegram (its first getUpdates after start). */
async function ready(tg: { stats: { calls: Record<string, number> } }, proc: Measured): Promise<void> {
  const before = tg.stats.calls.getUpdates ?? 0;
  let exited = false;
  void proc.exited.then(() => (exited = true));
  const ok = await waitUntil(() => exited || (tg.stats.calls.getUpdates ?? 0) > before, READY_TIMEOUT_MS);
  if (!ok || exited) throw new Error(`the process did not start polling:\n${proc.tail()}`);
}

/** Waits until every instance answers /readyz and the webhook is registered with Telegram. */
async function readyWebhook(tg: { stats: { calls: Record<string, number> } }, ports: readonly number[], procs: Measured): Promise<void> {
  let exited = false;
  void procs.exited.then(() => (exited = true));
  const readyz = async (port: number) => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.status === 200;
  const ok = await waitUntilAsync(async () => exited || ((tg.stats.calls.setWebhook ?? 0) > 0 && (await Promise.all(ports.map(readyz))).every(Boolean)), READY_TIMEOUT_MS);
  if (!ok || exited) throw new Error(`the instances did not become ready:\n${procs.tail()}`);
}

async function waitUntilAsync(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    if (await check()) return true;
    await sleep(100);
  }
  return false;
}

/** The member saw "Terkirim" or the bot's apology. */
function finished(s: Submission): boolean {
  return s.doneAt !== undefined || s.failedAt !== undefined;
}

/** Finished, and a confirmed submission has its card. */
function settled(s: Submission): boolean {
  return finished(s) && (s.doneAt === undefined || s.cardAt !== undefined);
}

function completedBy(subs: readonly Submission[], at: number): number {
  return subs.filter((s) => s.doneAt !== undefined && s.doneAt <= at).length;
}

function latencyStep(rate: number, subs: readonly Submission[], before: ProcStats, after: ProcStats): Record<string, unknown> {
  const tapDone = subs.filter((s) => s.tapAt !== undefined && s.doneAt !== undefined).map((s) => s.doneAt! - s.tapAt!);
  const tapCard = subs.filter((s) => s.tapAt !== undefined && s.cardAt !== undefined).map((s) => s.cardAt! - s.tapAt!);
  const preview = subs.filter((s) => s.previewAt !== undefined).map((s) => s.previewAt! - s.sentAt);
  return {
    rate,
    submissions: subs.length,
    sendToPreviewMs: percentiles(preview),
    tapToTerkirimMs: percentiles(tapDone),
    tapToCardMs: percentiles(tapCard),
    apologies: subs.filter((s) => s.failedAt !== undefined).length,
    missingTerkirim: subs.length - tapDone.length,
    missingCard: subs.length - tapCard.length,
    cpuMsPerUpdate: round((after.cpuMs - before.cpuMs) / Math.max(2 * subs.length, 1), 3),
  };
}

function percentiles(values: number[]): Latency {
  if (values.length === 0) return { median: -1, p99: -1 };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { median: round(at(0.5), 1), p99: round(at(0.99), 1) };
}

/** The newest profile of a main thread (CPU.<date>.<time>.<pid>.0.<n>.cpuprofile; 1 is tsx's loader thread). */
function newestProfile(dir: string): string {
  const files = readdirSync(dir)
    .filter((f) => /\.0\.\d+\.cpuprofile$/.test(f))
    .map((f) => path.join(dir, f))
    .sort((x, y) => statSync(y).mtimeMs - statSync(x).mtimeMs);
  if (!files[0]) throw new Error(`no .cpuprofile in ${dir}`);
  return files[0];
}

function seconds(since: number): number {
  return round((performance.now() - since) / 1000, 2);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function parseIngestArgs(argv: readonly string[]): IngestBenchOptions & { jsonOnly: boolean } {
  const out: IngestBenchOptions & { jsonOnly: boolean } = { jsonOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    const number = () => {
      const n = Number(value);
      if (value === undefined || !Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a number`);
      i++;
      return n;
    };
    if (flag === "--json-only") out.jsonOnly = true;
    else if (flag === "--compiled") out.compiled = true;
    else if (flag === "--no-statements") out.statements = false;
    else if (flag === "--quick") Object.assign(out, { members: 4, durationSeconds: 1, rates: [20] });
    else if (flag === "--members") out.members = Math.max(1, Math.floor(number()));
    else if (flag === "--duration") out.durationSeconds = number();
    else if (flag === "--photo-every") out.photoEvery = Math.floor(number());
    else if (flag === "--think-ms") out.thinkMs = number();
    else if (flag === "--rate" || flag === "--rates") {
      out.rates = (value ?? "").split(",").map(Number);
      if (out.rates.length === 0 || out.rates.some((r) => !Number.isFinite(r) || r <= 0)) throw new Error(`${flag} needs rates like 20,50,100`);
      i++;
    } else if (flag === "--postgres") {
      if (!value?.startsWith("postgres")) throw new Error("--postgres needs a URL like postgresql://postgres@127.0.0.1:5432/postgres");
      out.postgres = value;
      i++;
    } else if (flag === "--instances") {
      out.instances = Math.max(1, Math.floor(number()));
    } else if (flag === "--redis") {
      if (!value?.startsWith("redis")) throw new Error("--redis needs a URL like redis://127.0.0.1:6379");
      out.redisUrl = value;
      i++;
    } else if (flag === "--profile") {
      if (!value) throw new Error("--profile needs a folder");
      out.profileDir = value;
      i++;
    } else {
      throw new Error(
        `unknown option ${flag}; use --members N, --duration S, --rates 20,50,100,200, --photo-every N, --think-ms MS, ` +
          "--compiled, --profile DIR, --no-statements, --quick, --json-only, --postgres URL, --instances N, --redis URL",
      );
    }
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  let code = 0;
  try {
    const { jsonOnly, ...opts } = parseIngestArgs(process.argv.slice(2));
    const result = await runIngestBench({ ...opts, log: jsonOnly ? undefined : (line) => console.log(line) });
    console.log(JSON.stringify(result));
  } catch (err) {
    console.error(err);
    code = 1;
  }
  process.exit(code);
}
