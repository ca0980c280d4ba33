// Sends durable jobs. A job is claimed with a lease (compare-and-set on its row), so one job never
// runs twice at the same time. Leases are short and renewed by a heartbeat while the process
// lives: a process that died loses its jobs within one lease, and at start a process takes back at
// once the jobs of an earlier process on this host that is gone (a crash, kill -9), so a restart
// resumes publishing in a second, not after the lease.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Clock } from "../clock.js";
import type { Db } from "../db/client.js";
import { Prisma } from "../generated/prisma/client.js";
import { dialectOf } from "../db/dialect.js";
import type { Logger } from "../logger.js";
import { StorageAlarm } from "../db/storage-errors.js";
import { withSendPriority } from "../telegram/throttle.js";
import { backoffMs, classifyFailure, isBlockedByUser, type Failure } from "./failure.js";
import { payloadProblem, type JobKind, type PayloadOf } from "./jobs.js";
import { JOB_KIND_NAMES } from "./kinds.js";

export interface JobRecord {
  id: number;
  kind: string;
  payload: Prisma.JsonValue;
  attempts: number;
  maxAttempts: number;
  priority: number;
}

/** Does one kind of job, given its payload checked against the kind's schema. */
export interface JobHandler<P> {
  /** Does the work; the returned value is stored as the job's result. */
  run(payload: P, job: JobRecord): Promise<Prisma.InputJsonValue | void>;
  /** Called once when the job gives up (permanent error or too many attempts). */
  onGiveUp?(payload: P, reason: string, job: JobRecord): Promise<void>;
}

/** A kind with its handler, as the worker takes them (see bindHandlers). */
export interface BoundHandler {
  readonly kind: JobKind<unknown>;
  readonly handler: JobHandler<unknown>;
}

/** Binds a handler to its kind: the handler is typed by the kind's payload. */
export function handle<P>(kind: JobKind<P>, handler: JobHandler<NoInfer<P>>): BoundHandler {
  return { kind, handler };
}

/** One handler for every kind of the set: a kind left without one does not compile. */
export function bindHandlers<K extends Record<string, JobKind<unknown>>>(
  kinds: K,
  handlers: { [N in keyof K]: JobHandler<PayloadOf<K[N]>> },
): BoundHandler[] {
  return Object.keys(kinds).map((n): BoundHandler => ({ kind: kinds[n]!, handler: handlers[n]! }));
}

export interface WorkerOptions {
  db: Db;
  /** The kinds this process runs, with their handlers (bindHandlers, handle). */
  handlers: readonly BoundHandler[];
  logger: Logger;
  clock: Clock;
  concurrency?: number;
  /** How often to look for due jobs when nothing woke the worker. */
  pollMs?: number;
  /** How long a claimed job stays ours without a heartbeat renewing it. */
  leaseMs?: number;
  /** How often the heartbeat renews our leases; default a third of the lease. */
  heartbeatMs?: number;
  /** This machine's name: processes on the same host can tell whether another one is gone. */
  host?: string;
  /** Shared with the inbox, so a storage problem is logged once for the whole bot. */
  storageAlarm?: StorageAlarm;
  /** Told when a job starts waiting for the settings (to alert the admins once). */
  onWaiting?: (job: JobRecord, reason: string) => void;
}

/** Rows a claim returns: raw queries parse JSON columns and give DateTime columns as Date (epoch ms in the database). */
interface ClaimedRow {
  id: number | bigint;
  kind: string;
  payload: Prisma.JsonValue;
  attempts: number | bigint;
  maxAttempts: number | bigint;
  priority: number | bigint;
  runAt: Date | number | bigint;
}

interface DoneEntry {
  id: number;
  /** The handler's result as JSON text; null keeps the stored result. */
  result: string | null;
  resolve(): void;
  reject(err: unknown): void;
}

/** At most this many jobs are marked done by one statement. */
const DONE_BATCH = 500;
/**
 * How long a finished job waits for others to be marked done with it: only to the end of this turn
 * of the event loop. Every ms between a message going out and its job being marked done is a window
 * in which a crash makes the job send it again; under load, completions that arrive while a write
 * is under way still go together in the next one.
 */
const DONE_WAIT_MS = 0;

