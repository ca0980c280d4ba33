// Configuration is read from the environment once, at start, into one typed object that is
// passed to everything that needs it. Nothing else reads process.env.
import { existsSync } from "node:fs";
import { z } from "zod";
import { DEFAULT_REMINDER_CRON, validateCron } from "./domain/reminders/schedule.js";

/** Fact-check feeds are read every hour, at five past (a fact-checker's own hourly jobs run at :00). */
const DEFAULT_FACTCHECK_CRON = "5 * * * *";

/** Loads `.env` into process.env when the file exists; real environment variables win. */
export function loadDotEnv(file = ".env"): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

const chatId = z
  .string()
  .trim()
  .regex(/^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31})$/, "must be a numeric chat id (like -1001234567890) or @username");

const numericChatId = z
  .string()
  .trim()
  .regex(/^-?\d{1,20}$/, "must be a numeric chat id (like -1001234567890)")
  .transform((s) => BigInt(s));

const int = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const timeZone = z
  .string()
  .trim()
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "must be an IANA time zone such as Asia/Jakarta, Asia/Makassar or Asia/Jayapura");

const fraction = z
  .string()
  .trim()
  .regex(/^(0(\.\d+)?|1(\.0+)?)$/, "must be a number from 0 to 1, like 0.4")
  .transform(Number);

const url = z
  .string()
  .trim()
  .refine((s) => /^https?:\/\/[^\s]+$/.test(s), "must be an http(s) URL")
  .transform((s) => s.replace(/\/+$/, ""));

