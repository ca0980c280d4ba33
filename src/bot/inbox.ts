// Long polling with a durable inbox.
//
// Telegram forgets an update once a later getUpdates call passes an offset beyond it. We store
// each fetched batch in the database first and only then ask for the next batch, so an update
// Telegram has handed over survives a hard kill: at start, stored updates that were not handled
// are handled again. Updates of one chat (or one user) run in order; different chats run
// concurrently, so one slow conversation does not hold up the others.
//
// An update whose handler failed for a passing reason (Telegram down for a moment, the disk full)
// is run again a few times, in its chat's order, before the member is told; handlers are written
// so that running an update twice changes nothing the first run did (see sourceUpdateId).
import { AsyncLocalStorage } from "node:async_hooks";
import type { Api, RawApi } from "grammy";
import type { Update } from "grammy/types";
import type { Db } from "../db/client.js";
import type { ChatTurns } from "../db/chat-turns.js";
import { StorageAlarm, storageProblem } from "../db/storage-errors.js";
import { insertNewUpdates } from "../db/inbox-rows.js";
import type { Logger } from "../logger.js";
import { updateProblem } from "./update-shape.js";
import { PRIORITY } from "../queue/priority.js";
import { withSendPriority } from "../telegram/throttle.js";

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
  /** Updates queued or running in this process before receiving waits (the rest stay with Telegram or in the table). */
  maxHeld?: number;
  /** Runs of one update (its first included) before a passing failure is reported to the member. */
  maxRuns?: number;
  /** An update left unhandled by this many crashed processes is set aside as "dead". */
  maxCrashes?: number;
  /** First wait before an update runs again; doubled each time. */
  retryDelayMs?: number;
  /** Told, once per update, that its message could not even be stored (the database cannot be written). */
  onUnstorable?: (update: Update) => Promise<void>;
  /** Shared with the job worker, so a storage problem is logged once for the whole bot. */
  storageAlarm?: StorageAlarm;
  /** Told what became of each update received (for the metrics). */
  onOutcome?: (outcome: "handled" | "duplicate" | "malformed" | "failed", count: number) => void;
  /** False in webhook mode: Telegram POSTs the updates, which the webhook route passes to receive(). */
  poll?: boolean;
  /** Shares each chat's turn with other processes on the same database (several instances). */
  chatTurns?: ChatTurns;
}

/** What a handler may know about the run it is part of. */
export interface UpdateRun {
  updateId: number;
  /** 1 for the first run. */
  run: number;
  /** The last run: a handler that fails now will not be run again, so it tells the member. */
  final: boolean;
}

const runs = new AsyncLocalStorage<UpdateRun>();

/** The run the current handler is part of, when it was started by the inbox. */
export function currentUpdateRun(): UpdateRun | undefined {
  return runs.getStore();
}

/**
 * Thrown out of the bot's error boundary for a failure that may pass (see classifyFailure): the
 * inbox runs the update again later instead of giving up.
 */
export class RunAgain extends Error {
  override name = "RunAgain";
  constructor(readonly reason: string) {
    super(reason);
  }
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

interface Stored {
  updateId: bigint;
  orderKey: string;
  payload: string;
  attempts: number;
}

/** Handled updates are marked done together, within this many ms (one write for a busy moment). */
const DONE_WAIT_MS = 5;
/** How often stored updates that no handler holds are looked for (left by a failed write, for example). */
const SWEEP_MS = 10_000;

export class DurableInbox {
  private running = false;
  private abort: AbortController | undefined;
  private loop: Promise<void> | undefined;
  private sweeper: NodeJS.Timeout | undefined;
  private readonly chains = new Map<string, Promise<void>>();
  private readonly inFlight = new Set<Promise<void>>();
  /** Update ids queued or running in this process. */
  private readonly held = new Set<string>();
  private readonly slotWaiters: Array<() => void> = [];
  private readonly heldWaiters: Array<() => void> = [];
  /** Handlers running now (not those waiting behind their chat). */
  private active = 0;
  private readonly concurrency: number;
  private readonly maxHeld: number;
  private readonly maxRuns: number;
  private readonly maxCrashes: number;
  private readonly retryDelayMs: number;
  private offset = 0;
  private readonly doneQueue: Array<{ updateId: bigint; error: string | null }> = [];
  private doneTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  /** Updates whose senders were told that their message could not be stored. */
  private readonly toldUnstorable = new Set<number>();
  private readonly storage: StorageAlarm;