function epochMs(value: Date | number | bigint): number {
  return value instanceof Date ? value.getTime() : Number(value);
}

export class JobWorker {
  /** This process's id in the Instance table and in the jobs it leases. */
  readonly instanceId = randomUUID();
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly heartbeatMs: number;
  private readonly host: string;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private ticking = false;
  private tickAgain = false;
  /** Finished jobs waiting for their "done" write, and the write under way. */
  private readonly doneQueue: DoneEntry[] = [];
  private flushing: Promise<void> | undefined;
  private doneTimer: NodeJS.Timeout | undefined;
  private refillSoon: NodeJS.Immediate | undefined;
  private readonly storage: StorageAlarm;
  /** Bound handlers by every name their kind is stored under. */
  private readonly byName = new Map<string, BoundHandler>();

  constructor(private readonly opts: WorkerOptions) {
    for (const bound of opts.handlers) for (const name of [bound.kind.name, ...bound.kind.aliases]) this.byName.set(name, bound);
    this.concurrency = opts.concurrency ?? 8;
    this.pollMs = opts.pollMs ?? 500;
    this.leaseMs = opts.leaseMs ?? 15_000;
    this.heartbeatMs = opts.heartbeatMs ?? Math.max(200, Math.floor(this.leaseMs / 3));
    this.host = opts.host ?? hostname();
    this.storage = opts.storageAlarm ?? new StorageAlarm(opts.logger);
  }

  /** Registers this process, takes back the jobs of processes that are gone, and starts working. */
  async start(): Promise<void> {
    if (this.running) return;
    await this.register();
    await this.reclaimFromDeadProcesses();
    this.running = true;
    this.heartbeat = setInterval(() => void this.beat(), this.heartbeatMs);
    this.heartbeat.unref();
    this.wake();
  }

  /** Stops claiming new jobs, waits for the ones in flight, then leaves the instance table. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.inFlight]);
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    await this.opts.db.instance.deleteMany({ where: { id: this.instanceId } }).catch(() => undefined);
    LIVE_HERE.delete(this.instanceId);
  }

  private async register(): Promise<void> {
    LIVE_HERE.add(this.instanceId);
    const now = this.opts.clock.now();
    await this.opts.db.instance.create({
      data: { id: this.instanceId, host: this.host, pid: process.pid, startedAt: now, heartbeatAt: now },
    });
  }

  /**
   * Jobs left running by a process of this host that no longer exists are due again at once.
   * A pid equal to ours but another instance id is an earlier process too: in a container the bot
   * is often pid 1 on every start. Processes on other hosts lose their jobs when their leases
   * expire, since nothing renews them.
   */
  async reclaimFromDeadProcesses(): Promise<number> {
    const { db, logger, clock } = this.opts;
    const others = await db.instance.findMany({ where: { host: this.host, id: { not: this.instanceId } } });
    const dead = others.filter((i) => (i.pid === process.pid ? !LIVE_HERE.has(i.id) : !processAlive(i.pid))).map((i) => i.id);
    // Rows of processes whose heartbeat stopped long ago, anywhere, are only clutter.
    const longAgo = new Date(clock.now().getTime() - 24 * 60 * 60 * 1000);
    await db.instance.deleteMany({ where: { heartbeatAt: { lt: longAgo }, id: { not: this.instanceId } } });
    if (dead.length === 0) return 0;
    const { count } = await db.job.updateMany({
      where: { status: "running", lockedBy: { in: dead } },
      data: { status: "pending", lockedBy: null, lockedUntil: null, runAt: new Date(0) },
    });
    await db.instance.deleteMany({ where: { id: { in: dead } } });
    if (count > 0) logger.info({ jobs: count, from: dead }, "job worker: took back the jobs of a process that is gone");
    return count;
  }

  /** Renews the leases of the jobs this process is running, and its own heartbeat. */
  private async beat(): Promise<void> {
    const { db, clock, logger } = this.opts;
    const now = clock.now();
    try {
      await db.job.updateMany({
        where: { lockedBy: this.instanceId, status: "running" },
        data: { lockedUntil: new Date(now.getTime() + this.leaseMs) },
      });
      // Upserted: a process that could not register at start (the disk was full) registers now.
      await db.instance.upsert({
        where: { id: this.instanceId },
        create: { id: this.instanceId, host: this.host, pid: process.pid, startedAt: now, heartbeatAt: now },
        update: { heartbeatAt: now },
      });
    } catch (err) {
      if (!this.storage.note(err, "renewing job leases")) logger.warn({ err: String(err) }, "job worker: heartbeat failed");
    }
  }