const envSchema = z.object({
  BOT_TOKEN: z
    .string()
    .trim()
    .regex(/^\d+:[A-Za-z0-9_-]+$/, "must look like 123456789:AA… (ask @BotFather)")
    .optional(),
  TELEGRAM_API_ROOT: url.default("https://api.telegram.org"),
  ADMIN_CHAT_ID: numericChatId.optional(),
  CHANNEL_ID: chatId.optional(),
  DATABASE_URL: z
    .string()
    .trim()
    .refine(
      (s) => s.startsWith("file:") || /^postgres(ql)?:\/\/[^/]+\/[^/?]+/i.test(s),
      "must be a SQLite file (file:./data/jedikim.db) or a PostgreSQL URL with a database (postgresql://user@host:5432/jedikim)",
    )
    .default("file:./data/jedikim.db"),
  BOT_TIMEZONE: timeZone.default("Asia/Jakarta"),
  DEFAULT_LOCALE: z.enum(["id", "en"], { message: 'must be "id" or "en"' }).default("id"),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      message: "must be one of fatal, error, warn, info, debug, trace, silent",
    })
    .default("info"),
  SEND_RATE_PER_SECOND: int(1, 1000).default(30),
  // Benchmarks raise it far above Telegram's limit to measure the bot itself (bench:ingest).
  GROUP_SENDS_PER_MINUTE: int(1, 60000).default(20),
  PRIVATE_SENDS_PER_SECOND: int(1, 1000).default(1),
  JOB_CONCURRENCY: int(1, 100).default(8),
  JOB_LEASE_SECONDS: int(2, 3600).default(15),
  PRIVATE_UPDATES_PER_MINUTE: int(5, 10000).default(40),
  DRAFTS_PER_MINUTE: int(1, 1000).default(10),
  SUBMISSIONS_PER_HOUR: int(1, 1000).default(10),
  SUBMISSIONS_PER_DAY: int(1, 10000).default(30),
  MIN_PHOTO_LONG_SIDE: int(0, 10000).default(800),
  ALLOW_CHANNEL_FORWARDS: z.enum(["true", "false"], { message: 'must be "true" or "false"' }).default("false"),
  ALBUM_WAIT_MS: int(200, 60000).default(1500),
  PENDING_REANNOUNCE_HOURS: int(1, 24 * 30).default(24),
  SCREENING_MEDIUM_AT: fraction.default(0.5),
  SCREENING_HIGH_AT: fraction.default(0.9),
  SCREENING_BASE_RATE: fraction.default(0.05),
  SCREENING_MIN_DECISIONS: int(1, 100000).default(20),
  REMINDER_CRON: z
    .string()
    .trim()
    .refine((e) => validateCron(e).valid, "must be a cron expression of 5 fields, like 0 8 * * 1 (Mondays 08:00); node-cron matches day-of-month AND day-of-week together")
    .default(DEFAULT_REMINDER_CRON),
  INACTIVE_DAYS: int(1, 365).default(7),
  REMINDERS: z.enum(["on", "off"], { message: 'must be "on" or "off"' }).default("on"),
  SCORE_WEIGHTS: z
    .string()
    .trim()
    .regex(/^(consistency|volume|acceptance|recency)=\d+(\.\d+)?(,(consistency|volume|acceptance|recency)=\d+(\.\d+)?)*$/, "must look like consistency=40,volume=25,acceptance=20,recency=15")
    .transform((s) => Object.fromEntries(s.split(",").map((p) => { const [k, v] = p.split("="); return [k, Number(v)]; })) as Record<string, number>)
    .optional(),
  HOAX_DOMAINS: z
    .string()
    .trim()
    .refine((s) => s.split(",").every((d) => d.trim() === "" || /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(d.trim())), "must be a comma-separated list of domains like hoaks.example,satire.example")
    .transform((s) => s.split(",").map((d) => d.trim().toLowerCase()).filter(Boolean))
    .default([]),
  // Fact-check feeds (issue 11): known false claims that arrive by themselves.
  FACTCHECK_FEEDS: z
    .string()
    .trim()
    .transform((s) => [...new Set(s.split(/[\s,]+/).map((u) => u.trim()).filter(Boolean))])
    .refine((urls) => urls.every((u) => /^https?:\/\/\S+$/i.test(u)), "must be http(s) feed URLs separated by commas or spaces")
    .default([]),
  FACTCHECK_POLL_CRON: z
    .string()
    .trim()
    .refine((e) => validateCron(e).valid, "must be a cron expression of 5 fields, like 5 * * * * (every hour at :05)")
    .default(DEFAULT_FACTCHECK_CRON),
  FACTCHECK_TIMEOUT_SECONDS: int(1, 600).default(30),
  FACTCHECK_MAX_MB: int(1, 100).default(5),
  RECHECK_DAYS: int(1, 365).default(30),
  // Issue 12: one HTTP server (health, metrics, and the webhook in webhook mode).
  HTTP: z.enum(["on", "off"], { message: 'must be "on" or "off"' }).default("on"),
  PORT: int(0, 65535).default(8080),
  HTTP_HOST: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.:-]+$/, "must be a host name or IP address, like 0.0.0.0 or 127.0.0.1")
    .default("0.0.0.0"),
  // Several instances: the flood limits are shared through Redis (unset: one instance, limits in memory).
  REDIS_URL: z
    .string()
    .trim()
    .regex(/^rediss?:\/\/\S+$/, "must be a Redis URL like redis://127.0.0.1:6379")
    .optional(),
  BOT_MODE: z.enum(["polling", "webhook"], { message: 'must be "polling" or "webhook"' }).default("polling"),
  WEBHOOK_URL: z
    .string()
    .trim()
    .refine((s) => {
      try {
        const u = new URL(s);
        return u.protocol === "https:" && u.hostname !== "" && u.hash === "";
      } catch {
        return false;
      }
    }, "must be an https URL like https://bot.example.org/telegram (Telegram only calls https)")
    .optional(),
  WEBHOOK_SECRET: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, "must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -")
    .optional(),
  // Issue 13: the dashboard and the public feeds, served by the same HTTP server.
  DASHBOARD: z.enum(["on", "off"], { message: 'must be "on" or "off"' }).default("on"),
  PUBLIC_URL: z
    .string()
    .trim()
    .refine((s) => {
      try {
        const u = new URL(s);
        return (u.protocol === "https:" || u.protocol === "http:") && u.hostname !== "" && u.search === "" && u.hash === "";
      } catch {
        return false;
      }
    }, "must be the http(s) address people reach the bot's HTTP server at, like https://kim.example.go.id (no ? or #)")
    .transform((s) => s.replace(/\/+$/, ""))
    .optional(),
});

