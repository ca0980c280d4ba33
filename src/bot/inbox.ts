// Long polling with a durable inbox.
//
// Telegram forgets an update once a later getUpdates call passes an offset beyond it. We store
// each fetched batch in the database first and only then ask for the next batch, so an update
// Telegram has handed over survives a hard kill: at start, stored updates that were not handled
// are handled again. Updates of one chat (or one user) run in order; different chats run
// concurrently, so one slow conversation does not hold up the others.
import type { Api, RawApi } from "grammy";
import type { Update } from "grammy/types";
import type { Db } from "../db/client.js";
import type { Logger } from "../logger.js";

export type UpdateHandler = (update: Update) => Promise<void>;

export interface InboxOptions {
  db: Db;
  api: Api<RawApi>;
  handle: UpdateHandler;
  logger: Logger;
  allowedUpdates: ReadonlyArray<string>;
  /** Seconds Telegram holds a getUpdates call open when there is nothing new. */
  pollTimeoutSeconds?: number;
  /** Updates handled at the same time, across chats. */
  concurrency?: number;
  /** An update that crashed the process this many times is set aside as "dead". */
  maxAttempts?: number;
}

/** The key that orders updates: same chat (or same user) → one after another. */
export function orderKeyOf(update: Update): string {
  const u = update as unknown as Record<string, { chat?: { id?: unknown }; from?: { id?: unknown }; message?: { chat?: { id?: unknown } } } | undefined>;
  for (const value of Object.values(u)) {
    if (!value || typeof value !== "object") continue;
    const chat = value.chat?.id ?? value.message?.chat?.id;
    if (chat !== undefined) return `chat:${String(chat)}`;
    const from = value.from?.id;
    if (from !== undefined) return `user:${String(from)}`;
  }
  return "global";
}

export class DurableInbox {
  private running = false;
  private abort: AbortController | undefined;
  private loop: Promise<void> | undefined;
  private readonly chains = new Map<string, Promise<void>>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly slotWaiters: Array<() => void> = [];
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private offset = 0;

  constructor(private readonly opts: InboxOptions) {
    this.concurrency = opts.concurrency ?? 32;
    this.maxAttempts = opts.maxAttempts ?? 3;
  }

  /** Handles what a previous run left unhandled, then starts polling. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const last = await this.opts.db.inboxUpdate.findFirst({ orderBy: { updateId: "desc" }, select: { updateId: true } });
    this.offset = last ? Number(last.updateId) + 1 : 0;
    await this.resumeUnhandled();
    this.loop = this.pollLoop();
  }

  /** Stops fetching, then waits for the handlers in flight. Unhandled updates stay stored. */
  async stop(): Promise<void> {
    this.running = false;
    this.abort?.abort();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
  }

  private async resumeUnhandled(): Promise<void> {
    const { db, logger } = this.opts;
    const rows = await db.inboxUpdate.findMany({ where: { status: "pending" }, orderBy: { updateId: "asc" } });
    if (rows.length > 0) logger.info({ count: rows.length }, "inbox: handling updates left from the last run");
    for (const row of rows) await this.dispatch(row.updateId, row.orderKey, row.payload);
  }

  private async pollLoop(): Promise<void> {
    const { api, logger } = this.opts;
    let failures = 0;
    while (this.running) {
      this.abort = new AbortController();
      try {
        const updates = await api.getUpdates(
          {
            offset: this.offset,
            timeout: this.opts.pollTimeoutSeconds ?? 30,
            limit: 100,
            allowed_updates: this.opts.allowedUpdates as never,
          },
          this.abort.signal as Parameters<Api["getUpdates"]>[1],
        );
        failures = 0;
        await this.accept(updates);
      } catch (err) {
        if (!this.running) break;
        failures++;
        const delay = Math.min(1000 * 2 ** Math.min(failures, 6), 60_000);
        logger.warn({ err: errorText(err), retryInMs: delay }, "inbox: getUpdates failed");
        await sleep(delay);
      }
    }
  }