  /** Looks for due jobs now (called after enqueueing, so sends do not wait for the next poll). */
  wake(): void {
    if (!this.running) return;
    if (this.ticking) {
      this.tickAgain = true;
      return;
    }
    void this.tick();
  }

  /** Runs every due job to completion; for tests and command-line tools. */
  async drain(): Promise<void> {
    for (;;) {
      const claimed = await this.claimDue(this.concurrency);
      if (claimed.length === 0 && this.inFlight.size === 0) return;
      for (const job of claimed) this.launch(job);
      await Promise.allSettled([...this.inFlight]);
    }
  }

  private async tick(): Promise<void> {
    this.ticking = true;
    if (this.timer) clearTimeout(this.timer);
    try {
      do {
        this.tickAgain = false;
        const free = this.concurrency - this.inFlight.size;
        if (free <= 0) break;
        const claimed = await this.claimDue(free);
        this.storage.recovered("sending queued work again");
        for (const job of claimed) this.launch(job);
        if (claimed.length === free) this.tickAgain = true;
      } while (this.tickAgain && this.running);
    } catch (err) {
      if (!this.storage.note(err, "claiming jobs")) this.opts.logger.error({ err }, "job worker: claiming failed");
    } finally {
      this.ticking = false;
      if (this.running) this.timer = setTimeout(() => this.wake(), this.pollMs);
    }
  }

  private launch(job: JobRecord): void {
    // A job whose bookkeeping cannot be written (the disk full) stays leased and is taken again
    // when its lease expires; it must not take the process down with it.
    const run = this.execute(job).catch((err: unknown) => {
      if (!this.storage.note(err, "recording a job")) this.opts.logger.error({ err, job: job.id }, "job worker: recording a job failed");
    });
    const p = run.finally(() => {
      this.inFlight.delete(p);
      // Jobs marked done together finish together: one claim after all of them refills their slots.
      this.refillSoon ??= setImmediate(() => {
        this.refillSoon = undefined;
        this.wake();
      });
    });
    this.inFlight.add(p);
  }

  /**
   * Claims up to `limit` due jobs in one statement: pending jobs whose time has come and running
   * jobs whose lease expired, by priority then age. On SQLite a single UPDATE is atomic (one writer
   * at a time, and a write always works on the newest snapshot), so two workers can never take the
   * same row: once one has moved it to "running" with a lease in the future, it no longer matches
   * for the other. On PostgreSQL, FOR UPDATE SKIP LOCKED does the same for many processes at once:
   * a row another worker is claiming is skipped, not waited for and not taken twice.
   */
  private async claimDue(limit: number): Promise<JobRecord[]> {
    if (limit <= 0) return [];
    const { db, clock } = this.opts;
    const dialect = dialectOf(db);
    const now = dialect.timestamp(clock.now());
    const until = dialect.timestamp(new Date(clock.now().getTime() + this.leaseMs));
    const returning = Prisma.sql`RETURNING "id", "kind", "payload", "attempts", "maxAttempts", "priority", "runAt"`;
    const set = Prisma.sql`SET "status" = 'running', "lockedBy" = ${this.instanceId}, "lockedUntil" = ${until}, "attempts" = "attempts" + 1`;
    // The pending part reads the (status, priority, runAt) index in order and stops after `limit`
    // rows, so a long queue is not sorted on every claim; running jobs are few.
    const rows =
      dialect.provider === "postgresql"
        ? await db.$queryRaw<ClaimedRow[]>`
      UPDATE "Job" ${set}
      WHERE "id" IN (
        SELECT "id" FROM "Job"
        WHERE ("status" = 'pending' AND "runAt" <= ${now}) OR ("status" = 'running' AND "lockedUntil" < ${now})
        ORDER BY "priority", "runAt", "id" LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      ${returning}`
        : await db.$queryRaw<ClaimedRow[]>`
      UPDATE "Job" ${set}
      WHERE "id" IN (
        SELECT "id" FROM (
          SELECT * FROM (
            SELECT "id", "priority", "runAt" FROM "Job"
            WHERE "status" = 'pending' AND "runAt" <= ${now}
            ORDER BY "priority", "runAt", "id" LIMIT ${limit}
          )
          UNION ALL
          SELECT "id", "priority", "runAt" FROM "Job" WHERE "status" = 'running' AND "lockedUntil" < ${now}
        )
        ORDER BY "priority", "runAt", "id" LIMIT ${limit}
      )
      ${returning}`;
    return rows
      .map((r) => ({
        ...r,
        id: Number(r.id),
        attempts: Number(r.attempts),
        maxAttempts: Number(r.maxAttempts),
        priority: Number(r.priority),
        runAt: epochMs(r.runAt),
      }))
      .sort((a, b) => a.priority - b.priority || a.runAt - b.runAt || a.id - b.id)
      .map(({ id, kind, payload, attempts, maxAttempts, priority }) => ({ id, kind, payload, attempts, maxAttempts, priority }));
  }

