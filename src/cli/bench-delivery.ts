// Benchmark of reminder delivery: the real app's job worker, send throttle and in-place retries sending
// many `message.send` jobs to the Bot API emulator under Telegram-like flood limits.
//
//   tsx src/cli/bench-delivery.ts [--messages 30000] [--time-scale 10] [--concurrency 50] [--same-thread]
//
// The emulator enforces Telegram's limits (30 messages/s overall, 1 message/s per private chat
// with a burst of 3, 20 messages/min per group), all made `--time-scale` times faster so the run
// stays short: with the default 10, the allowed rate is 300 messages/s and 30,000 messages take
// 100 s. The app runs as in production except that SEND_RATE_PER_SECOND, GROUP_SENDS_PER_MINUTE and
// PRIVATE_SENDS_PER_SECOND (src/telegram/throttle.ts) are scaled by the same factor. SEND_RATE_PER_SECOND is
// capped at 1000 by the configuration, so a time scale above 33 cannot be matched by the bot.
//
// The emulator runs in a worker thread, as Telegram is not in the bot's process: the figures are
// the bot's, not the bot's plus the emulator's share of one CPU (--same-thread runs both in one
// thread, for comparison).
//
// Steps: N users write /start to the bot (the emulator lets a bot message only users who did) and
// those N updates are dropped before the app starts (deleteWebhook with drop_pending_updates), so
// the inbox is not flooded; N active members are created; N reminder jobs are enqueued in
// transactions of 2,000 with the dedupe key `reminder:<week>:<memberId>`, as the reminders
// feature does; then the app starts and its worker delivers them.
//
// Figures: wall time from the first to the last delivered message, achieved rate (messages per
// second over that span), allowed rate (30 × time scale), their ratio, 429s answered by the
// emulator and how many of them reached the job queue (the rest were retried in place), users who got no message (lost) or more than one (sent twice), failed jobs.
// The last line of output is one JSON object.
//
// Reading the figures: the throttle (src/telegram/throttle.ts) keeps a sliding window per second
// overall and per minute per group, and a small bucket per private chat, the way the emulator
// counts; 429s that still happen come from the margin between the bot's clock and the emulator's.
import { loadavg } from "node:os";
import { pathToFileURL } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { GrammyError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { createApp, type App } from "../app.js";
import { parseConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { importRegistry } from "../domain/registry.js";
import { enqueue } from "../queue/jobs.js";
import { jobs } from "../queue/kinds.js";
import { BotApiEmulator, type LimitOptions } from "@jedikim/telegram-emulator";
import { scratchDatabase } from "./scratch-db.js";

export interface DeliveryBenchOptions {
  messages?: number;
  /** How many times faster than Telegram the emulator's windows run (and the throttler is set). Default 10. */
  timeScale?: number;
  /** JOB_CONCURRENCY of the app (default 50). */
  concurrency?: number;
  /** Run the emulator in the bot's thread instead of a worker thread. */
  sameThread?: boolean;
  log?: (line: string) => void;
}

const TELEGRAM_GLOBAL_PER_SECOND = 30;
const TELEGRAM_GROUP_PER_MINUTE = 20;
const FIRST_USER_ID = 700_000_000;
const ENQUEUE_BATCH = 2_000;
const WEEK = "2026-W49";
const WORKER_ROLE = "bench-delivery-emulator";

// ——— The emulator side (in a worker thread, or in-process) ———

interface EmulatorSetup {
  users: number;
  limits: LimitOptions;
}

interface EmulatorInfo {
  apiRoot: string;
  token: string;
  bot: UserFromGetMe;
}

interface Progress {
  delivered: number;
  rejected429: number;
}

interface Outcome extends Progress {
  sendCalls: number;
  deliveredSends: number;
  /** Date.now() of the first and last delivered sendMessage after `sinceCall`. */
  firstAt: number;
  lastAt: number;
  lost: number;
  sentTwice: number;
}

/** Starts the emulator, adds users who started the bot and drops their /start updates. */
async function setUpEmulator(setup: EmulatorSetup): Promise<{ tg: BotApiEmulator; info: EmulatorInfo; callsBefore: number }> {
  const tg = await BotApiEmulator.start({ limits: setup.limits });
  for (let i = 0; i < setup.users; i++) {
    const id = FIRST_USER_ID + i;
    tg.addUser({ id, first_name: `Anggota ${i + 1}` });
    tg.userSendsText(id, "/start");
  }
  const dropped = await fetch(`${tg.apiRoot}/bot${tg.token}/deleteWebhook?drop_pending_updates=true`);
  if (!dropped.ok || tg.pendingUpdates() !== 0) throw new Error("could not drop the /start updates");
  return { tg, info: { apiRoot: tg.apiRoot, token: tg.token, bot: tg.bot }, callsBefore: tg.calls.length };
}

function progressOf(tg: BotApiEmulator): Progress {
  return { delivered: tg.stats.delivered, rejected429: tg.stats.rejected429 };
}

function outcomeOf(tg: BotApiEmulator, users: number, sinceCall: number): Outcome {
  const sends = tg.calls.slice(sinceCall).filter((c) => c.method === "sendMessage");
  const delivered = sends.filter((c) => c.ok);
  let lost = 0;
  let sentTwice = 0;
  for (let i = 0; i < users; i++) {
    const n = tg.botMessages(FIRST_USER_ID + i).length;
    if (n === 0) lost++;
    else if (n > 1) sentTwice++;
  }
  return {
    ...progressOf(tg),
    sendCalls: sends.length,
    deliveredSends: delivered.length,
    firstAt: delivered[0]?.at ?? 0,
    lastAt: delivered.at(-1)?.at ?? 0,
    lost,
    sentTwice,
  };
}

/** What the bench needs from the emulator, wherever it runs. */
interface EmulatorHandle {
  info: EmulatorInfo;
  progress(): Promise<Progress>;
  outcome(): Promise<Outcome>;
  stop(): Promise<void>;
}

async function inProcessEmulator(setup: EmulatorSetup): Promise<EmulatorHandle> {
  const { tg, info, callsBefore } = await setUpEmulator(setup);
  return {
    info,
    progress: async () => progressOf(tg),
    outcome: async () => outcomeOf(tg, setup.users, callsBefore),
    stop: () => tg.stop(),
  };
}

type Request = { id: number; op: "progress" | "outcome" | "stop" };
type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

async function threadEmulator(setup: EmulatorSetup): Promise<EmulatorHandle> {
  // Loader hooks are per thread: the worker registers tsx's before it loads this TypeScript file.
  const tsx = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { role: WORKER_ROLE, setup } });
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  const failed = new Promise<never>((_, reject) => {
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`emulator thread exited with ${code}`)));
  });
  failed.catch(() => {});
  const ready = new Promise<EmulatorInfo>((resolve, reject) => {
    worker.once("message", (m: Reply) => (m.ok ? resolve(m.value as EmulatorInfo) : reject(new Error(m.error))));
  });
  const info = await Promise.race([ready, failed]);
  worker.on("message", (m: Reply) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.ok) w?.resolve(m.value);
    else w?.reject(new Error(m.error));
  });
  const ask = <T>(op: Request["op"]): Promise<T> =>
    Promise.race([
      new Promise<T>((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve: (v) => resolve(v as T), reject });
        worker.postMessage({ id, op } satisfies Request);
      }),
      failed,
    ]);
  return {
    info,
    progress: () => ask<Progress>("progress"),
    outcome: () => ask<Outcome>("outcome"),
    async stop() {
      await ask("stop").catch(() => {});
      await worker.terminate();
    },
  };
}

