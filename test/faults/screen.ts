// What people see in the emulated Telegram, kept up to date from the emulator's events: every
// message as it is now and every text it ever showed (a preview that said "Terkirim #12" and was
// later overwritten still counts as seen), per chat. Polling this is cheap; the fault suite's
// members and admin wait on it, and its counts come from it.
import type { BotApiEmulator, EmulatorEvent } from "@jedikim/telegram-emulator";
import type { InlineKeyboardButton, Message } from "grammy/types";

export interface Seen {
  message: Message;
  byBot: boolean;
  /** Every text or caption the message showed, oldest first. */
  texts: string[];
  /** Date.now() when it first appeared. */
  at: number;
  deleted: boolean;
}

export class Screen {
  private readonly chats = new Map<number, Map<number, Seen>>();
  private readonly unsubscribe: () => void;

  constructor(private readonly tg: BotApiEmulator) {
    this.unsubscribe = tg.onEvent((event) => this.observe(event));
  }

  close(): void {
    this.unsubscribe();
  }

  /** Messages of a chat in the order they appeared (deleted ones included, marked). */
  messages(chatId: number): Seen[] {
    return [...(this.chats.get(chatId)?.values() ?? [])];
  }

  botMessages(chatId: number): Seen[] {
    return this.messages(chatId).filter((m) => m.byBot);
  }

  get(chatId: number, messageId: number): Seen | undefined {
    return this.chats.get(chatId)?.get(messageId);
  }

  /** The bot's messages in a chat that appeared after `since` (a count of bot messages seen before). */
  botMessagesAfter(chatId: number, since: number): Seen[] {
    return this.botMessages(chatId).slice(since);
  }

  /** The answer to a button press, if the bot gave one (text undefined = answered without text). */
  answer(queryId: string): { text?: string } | undefined {
    return this.tg.callbackAnswer(queryId);
  }

  private observe(event: EmulatorEvent): void {
    if (event.type === "message") {
      this.chat(event.chatId).set(event.message.message_id, {
        message: event.message,
        byBot: event.byBot,
        texts: [textOf(event.message)],
        at: Date.now(),
        deleted: false,
      });
    } else if (event.type === "edit") {
      const seen = this.chat(event.chatId).get(event.message.message_id);
      if (!seen) return;
      seen.message = event.message;
      const text = textOf(event.message);
      if (seen.texts.at(-1) !== text) seen.texts.push(text);
    } else if (event.type === "delete") {
      const seen = this.chat(event.chatId).get(event.messageId);
      if (seen) seen.deleted = true;
    }
  }

  private chat(chatId: number): Map<number, Seen> {
    let chat = this.chats.get(chatId);
    if (!chat) {
      chat = new Map();
      this.chats.set(chatId, chat);
    }
    return chat;
  }
}

export function textOf(m: Message | undefined): string {
  return m?.text ?? m?.caption ?? "";
}

export function buttons(m: Message): InlineKeyboardButton[] {
  return (m.reply_markup?.inline_keyboard ?? []).flat();
}

/** The callback data of the button whose label contains `label`, if the message has one now. */
export function buttonData(m: Message, label: string): string | undefined {
  const b = buttons(m).find((x) => x.text.includes(label));
  return b && "callback_data" in b ? b.callback_data : undefined;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` every `everyMs` until it returns a value, or gives undefined after `timeoutMs`. */
export async function within<T>(timeoutMs: number, check: () => T | undefined | false | null, everyMs = 50): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false && value !== null) return value;
    if (Date.now() >= deadline) return undefined;
    await sleep(everyMs);
  }
}

/** Like `within`, for a check that must query something (a database): true once it held. */
export async function eventually(timeoutMs: number, check: () => Promise<boolean>, everyMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(everyMs);
  }
}

// Submission numbers as the bot shows them. Fluent formats numbers for the locale, so from 1000
// on the Indonesian text says "#1.002" (English "#1,002"): read both, and the plain "#1002".
const GROUPING = "[.,\\u00a0\\u202f]";
const SHOWN_NUMBER = `\\d{1,3}(?:${GROUPING}\\d{3})+(?!\\d)|\\d+`;

/** The first "#<number>" after `prefix` in a text, as a number. */
export function shownNumber(text: string, prefix = ""): number | undefined {
  const m = new RegExp(`${escapeRegExp(prefix)}#(${SHOWN_NUMBER})`).exec(text);
  return m ? Number(m[1]!.replace(new RegExp(GROUPING, "g"), "")) : undefined;
}

/** A pattern for "#<id>" as the bot may show it, not matching a longer number. */
export function numberPattern(id: number): string {
  return `#${String(id).replace(/\B(?=(\d{3})+(?!\d))/g, `${GROUPING}?`)}(?![\\d.,]\\d)(?!\\d)`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
