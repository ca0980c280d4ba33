// Limits on what one private chat can make the bot do before anyone confirmed anything. One
// member pasting 200 messages in seconds, or a stranger hammering /start, must not turn into 200
// drafts, 200 previews and 200 replies: Telegram's own limit on messages into one private chat
// would then hold back everyone's answers. Past the limit the chat gets one short "terlalu cepat"
// a minute and the rest is left unanswered.
import { randomUUID } from "node:crypto";
import type { MiddlewareFn } from "grammy";
import { Redis } from "ioredis";
import type { BotContext } from "./context.js";

export interface FloodLimits {
  /** Updates one private chat may send in a minute (album items count as one each). */
  updatesPerMinute: number;
  /** Drafts one member may start in a minute. */
  draftsPerMinute: number;
}

const WINDOW_MS = 60_000;

/**
 * What each private chat may still make the bot do this minute. Several instances behind a load
 * balancer must count together (RedisFloodGuard): otherwise a chat whose updates are spread over
 * three of them gets three times its limit and three "terlalu cepat" a minute.
 */
export interface FloodGuard {
  readonly limits: FloodLimits;
  /** Counts one update of the chat; false when the chat is over its limit. */
  allowUpdate(chatId: number): Promise<boolean>;
  /** True once a minute per chat: whether to say "terlalu cepat" now. */
  shouldTell(chatId: number): Promise<boolean>;
  close(): Promise<void>;
}

/** Sliding one-minute windows per chat, and when each chat was last told to slow down: one instance. */
export class MemoryFloodGuard implements FloodGuard {
  private readonly seen = new Map<number, number[]>();
  private readonly told = new Map<number, number>();

  constructor(
    readonly limits: FloodLimits,
    private readonly now: () => number = Date.now,
  ) {}

  async allowUpdate(chatId: number): Promise<boolean> {
    return this.countUpdate(chatId);
  }

  async shouldTell(chatId: number): Promise<boolean> {
    return this.tellNow(chatId);
  }

  async close(): Promise<void> {}

  countUpdate(chatId: number): boolean {
    const now = this.now();
    const times = (this.seen.get(chatId) ?? []).filter((t) => t > now - WINDOW_MS);
    times.push(now);
    this.seen.set(chatId, times);
    if (this.seen.size > 10_000) this.forgetQuiet(now);
    return times.length <= this.limits.updatesPerMinute;
  }

  tellNow(chatId: number): boolean {
    const now = this.now();
    const last = this.told.get(chatId);
    if (last !== undefined && now - last < WINDOW_MS) return false;
    this.told.set(chatId, now);
    return true;
  }

  private forgetQuiet(now: number): void {
    for (const [chat, times] of this.seen) if ((times.at(-1) ?? 0) <= now - WINDOW_MS) this.seen.delete(chat);
    for (const [chat, at] of this.told) if (at <= now - WINDOW_MS) this.told.delete(chat);
  }
}

// KEYS: the chat's window. ARGV: now (ms), window (ms), a unique id. Returns the updates in the
// window, this one included. Same rule as the memory guard: what is older than a window is gone.
const COUNT_UPDATE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return redis.call('ZCARD', KEYS[1])
`;

// KEYS: when the chat was last told. ARGV: now (ms), window (ms). Returns 1 when it is told now.
const TELL_NOW = `
local last = redis.call('GET', KEYS[1])
if last and tonumber(ARGV[1]) - tonumber(last) < tonumber(ARGV[2]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`;

const DOWN_STATUSES = new Set(["reconnecting", "close", "end"]);

export interface RedisFloodOptions {
  url: string;
  limits: FloodLimits;
  /** Keeps bots sharing one Redis apart (the bot's id). */
  prefix: string;
  now?: () => number;
  /** Told (at most once a minute) when Redis cannot be asked: this instance then counts alone. */
  onUnavailable?: (err: unknown) => void;
}

/**
 * The windows of all instances in Redis: one round trip per update (a sorted set per chat, which
 * expires with its window), one more only for a chat over its limit. The time is the bot's clock,
 * as in the memory guard: instances a second apart move a minute's edge by a second. When Redis
 * cannot be asked, this instance's own windows decide, so a member is never refused for it.
 */
export class RedisFloodGuard implements FloodGuard {
  readonly limits: FloodLimits;
  private readonly redis: Redis;
  private readonly alone: MemoryFloodGuard;
  private readonly now: () => number;
  private lastComplaint = 0;

  constructor(private readonly o: RedisFloodOptions) {
    this.limits = o.limits;
    this.now = o.now ?? Date.now;
    this.alone = new MemoryFloodGuard(o.limits, this.now);
    this.redis = new Redis(o.url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: true, commandTimeout: 2_000 });
    this.redis.on("error", () => undefined); // reported through onUnavailable, once a minute
  }

  async allowUpdate(chatId: number): Promise<boolean> {
    if (!this.reachable()) return this.alone.countUpdate(chatId);
    try {
      const count = await this.redis.eval(COUNT_UPDATE, 1, `${this.o.prefix}:updates:${chatId}`, this.now(), WINDOW_MS, randomUUID());
      return Number(count) <= this.limits.updatesPerMinute;
    } catch (err) {
      this.complain(err);
      return this.alone.countUpdate(chatId);
    }
  }

  async shouldTell(chatId: number): Promise<boolean> {
    if (!this.reachable()) return this.alone.tellNow(chatId);
    try {
      return Number(await this.redis.eval(TELL_NOW, 1, `${this.o.prefix}:told:${chatId}`, this.now(), WINDOW_MS)) === 1;
    } catch (err) {
      this.complain(err);
      return this.alone.tellNow(chatId);
    }
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /**
   * False while the client is between connections after a failure: a member's update then waits
   * for no connection attempt (each would add a second or more to every answer).
   */
  private reachable(): boolean {
    if (!DOWN_STATUSES.has(this.redis.status)) return true;
    this.complain(new Error(`Redis connection ${this.redis.status}`));
    return false;
  }

  private complain(err: unknown): void {
    if (Date.now() - this.lastComplaint < 60_000) return;
    this.lastComplaint = Date.now();
    this.o.onUnavailable?.(err);
  }
}

/** Tells the chat to slow down, at most once a minute; says nothing otherwise. */
export async function tellTooFast(ctx: BotContext): Promise<void> {
  if (!ctx.chat || !(await ctx.deps.flood.shouldTell(ctx.chat.id))) {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery();
    return;
  }
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t("too-fast"), show_alert: true });
  else await ctx.reply(ctx.t("too-fast"));
}

/** First middleware of private chats: over the limit, an update goes no further. */
export const privateFloodGuard: MiddlewareFn<BotContext> = async (ctx, next) => {
  if (ctx.chat?.type !== "private" || (await ctx.deps.flood.allowUpdate(ctx.chat.id))) return next();
  ctx.log.info({ chat: ctx.chat.id }, "flood guard: a private chat is over its limit");
  await tellTooFast(ctx);
};