  /**
   * Marks a job done. Completions that arrive while a write is under way are written together by
   * the next one (group commit), so a busy worker writes once per batch, not once per job. The
   * promise settles when this job's row is written.
   */
  private markDone(id: number, result: Prisma.InputJsonValue | void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.doneQueue.push({ id, result: result === undefined || result === null ? null : JSON.stringify(result), resolve, reject });
      if (this.flushing) return; // the write under way takes this one next
      if (this.doneQueue.length >= DONE_BATCH) this.flushNow();
      else this.doneTimer ??= setTimeout(() => this.flushNow(), DONE_WAIT_MS);
    });
  }

  private flushNow(): void {
    if (this.doneTimer) clearTimeout(this.doneTimer);
    this.doneTimer = undefined;
    if (!this.flushing) this.flushing = this.flushDone();
  }

  private async flushDone(): Promise<void> {
    try {
      while (this.doneQueue.length > 0) {
        const batch = this.doneQueue.splice(0, DONE_BATCH);
        try {
          await this.writeDone(batch);
          for (const d of batch) d.resolve();
        } catch (err) {
          for (const d of batch) d.reject(err);
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }

  private async writeDone(batch: DoneEntry[]): Promise<void> {
    const { db, clock } = this.opts;
    // {"<id>": "<result as JSON text>" | null}; a job without a result keeps the column as it was.
    const results = JSON.stringify(Object.fromEntries(batch.map((d) => [String(d.id), d.result])));
    const finishedAt = dialectOf(db).timestamp(clock.now());
    const entries =
      dialectOf(db).provider === "postgresql"
        ? Prisma.sql`SELECT ("key")::integer AS "id", ("value")::jsonb AS "result" FROM json_each_text(${results}::json)`
        : Prisma.sql`SELECT CAST("key" AS INTEGER) AS "id", "value" AS "result" FROM json_each(${results})`;
    await db.$executeRaw`
      UPDATE "Job"
      SET "status" = 'done', "finishedAt" = ${finishedAt}, "lockedUntil" = NULL, "lastError" = NULL,
          "result" = COALESCE(d."result", "Job"."result")
      FROM (${entries}) AS d
      WHERE "Job"."id" = d."id"`;
  }

  private async execute(job: JobRecord): Promise<void> {
    const { logger } = this.opts;
    const bound = this.byName.get(job.kind);
    const log = logger.child({ job: job.id, kind: job.kind, attempt: job.attempts });
    if (!bound) {
      // A kind this version does not know (a newer version's, or a row written by hand) is refused;
      // a known kind this process runs no handler for gives up as it always did.
      if (!JOB_KIND_NAMES.has(job.kind)) await this.refuse(job, `unknown job kind "${job.kind}"`);
      else await this.giveUp(job, `no handler for job kind "${job.kind}"`);
      return;
    }
    // Checked again at claim time: a payload that does not fit (an older version's row, edited by
    // hand) can never succeed, so it is refused without running the handler or retrying.
    const parsed = bound.kind.schema.safeParse(job.payload);
    if (!parsed.success) {
      await this.refuse(job, `invalid payload for job kind "${job.kind}": ${payloadProblem(parsed.error)}`);
      return;
    }
    const payload = parsed.data;
    const { handler } = bound;
    try {
      // The send throttle lets a review card pass a report waiting for the same group.
      const result = await withSendPriority(job.priority, () => handler.run(payload, job));
      await this.markDone(job.id, result);
      log.debug("job done");
    } catch (err) {
      const failure = classifyFailure(err);
      log.warn({ reason: failure.reason, failure: failure.kind }, "job attempt failed");
      await this.afterFailure(job, handler, payload, failure);
    }
  }

  /** Marks failed a job that cannot be run at all (unknown kind, payload that does not fit its schema). */
  private async refuse(job: JobRecord, reason: string): Promise<void> {
    const { db, clock, logger } = this.opts;
    await db.job.update({
      where: { id: job.id },
      data: { status: "failed", lastError: reason.slice(0, 1000), finishedAt: clock.now(), lockedUntil: null },
    });
    logger.warn({ job: job.id, kind: job.kind, reason }, "job refused: it cannot be run");
  }

  private async afterFailure(job: JobRecord, handler: JobHandler<unknown>, payload: unknown, failure: Failure): Promise<void> {
    const { db, clock } = this.opts;
    if (failure.kind === "config") {
      await this.waitForSettings(job, failure.reason);
      return;
    }
    if (failure.kind === "permanent" || (failure.kind === "transient" && job.attempts >= job.maxAttempts)) {
      await this.giveUp(job, failure.reason, { handler, payload });
      return;
    }
    const now = clock.now().getTime();
    const delay = failure.kind === "retry-after" ? failure.seconds * 1000 : backoffMs(job.attempts);
    await db.job.update({
      where: { id: job.id },
      data: {
        status: "pending",
        runAt: new Date(now + delay),
        lockedUntil: null,
        lastError: failure.reason,
        // Flood waits are Telegram pacing us, not the job failing: they do not use up attempts.
        ...(failure.kind === "retry-after" ? { attempts: { decrement: 1 } } : {}),
      },
    });
  }

  /**
   * A job that failed because of the bot's settings waits, untouched, until the settings work
   * again (resumeWaiting): nothing is lost to a wrong ADMIN_CHAT_ID or a bot that is not yet
   * administrator of the channel. The attempt does not count.
   */
  private async waitForSettings(job: JobRecord, reason: string): Promise<void> {
    const { db, logger } = this.opts;
    await db.job.update({
      where: { id: job.id },
      data: { status: "waiting", lockedUntil: null, lockedBy: null, lastError: reason, attempts: { decrement: 1 } },
    });
    logger.warn({ job: job.id, kind: job.kind, reason }, "job waits for the bot's settings to be fixed");
    this.opts.onWaiting?.(job, reason);
  }

  /** Jobs that waited for the settings are due again (the start-up checks or /periksa passed). */
  async resumeWaiting(): Promise<number> {
    const { count } = await this.opts.db.job.updateMany({ where: { status: "waiting" }, data: { status: "pending", runAt: new Date(0) } });
    if (count > 0) {
      this.opts.logger.info({ jobs: count }, "jobs that waited for the settings are resumed");
      this.wake();
    }
    return count;
  }

  private async giveUp(job: JobRecord, reason: string, hook?: { handler: JobHandler<unknown>; payload: unknown }): Promise<void> {
    const { db, clock, logger } = this.opts;
    await db.job.update({
      where: { id: job.id },
      data: { status: "failed", lastError: reason, finishedAt: clock.now(), lockedUntil: null },
    });
    // A member who blocked the bot or never started it is a fact of life, not a fault to look into.
    if (isBlockedByUser(reason)) logger.warn({ job: job.id, kind: job.kind, reason }, "job failed permanently: the recipient cannot be written to");
    else logger.error({ job: job.id, kind: job.kind, reason }, "job failed permanently");
    try {
      await hook?.handler.onGiveUp?.(hook.payload, reason, job);
    } catch (err) {
      logger.error({ err, job: job.id }, "job give-up hook failed");
    }
  }
}

/** Workers of this process (tests and tools may run several): alive although they share our pid. */
const LIVE_HERE = new Set<string>();

/** Whether a process with this pid runs on this machine (EPERM: it runs, as another user). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