async function serveEmulatorThread(setup: EmulatorSetup): Promise<void> {
  const port = parentPort!;
  try {
    const { tg, info, callsBefore } = await setUpEmulator(setup);
    port.postMessage({ id: 0, ok: true, value: info } satisfies Reply);
    port.on("message", (req: Request) => {
      void (async () => {
        try {
          let value: unknown = null;
          if (req.op === "progress") value = progressOf(tg);
          else if (req.op === "outcome") value = outcomeOf(tg, setup.users, callsBefore);
          else await tg.stop();
          port.postMessage({ id: req.id, ok: true, value } satisfies Reply);
          if (req.op === "stop") port.close();
        } catch (err) {
          port.postMessage({ id: req.id, ok: false, error: String(err) } satisfies Reply);
        }
      })();
    });
  } catch (err) {
    port.postMessage({ id: 0, ok: false, error: String(err) } satisfies Reply);
  }
}

// ——— The bench ———

export async function runDeliveryBench(opts: DeliveryBenchOptions = {}): Promise<Record<string, number | string>> {
  const messages = opts.messages ?? 30_000;
  const timeScale = opts.timeScale ?? 10;
  const concurrency = opts.concurrency ?? 50;
  const log = opts.log ?? (() => {});
  const allowedRate = TELEGRAM_GLOBAL_PER_SECOND * timeScale;
  const setup: EmulatorSetup = {
    users: messages,
    limits: {
      enabled: true,
      globalPerSecond: TELEGRAM_GLOBAL_PER_SECOND,
      perChatPerSecond: 1,
      perChatBurst: 3,
      perGroupPerMinute: TELEGRAM_GROUP_PER_MINUTE,
      timeScale,
    },
  };

  let t = performance.now();
  const tg = opts.sameThread ? await inProcessEmulator(setup) : await threadEmulator(setup);
  log(`emulator ${opts.sameThread ? "in this thread" : "in a worker thread"}: ${messages} users started the bot (${seconds(t)} s)`);
  const temp = scratchDatabase();
  let app: App | undefined;
  try {
    const config = parseConfig({
      BOT_TOKEN: tg.info.token,
      TELEGRAM_API_ROOT: tg.info.apiRoot,
      DATABASE_URL: temp.url,
      LOG_LEVEL: "silent",
      SEND_RATE_PER_SECOND: String(allowedRate),
      GROUP_SENDS_PER_MINUTE: String(Math.min(1000, TELEGRAM_GROUP_PER_MINUTE * timeScale)),
      PRIVATE_SENDS_PER_SECOND: String(Math.max(1, Math.round(timeScale))),
      JOB_CONCURRENCY: String(concurrency),
      // The scheduled weekly run is not part of this measurement: the bench enqueues the jobs itself.
      REMINDERS: "off",
      HTTP: "off",
    });
    if (config.throttle.sendsPerSecond !== allowedRate) throw new Error(`SEND_RATE_PER_SECOND cannot be ${allowedRate} (at most 1000)`);
    app = await createApp({ config, logger: createLogger({ level: "silent" }), botInfo: tg.info.bot, pollTimeoutSeconds: 1 });
    const db = app.db;

    // Send errors that the in-place retries passed on to the job (installed last, so it runs first: outermost).
    let surfaced429 = 0;
    let surfacedOther = 0;
    app.bot.api.config.use(async (prev, method, payload, signal) => {
      try {
        return await prev(method, payload, signal);
      } catch (err) {
        if (method === "sendMessage") {
          if (err instanceof GrammyError && err.error_code === 429) surfaced429++;
          else surfacedOther++;
        }
        throw err;
      }
    });

    // Members, then the reminder jobs in a few transactions.
    t = performance.now();
    await importRegistry(db, "kecamatan,desa,nama_kim\nDusun Timur,Tamiang Layang,KIM Hapau Habar");
    const kim = await db.kim.findFirstOrThrow();
    await db.member.createMany({
      data: Array.from({ length: messages }, (_, i) => ({
        telegramId: BigInt(FIRST_USER_ID + i),
        firstName: `Anggota ${i + 1}`,
        displayName: `Anggota ${i + 1}`,
        kimId: kim.id,
        status: "active",
        joinedAt: new Date(),
      })),
    });
    const members = await db.member.findMany({ select: { id: true, telegramId: true }, orderBy: { id: "asc" } });
    log(`${members.length} members created (${seconds(t)} s)`);

    t = performance.now();
    for (let i = 0; i < members.length; i += ENQUEUE_BATCH) {
      const batch = members.slice(i, i + ENQUEUE_BATCH);
      await db.$transaction(
        async (tx) => {
          for (const m of batch) {
            const payload = {
              chatId: String(m.telegramId),
              memberId: m.id,
              text: "Halo! Minggu ini KIM Anda belum mengirim kabar. Yuk kirim berita terbaru lewat bot ini.",
            };
            await enqueue(tx, jobs.sendMessage, payload, { dedupeKey: `reminder:${WEEK}:${m.id}` });
          }
        },
        { timeout: 120_000 },
      );
    }
    const enqueueSeconds = seconds(t);
    log(`${members.length} jobs enqueued in ${Math.ceil(members.length / ENQUEUE_BATCH)} transactions (${enqueueSeconds} s)`);

    // Deliver.
    log(`delivering: allowed ${allowedRate} msg/s (30/s × time scale ${timeScale}), JOB_CONCURRENCY ${concurrency}`);
    const started = Date.now();
    await app.start();
    app.worker.wake();
    let lastReport = Date.now();
    const deadline = Date.now() + Math.max(120_000, (messages / allowedRate) * 1000 * 4);
    for (;;) {
      await new Promise((r) => setTimeout(r, 250));
      const open = await db.job.count({ where: { status: { in: ["pending", "running"] } } });
      if (open === 0) break;
      if (Date.now() > deadline) throw new Error(`${open} jobs still open at the deadline`);
      if (Date.now() - lastReport >= 10_000) {
        lastReport = Date.now();
        const p = await tg.progress();
        log(`  ${p.delivered} delivered, ${open} jobs open, ${p.rejected429} × 429 so far`);
      }
    }
    const jobsDone = await db.job.count({ where: { status: "done" } });
    const jobsFailed = await db.job.count({ where: { status: "failed" } });
    await app.stop();
    app = undefined;

    // Measure.
    const o = await tg.outcome();
    const spanSeconds = Math.max((o.lastAt - o.firstAt) / 1000, 1e-3);
    // N deliveries span N - 1 intervals.
    const achievedRate = Math.max(o.deliveredSends - 1, 0) / spanSeconds;
    const result: Record<string, number | string> = {
      messages,
      timeScale,
      concurrency,
      emulator: opts.sameThread ? "same thread" : "worker thread",
      allowedRate,
      achievedRate: round(achievedRate, 1),
      ratio: round(achievedRate / allowedRate, 3),
      deliverySeconds: round(spanSeconds, 2),
      startToLastSeconds: round((o.lastAt - started) / 1000, 2),
      delivered: o.deliveredSends,
      sendCalls: o.sendCalls,
      rejected429: o.rejected429,
      retriedInPlace429: o.rejected429 - surfaced429,
      rescheduled429: surfaced429,
      otherSendErrors: surfacedOther,
      lost: o.lost,
      sentTwice: o.sentTwice,
      jobsDone,
      jobsFailed,
      enqueueSeconds,
      // Other processes on the machine slow every figure down; this says how busy it was.
      loadAverage1m: round(loadavg()[0] ?? 0, 2),
    };
    log(`delivered ${o.deliveredSends} of ${messages} in ${result.deliverySeconds} s (first to last message)`);
    log(`achieved ${result.achievedRate} msg/s of ${allowedRate} allowed: ${round((achievedRate / allowedRate) * 100, 1)} %`);
    log(`429s: ${o.rejected429} (${result.retriedInPlace429} retried in place, ${surfaced429} rescheduled by the queue)`);
    log(`lost ${o.lost}, sent twice ${o.sentTwice}, jobs done ${jobsDone}, failed ${jobsFailed}`);
    return result;
  } finally {
    if (app) await app.stop().catch(() => {});
    await tg.stop();
    temp.cleanup();
  }
}

