// Everything the emulated Telegram knows, shared by the bot's methods and the users' actions.
import type { BotCommand, CallbackQuery, User, UserFromGetMe } from "grammy/types";
import { FileStore } from "./files.js";
import { describeEvent, type EmulatorEvent, type Names } from "./transcript.js";
import { UpdateQueue } from "./updates.js";
import { WebhookDelivery, type WebhookOptions } from "./webhook.js";
import { displayName, World } from "./world.js";

export interface CallbackRecord {
  query: CallbackQuery;
  /** The chat of the message the button was on. */
  chatId: number;
  createdAt: number;
  answered: boolean;
}

/** What the bot answered to a button press (answerCallbackQuery). */
export interface CallbackAnswer {
  text?: string;
  show_alert: boolean;
  url?: string;
  cache_time?: number;
}

export interface EmulatorStats {
  /** Requests per method, failed ones included. */
  calls: Record<string, number>;
  rejected429: number;
  /** Messages the bot got delivered (an album counts each item). */
  delivered: number;
}

export type EventListener = (event: EmulatorEvent, line: string) => void;

export class EmulatorState {
  readonly world: World;
  readonly files = new FileStore();
  readonly updates: UpdateQueue;
  readonly callbacks = new Map<string, CallbackRecord>();
  readonly callbackAnswers = new Map<string, CallbackAnswer>();
  readonly stats: EmulatorStats = { calls: {}, rejected429: 0, delivered: 0 };
  /** Every event as a transcript line, in order. */
  readonly lines: string[] = [];
  readonly commands = new Map<string, BotCommand[]>();
  readonly webhook: WebhookDelivery;
  /** The bot as messages show it: a plain User, without getMe's capability flags. */
  readonly botUser: User;
  private readonly listeners = new Set<EventListener>();

  readonly names: Names = {
    chat: (chatId) => {
      const state = this.world.chats.get(chatId);
      return state ? this.world.label(state) : String(chatId);
    },
    user: (userId) => {
      if (userId === this.bot.id) return "bot";
      const user = this.world.users.get(userId)?.user;
      return user ? displayName(user) : `user ${userId}`;
    },
  };

  constructor(
    readonly bot: UserFromGetMe,
    readonly now: () => number,
    firstUpdateId: number,
    webhookOptions?: WebhookOptions,
  ) {
    this.botUser = { id: bot.id, is_bot: true, first_name: bot.first_name, username: bot.username };
    this.world = new World(this.botUser);
    this.updates = new UpdateQueue(firstUpdateId);
    this.webhook = new WebhookDelivery(this.updates, now, webhookOptions);
  }

  /** Telegram dates are Unix seconds. */
  date(): number {
    return Math.floor(this.now() / 1000);
  }

  /** Users the bot can mention with tg://user?id=… links. */
  readonly resolveUser = (id: number): User | undefined => this.world.users.get(id)?.user;

  emit(event: EmulatorEvent): void {
    const line = describeEvent(event, this.names);
    this.lines.push(line);
    for (const listener of this.listeners) listener(event, line);
  }

  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
