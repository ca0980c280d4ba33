// The composition root: opens and migrates the database, builds the bot, the durable inbox and
// the job worker, and starts or stops them together. main.ts, the demo and the end-to-end tests
// all run this same app.
import { createHash } from "node:crypto";
import type { Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { systemClock, type Clock } from "./clock.js";
import type { Config } from "./config.js";
import { openDatabase, type Db } from "./db/client.js";
import { applyMigrations } from "./db/migrate.js";
import { StorageAlarm } from "./db/storage-errors.js";
import { SettingsMonitor } from "./bot/settings-monitor.js";
import { PRIORITY } from "./queue/priority.js";
import { createLogger, type Logger } from "./logger.js";
import { ALLOWED_UPDATES, createBotWithApi, installFeatures } from "./bot/create-bot.js";
import type { AppDeps, BotContext } from "./bot/context.js";
import { createI18n, inLocale, translator, type LocaleTranslate, type Translate } from "./bot/i18n.js";
import { DurableInbox } from "./bot/inbox.js";
import { AdminMembership } from "./bot/admin-guard.js";
import { MemoryFloodGuard, RedisFloodGuard } from "./bot/flood-guard.js";
import { SendThrottle } from "./telegram/throttle.js";
import { JobSignal } from "./queue/signal.js";
import { RedisSendBudget } from "./telegram/shared-budget.js";
import { bindHandlers, JobWorker } from "./queue/worker.js";
import { enqueue } from "./queue/jobs.js";
import { jobs } from "./queue/kinds.js";
import { joinRequestAlertHandler, memberNoticeHandler, sendMessageHandler } from "./bot/notices.js";
import { draftPromptHandler } from "./bot/draft-prompt.js";
import { reviewCardHandler, reviewCardUpdateHandler } from "./bot/review-card.js";
import { publishHandler } from "./bot/publisher.js";
import { announceStalePending } from "./bot/stale-announcer.js";
import { publishCommandMenus } from "./bot/commands.js";
import { ReminderScheduler } from "./bot/reminders.js";
import { digestHandler } from "./bot/report-sender.js";
import { ScreeningService, screeningLines, type StoredScreening } from "./bot/screening.js";
// Issue 11: fact-check feeds and the re-check of what is already out.
import { tellTryLater } from "./bot/storage-outage.js";
import { FactcheckPoller } from "./bot/factcheck-poller.js";
import { recheckHandler, unpublishHandler } from "./bot/recheck.js";
// Issue 12: one HTTP server (health, metrics, webhook).
import { existsSync } from "node:fs";
import { isUpToDate, sqliteFilePath } from "./db/migrate.js";
import { PostgresChatTurns } from "./db/chat-turns.js";
import { providerOf } from "./db/schema-variants.js";
import { AppMetrics } from "./http/metrics.js";
import { createRoutes, startHttpServer, type RunningHttpServer } from "./http/server.js";
import { TelegramReachability } from "./telegram/observe.js";
import { syncWebhook } from "./bot/webhook-setup.js";
// Issue 13: the dashboard and the public feeds.
import { buildReport } from "./bot/report-sender.js";
import { pruneDashboardTokens } from "./db/dashboard-tokens.js";

export interface AppOptions {
  config: Config;
  logger?: Logger;
  clock?: Clock;
  /** Skips getMe at start (tests that know the bot). */
  botInfo?: UserFromGetMe;
  /** Seconds a getUpdates call waits for news; tests use a short one so stopping is quick. */
  pollTimeoutSeconds?: number;
  /** How often the job worker looks for due jobs. */
  jobPollMs?: number;
  /** First wait before an update whose handler failed for a passing reason runs again. */
  inboxRetryDelayMs?: number;
  /** First wait before a failed Telegram call is tried again in place (doubled each time). */
  telegramRetryDelayMs?: number;
  /** /readyz counts Telegram reachable when it answered within this time, else it asks getMe (default 60 s). */
  telegramReadyWithinMs?: number;
}

export interface App {
  bot: Bot<BotContext>;
  reminders: ReminderScheduler;
  /** Polls FACTCHECK_FEEDS (issue 11); poll() runs one poll now. */
  factcheck: FactcheckPoller;
  db: Db;
  deps: AppDeps;
  worker: JobWorker;
  inbox: DurableInbox;
  metrics: AppMetrics;
  /** The HTTP server once started (undefined with HTTP=off); its port is the one chosen for PORT=0. */
  readonly http: RunningHttpServer | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const INBOX_RETENTION_MS = 24 * 60 * 60 * 1000;

export async function createApp(opts: AppOptions): Promise<App> {
  const { config } = opts;
  const logger = opts.logger ?? createLogger({ level: config.logLevel, secrets: [config.botToken] });
  const clock = opts.clock ?? systemClock;

  const applied = await applyMigrations(config.databaseUrl);
  if (applied.length > 0) logger.info({ applied }, "database migrated");
  const db = await openDatabase(config.databaseUrl);

  const i18n = createI18n<BotContext>(config.defaultLocale);
  const translate: Translate = translator(i18n);
  const limits = {
    globalPerSecond: config.throttle.sendsPerSecond,
    groupPerMinute: config.throttle.groupSendsPerMinute,
    privatePerSecond: config.throttle.privateSendsPerSecond,
    privateBurst: 3,
  };
  // Several instances share the bot's flood limits through Redis; the bot's id keeps bots apart.
  const sharedBudget = config.redisUrl
    ? new RedisSendBudget({
        url: config.redisUrl,
        limits,
        prefix: `jedikim:send:${(config.botToken ?? "").split(":")[0]}`,
        onUnavailable: (err) => logger.warn({ err: String(err) }, "Redis cannot be reached: sends follow this instance's limits alone"),
      })
    : undefined;
  const throttle = new SendThrottle(limits, undefined, sharedBudget);
  const metrics = new AppMetrics(db, () => clock.now().getTime());
  const reachability = new TelegramReachability(Date.now, metrics);
  // Built in the order each part needs the others: the API first (the features come last), the
  // job signal before everything that queues work and the worker that listens to it.
  const bot = createBotWithApi(config, opts.botInfo ? { botInfo: opts.botInfo } : undefined, {
    throttle,
    logger,
    retryDelayMs: opts.telegramRetryDelayMs,
    observe: reachability,
  });
  const jobSignal = new JobSignal();
  const wakeJobs = jobSignal.wake;
  const screening = new ScreeningService({ db, api: bot.api, config, logger: logger.child({ part: "screening" }) });
  const admins = new AdminMembership({ db, adminChatId: config.adminChatId });
  // A chat's updates may reach any instance: with Redis they count together (the bot's id keeps bots apart).
  const flood = config.redisUrl
    ? new RedisFloodGuard({
        url: config.redisUrl,
        limits: config.flood,
        prefix: `jedikim:flood:${(config.botToken ?? "").split(":")[0]}`,
        now: () => clock.now().getTime(),
        onUnavailable: (err) => logger.warn({ err: String(err) }, "Redis cannot be reached: the flood guard counts this instance's updates alone"),
      })
    : new MemoryFloodGuard(config.flood, () => clock.now().getTime());
  const cardLines = (sub: { screening: unknown }, t: LocaleTranslate) =>
    screeningLines(sub.screening as StoredScreening, t);
  // On PostgreSQL several instances may share the database: each chat's turn, and each schedule's,
  // is shared with them.
  const chatTurns = providerOf(config.databaseUrl) === "postgresql" ? new PostgresChatTurns(config.databaseUrl) : undefined;
  const reminders = new ReminderScheduler({ db, config, clock, logger: logger.child({ part: "reminders" }), translate, wakeJobs, turns: chatTurns });
  const cardDeps = {
    api: bot.api,
    db,
    config,
    clock,
    translate,
    screeningLines: cardLines,
    screen: async (id: number, opts: { lastTry: boolean }) => {
      const done = metrics.screeningSeconds.startTimer();
      try {
        await screening.screenSubmission(id, opts);
      } finally {
        done();
      }
    },
  };
  // Every kind of src/queue/kinds.ts with its handler: a kind left without one does not compile.
  const handlers = bindHandlers(jobs, {
    sendMessage: sendMessageHandler(cardDeps),
    memberNotice: memberNoticeHandler(cardDeps),
    joinRequestAlert: joinRequestAlertHandler(cardDeps),
    draftPrompt: draftPromptHandler({ api: bot.api, db, translate, minPhotoLongSide: config.submissions.minPhotoLongSide }),
    reviewCard: reviewCardHandler(cardDeps),
    reviewCardUpdate: reviewCardUpdateHandler(cardDeps),
    publish: publishHandler({ ...cardDeps, wakeJobs }),
    digest: digestHandler(cardDeps),
    recheck: recheckHandler({ ...cardDeps, logger: logger.child({ part: "recheck" }), screening, wakeJobs }),
    unpublish: unpublishHandler(cardDeps),
  });
  /** The admins hear once a day per problem that work waits for the settings (if the group itself works). */
  const alertWaiting = async (kind: string, reason: string) => {
    if (config.adminChatId === undefined) return;
    const t = inLocale(translate, config.defaultLocale);
    const day = clock.now().toISOString().slice(0, 10);
    const text = t.text("check-waiting-alert", { what: t.text(`job-kind-${kind.replace(/\./g, "-")}`), reason });
    await enqueue(
      db,
      jobs.sendMessage,
      { chatId: String(config.adminChatId), text, html: false },
      { priority: PRIORITY.decision, dedupeKey: `settings-alert:${createHash("sha256").update(reason).digest("hex").slice(0, 16)}:${day}` },
    ).catch((err: unknown) => logger.warn({ err: String(err) }, "could not queue the settings alert"));
    wakeJobs();
  };
  const storageAlarm = new StorageAlarm(logger);
  const worker = new JobWorker({
    db,
    storageAlarm,
    handlers,
    logger: logger.child({ part: "jobs" }),
    clock,
    concurrency: config.jobConcurrency,
    leaseMs: config.jobLeaseMs,
    pollMs: opts.jobPollMs,
    onWaiting: (job, reason) => void alertWaiting(job.kind, reason),
    signal: jobSignal,
  });
  const settings = new SettingsMonitor({
    api: bot.api,
    db,
    config,
    translate,
    logger: logger.child({ part: "checks" }),
    now: () => clock.now(),
    resumeWaiting: () => worker.resumeWaiting(),
    wakeJobs,
  });
  const deps: AppDeps = { config, db, logger, clock, translate, screening, admins, flood, throttle, settings, wakeJobs };
  installFeatures(bot, deps, { screeningLines: cardLines, reminders });
  const inbox = new DurableInbox({
    chatTurns,
    db,
    api: bot.api,
    handle: (update) => bot.handleUpdate(update),
    logger: logger.child({ part: "inbox" }),
    allowedUpdates: ALLOWED_UPDATES,
    pollTimeoutSeconds: opts.pollTimeoutSeconds,
    onUnstorable: (update) => tellTryLater(bot.api, translate, update),
    retryDelayMs: opts.inboxRetryDelayMs,
    storageAlarm,
    onOutcome: (outcome, count) => metrics.countUpdate(outcome, count),
    poll: config.mode === "polling",
  });
  const telegramWithinMs = opts.telegramReadyWithinMs ?? 60_000;
  let migrationsCheckedAt = 0;
  const routes = createRoutes({
    readiness: {
      database: async () => {
        await db.$queryRaw`SELECT 1`;
        // A SQLite file moved or deleted under the running bot still answers through its open
        // handle, but nothing written now would be found after a restart.
        const file = sqliteFilePath(config.databaseUrl);
        if (file && !existsSync(file)) throw new Error("the database file is gone");
      },
      // The app migrated at start; reading the folder and the table again is cheap but not free.
      migrations: async () => {
        if (Date.now() - migrationsCheckedAt < 30_000) return true;
        const ok = await isUpToDate(config.databaseUrl);
        if (ok) migrationsCheckedAt = Date.now();
        return ok;
      },
      telegram: async () => {
        if (reachability.recentlyReachable(telegramWithinMs)) return true;
        await bot.api.getMe();
        return true;
      },
    },
    metrics: { text: () => metrics.text(), contentType: metrics.registry.contentType },
    webhook: config.webhook && {
      path: config.webhook.path,
      secret: config.webhook.secret,
      target: { receive: (updates) => inbox.receive(updates), accepting: () => inbox.accepting() },
      onError: (err: unknown) => logger.warn({ err: String(err) }, "webhook: an update could not be stored; Telegram delivers it again"),
    },
    ...(config.dashboard.enabled && config.botToken
      ? {
          dashboard: {
            db,
            config,
            translate,
            botToken: config.botToken,
            now: () => clock.now(),
            isAdmin: (userId: number) => admins.isMember(bot.api, userId),
            report: (period: { from: Date; to: Date }) => buildReport({ db, config, clock, translate }, period),
          },
          feeds: {
            db,
            publicUrl: config.dashboard.publicUrl,
            channel: config.channelId,
            // The feeds escape for XML themselves: their texts are plain.
            t: (key: string, vars?: Record<string, string | number>) => translate.text(config.defaultLocale, key, vars),
          },
        }
      : {}),
  });
  let http: RunningHttpServer | undefined;

  const factcheck = new FactcheckPoller({ db, config, clock, logger: logger.child({ part: "factcheck" }), screening, wakeJobs, turns: chatTurns });

  let hourlyTimer: NodeJS.Timeout | undefined;
  const app: App = {
    bot,
    reminders,
    factcheck,
    db,
    deps,
    worker,
    inbox,
    metrics,
    get http() {
      return http;
    },
    async start() {
      // First, so /healthz answers (and the webhook says 503) while the bot waits for Telegram.
      if (config.http.enabled && !http) {
        http = await startHttpServer(routes, config.http);
        logger.info({ host: config.http.host, port: http.port, mode: config.mode }, "http server listening");
      }
      // Not bot.init(): it retries a network failure silently for hours; the monitor says why it waits.
      await settings.waitForTelegram(async () => {
        if (!bot.isInited()) bot.botInfo = await bot.api.getMe();
      });
      await screening.load();
      logger.info({ username: bot.botInfo.username, apiRoot: config.apiRoot }, "bot starting");
      await worker.start();
      // Each check in one log line; the admin group hears the report; waiting work resumes if they pass.
      await settings.check({ announce: true });
      // Polling needs no webhook set (getUpdates answers 409 otherwise); webhook mode registers its own.
      await syncWebhook(bot.api, config, ALLOWED_UPDATES, logger);
      await inbox.start();
      if (config.reminders.enabled) await reminders.start();
      factcheck.start();
      // The menus are a convenience: a failure is logged, not fatal.
      publishCommandMenus(bot.api, config, translate).catch((err: unknown) => logger.warn({ err: String(err) }, "setMyCommands failed"));
      const hourly = async () => {
        try {
          await inbox.prune(new Date(clock.now().getTime() - INBOX_RETENTION_MS));
          await pruneDashboardTokens(db, clock.now());
          if ((await announceStalePending({ db, config, clock, translate })) > 0) wakeJobs();
          await settings.checkIfWaiting();
        } catch (err) {
          logger.warn({ err }, "hourly housekeeping failed");
        }
      };
      await hourly();
      hourlyTimer = setInterval(() => void hourly(), 60 * 60 * 1000);
      hourlyTimer.unref();
    },
    async stop() {
      settings.stop();
      if (hourlyTimer) clearInterval(hourlyTimer);
      reminders.stop();
      factcheck.stop();
      await factcheck.idle();
      await inbox.stop();
      await chatTurns?.close();
      await sharedBudget?.close();
      await flood.close();
      await http?.close();
      http = undefined;
      await worker.stop();
      await db.$disconnect();
      logger.info("bot stopped");
    },
  };
  return app;
}