function seconds(since: number): number {
  return round((performance.now() - since) / 1000, 2);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function parseArgs(argv: readonly string[]): DeliveryBenchOptions {
  const out: DeliveryBenchOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--same-thread") {
      out.sameThread = true;
      continue;
    }
    const value = Number(argv[i + 1]);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${flag} needs a positive number`);
    if (flag === "--messages") out.messages = Math.floor(value);
    else if (flag === "--time-scale") out.timeScale = value;
    else if (flag === "--concurrency") out.concurrency = Math.floor(value);
    else throw new Error(`unknown option ${flag}; use --messages N, --time-scale S, --concurrency C, --same-thread`);
    i++;
  }
  return out;
}

const role = (workerData as { role?: string; setup?: EmulatorSetup } | null)?.role;
if (!isMainThread && role === WORKER_ROLE) {
  await serveEmulatorThread((workerData as { setup: EmulatorSetup }).setup);
} else if (isMainThread && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  let code = 0;
  try {
    const result = await runDeliveryBench({ ...parseArgs(process.argv.slice(2)), log: (line) => console.log(line) });
    console.log(JSON.stringify(result));
    if (Number(result.lost) > 0 || Number(result.sentTwice) > 0 || Number(result.jobsFailed) > 0) code = 1;
  } catch (err) {
    console.error(err);
    code = 1;
  }
  process.exit(code);
}
