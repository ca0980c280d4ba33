// At start: polling mode removes a webhook left set (keeping the updates that wait); webhook mode
// registers the webhook unless Telegram already has the same URL and update types.
import type { Api } from "grammy";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";

export async function syncWebhook(api: Api, config: Pick<Config, "mode" | "webhook">, allowedUpdates: ReadonlyArray<string>, logger: Logger): Promise<void> {
  const info = await api.getWebhookInfo();
  if (config.mode === "polling") {
    if (info.url) {
      await api.deleteWebhook({ drop_pending_updates: false });
      logger.info("a webhook was set: deleted it (pending updates kept) to poll");
    }
    return;
  }
  const webhook = config.webhook;
  if (!webhook) throw new Error("webhook mode without WEBHOOK_URL");
  const sameTypes = sameSet(info.allowed_updates ?? [], allowedUpdates);
  if (info.url === webhook.url && sameTypes) return;
  await api.setWebhook(webhook.url, {
    secret_token: webhook.secret,
    allowed_updates: [...allowedUpdates] as never,
    drop_pending_updates: false,
  });
  logger.info({ path: webhook.path }, "webhook registered");
}

function sameSet(a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
