// The bot's update queue and getUpdates, with Telegram's semantics.
//
// Telegram keeps an update until a later getUpdates call passes an offset above its update_id;
// until then every call returns it again. The bot's durable inbox relies on exactly that: a bot
// killed after fetching gets the same updates after a restart. A call with a timeout waits for
// the next update (long polling), and a second concurrent call ends the first one with 409.
import type { Update } from "grammy/types";
import { ApiError } from "./errors.js";

/** What Telegram sends when the bot never chose: everything but these three. */
const NOT_BY_DEFAULT = new Set(["chat_member", "message_reaction", "message_reaction_count"]);
const MAX_TIMEOUT_SECONDS = 50;

interface Queued {
  update: Update;
  /** The queue's own order; equals update_id unless a test injected an odd update_id. */
  seq: number;
  type: string;
  /** Injected by a test: delivered whatever allowed_updates says. */
  forced: boolean;
}

interface Waiter {
  limit: number;
  finish(updates: Update[] | ApiError): void;
}

export interface PollRequest {
  offset?: number;
  limit?: number;
  timeout?: number;
  allowedUpdates?: string[];
}

export class UpdateQueue {
  private queue: Queued[] = [];
  private lastSeq: number;
  private allowed: Set<string> | undefined;
  private waiter: Waiter | undefined;
  private wakeScheduled = false;
  /** Told of every queued update (the webhook delivery wakes up). */
  onPush: (() => void) | undefined;

  constructor(firstUpdateId = 1) {
    this.lastSeq = firstUpdateId - 1;
  }

  /** Queues an update; numbers it unless it already has a numeric update_id. */
  push(raw: object, forced = false): Update {
    const given = (raw as { update_id?: unknown }).update_id;
    // Telegram does not even create an update the bot did not ask for: it takes no update_id.
    if (!forced && !this.isAllowed({ type: updateType(raw), forced })) return raw as Update;
    let seq: number;
    let update: Update;
    if (typeof given === "number" && Number.isSafeInteger(given)) {
      seq = given;
      this.lastSeq = Math.max(this.lastSeq, seq);
      update = raw as Update;
    } else {
      // A malformed update_id an injecting test chose is kept as it is; the queue orders by seq.
      seq = ++this.lastSeq;
      update = ("update_id" in raw ? raw : { update_id: seq, ...raw }) as Update;
    }
    this.queue.push({ update, seq, type: updateType(update), forced });
    this.scheduleWake();
    this.onPush?.();
    return update;
  }

  /** Updates Telegram still holds for the bot: not yet confirmed by an offset. */
  pending(): number {
    return this.queue.length;
  }

  allowedUpdates(): string[] | undefined {
    return this.allowed ? [...this.allowed] : undefined;
  }

  /** The oldest update Telegram holds (the next a webhook gets). */
  first(): Update | undefined {
    return this.queue[0]?.update;
  }

  /** A webhook answered 2xx for this update: it is gone. */
  delivered(update: Update): void {
    this.queue = this.queue.filter((q) => q.update !== update);
  }

  /** setWebhook's allowed_updates. */
  chooseAllowed(types: string[] | undefined): void {
    if (types) this.setAllowed(types);
  }

  /** deleteWebhook/setWebhook with drop_pending_updates. */
  dropAll(): void {
    this.queue = [];
  }

  /** getUpdates: confirms by offset, then returns what is there or waits up to `timeout` seconds. */
  poll(req: PollRequest, signal: AbortSignal): Promise<Update[]> {
    this.waiter?.finish(new ApiError(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"));
    if (req.allowedUpdates) this.setAllowed(req.allowedUpdates);
    this.confirm(req.offset ?? 0);
    const limit = Math.min(Math.max(req.limit ?? 100, 1), 100);
    const timeout = Math.min(Math.max(req.timeout ?? 0, 0), MAX_TIMEOUT_SECONDS);
    const ready = this.take(limit);
    if (ready.length > 0 || timeout === 0) return Promise.resolve(ready);
    return this.wait(limit, timeout, signal);
  }

  /** Ends a waiting long poll with no updates (the emulator is stopping). */
  releaseWaiting(): void {
    this.waiter?.finish([]);
  }

  private wait(limit: number, timeoutSeconds: number, signal: AbortSignal): Promise<Update[]> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        limit,
        finish: (result) => {
          clearTimeout(timer);
          signal.removeEventListener("abort", onAbort);
          if (this.waiter === waiter) this.waiter = undefined;
          if (result instanceof ApiError) reject(result);
          else resolve(result);
        },
      };
      const timer = setTimeout(() => waiter.finish([]), timeoutSeconds * 1000);
      // The client hung up (the bot stopped polling): nothing is delivered, nothing confirmed.
      const onAbort = () => waiter.finish([]);
      signal.addEventListener("abort", onAbort);
      this.waiter = waiter;
      if (signal.aborted) onAbort();
    });
  }

  /** Answers a waiting poll on the next turn, so updates pushed together (an album) arrive together. */
  private scheduleWake(): void {
    if (!this.waiter || this.wakeScheduled) return;
    this.wakeScheduled = true;
    setImmediate(() => {
      this.wakeScheduled = false;
      const waiter = this.waiter;
      if (!waiter) return;
      const updates = this.take(waiter.limit);
      if (updates.length > 0) waiter.finish(updates);
    });
  }

  /** offset > 0 forgets everything below it; a negative offset keeps only the last -offset updates. */
  private confirm(offset: number): void {
    if (offset > 0) this.queue = this.queue.filter((q) => q.seq >= offset);
    else if (offset < 0) this.queue = this.queue.slice(offset);
  }

  private take(limit: number): Update[] {
    return this.queue.slice(0, limit).map((q) => q.update);
  }

  /** An empty list means Telegram's default; the choice is remembered for later calls without one. */
  private setAllowed(types: string[]): void {
    this.allowed = types.length === 0 ? undefined : new Set(types);
    this.queue = this.queue.filter((q) => this.isAllowed(q));
  }

  private isAllowed(q: Pick<Queued, "type" | "forced">): boolean {
    if (q.forced) return true;
    return this.allowed ? this.allowed.has(q.type) : !NOT_BY_DEFAULT.has(q.type);
  }
}

/** The update's kind: its one field besides update_id. */
export function updateType(update: object): string {
  return Object.keys(update).find((k) => k !== "update_id") ?? "unknown";
}
