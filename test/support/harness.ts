// End-to-end harness: the real app (database, bot, inbox, job worker) against the emulator, with a
// small world: an admin group with one admin, the public channel, and KIM members.
import type { Message } from "grammy/types";
import { createApp, type App } from "../../src/app.js";
import type { Clock } from "../../src/clock.js";
import { parseConfig, type Config } from "../../src/config.js";
import { importRegistry } from "../../src/domain/registry.js";
import { createLogger, type Logger } from "../../src/logger.js";
import { BotApiEmulator, type EmulatorOptions } from "@jedikim/telegram-emulator";
import { testDatabase } from "./temp-db.js";

export const ADMIN_GROUP = -1001000000001;
export const CHANNEL = -1001000000002;
export const CHANNEL_USERNAME = "infokimbartim";
export const ADMIN = { id: 5001, first_name: "Sari", last_name: "Admin", username: "sari_admin" };
export const ADMIN_2 = { id: 5002, first_name: "Yudi", username: "yudi_admin" };

export const REGISTRY_CSV = [
  "kecamatan,desa,nama_kim",
  "Dusun Timur,Tamiang Layang,KIM Hapau Habar",
  "Dusun Timur,Jaar,KIM Pawawara",
  "Paju Epat,Telang,KIM Netampin Bersinar",
].join("\n");

/** A pino line: level 30 info, 40 warn, 50 error. */
export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface Scenario {
  tg: BotApiEmulator;
  /** The bot's log lines, when started with captureLogs. */
  logs: LogLine[];
  app: App;
  config: Config;
  /** Stops the bot gracefully and starts a new one on the same database and emulator (with changed settings). */
  restart(env?: Record<string, string>): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Registers a user as an active member of the named KIM through its invite link. */
  joinMember(user: { id: number; first_name: string; username?: string; language_code?: string }, kimName?: string): Promise<void>;
  /** Waits until the job queue has nothing pending or running. */
  idle(timeoutMs?: number): Promise<void>;
  /** Waits until Telegram holds no update for the bot and every stored update was handled, then for idle jobs. */
  settled(timeoutMs?: number): Promise<void>;
  inviteCode(kimName: string): Promise<string>;
}