export interface Config {
  botToken: string | undefined;
  apiRoot: string;
  adminChatId: bigint | undefined;
  channelId: string | undefined;
  databaseUrl: string;
  timeZone: string;
  defaultLocale: "id" | "en";
  logLevel: string;
  throttle: { sendsPerSecond: number; groupSendsPerMinute: number; privateSendsPerSecond: number };
  /** Redis for the flood limits shared by several instances. */
  redisUrl?: string;
  jobConcurrency: number;
  /** A claimed job stays leased this long without a heartbeat (renewed every third of it while the process lives). */
  jobLeaseMs: number;
  /** What one private chat may make the bot do per minute before anything was confirmed. */
  flood: { updatesPerMinute: number; draftsPerMinute: number };
  submissions: {
    perHour: number;
    perDay: number;
    minPhotoLongSide: number;
    allowChannelForwards: boolean;
    /** Quiet time after an album's last photo before the member is asked to confirm it. */
    albumWaitMs: number;
  };
  review: {
    /** Pending items older than this are announced again in the admin group (once a day each). */
    reannounceAfterHours: number;
  };
  reminders: {
    enabled: boolean;
    /** node-cron expression in timeZone; node-cron v4 requires day-of-month AND day-of-week to match. */
    cron: string;
    /** A KIM with no confirmed submission in this many days is inactive (reminded, and counted so). */
    inactiveDays: number;
  };
  /** Weights of the activity score (normalised); undefined keeps the defaults. */
  scoreWeights: Partial<Record<"consistency" | "volume" | "acceptance" | "recency", number>> | undefined;
  screening: {
    /**
     * Calibrated probability of a hoax above which an item is "medium" (flagged; approval needs a
     * second tap), and above which it is "high" (a known claim or image is high anyway).
     */
    mediumAt: number;
    highAt: number;
    /** Hoax rate assumed before the district's own decisions say otherwise (worth 20 decisions). */
    baseRate: number;
    /** Admin decisions of each kind (hoax, approved) before the learning classifier contributes. */
    minDecisionsPerClass: number;
    hoaxDomains: string[];
  };
  factcheck: {
    /** RSS 2.0, Atom or JSON Feed URLs of fact-checkers; empty turns polling off. */
    feeds: string[];
    /** node-cron expression in timeZone. */
    pollCron: string;
    /** A feed that has not answered completely within this time is abandoned for this poll. */
    timeoutMs: number;
    /** A feed larger than this is abandoned as soon as it is known to be (header or bytes read). */
    maxBytes: number;
  };
  /** A claim or image that joins the collection is matched against submissions of this many days. */
  recheckDays: number;
  /** The app's HTTP server: /healthz, /readyz, /metrics, and the webhook in webhook mode. */
  http: { enabled: boolean; port: number; host: string };
  /** How updates arrive: getUpdates, or Telegram's POSTs to the webhook. */
  mode: "polling" | "webhook";
  /** Set in webhook mode only. `path` is the URL's path, served by the HTTP server. */
  webhook: { url: string; secret: string; path: string } | undefined;
  /**
   * The admins' dashboard and the public feeds (issue 13), on the HTTP server. `publicUrl` is where
   * people reach that server (no trailing slash); without it the bot cannot hand out links.
   */
  dashboard: { enabled: boolean; publicUrl: string | undefined; secureCookie: boolean };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses the environment; throws ConfigError with one line per problem, each naming its variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty values in .env (`ADMIN_CHAT_ID=`) mean "not set", as operators expect.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const e = result.data;
  const problems: string[] = [];
  if (e.BOT_MODE === "webhook") {
    if (!e.WEBHOOK_URL) problems.push("WEBHOOK_URL: is required when BOT_MODE=webhook (the public https URL Telegram calls)");
    if (!e.WEBHOOK_SECRET) problems.push("WEBHOOK_SECRET: is required when BOT_MODE=webhook (1 to 256 characters of A-Z, a-z, 0-9, _ and -)");
    if (e.HTTP === "off") problems.push("HTTP: cannot be off when BOT_MODE=webhook (the webhook is served by the HTTP server)");
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const webhook =
    e.BOT_MODE === "webhook" && e.WEBHOOK_URL && e.WEBHOOK_SECRET
      ? { url: e.WEBHOOK_URL, secret: e.WEBHOOK_SECRET, path: new URL(e.WEBHOOK_URL).pathname }
      : undefined;
  return {
    botToken: e.BOT_TOKEN,
    apiRoot: e.TELEGRAM_API_ROOT,
    adminChatId: e.ADMIN_CHAT_ID,
    channelId: e.CHANNEL_ID,
    databaseUrl: e.DATABASE_URL,
    timeZone: e.BOT_TIMEZONE,
    defaultLocale: e.DEFAULT_LOCALE,
    logLevel: e.LOG_LEVEL,
    throttle: { sendsPerSecond: e.SEND_RATE_PER_SECOND, groupSendsPerMinute: e.GROUP_SENDS_PER_MINUTE, privateSendsPerSecond: e.PRIVATE_SENDS_PER_SECOND },
    redisUrl: e.REDIS_URL,
    jobConcurrency: e.JOB_CONCURRENCY,
    jobLeaseMs: e.JOB_LEASE_SECONDS * 1000,
    flood: { updatesPerMinute: e.PRIVATE_UPDATES_PER_MINUTE, draftsPerMinute: e.DRAFTS_PER_MINUTE },
    submissions: {
      perHour: e.SUBMISSIONS_PER_HOUR,
      perDay: e.SUBMISSIONS_PER_DAY,
      minPhotoLongSide: e.MIN_PHOTO_LONG_SIDE,
      allowChannelForwards: e.ALLOW_CHANNEL_FORWARDS === "true",
      albumWaitMs: e.ALBUM_WAIT_MS,
    },
    review: { reannounceAfterHours: e.PENDING_REANNOUNCE_HOURS },
    reminders: { enabled: e.REMINDERS === "on", cron: e.REMINDER_CRON, inactiveDays: e.INACTIVE_DAYS },
    scoreWeights: e.SCORE_WEIGHTS,
    screening: {
      mediumAt: e.SCREENING_MEDIUM_AT,
      highAt: e.SCREENING_HIGH_AT,
      baseRate: e.SCREENING_BASE_RATE,
      minDecisionsPerClass: e.SCREENING_MIN_DECISIONS,
      hoaxDomains: e.HOAX_DOMAINS,
    },
    factcheck: {
      feeds: e.FACTCHECK_FEEDS,
      pollCron: e.FACTCHECK_POLL_CRON,
      timeoutMs: e.FACTCHECK_TIMEOUT_SECONDS * 1000,
      maxBytes: e.FACTCHECK_MAX_MB * 1024 * 1024,
    },
    recheckDays: e.RECHECK_DAYS,
    http: { enabled: e.HTTP === "on", port: e.PORT, host: e.HTTP_HOST },
    mode: e.BOT_MODE,
    webhook,
    dashboard: {
      enabled: e.DASHBOARD === "on" && e.HTTP === "on",
      publicUrl: e.PUBLIC_URL,
      secureCookie: e.PUBLIC_URL?.startsWith("https:") ?? false,
    },
  };
}