  /** Stores a fetched batch; only then may the next getUpdates confirm it to Telegram. */
  private async accept(updates: Update[]): Promise<void> {
    if (updates.length === 0) return;
    const stored = await this.store(updates);
    const ids = updates.map((u) => u.update_id).filter((id) => Number.isSafeInteger(id));
    if (ids.length > 0) this.offset = Math.max(this.offset, ...ids) + 1;
    for (const s of stored) await this.dispatch(s.updateId, s.orderKey, s.payload);
  }

  private async store(updates: Update[]) {
    const rows = updates.filter(hasUpdateId).map((u) => ({ updateId: BigInt(u.update_id), orderKey: orderKeyOf(u), payload: JSON.stringify(u) }));
    return this.opts.db.$transaction(async (tx) => {
      // A batch Telegram sends again after a crash is already stored: handle each update once.
      const known = await tx.inboxUpdate.findMany({
        where: { updateId: { in: rows.map((r) => r.updateId) } },
        select: { updateId: true },
      });
      const seen = new Set(known.map((k) => k.updateId));
      const fresh = rows.filter((r) => !seen.has(r.updateId));
      if (fresh.length > 0) await tx.inboxUpdate.createMany({ data: fresh });
      return fresh;
    });
  }

  /** Queues the update behind earlier updates of the same chat; waits while all slots are busy. */
  private async dispatch(updateId: bigint, orderKey: string, payload: string): Promise<void> {
    while (this.inFlight.size >= this.concurrency) {
      await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    }
    const previous = this.chains.get(orderKey) ?? Promise.resolve();
    const task = previous.then(() => this.handleStored(updateId, payload));
    const tracked = task.finally(() => {
      this.inFlight.delete(tracked);
      if (this.chains.get(orderKey) === tracked) this.chains.delete(orderKey);
      this.slotWaiters.shift()?.();
    });
    this.chains.set(orderKey, tracked);
    this.inFlight.add(tracked);
  }

  private async handleStored(updateId: bigint, payload: string): Promise<void> {
    const { db, logger, handle } = this.opts;
    // Count the attempt before running it: an update that kills the process is not retried forever.
    const row = await db.inboxUpdate.update({ where: { updateId }, data: { attempts: { increment: 1 } } });
    if (row.attempts > this.maxAttempts) {
      logger.error({ updateId: String(updateId) }, "inbox: update crashed the bot repeatedly; set aside");
      await db.inboxUpdate.update({ where: { updateId }, data: { status: "dead", handledAt: new Date() } });
      return;
    }
    let error: string | null = null;
    try {
      const update = JSON.parse(payload) as Update;
      await handle(update);
    } catch (err) {
      // The bot's error boundary already answered the user where it could; keep the reason.
      error = errorText(err);
      logger.error({ updateId: String(updateId), err: error }, "inbox: update handler failed");
    }
    await db.inboxUpdate.update({ where: { updateId }, data: { status: "done", handledAt: new Date(), error } });
  }

  private async newestId(): Promise<bigint> {
    const last = await this.opts.db.inboxUpdate.findFirst({ orderBy: { updateId: "desc" }, select: { updateId: true } });
    return last?.updateId ?? 0n;
  }

  /** Deletes handled updates older than the retention period. */
  async prune(olderThan: Date): Promise<number> {
    const { count } = await this.opts.db.inboxUpdate.deleteMany({
      // The newest row stays: its id is where polling resumes after a restart.
      where: { status: { in: ["done", "dead"] }, handledAt: { lt: olderThan }, updateId: { lt: await this.newestId() } },
    });
    return count;
  }
}

/** Telegram always numbers updates; anything else cannot be stored or confirmed, so it is skipped. */
function hasUpdateId(u: Update): boolean {
  return Number.isSafeInteger(u.update_id) && u.update_id >= 0;
}

function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
