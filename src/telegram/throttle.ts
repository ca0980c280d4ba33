// Pacing of what the bot sends, under Telegram's limits: about 30 messages a second overall,
// 20 a minute into one group or channel, and about one a second into one private chat (a short
// burst is tolerated). Only messages count: edits, look-ups (getChatMember), chat actions and
// callback answers are not what Telegram limits, so they never wait here and never use up a
// group's budget. Waiting sends go out by priority (see src/queue/priority.ts): in the admin group
// a review card passes a weekly digest that was queued before it.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Transformer } from "grammy";
import type { SharedBudget } from "./shared-budget.js";

export interface ThrottleLimits {
  /** Messages per second across all chats. */
  globalPerSecond: number;
  /** Messages per minute into one group, supergroup or channel. */
  groupPerMinute: number;
  /** Messages per second into one private chat, once its burst is used. */
  privatePerSecond: number;
  /** Messages a private chat takes at once. */
  privateBurst: number;
}

export const TELEGRAM_LIMITS: ThrottleLimits = { globalPerSecond: 30, groupPerMinute: 20, privatePerSecond: 1, privateBurst: 3 };

/** Methods that send messages, and how many each call sends. */
const SENDS: Record<string, (payload: Record<string, unknown>) => number> = {
  sendMessage: () => 1,
  sendPhoto: () => 1,
  sendVideo: () => 1,
  sendDocument: () => 1,
  sendAnimation: () => 1,
  sendAudio: () => 1,
  sendVoice: () => 1,
  sendVideoNote: () => 1,
  sendSticker: () => 1,
  sendLocation: () => 1,
  sendVenue: () => 1,
  sendContact: () => 1,
  sendPoll: () => 1,
  sendDice: () => 1,
  copyMessage: () => 1,
  forwardMessage: () => 1,
  sendMediaGroup: (p) => (Array.isArray(p.media) ? Math.max(1, p.media.length) : 1),
  copyMessages: (p) => (Array.isArray(p.message_ids) ? Math.max(1, p.message_ids.length) : 1),
  forwardMessages: (p) => (Array.isArray(p.message_ids) ? Math.max(1, p.message_ids.length) : 1),
};

/** The priority of what runs now (a job's, or an update's); lower goes first. */
const priorityContext = new AsyncLocalStorage<number>();

export function withSendPriority<T>(priority: number, fn: () => T): T {
  return priorityContext.run(priority, fn);
}

/** Without a context (start-up, tools) a send is ordinary. */
const DEFAULT_PRIORITY = 5;
/** Telegram counts when a message arrives; the bot counts when it leaves: a small margin. */
const MARGIN = 1.05;

interface Waiting {
  chat: string;
  isPrivate: boolean;
  weight: number;
  priority: number;
  seq: number;
  release: () => void;
}

/** Times of recent sends within a window. */
class Window {
  private times: number[] = [];
  constructor(
    private readonly limit: number,
    private readonly lengthMs: number,
  ) {}

  /** When `weight` more sends fit (now or later). */
  readyAt(weight: number, now: number): number {
    this.times = this.times.filter((t) => t > now - this.lengthMs);
    const excess = this.times.length + Math.min(weight, this.limit) - this.limit;
    if (excess <= 0) return now;
    return this.times[excess - 1]! + this.lengthMs;
  }

  record(weight: number, now: number): void {
    for (let i = 0; i < weight; i++) this.times.push(now);
  }

  get idle(): boolean {
    return this.times.length === 0;
  }
}

class Bucket {
  private tokens: number;
  private at: number;
  constructor(
    private readonly burst: number,
    private readonly perMs: number,
    now: number,
  ) {
    this.tokens = burst;
    this.at = now;
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.burst, this.tokens + (now - this.at) * this.perMs);
    this.at = now;
  }

  readyAt(weight: number, now: number): number {
    this.refill(now);
    const needed = Math.min(weight, this.burst);
    return this.tokens >= needed ? now : now + Math.ceil((needed - this.tokens) / this.perMs);
  }

  take(weight: number, now: number): void {
    this.refill(now);
    this.tokens -= Math.min(weight, this.burst);
  }

  full(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.burst;
  }
}

