// npm start: runs the bot with long polling until SIGINT or SIGTERM.
import { loadDotEnv, parseConfig, ConfigError } from "./config.js";
import { createApp } from "./app.js";
import { describeStorageProblem, storageProblem } from "./db/storage-errors.js";
import { StartupError } from "./bot/settings-monitor.js";

async function main(): Promise<number> {
  loadDotEnv();
  let config;
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
  let app;
  try {
    app = await createApp({ config });
  } catch (err) {
    // A database that cannot be opened or written is the operator's to fix: say so in one line.
    const problem = storageProblem(err);
    if (!problem) throw err;
    console.error(describeStorageProblem(problem, config.databaseUrl.replace(/^file:/, "")));
    return 1;
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.deps.logger.info({ signal }, "shutting down");
    app.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        app.deps.logger.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  try {
    await app.start();
  } catch (err) {
    if (!(err instanceof StartupError)) throw err;
    console.error(err.message);
    await app.stop().catch(() => undefined);
    return 1;
  }
  return -1; // keep running
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