export async function startScenario(
  opts: { env?: Record<string, string>; emulator?: EmulatorOptions; clock?: Clock; seed?: boolean; captureLogs?: boolean; logger?: Logger } = {},
): Promise<Scenario> {
  const tg = await BotApiEmulator.start(opts.emulator);
  tg.addGroup({ id: ADMIN_GROUP, title: "Admin KIM Bartim" });
  tg.addChannel({ id: CHANNEL, title: "Info KIM Barito Timur", username: CHANNEL_USERNAME });
  tg.addUser(ADMIN);
  tg.addUser(ADMIN_2);
  tg.addMember(ADMIN_GROUP, ADMIN.id, "administrator");
  tg.addMember(ADMIN_GROUP, ADMIN_2.id, "member");
  const db = await testDatabase();
  const baseEnv = {
    BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    ADMIN_CHAT_ID: String(ADMIN_GROUP),
    CHANNEL_ID: String(CHANNEL),
    DATABASE_URL: db.url,
    LOG_LEVEL: "silent",
    SEND_RATE_PER_SECOND: "1000",
    GROUP_SENDS_PER_MINUTE: "1000",
    PRIVATE_SENDS_PER_SECOND: "1000",
    ALBUM_WAIT_MS: "300",
    // Only the reminder tests want the weekly run (which catches up at start); they turn it on.
    REMINDERS: "off",
    // The HTTP server listens on a free port of its own, so parallel tests never collide on 8080.
    HTTP_HOST: "127.0.0.1",
    PORT: "0",
    ...opts.env,
  };
  let config = parseConfig(baseEnv);
  const logs: LogLine[] = [];
  const logger =
    opts.logger ??
    (opts.captureLogs
      ? createLogger({ level: "info", destination: { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) } })
      : createLogger({ level: process.env.TEST_LOG_LEVEL ?? "silent" }));
  const build = () => createApp({ config, logger, clock: opts.clock, pollTimeoutSeconds: 1, jobPollMs: 50, inboxRetryDelayMs: 50, telegramRetryDelayMs: 20 });

  let app = await build();
  if (opts.seed !== false) await importRegistry(app.db, REGISTRY_CSV);
  await app.start();
  let running = true;

  const scenario: Scenario = {
    tg,
    get config() {
      return config;
    },
    logs,
    get app() {
      return app;
    },
    async start() {
      if (running) return;
      app = await build();
      await app.start();
      running = true;
    },
    async stop() {
      if (!running) return;
      running = false;
      await app.stop();
    },
    async restart(env?: Record<string, string>) {
      await scenario.stop();
      // The operator changed .env and restarted the bot.
      if (env) config = parseConfig({ ...baseEnv, ...env });
      await scenario.start();
    },
    async joinMember(user, kimName = "KIM Hapau Habar") {
      tg.addUser(user);
      const code = await scenario.inviteCode(kimName);
      const before = tg.botMessages(user.id).length;
      tg.userSendsText(user.id, `/start ${code}`);
      const prompt = await tg.waitForNewBotMessage(user.id, before);
      tg.userPresses(user.id, prompt, buttonData(prompt, 0));
      await tg.waitFor(() => tg.lastBotMessage(user.id)?.text?.includes("Selamat bergabung") || tg.lastBotMessage(user.id)?.text?.includes("Welcome"));
    },
    async idle(timeoutMs = 8000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        // Jobs due now by the app's own clock (a test may have moved it forward); later retries do not count.
        const dueBy = new Date(app.deps.clock.now().getTime() + 1000);
        const busy = await app.db.job.count({ where: { status: { in: ["pending", "running"] }, runAt: { lte: dueBy } } });
        if (busy === 0) return;
        if (Date.now() > deadline) throw new Error(`jobs still busy after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async settled(timeoutMs = 8000) {
      await waitUntil(
        async () => tg.pendingUpdates() === 0 && (await app.db.inboxUpdate.count({ where: { status: "pending" } })) === 0,
        timeoutMs,
        "all updates handled",
      );
      await scenario.idle(timeoutMs);
    },
    async inviteCode(kimName) {
      const kim = await app.db.kim.findFirstOrThrow({ where: { name: kimName } });
      return kim.inviteCode;
    },
  };
  // The start-up report reaches the admin group before the test acts, so message counts start after it.
  await scenario.idle();
  return scenario;
}

/** The callback data of the n-th button (row by row) of a message. */
export function buttonData(message: Message, index: number): string {
  const buttons = (message.reply_markup?.inline_keyboard ?? []).flat();
  const b = buttons[index];
  if (!b || !("callback_data" in b) || !b.callback_data) {
    throw new Error(`message ${message.message_id} has no callback button #${index}: ${JSON.stringify(message.reply_markup)}`);
  }
  return b.callback_data;
}

/** The callback data of the button whose label contains `label`. */
export function buttonWith(message: Message, label: string): string {
  const b = (message.reply_markup?.inline_keyboard ?? []).flat().find((x) => x.text.includes(label));
  if (!b || !("callback_data" in b) || !b.callback_data) {
    throw new Error(`no button "${label}" on message ${message.message_id}: ${JSON.stringify(message.reply_markup)}`);
  }
  return b.callback_data;
}

export function textOf(m: Message | undefined): string {
  return m?.text ?? m?.caption ?? "";
}

/** Polls an async condition (a database query) until it holds. */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs = 5000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The review card of a submission (by its number); screening fetches and hashes photos first, so allow time. */
export function waitForCard(sc: Scenario, number: number, timeoutMs = 15_000): Promise<Message> {
  return sc.tg.waitForBotMessage(ADMIN_GROUP, (m) => new RegExp(`Kiriman #${number}\\b`).test(textOf(m)) && !!m.reply_markup, timeoutMs);
}

/** Sends content as a member, confirms the draft, and returns the submission id and its review card. */
/**
 * Sends content as a member, confirms the draft, and returns the submission's id (internal), the
 * number people see, and its review card.
 */
export async function submitAs(sc: Scenario, userId: number, send: () => unknown): Promise<{ id: number; number: number; card: Message }> {
  const { tg } = sc;
  const since = tg.botMessages(userId).length;
  await send();
  // Members read Indonesian, or English when their Telegram is in English.
  const prompt = await tg.waitFor(() => tg.botMessages(userId).slice(since).find((m) => /Pratinjau kiriman|Submission preview/.test(textOf(m))));
  const english = textOf(prompt).includes("Submission preview");
  tg.userPresses(userId, prompt, buttonWith(prompt, english ? "Send" : "Kirim"));
  const done = await tg.waitFor(() => /Terkirim|Sent!/.test(textOf(tg.message(userId, prompt.message_id))) && tg.message(userId, prompt.message_id));
  const number = Number(/#(\d+)/.exec(textOf(done))![1]);
  const { id } = await sc.app.db.submission.findUniqueOrThrow({ where: { number }, select: { id: true } });
  return { id, number, card: await waitForCard(sc, number) };
}
