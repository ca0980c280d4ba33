import { GrammyError, HttpError } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import type { Db } from "../../src/db/client.js";
import { createLogger } from "../../src/logger.js";
import { z } from "zod";
import { defineJob, enqueue, type PayloadOf } from "../../src/queue/jobs.js";
import { handle, JobWorker, type JobHandler } from "../../src/queue/worker.js";
import { migratedDatabase } from "../support/db.js";

const logger = createLogger({ level: "silent" });
/** The kind these tests run: any payload with an optional number. */
const T = defineJob({ name: "t", schema: z.object({ i: z.int().optional() }), priority: 5 });
type TPayload = PayloadOf<typeof T>;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function freshDb(): Promise<Db> {
  const d = await migratedDatabase();
  cleanups.push(d.close);
  return d.db;
}

function apiError(code: number, description: string, retryAfter?: number): GrammyError {
  return new GrammyError(
    `Call to 'sendMessage' failed! (${code}: ${description})`,
    { ok: false, error_code: code, description, parameters: retryAfter ? { retry_after: retryAfter } : {} },
    "sendMessage",
    {},
  );
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A handler that fails with the given errors in turn, then succeeds; it records every run. */
function scripted(failures: unknown[]) {
  const runs: number[] = [];
  let concurrent = 0;
  let maxConcurrent = 0;
  const handler: JobHandler<TPayload> = {
    async run(_payload, job) {
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      runs.push(job.id);
      await new Promise((r) => setTimeout(r, 5));
      concurrent--;
      const next = failures.shift();
      if (next) throw next;
      return { ok: true };
    },
  };
  return { handler, runs, maxConcurrent: () => maxConcurrent };
}

describe("JobWorker", () => {
  it("waits retry_after on 429 without using up attempts, and delivers once", async () => {
    const db = await freshDb();
    const clock = new ManualClock("2026-11-30T01:00:00Z");
    const s = scripted([apiError(429, "Too Many Requests: retry after 30", 30)]);
    const worker = new JobWorker({ db, clock, logger, handlers: [handle(T, s.handler)] });
    const { id } = await enqueue(db, T, {});

    await worker.drain();
    let job = await db.job.findUniqueOrThrow({ where: { id } });
    expect(job.status).toBe("pending");
    expect(job.attempts).toBe(0);
    expect(job.runAt.getTime()).toBe(clock.now().getTime() + 30_000);
    expect(job.lastError).toContain("429");

    clock.advance(29_000);
    await worker.drain();
    expect(s.runs).toHaveLength(1);

    clock.advance(1_000);
    await worker.drain();
    job = await db.job.findUniqueOrThrow({ where: { id } });
    expect(job.status).toBe("done");
    expect(job.result).toEqual({ ok: true });
    expect(s.runs).toHaveLength(2);
  });

  it("survives a restart: a job left running by a dead worker is taken again after its lease", async () => {
    const db = await freshDb();
    const clock = new ManualClock("2026-11-30T01:00:00Z");
    const { id } = await enqueue(db, T, {});
    // The first process claimed the job and died before finishing it.
    await db.job.update({
      where: { id },
      data: { status: "running", attempts: 1, lockedBy: "dead", lockedUntil: new Date(clock.now().getTime() + 120_000) },
    });
    const s = scripted([]);
    const worker = new JobWorker({ db, clock, logger, handlers: [handle(T, s.handler)], leaseMs: 120_000 });
    await worker.drain();
    expect(s.runs).toHaveLength(0);

    clock.advance(120_001);
    await worker.drain();
    await worker.drain();
    expect(s.runs).toEqual([id]);
    expect((await db.job.findUniqueOrThrow({ where: { id } })).status).toBe("done");
  });

  it("takes back at start, at once, the jobs of an earlier process on this host that is gone", async () => {
    const db = await freshDb();
    const clock = new ManualClock("2026-11-30T01:00:00Z");
    const { id } = await enqueue(db, T, {});
    // A process that was killed with SIGKILL: its instance row and its lease are still there.
    const deadPid = 2 ** 22 + 12345; // above Linux's pid_max: no such process
    await db.instance.create({ data: { id: "killed", host: "bot-host", pid: deadPid, startedAt: clock.now(), heartbeatAt: clock.now() } });
    await db.job.update({
      where: { id },
      data: { status: "running", attempts: 1, lockedBy: "killed", lockedUntil: new Date(clock.now().getTime() + 15_000) },
    });
    const s = scripted([]);
    const worker = new JobWorker({ db, clock, logger, handlers: [handle(T, s.handler)], host: "bot-host" });
    cleanups.push(() => worker.stop());
    await worker.start();
    await worker.drain();
    expect(s.runs).toEqual([id]);
    expect((await db.job.findUniqueOrThrow({ where: { id } })).status).toBe("done");
    expect(await db.instance.count({ where: { id: "killed" } })).toBe(0);
  });

  it("leaves alone the jobs of a live process on another host until their lease expires", async () => {
    const db = await freshDb();
    const clock = new ManualClock("2026-11-30T01:00:00Z");
    const { id } = await enqueue(db, T, {});
    await db.instance.create({ data: { id: "elsewhere", host: "other-host", pid: process.pid, startedAt: clock.now(), heartbeatAt: clock.now() } });
    await db.job.update({
      where: { id },
      data: { status: "running", attempts: 1, lockedBy: "elsewhere", lockedUntil: new Date(clock.now().getTime() + 15_000) },
    });
    const s = scripted([]);
    const worker = new JobWorker({ db, clock, logger, handlers: [handle(T, s.handler)], host: "bot-host" });
    cleanups.push(() => worker.stop());
    await worker.start();
    await worker.drain();
    expect(s.runs).toHaveLength(0);
    clock.advance(15_001);
    await worker.drain();
    expect(s.runs).toEqual([id]);
  });

  it("keeps a long job leased by its heartbeat: another worker never takes it while it runs", async () => {
    const db = await freshDb();
    const runs: number[] = [];
    let release!: () => void;
    const slow: JobHandler<TPayload> = {
      async run(_p, job) {
        runs.push(job.id);
        await new Promise<void>((r) => (release = r));
      },
    };
    const { systemClock } = await import("../../src/clock.js");
    const a = new JobWorker({ db, clock: systemClock, logger, handlers: [handle(T, slow)], leaseMs: 300, heartbeatMs: 50, pollMs: 20 });
    const b = new JobWorker({ db, clock: systemClock, logger, handlers: [handle(T, slow)], leaseMs: 300, heartbeatMs: 50, pollMs: 20 });
    cleanups.push(() => b.stop(), () => a.stop());
    const { id } = await enqueue(db, T, {});
    await a.start();
    await waitFor(() => runs.length === 1);
    await b.start();
    // Several leases long: without the heartbeat b would have taken the job after 300 ms.
    await new Promise((r) => setTimeout(r, 1200));
    expect(runs).toEqual([id]);
    release();
    await waitFor(async () => (await db.job.findUniqueOrThrow({ where: { id } })).status === "done");
    expect(runs).toEqual([id]);
  });

  it("claims higher-priority jobs first", async () => {
    const db = await freshDb();
    const clock = new ManualClock("2026-11-30T01:00:00Z");
    const s = scripted([]);
    const worker = new JobWorker({ db, clock, logger, handlers: [handle(T, s.handler)], concurrency: 1 });
    const report = await enqueue(db, T, {}, { priority: 8 });
    const card = await enqueue(db, T, {}, { priority: 1 });
    await worker.drain();
    expect(s.runs).toEqual([card.id, report.id]);
  });

  it("backs off on 5xx and network failures, then gives up after maxAttempts with the reason", async () => {
    const db = await freshDb();
    const clock = new ManualClock("2026-11-30T01:00:00Z");
    const gaveUp: string[] = [];
    const s = scripted([
      apiError(500, "Internal Server Error"),
      new HttpError("Network request for 'sendMessage' failed!", new Error("ECONNRESET")),
      apiError(502, "Bad Gateway"),
    ]);
    const handler: JobHandler<TPayload> = { ...s.handler, onGiveUp: async (_p, reason) => void gaveUp.push(reason) };
    const worker = new JobWorker({ db, clock, logger, handlers: [handle(T, handler)] });
    const { id } = await enqueue(db, T, {}, { maxAttempts: 3 });

    for (let i = 0; i < 3; i++) {
      await worker.drain();
      clock.advance(60 * 60 * 1000);
    }
    const job = await db.job.findUniqueOrThrow({ where: { id } });
    expect(job.status).toBe("failed");
    expect(job.attempts).toBe(3);
    expect(job.lastError).toBe("502: Bad Gateway");
    expect(gaveUp).toEqual(["502: Bad Gateway"]);
  });

  it("gives up at once on a permanent error such as a blocked user", async () => {
    const db = await freshDb();
    const clock = new ManualClock("2026-11-30T01:00:00Z");
    const s = scripted([apiError(403, "Forbidden: bot was blocked by the user")]);
    const lines: Array<{ level: number; msg: string }> = [];
    const recording = createLogger({ level: "info", destination: { write: (line: string) => void lines.push(JSON.parse(line) as { level: number; msg: string }) } });
    const worker = new JobWorker({ db, clock, logger: recording, handlers: [handle(T, s.handler)] });
    const { id } = await enqueue(db, T, {});
    await worker.drain();
    const job = await db.job.findUniqueOrThrow({ where: { id } });
    expect(job.status).toBe("failed");
    expect(job.lastError).toBe("403: Forbidden: bot was blocked by the user");
    expect(s.runs).toHaveLength(1);
    // Expected in the field: a warning, not an error an operator should chase.
    const givenUp = lines.filter((l) => l.msg.startsWith("job failed permanently"));
    expect(givenUp).toHaveLength(1);
    expect(givenUp[0]!.level).toBe(40);
  });

  it("logs a permanent failure that is not a blocked recipient as an error", async () => {
    const db = await freshDb();
    const clock = new ManualClock("2026-11-30T01:00:00Z");
    const s = scripted([apiError(400, "Bad Request: message text is empty")]);
    const lines: Array<{ level: number; msg: string }> = [];
    const recording = createLogger({ level: "info", destination: { write: (line: string) => void lines.push(JSON.parse(line) as { level: number; msg: string }) } });
    const worker = new JobWorker({ db, clock, logger: recording, handlers: [handle(T, s.handler)] });
    await enqueue(db, T, {});
    await worker.drain();
    const errors = lines.filter((l) => l.level >= 50);
    expect(errors.map((l) => l.msg)).toEqual(["job failed permanently"]);
  });

  it("never runs one job twice at the same time, even with two workers on one database", async () => {
    const db = await freshDb();
    const clock = new ManualClock("2026-11-30T01:00:00Z");
    const s = scripted([]);
    const a = new JobWorker({ db, clock, logger, handlers: [handle(T, s.handler)], concurrency: 4 });
    const b = new JobWorker({ db, clock, logger, handlers: [handle(T, s.handler)], concurrency: 4 });
    for (let i = 0; i < 20; i++) await enqueue(db, T, { i });
    await Promise.all([a.drain(), b.drain()]);
    expect(s.runs).toHaveLength(20);
    expect(new Set(s.runs).size).toBe(20);
    expect(await db.job.count({ where: { status: "done" } })).toBe(20);
  });

  it("queues a job with a dedupe key once", async () => {
    const db = await freshDb();
    const first = await enqueue(db, T, {}, { dedupeKey: "publish:7" });
    const second = await enqueue(db, T, {}, { dedupeKey: "publish:7" });
    expect(second).toEqual({ id: first.id, created: false });
    expect(await db.job.count()).toBe(1);
  });
});
