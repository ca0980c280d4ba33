// Sends durable jobs. A job is claimed with a lease (compare-and-set on its row), so one job never
// runs twice at the same time; a job whose worker died is taken again when its lease expires.
import { randomUUID } from "node:crypto";
import type { Clock } from "../clock.js";
import type { Db } from "../db/client.js";
import type { Prisma } from "../db/types.js";
import type { Logger } from "../logger.js";
import { backoffMs, classifyFailure, type Failure } from "./failure.js";

export interface JobRecord {
  id: number;
  kind: string;
  payload: Prisma.JsonValue;
  attempts: number;
  maxAttempts: number;
}

export interface JobHandler {
  /** Does the work; the returned value is stored as the job's result. */
  run(payload: Prisma.JsonValue, job: JobRecord): Promise<Prisma.InputJsonValue | void>;
  /** Called once when the job gives up (permanent error or too many attempts). */
  onGiveUp?(payload: Prisma.JsonValue, reason: string, job: JobRecord): Promise<void>;
}

export interface WorkerOptions {
  db: Db;
  handlers: Record<string, JobHandler>;
  logger: Logger;
  clock: Clock;
  concurrency?: number;
  /** How often to look for due jobs when nothing woke the worker. */
  pollMs?: number;
  /** How long a claimed job stays ours; longer than any single send with its retries. */
  leaseMs?: number;
}

export class JobWorker {
  private readonly id = randomUUID().slice(0, 8);
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private ticking = false;
  private tickAgain = false;

  constructor(private readonly opts: WorkerOptions) {
    this.concurrency = opts.concurrency ?? 8;
    this.pollMs = opts.pollMs ?? 500;
    this.leaseMs = opts.leaseMs ?? 120_000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.wake();
  }

  /** Stops claiming new jobs and waits for the ones in flight. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.inFlight]);
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
        for (const job of claimed) this.launch(job);
        if (claimed.length === free) this.tickAgain = true;
      } while (this.tickAgain && this.running);
    } catch (err) {
      this.opts.logger.error({ err }, "job worker: claiming failed");
    } finally {
      this.ticking = false;
      if (this.running) this.timer = setTimeout(() => this.wake(), this.pollMs);
    }
  }

  private launch(job: JobRecord): void {
    const p = this.execute(job).finally(() => {
      this.inFlight.delete(p);
      this.wake();
    });
    this.inFlight.add(p);
  }

  private async claimDue(limit: number): Promise<JobRecord[]> {
    const { db, clock } = this.opts;
    const now = clock.now();
    const candidates = await db.job.findMany({
      where: {
        OR: [
          { status: "pending", runAt: { lte: now } },
          { status: "running", lockedUntil: { lt: now } },
        ],
      },
      orderBy: [{ runAt: "asc" }, { id: "asc" }],
      take: limit,
      select: { id: true, status: true, lockedUntil: true },
    });
    const claimed: JobRecord[] = [];
    for (const c of candidates) {
      // Compare-and-set: only one worker can move this exact row state to "running".
      const { count } = await db.job.updateMany({
        where: { id: c.id, status: c.status, lockedUntil: c.lockedUntil },
        data: {
          status: "running",
          lockedBy: this.id,
          lockedUntil: new Date(now.getTime() + this.leaseMs),
          attempts: { increment: 1 },
        },
      });
      if (count !== 1) continue;
      const row = await db.job.findUniqueOrThrow({ where: { id: c.id } });
      claimed.push(row);
    }
    return claimed;
  }

  private async execute(job: JobRecord): Promise<void> {
    const { db, clock, logger } = this.opts;
    const handler = this.opts.handlers[job.kind];
    const log = logger.child({ job: job.id, kind: job.kind, attempt: job.attempts });
    if (!handler) {
      await this.giveUp(job, undefined, `no handler for job kind "${job.kind}"`);
      return;
    }
    try {
      const result = await handler.run(job.payload, job);
      await db.job.update({
        where: { id: job.id },
        data: {
          status: "done",
          result: result ?? undefined,
          finishedAt: clock.now(),
          lockedUntil: null,
          lastError: null,
        },
      });
      log.debug("job done");
    } catch (err) {
      const failure = classifyFailure(err);
      log.warn({ reason: failure.reason, failure: failure.kind }, "job attempt failed");
      await this.afterFailure(job, handler, failure);
    }
  }

  private async afterFailure(job: JobRecord, handler: JobHandler, failure: Failure): Promise<void> {
    const { db, clock } = this.opts;
    if (failure.kind === "permanent" || (failure.kind === "transient" && job.attempts >= job.maxAttempts)) {
      await this.giveUp(job, handler, failure.reason);
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

  private async giveUp(job: JobRecord, handler: JobHandler | undefined, reason: string): Promise<void> {
    const { db, clock, logger } = this.opts;
    await db.job.update({
      where: { id: job.id },
      data: { status: "failed", lastError: reason, finishedAt: clock.now(), lockedUntil: null },
    });
    logger.error({ job: job.id, kind: job.kind, reason }, "job failed permanently");
    try {
      await handler?.onGiveUp?.(job.payload, reason, job);
    } catch (err) {
      logger.error({ err, job: job.id }, "job give-up hook failed");
    }
  }
}
