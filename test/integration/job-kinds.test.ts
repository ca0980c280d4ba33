// The job registry: every kind declared once with its payload's schema. A payload that does not
// fit is refused when queued and again when claimed (rows of another version, or written by hand),
// rows queued under a kind's earlier name still run, and a wrong payload does not compile.
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { ManualClock } from "../../src/clock.js";
import type { Db } from "../../src/db/client.js";
import { createLogger } from "../../src/logger.js";
import { defineJob, enqueue, InvalidJobPayloadError } from "../../src/queue/jobs.js";
import { jobs } from "../../src/queue/kinds.js";
import { handle, JobWorker } from "../../src/queue/worker.js";
import { migratedDatabase } from "../support/db.js";

const logger = createLogger({ level: "silent" });
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function freshDb(): Promise<Db> {
  const { db, close } = await migratedDatabase();
  cleanups.push(close);
  return db;
}

const Count = defineJob({ name: "test.count", schema: z.object({ n: z.int() }), priority: 5 });

describe("job kinds", () => {
  it("refuses at claim time a stored payload that does not fit its kind, without running it, and runs the others", async () => {
    const db = await freshDb();
    const ran: number[] = [];
    const worker = new JobWorker({ db, clock: new ManualClock("2026-12-01T00:00:00Z"), logger, handlers: [handle(Count, { run: async (p) => void ran.push(p.n) })] });
    const bad = await db.job.create({ data: { kind: "test.count", payload: { n: "seven" }, runAt: new Date(0) } });
    const good = await enqueue(db, Count, { n: 7 });
    await worker.drain();
    const refused = await db.job.findUniqueOrThrow({ where: { id: bad.id } });
    expect(refused.status).toBe("failed");
    expect(refused.lastError).toContain('invalid payload for job kind "test.count"');
    expect(refused.lastError).toContain("n:");
    expect(refused.attempts).toBeLessThanOrEqual(1);
    expect((await db.job.findUniqueOrThrow({ where: { id: good.id } })).status).toBe("done");
    expect(ran).toEqual([7]);
  });

  it("refuses a kind no version of the bot declares, once, with the reason", async () => {
    const db = await freshDb();
    const worker = new JobWorker({ db, clock: new ManualClock("2026-12-01T00:00:00Z"), logger, handlers: [handle(Count, { run: async () => {} })] });
    const row = await db.job.create({ data: { kind: "no.such.kind", payload: {}, runAt: new Date(0) } });
    await worker.drain();
    const job = await db.job.findUniqueOrThrow({ where: { id: row.id } });
    expect(job.status).toBe("failed");
    expect(job.lastError).toBe('unknown job kind "no.such.kind"');
  });

  it("runs a row queued under a kind's earlier name with that kind's handler", async () => {
    const db = await freshDb();
    const seen: unknown[] = [];
    const worker = new JobWorker({
      db,
      clock: new ManualClock("2026-12-01T00:00:00Z"),
      logger,
      handlers: [handle(jobs.draftPrompt, { run: async (p) => void seen.push(p) })],
    });
    // As an earlier version wrote it (the album prompt before it was renamed).
    const row = await db.job.create({ data: { kind: "draft.album-prompt", payload: { submissionId: 3, chatId: "401", locale: "id" }, runAt: new Date(0) } });
    await worker.drain();
    expect((await db.job.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("done");
    expect(seen).toEqual([{ submissionId: 3, chatId: "401", locale: "id" }]);
  });

  it("refuses to queue a payload that does not fit, so the caller's transaction fails instead", async () => {
    const db = await freshDb();
    const wrong = { submissionId: -1 };
    await expect(enqueue(db, jobs.publish, wrong)).rejects.toBeInstanceOf(InvalidJobPayloadError);
    expect(await db.job.count()).toBe(0);
  });

  it("queues one notice per submission and outcome, however often the decision runs", async () => {
    const db = await freshDb();
    const notice = { memberId: 1, notice: { type: "decision" as const, submissionId: 9, decision: "rejected" as const, reason: "Kurang jelas" } };
    const first = await enqueue(db, jobs.memberNotice, notice);
    const again = await enqueue(db, jobs.memberNotice, notice);
    expect(again).toEqual({ id: first.id, created: false });
    const published = await enqueue(db, jobs.memberNotice, { memberId: 1, notice: { type: "published", submissionId: 9 } });
    expect(published.created).toBe(true);
    expect(await db.job.count()).toBe(2);
  });

  it("does not compile a payload of the wrong shape (checked by tsc in npm test)", () => {
    const typeChecksOnly = (db: Db) => [
      // @ts-expect-error submissionId is a number
      enqueue(db, jobs.publish, { submissionId: "12" }),
      // @ts-expect-error a review card needs its submission
      enqueue(db, jobs.reviewCard, {}),
      // @ts-expect-error the handler's payload is the kind's, not any object
      handle(jobs.publish, { run: async (p: { period: string }) => void p }),
    ];
    expect(typeof typeChecksOnly).toBe("function");
  });
});