  constructor(private readonly opts: InboxOptions) {
    this.concurrency = opts.concurrency ?? 32;
    this.maxHeld = opts.maxHeld ?? 1000;
    this.maxRuns = opts.maxRuns ?? 5;
    this.maxCrashes = opts.maxCrashes ?? 5;
    this.retryDelayMs = opts.retryDelayMs ?? 1000;
    this.storage = opts.storageAlarm ?? new StorageAlarm(opts.logger);
  }

  /** Handles what a previous run left unhandled, then starts polling. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const last = await this.opts.db.inboxUpdate.findFirst({ orderBy: { updateId: "desc" }, select: { updateId: true } });
    this.offset = last ? Number(last.updateId) + 1 : 0;
    await this.resumeLeftovers();
    this.loop = this.opts.poll === false ? Promise.resolve() : this.pollLoop();
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }

  /** True while started: the webhook route stores updates only then. */
  accepting(): boolean {
    return this.running;
  }

  /** Stops fetching, then waits for the handlers in flight. Unhandled updates stay stored. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.sweeper) clearInterval(this.sweeper);
    this.abort?.abort();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
    await this.recordDoneNow();
  }

  /**
   * Updates left pending by the previous process: it died while they waited or ran. Each such
   * start counts against the update, so one that kills the process every time is set aside.
   */
  private async resumeLeftovers(): Promise<void> {
    const { db, logger } = this.opts;
    const rows = await db.inboxUpdate.findMany({ where: { status: "pending" }, orderBy: { updateId: "asc" } });
    if (rows.length === 0) return;
    logger.info({ count: rows.length }, "inbox: handling updates left from the last run");
    await db.inboxUpdate.updateMany({ where: { status: "pending" }, data: { attempts: { increment: 1 } } });
    for (const row of rows) await this.dispatch({ ...row, attempts: row.attempts + 1 });
  }

