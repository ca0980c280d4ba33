// The inbox's writes on the hot path, each one statement: every update passes through them.
import { Prisma } from "../generated/prisma/client.js";
import type { Db } from "./client.js";
import { dialectOf } from "./dialect.js";

export interface InboxRow {
  updateId: bigint;
  orderKey: string;
  payload: string;
}

/**
 * Stores the updates not stored yet and returns their ids: a batch Telegram sends again after a
 * crash is already there and is handled once. One INSERT … ON CONFLICT DO NOTHING … RETURNING
 * instead of a transaction with a look-up first.
 */
export async function insertNewUpdates(db: Db, rows: readonly InboxRow[], now: Date): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const receivedAt = dialectOf(db).timestamp(now);
  const values = Prisma.join(rows.map((r) => Prisma.sql`(${r.updateId}, ${r.payload}, ${r.orderKey}, 'pending', 0, ${receivedAt})`));
  const inserted = await db.$queryRaw<Array<{ updateId: bigint | number }>>`
    INSERT INTO "InboxUpdate" ("updateId", "payload", "orderKey", "status", "attempts", "receivedAt")
    VALUES ${values}
    ON CONFLICT ("updateId") DO NOTHING
    RETURNING "updateId"`;
  return new Set(inserted.map((r) => String(r.updateId)));
}
