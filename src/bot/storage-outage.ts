// When the database cannot be written, nothing a member sends can be stored. The bot still tells
// the people who write meanwhile that their message was not saved, and confirms nothing to
// Telegram, so that every update is handed over again once the database works.
import { Api } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../logger.js";
import { localeFor, type Translate } from "./i18n.js";
import { ALLOWED_UPDATES } from "./create-bot.js";

/** A member whose message could not be stored hears so (in a private chat only). */
export async function tellTryLater(api: Api, translate: Translate, update: Update): Promise<void> {
  const from = update.message?.from ?? update.callback_query?.from;
  const chat = update.message?.chat ?? update.callback_query?.message?.chat;
  if (!from || chat?.type !== "private") return;
  // An alert or a message without parse mode: plain text.
  const text = translate.text(localeFor(from.language_code), "error-storage");
  if (update.callback_query) await api.answerCallbackQuery(update.callback_query.id, { text, show_alert: true });
  else await api.sendMessage(chat.id, text);
}

/** A chat hears the apology at most this often, however much it sends. */
const PER_CHAT_MS = 60_000;

/**
 * Answers the updates that wait at Telegram while the bot cannot start because of its storage.
 * It reads them without an offset, so Telegram keeps them all; each is answered once.
 */
export class StorageOutageResponder {
  private readonly answered = new Set<number>();
  private readonly chatTold = new Map<number, number>();

  constructor(
    private readonly o: { api: Api; translate: Translate; logger: Logger; now?: () => number },
  ) {}

  async answerWaiting(): Promise<void> {
    let updates: Update[];
    try {
      updates = await this.o.api.getUpdates({ timeout: 0, limit: 100, allowed_updates: [...ALLOWED_UPDATES] });
    } catch (err) {
      this.o.logger.warn({ err: String(err) }, "storage outage: could not read the waiting updates");
      return;
    }
    const now = (this.o.now ?? Date.now)();
    for (const update of updates) {
      if (this.answered.has(update.update_id)) continue;
      this.answered.add(update.update_id);
      const chatId = update.message?.chat.id ?? update.callback_query?.message?.chat.id;
      // A tap still needs its answer (the spinner), but a second apology in a minute is noise.
      const toldAt = chatId === undefined ? undefined : this.chatTold.get(chatId);
      if (!update.callback_query && toldAt !== undefined && toldAt > now - PER_CHAT_MS) continue;
      try {
        await tellTryLater(this.o.api, this.o.translate, update);
        if (chatId !== undefined) this.chatTold.set(chatId, now);
      } catch (err) {
        this.o.logger.warn({ err: String(err), updateId: update.update_id }, "storage outage: could not answer");
      }
    }
  }
}
