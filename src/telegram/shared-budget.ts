// Telegram's flood limits are per bot, not per process: several instances of the bot must stay
// under them together. Each send that the local throttle (throttle.ts) lets go also takes its
// place in a sliding window kept in Redis: one for all chats, one per chat. One Lua script checks
// and records both atomically, with Redis's own clock, so instances with skewed clocks agree.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import type { ThrottleLimits } from "./throttle.js";

/** Telegram counts when a message arrives; the bot counts when it leaves: a small margin (as throttle.ts). */
const MARGIN = 1.05;

export interface SharedBudget {
  /** Resolves when `weight` more messages into the chat fit the budget of all instances together. */
  acquire(chat: string, isPrivate: boolean, weight: number): Promise<void>;
  close(): Promise<void>;
}

// KEYS: global window, chat window. ARGV: weight, global limit, global window ms, chat limit,
// chat window ms, a unique id. Returns 0 when recorded, else the ms to wait.
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local weight = tonumber(ARGV[1])
local function wait_for(key, limit, window)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local excess = redis.call('ZCARD', key) + math.min(weight, limit) - limit
  if excess <= 0 then return 0 end
  local oldest = redis.call('ZRANGE', key, excess - 1, excess - 1, 'WITHSCORES')
  return tonumber(oldest[2]) + window - now
end
local wait = math.max(wait_for(KEYS[1], tonumber(ARGV[2]), tonumber(ARGV[3])), wait_for(KEYS[2], tonumber(ARGV[4]), tonumber(ARGV[5])))
if wait > 0 then return wait end
for i = 1, weight do
  local member = ARGV[6] .. ':' .. i
  redis.call('ZADD', KEYS[1], now, member)
  redis.call('ZADD', KEYS[2], now, member)
end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[5])
return 0
`;

export interface RedisBudgetOptions {
  url: string;
  limits: ThrottleLimits;
  /** Keeps bots sharing one Redis apart (the bot's id). */
  prefix: string;
  /** Told when Redis cannot be asked: sends then go by the local throttle alone. */
  onUnavailable?: (err: unknown) => void;
}

export class RedisSendBudget implements SharedBudget {
  private readonly redis: Redis;
  private lastComplaint = 0;

  constructor(private readonly opts: RedisBudgetOptions) {
    this.redis = new Redis(opts.url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: true });
    this.redis.on("error", () => undefined); // reported through onUnavailable, once a minute
  }

  async acquire(chat: string, isPrivate: boolean, weight: number): Promise<void> {
    for (;;) {
      let wait: number;
      try {
        wait = await this.reserve(chat, isPrivate, weight);
      } catch (err) {
        // A budget that cannot be asked must not stop the bot: the local limits still hold.
        this.complain(err);
        return;
      }
      if (wait <= 0) return;
      await new Promise((r) => setTimeout(r, Math.min(wait, 5_000)));
    }
  }

  /** 0 when the send was recorded, else the milliseconds until it would fit. */
  async reserve(chat: string, isPrivate: boolean, weight: number): Promise<number> {
    const { limits, prefix } = this.opts;
    // A private chat's burst, refilled at its rate, is close to `burst` sends per `burst / rate` seconds.
    const chatLimit = isPrivate ? limits.privateBurst : limits.groupPerMinute;
    const chatWindow = isPrivate ? (limits.privateBurst / limits.privatePerSecond) * 1000 * MARGIN : 60_000 * MARGIN;
    const result = await this.redis.eval(
      RESERVE,
      2,
      `${prefix}:all`,
      `${prefix}:chat:${chat}`,
      weight,
      limits.globalPerSecond,
      Math.ceil(1000 * MARGIN),
      chatLimit,
      Math.ceil(chatWindow),
      randomUUID(),
    );
    return Number(result);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private complain(err: unknown): void {
    if (Date.now() - this.lastComplaint < 60_000) return;
    this.lastComplaint = Date.now();
    this.opts.onUnavailable?.(err);
  }
}
