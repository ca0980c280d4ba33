// Flood control: Telegram's limits on how fast a bot may send, answered with 429 and retry_after.
//
// Telegram documents them loosely: about one message per second in a private chat (short bursts
// are tolerated), 20 messages per minute in a group, about 30 messages per second overall. The
// emulator enforces these so the bot's throttler and retry logic are exercised for real.
export interface LimitOptions {
  enabled: boolean;
  /** Messages per second in one private chat (default 1). */
  perChatPerSecond?: number;
  /** Messages a private chat tolerates at once before the per-second rate applies (default 3). */
  perChatBurst?: number;
  /** Messages per minute in one group, supergroup or channel (default 20). */
  perGroupPerMinute?: number;
  /** Messages per second across all chats (default 30). */
  globalPerSecond?: number;
  /**
   * Makes every window this many times shorter (default 1), for benchmarks. With timeScale > 1,
   * retry_after is given in real seconds as a fraction (0.013), so an unmodified bot waits the
   * scaled time; with timeScale 1 it is an integer ≥ 1 as Telegram sends it.
   */
  timeScale?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** A sliding window: the times of the sends it still counts. */
class Window {
  private times: number[] = [];
  constructor(
    private readonly limit: number,
    private readonly lengthMs: number,
  ) {}

  /** Milliseconds until `count` more sends fit; 0 when they fit now. */
  waitFor(count: number, now: number): number {
    this.times = this.times.filter((t) => t > now - this.lengthMs);
    const excess = this.times.length + Math.min(count, this.limit) - this.limit;
    if (excess <= 0) return 0;
    const freedAt = (this.times[excess - 1] ?? now) + this.lengthMs;
    return Math.max(freedAt - now, 1);
  }

  record(count: number, now: number): void {
    for (let i = 0; i < count; i++) this.times.push(now);
  }
}

export class FloodControl {
  private readonly buckets = new Map<number, Bucket>();
  private readonly groups = new Map<number, Window>();
  private readonly global: Window;
  private readonly scale: number;
  private readonly perChatRate: number;
  private readonly burst: number;
  private readonly perGroup: number;

  constructor(
    private readonly opts: LimitOptions,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.scale = opts.timeScale ?? 1;
    this.perChatRate = opts.perChatPerSecond ?? 1;
    this.burst = opts.perChatBurst ?? 3;
    this.perGroup = opts.perGroupPerMinute ?? 20;
    this.global = new Window(opts.globalPerSecond ?? 30, 1000 / this.scale);
  }

  get enabled(): boolean {
    return this.opts.enabled;
  }

  /** Milliseconds the bot must wait before sending `count` messages (an album counts each item) to a chat; 0 = now. */
  wait(chatId: number, isPrivate: boolean, count: number): number {
    if (!this.opts.enabled) return 0;
    const now = this.clock();
    return Math.max(
      this.global.waitFor(count, now),
      isPrivate ? this.bucketWait(chatId, count, now) : this.groupWindow(chatId).waitFor(count, now),
    );
  }

  /** Counts messages that were delivered; rejected and failed requests never count. */
  record(chatId: number, isPrivate: boolean, count: number): void {
    if (!this.opts.enabled) return;
    const now = this.clock();
    this.global.record(count, now);
    if (isPrivate) this.bucket(chatId, now).tokens -= Math.min(count, this.burst);
    else this.groupWindow(chatId).record(count, now);
  }

  /** retry_after for a wait: whole seconds (at least 1), or real fractional seconds when scaled. */
  retryAfter(waitMs: number): number {
    if (this.scale === 1) return Math.max(1, Math.ceil(waitMs / 1000));
    return Math.max(1, Math.ceil(waitMs)) / 1000;
  }

  private groupWindow(chatId: number): Window {
    let window = this.groups.get(chatId);
    if (!window) {
      window = new Window(this.perGroup, 60_000 / this.scale);
      this.groups.set(chatId, window);
    }
    return window;
  }

  /** A token bucket per private chat: `burst` tokens, refilled at perChatPerSecond. */
  private bucket(chatId: number, now: number): Bucket {
    const bucket = this.buckets.get(chatId) ?? { tokens: this.burst, at: now };
    const refillPerMs = (this.perChatRate * this.scale) / 1000;
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * refillPerMs);
    bucket.at = now;
    this.buckets.set(chatId, bucket);
    return bucket;
  }

  private bucketWait(chatId: number, count: number, now: number): number {
    const needed = Math.min(count, this.burst);
    const bucket = this.bucket(chatId, now);
    if (bucket.tokens >= needed) return 0;
    const refillPerMs = (this.perChatRate * this.scale) / 1000;
    return Math.max((needed - bucket.tokens) / refillPerMs, 1);
  }
}
