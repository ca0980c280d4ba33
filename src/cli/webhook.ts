// npm run webhook -- info     the webhook Telegram has for the bot
// npm run webhook -- set      registers WEBHOOK_URL with WEBHOOK_SECRET, as the bot does at start
// npm run webhook -- delete   deletes it (pending updates kept), e.g. to go back to polling
//
// It speaks the operator's language (DEFAULT_LOCALE, Indonesian unless set), like `npm run kim`.
import { Api, GrammyError } from "grammy";
import { createI18n, plainIdentifiers } from "../bot/i18n.js";
import { ALLOWED_UPDATES } from "../bot/create-bot.js";
import { ConfigError, loadDotEnv, parseConfig, type Config } from "../config.js";

type T = (key: string, vars?: Record<string, string | number>) => string;

async function main(args: string[]): Promise<number> {
  loadDotEnv();
  let config: Config;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    return 1;
  }
  const i18n = createI18n(config.defaultLocale);
  const t: T = (k, v) => i18n.t(config.defaultLocale, k, plainIdentifiers(v));
  const [command] = args;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    console.log(t("cli-webhook-usage"));
    return command ? 0 : 2;
  }
  if (!["info", "set", "delete"].includes(command)) {
    console.error(`${t("cli-unknown-command", { command })}\n${t("cli-webhook-usage")}`);
    return 2;
  }
  if (!config.botToken) {
    console.error(t("cli-webhook-no-token"));
    return 1;
  }
  const api = new Api(config.botToken, { apiRoot: config.apiRoot });
  try {
    if (command === "info") {
      const info = await api.getWebhookInfo();
      if (!info.url) console.log(t("cli-webhook-none"));
      else console.log(t("cli-webhook-info", { url: info.url, pending: info.pending_update_count }));
      if (info.last_error_date && info.last_error_message) {
        console.log(t("cli-webhook-last-error", { date: new Date(info.last_error_date * 1000).toISOString(), message: info.last_error_message }));
      }
      return 0;
    }
    if (command === "set") {
      // The settings are checked as webhook mode checks them, whatever BOT_MODE says now.
      let webhook = config.webhook;
      try {
        webhook ??= parseConfig({ ...process.env, BOT_MODE: "webhook", HTTP: "on" }).webhook;
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        console.error(`${t("cli-webhook-set-needs")}\n${err.message}`);
        return 1;
      }
      if (!webhook) return 1;
      await api.setWebhook(webhook.url, { secret_token: webhook.secret, allowed_updates: [...ALLOWED_UPDATES] as never, drop_pending_updates: false });
      console.log(t("cli-webhook-set-done", { url: webhook.url }));
      return 0;
    }
    await api.deleteWebhook({ drop_pending_updates: false });
    console.log(t("cli-webhook-deleted"));
    return 0;
  } catch (err) {
    console.error(t("cli-webhook-failed", { error: err instanceof GrammyError ? err.description : String(err) }));
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.stack ?? err.message : String(err));
    process.exit(1);
  },
);
