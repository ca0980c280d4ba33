// Conflicts between concurrent work, as the database under test really reports them, are told
// apart from errors in the work itself: the update or job that met one runs again.
import { afterEach, describe, expect, it } from "vitest";
import pg from "pg";
import { isTransientConflict } from "../../src/db/conflicts.js";
import type { Db } from "../../src/db/client.js";
import { isPassingFailure } from "../../src/queue/failure.js";
import { migratedDatabase } from "../support/db.js";
import { TEST_PROVIDER } from "../support/temp-db.js";

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function database(): Promise<{ db: Db; url: string }> {
  const m = await migratedDatabase();
  close = m.close;
  return m;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The error a promise rejects with (fails the test when it resolves). */
async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => expect.fail("expected the database to refuse"),
    (err: unknown) => err,
  );
}

describe("a transient database conflict", () => {
  it("is a transaction that outlived its timeout waiting for other work (P2028)", async () => {
    const { db } = await database();
    const err = await rejection(
      db.$transaction(
        async (tx) => {
          await sleep(300);
          await tx.counter.create({ data: { name: "expired", value: 1 } });
        },
        { timeout: 50 },
      ),
    );
    expect((err as { code?: string }).code).toBe("P2028");
    expect(isTransientConflict(err)).toBe(true);
    expect(isPassingFailure(err)).toBe(true);
    // Rolled back whole: doing it again is safe.
    expect(await db.counter.count({ where: { name: "expired" } })).toBe(0);
  });

  it(
    TEST_PROVIDER === "postgresql"
      ? "is a deadlock PostgreSQL broke by aborting one side (P2034)"
      : "is a transaction that could not start while SQLite's one writer was busy (P2028)",
    async () => {
      const { db, url } = await database();
      await db.counter.createMany({ data: [{ name: "a", value: 0 }, { name: "b", value: 0 }] });
      let err: unknown;
      if (TEST_PROVIDER === "postgresql") {
        // Another process holds row b; this one takes a and waits for b; then the other wants a.
        // PostgreSQL's deadlock check runs first for the one that waited first (deadlock_timeout
        // after it began waiting): this one is aborted, the other goes on.
        const other = new pg.Client({ connectionString: url });
        await other.connect();
        try {
          await other.query("BEGIN");
          await other.query(`UPDATE "Counter" SET "value" = 1 WHERE "name" = 'b'`);
          const mine = db
            .$transaction(async (tx) => {
              await tx.counter.update({ where: { name: "a" }, data: { value: 2 } });
              await tx.counter.update({ where: { name: "b" }, data: { value: 2 } });
            })
            .then(
              () => undefined,
              (e: unknown) => e,
            );
          const waiting = async () =>
            Number((await db.$queryRawUnsafe<Array<{ n: bigint }>>(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0]!.n) > 0;
          while (!(await waiting())) await sleep(20);
          await other.query(`UPDATE "Counter" SET "value" = 1 WHERE "name" = 'a'`);
          await other.query("COMMIT");
          err = await mine;
        } finally {
          await other.end();
        }
      } else {
        // One transaction at a time on a SQLite connection: the next waits up to maxWait.
        let release!: () => void;
        const held = db.$transaction(async (tx) => {
          await tx.counter.update({ where: { name: "a" }, data: { value: 1 } });
          await new Promise<void>((r) => (release = r));
        }, { timeout: 10_000 });
        await sleep(50);
        err = await rejection(db.$transaction(async (tx) => tx.counter.update({ where: { name: "b" }, data: { value: 2 } }), { maxWait: 100 }));
        release();
        await held;
      }
      expect((err as { code?: string }).code).toBe(TEST_PROVIDER === "postgresql" ? "P2034" : "P2028");
      expect(isTransientConflict(err)).toBe(true);
      expect(isPassingFailure(err)).toBe(true);
    },
  );

  it("is not an error in the work itself: a broken unique key, a missing row", async () => {
    const { db } = await database();
    await db.counter.create({ data: { name: "once", value: 1 } });
    const duplicate = await rejection(db.counter.create({ data: { name: "once", value: 2 } }));
    const missing = await rejection(db.counter.update({ where: { name: "nobody" }, data: { value: 1 } }));
    expect(isTransientConflict(duplicate)).toBe(false);
    expect(isTransientConflict(missing)).toBe(false);
    expect(isTransientConflict(new Error("deadline 40P01 passed"))).toBe(false);
  });
});