export class SendThrottle {
  private readonly global: Window;
  private readonly groups = new Map<string, Window>();
  private readonly privates = new Map<string, Bucket>();
  private readonly queue: Waiting[] = [];
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly limits: ThrottleLimits = TELEGRAM_LIMITS,
    private readonly now: () => number = () => performance.now(),
    /** The budget of all instances together (Redis); without it this process's limits are the bot's. */
    private readonly shared?: SharedBudget,
  ) {
    this.global = new Window(limits.globalPerSecond, 1000 * MARGIN);
  }

  /** Sends waiting for their turn, into one chat or in all. */
  waiting(chatId?: number | string): number {
    if (chatId === undefined) return this.queue.length;
    const key = String(chatId);
    return this.queue.filter((w) => w.chat === key).length;
  }

  /** The grammY API transformer. */
  transformer(): Transformer {
    return async (prev, method, payload, signal) => {
      const count = SENDS[method];
      const p = payload as Record<string, unknown>;
      if (!count || p.chat_id === undefined) return prev(method, payload, signal);
      const chat = String(p.chat_id);
      await this.turn(chat, count(p), priorityContext.getStore() ?? DEFAULT_PRIORITY);
      await this.shared?.acquire(chat, isPrivateChat(chat), count(p));
      return prev(method, payload, signal);
    };
  }

  /** Resolves when a send of `weight` messages into the chat may go. */
  turn(chat: string, weight: number, priority = DEFAULT_PRIORITY): Promise<void> {
    return new Promise((release) => {
      this.queue.push({ chat, isPrivate: isPrivateChat(chat), weight, priority, seq: this.seq++, release });
      this.pump();
    });
  }

  private pump(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (;;) {
      const now = this.now();
      this.queue.sort((a, b) => a.priority - b.priority || a.seq - b.seq);
      let next: Waiting | undefined;
      let earliest = Infinity;
      // The first waiting send, by priority, whose chat has room. A chat whose first send must
      // wait holds back its later (lower) sends too, and a send the global limit holds back holds
      // back everything after it: nothing overtakes what goes first.
      const blockedChats = new Set<string>();
      for (const w of this.queue) {
        if (blockedChats.has(w.chat)) continue;
        const chatAt = this.chatReadyAt(w, now);
        const globalAt = this.global.readyAt(w.weight, now);
        if (chatAt <= now && globalAt <= now) {
          next = w;
          break;
        }
        earliest = Math.min(earliest, Math.max(chatAt, globalAt));
        if (globalAt > now) break;
        blockedChats.add(w.chat);
      }
      if (!next) {
        if (this.queue.length > 0) this.timer = setTimeout(() => this.pump(), Math.max(1, Math.ceil(earliest - now)));
        this.forgetIdle(now);
        return;
      }
      this.queue.splice(this.queue.indexOf(next), 1);
      this.global.record(next.weight, now);
      if (next.isPrivate) this.bucket(next.chat, now).take(next.weight, now);
      else this.window(next.chat).record(next.weight, now);
      next.release();
    }
  }

  private chatReadyAt(w: Waiting, now: number): number {
    return w.isPrivate ? this.bucket(w.chat, now).readyAt(w.weight, now) : this.window(w.chat).readyAt(w.weight, now);
  }

  private window(chat: string): Window {
    let w = this.groups.get(chat);
    if (!w) this.groups.set(chat, (w = new Window(this.limits.groupPerMinute, 60_000 * MARGIN)));
    return w;
  }

  private bucket(chat: string, now: number): Bucket {
    let b = this.privates.get(chat);
    if (!b) this.privates.set(chat, (b = new Bucket(this.limits.privateBurst, this.limits.privatePerSecond / 1000 / MARGIN, now)));
    return b;
  }

  /** Chats that sent nothing for a while need no state. */
  private forgetIdle(now: number): void {
    if (this.privates.size + this.groups.size < 5_000) return;
    for (const [chat, b] of this.privates) if (b.full(now) && !this.queue.some((w) => w.chat === chat)) this.privates.delete(chat);
    for (const [chat, w] of this.groups) if (w.idle) this.groups.delete(chat);
  }
}

/** Users have positive ids; groups and channels negative ones, or an @username. */
function isPrivateChat(chat: string): boolean {
  return /^\d+$/.test(chat);
}