  /** Pending updates no handler holds: their handling failed to record itself (a failed write). */
  private async sweep(): Promise<void> {
    if (!this.running) return;
    try {
      const rows = await this.opts.db.inboxUpdate.findMany({ where: { status: "pending" }, orderBy: { updateId: "asc" }, take: 500 });
      for (const row of rows) if (!this.held.has(String(row.updateId))) await this.dispatch(row);
    } catch (err) {
      this.noteStorage(err, "inbox sweep");
    }
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
        await this.receive(updates);
      } catch (err) {
        if (!this.running) break;
        failures++;
        const delay = Math.min(1000 * 2 ** Math.min(failures, 5), 30_000);
        if (!this.noteStorage(err, "storing updates")) logger.warn({ err: errorText(err), retryInMs: delay }, "inbox: getUpdates failed");
        await sleep(delay);
      }
    }
  }

  /**
   * Stores a batch and queues it for handling; only then may the next getUpdates confirm it to
   * Telegram (or the webhook answer 200). Malformed updates are logged and dropped here. When the
   * database cannot be written, nothing is confirmed: Telegram keeps the updates and hands them
   * over again, and their senders are told to try again later.
   */
  async receive(updates: Update[]): Promise<void> {
    if (updates.length === 0) return;
    let stored: Stored[];
    try {
      stored = await this.store(updates);
    } catch (err) {
      if (storageProblem(err)) await this.tellUnstorable(updates);
      throw err;
    }
    this.storageRecovered();
    const ids = updates.map((u) => (u as { update_id?: unknown }).update_id).filter((id): id is number => Number.isSafeInteger(id));
    if (ids.length > 0) this.offset = Math.max(this.offset, ...ids) + 1;
    for (const s of stored) await this.dispatch(s);
  }

  private async store(updates: Update[]): Promise<Stored[]> {
    const { logger } = this.opts;
    const rows: Stored[] = [];
    let duplicatesInBatch = 0;
    for (const u of updates) {
      const problem = updateProblem(u);
      if (problem) {
        logger.warn({ updateId: String((u as { update_id?: unknown }).update_id), problem }, "inbox: dropped a malformed update");
        continue;
      }
      // Telegram may hand the same update twice, even in one batch: it is stored and handled once.
      if (rows.some((r) => r.updateId === BigInt(u.update_id))) {
        duplicatesInBatch++;
        continue;
      }
      rows.push({ updateId: BigInt(u.update_id), orderKey: orderKeyOf(u), payload: JSON.stringify(u), attempts: 0 });
    }
    const fresh = await insertNewUpdates(this.opts.db, rows, new Date());
    const kept = rows.filter((r) => fresh.has(String(r.updateId)));
    this.opts.onOutcome?.("malformed", updates.length - rows.length - duplicatesInBatch);
    this.opts.onOutcome?.("duplicate", rows.length - kept.length + duplicatesInBatch);
    return kept;
  }

  /**
   * Queues the update behind earlier updates of the same chat. A handler slot is taken only when
   * the update's turn in its chat has come: an update waiting behind its own chat (an admin group
   * whose replies wait for the group's send budget, say) must not hold a slot that another chat
   * could use. Receiving waits only while very many updates are held.
   */
  private async dispatch(row: Stored): Promise<void> {
    const key = String(row.updateId);
    if (this.held.has(key)) return;
    while (this.held.size >= this.maxHeld) {
      await new Promise<void>((resolve) => this.heldWaiters.push(resolve));
    }
    if (this.held.has(key)) return;
    this.held.add(key);
    const previous = this.chains.get(row.orderKey) ?? Promise.resolve();
    const task = previous.then(() => this.inSlot(() => this.handleInTurn(row)));
    const tracked = task
      .catch((err: unknown) => {
        // The update's own bookkeeping failed (the database): the sweep takes it up again.
        if (!this.noteStorage(err, "recording an update")) this.opts.logger.error({ err: errorText(err), updateId: key }, "inbox: update bookkeeping failed");
      })
      .finally(() => {
        this.held.delete(key);
        this.inFlight.delete(tracked);
        if (this.chains.get(row.orderKey) === tracked) this.chains.delete(row.orderKey);
        this.heldWaiters.shift()?.();
      });
    this.chains.set(row.orderKey, tracked);
    this.inFlight.add(tracked);
  }

  private async inSlot(run: () => Promise<void>): Promise<void> {
    while (this.active >= this.concurrency) {
      await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    }
    this.active++;
    try {
      await run();
    } finally {
      this.active--;
      this.slotWaiters.shift()?.();
    }
  }

  /**
   * With other processes on the database, the update runs in its chat's shared turn. The holder
   * of the turn handles the chat's pending updates up to this one in update order, whichever
   * process received them, and records each before the turn passes on; a process whose update was
   * handled that way finds it done and skips it.
   */
  private async handleInTurn(row: Stored): Promise<void> {
    const turns = this.opts.chatTurns;
    if (!turns) return this.handleStored(row);
    await turns.take(row.orderKey, async () => {
      const due = await this.opts.db.inboxUpdate.findMany({
        where: { status: "pending", orderKey: row.orderKey, updateId: { lte: row.updateId } },
        orderBy: { updateId: "asc" },
        select: { updateId: true, orderKey: true, payload: true, attempts: true },
      });
      for (const r of due) {
        await this.handleStored(r);
        await this.recordDoneNow();
      }
    });
  }

  private async recordDoneNow(): Promise<void> {
    while (this.doneQueue.length > 0 || this.flushing) {
      this.flushDone();
      await this.flushing;
    }
  }

  private async handleStored(row: Stored): Promise<void> {
    const { db, logger, handle } = this.opts;
    const updateId = Number(row.updateId);
    if (row.attempts > this.maxCrashes) {
      logger.error({ updateId }, "inbox: update was being handled when the bot crashed, repeatedly; set aside");
      await db.inboxUpdate.update({ where: { updateId: row.updateId }, data: { status: "dead", handledAt: new Date() } });
      return;
    }
    const update = JSON.parse(row.payload) as Update;
    for (let run = 1; ; run++) {
      try {
        // Someone is waiting for this answer: it goes before queued notices and reports.
        await runs.run({ updateId, run, final: run >= this.maxRuns }, () => withSendPriority(PRIORITY.interactive, () => handle(update)));
        await this.markDone(row.updateId, null);
        this.opts.onOutcome?.("handled", 1);
        return;
      } catch (err) {
        const again = unwrap(err);
        if (again instanceof RunAgain && run < this.maxRuns && this.running) {
          const delay = this.retryDelayMs * 2 ** (run - 1);
          logger.warn({ updateId, run, reason: again.reason, retryInMs: delay }, "inbox: update failed for a passing reason; running it again");
          await sleep(delay);
          continue;
        }
        if (again instanceof RunAgain && !this.running) return; // stays pending for the next start
        // The bot's error boundary already answered the user where it could; keep the reason.
        const error = errorText(again);
        logger.error({ updateId, err: error }, "inbox: update handler failed");
        await this.markDone(row.updateId, error);
        this.opts.onOutcome?.("failed", 1);
        return;
      }
    }
  }

  /** Marks an update handled; updates finished together are written together. */
  private markDone(updateId: bigint, error: string | null): Promise<void> {
    this.doneQueue.push({ updateId, error });
    this.doneTimer ??= setTimeout(() => this.flushDone(), DONE_WAIT_MS);
    return Promise.resolve();
  }

  private flushDone(): void {
    if (this.doneTimer) clearTimeout(this.doneTimer);
    this.doneTimer = undefined;
    if (this.flushing || this.doneQueue.length === 0) return;
    const batch = this.doneQueue.splice(0);
    this.flushing = this.writeDone(batch).finally(() => {
      this.flushing = undefined;
      if (this.doneQueue.length > 0) this.flushDone();
    });
  }

  private async writeDone(batch: Array<{ updateId: bigint; error: string | null }>): Promise<void> {
    const { db } = this.opts;
    const handledAt = new Date();
    try {
      const plain = batch.filter((b) => b.error === null).map((b) => b.updateId);
      if (plain.length > 0) await db.inboxUpdate.updateMany({ where: { updateId: { in: plain } }, data: { status: "done", handledAt } });
      for (const b of batch.filter((x) => x.error !== null)) {
        await db.inboxUpdate.update({ where: { updateId: b.updateId }, data: { status: "done", handledAt, error: b.error } });
      }
    } catch (err) {
      // Not recorded: the updates stay pending and the sweep runs them again; their handlers are
      // safe to run twice.
      if (!this.noteStorage(err, "marking updates handled")) this.opts.logger.error({ err: errorText(err) }, "inbox: could not mark updates handled");
    }
  }

  private noteStorage(err: unknown, where: string): boolean {
    return this.storage.note(err, where);
  }

  private storageRecovered(): void {
    if (this.storage.recovered("handling the updates that waited")) this.toldUnstorable.clear();
  }

  private async tellUnstorable(updates: Update[]): Promise<void> {
    const tell = this.opts.onUnstorable;
    if (!tell) return;
    for (const u of updates) {
      if (this.toldUnstorable.has(u.update_id)) continue;
      this.toldUnstorable.add(u.update_id);
      await tell(u).catch(() => undefined);
    }
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

/** grammY wraps what a handler threw in a BotError. */
function unwrap(err: unknown): unknown {
  return err && typeof err === "object" && "error" in err && (err as { name?: string }).name === "BotError" ? (err as { error: unknown }).error : err;
}

function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
