// The reminders' bookkeeping rows. Raw INSERT … ON CONFLICT DO NOTHING: the unique keys decide,
// in one statement, whether this call is the first (Prisma's create would throw, and a failed
// statement aborts a PostgreSQL transaction).
import type { Dialect } from "./dialect.js";
import type { DbOrTx } from "./types.js";

/** Creates the week's ReminderRun; false when one already exists. */
export async function claimReminderRun(db: DbOrTx, d: Dialect, weekKey: string, now: Date): Promise<boolean> {
  const inserted = await db.$executeRaw`
    INSERT INTO "ReminderRun" ("weekKey", "startedAt") VALUES (${weekKey}, ${d.timestamp(now)}) ON CONFLICT ("weekKey") DO NOTHING`;
  return inserted === 1;
}

/** Records the KIM's reminder of the week; false when it was already recorded. */
export async function recordReminderSent(tx: DbOrTx, d: Dialect, kimId: number, weekKey: string, now: Date): Promise<boolean> {
  const n = await tx.$executeRaw`
    INSERT INTO "ReminderSent" ("kimId", "weekKey", "createdAt") VALUES (${kimId}, ${weekKey}, ${d.timestamp(now)})
    ON CONFLICT ("kimId", "weekKey") DO NOTHING`;
  return n === 1;
}
