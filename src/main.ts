// npm start: runs the bot (long polling, or webhook mode with BOT_MODE=webhook) until SIGINT or SIGTERM.
import { existsSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { Api } from "grammy";
import { loadDotEnv, parseConfig, ConfigError, type Config } from "./config.js";
import { createApp, type App } from "./app.js";
import { createLogger } from "./logger.js";
import { describeStorageProblem, storageProblem } from "./db/storage-errors.js";
import { StartupError } from "./bot/settings-monitor.js";
import { StorageOutageResponder } from "./bot/storage-outage.js";
import { createI18n, translator, type Translate } from "./bot/i18n.js";
import { createRoutes, startHttpServer, type RunningHttpServer } from "./http/server.js";

/** While the database cannot be written at start, the bot tries again this often. */
const STORAGE_RETRY_MS = 5000;

async function main(): Promise<number> {
  loadDotEnv();
  let config: Config;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    return 1;
  }
  if (!config.botToken) {
    console.error(
      "BOT_TOKEN is not set. Create a bot with @BotFather, then put BOT_TOKEN=<token> in .env " +
        "(copy .env.example to start). To see the bot without Telegram, run: npm run demo",
    );
    return 1;
  }
  const logger = createLogger({ level: config.logLevel, secrets: [config.botToken] });
  let app: App | undefined;
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    (app?.stop() ?? Promise.resolve()).then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));

  let outage: StorageOutageResponder | undefined;
  let outageServer: RunningHttpServer | undefined;
  while (!stopping) {
    try {
      // The app's own server takes the port back.
      await outageServer?.close();
      outageServer = undefined;
      app = await createApp({ config, logger });
      await app.start();
      if (outage) logger.info("database writable again: the bot runs");
      return -1; // keep running
    } catch (err) {
      const started = app;
      app = undefined;
      await started?.stop().catch(() => undefined);
      if (err instanceof StartupError) {
        console.error(err.message);
        return 1;
      }
      const problem = storageProblem(err);
      if (!problem) throw err;
      const file = config.databaseUrl.replace(/^file:/, "");
      // A database that was never there is a setting to fix; one that exists on a disk that went
      // full or read-only comes back by itself, and the members writing meanwhile hear so.
      if (!existsSync(file)) {
        console.error(describeStorageProblem(problem, file));
        return 1;
      }
      if (!outage) {
        logger.error({ problem }, `${describeStorageProblem(problem, file)}; the bot tries again every ${STORAGE_RETRY_MS / 1000} s`);
        outage = new StorageOutageResponder({ api: new Api(config.botToken, { apiRoot: config.apiRoot }), translate: translatorFor(config), logger });
      }
      if (config.mode === "webhook") {
        // Reading the waiting updates needs getUpdates, which a webhook forbids: the webhook
        // answers 503 instead, so Telegram keeps every update until the database works.
        outageServer = await startOutageServer(config).catch((err: unknown) => {
          logger.warn({ err: String(err) }, "storage outage: could not serve the webhook");
          return undefined;
        });
      } else {
        await outage.answerWaiting();
      }
      await sleep(STORAGE_RETRY_MS);
    }
  }
  return -1;
}

/** While the app cannot start: alive, not ready (the database), and the webhook answers 503. */
function startOutageServer(config: Config): Promise<RunningHttpServer | undefined> {
  if (!config.http.enabled) return Promise.resolve(undefined);
  const routes = createRoutes({
    readiness: {
      database: () => Promise.reject(new Error("the database cannot be written")),
      migrations: () => Promise.resolve(false),
      telegram: () => Promise.resolve(false),
    },
    webhook: config.webhook && { path: config.webhook.path, secret: config.webhook.secret, target: undefined },
  });
  return startHttpServer(routes, config.http);
}

function translatorFor(config: Config): Translate {
  return translator(createI18n(config.defaultLocale));
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.stack ?? err.message : String(err));
    process.exit(1);
  },
);
