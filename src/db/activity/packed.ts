// Prisma spends about a microsecond on every value a raw query returns, more than SQLite takes to
// read it: with 10,000 KIMs that was most of a report's time. So the queries behind long reports
// return one value, their rows packed as text ("\n" between records), or a JSON array; the domain
// decodes them (src/domain/activity/indicators.ts). DateTime values in them are epoch
// milliseconds (dialect epochMs) on both databases.
import type { Prisma } from "../../generated/prisma/client.js";
import type { DbOrTx } from "../types.js";
import { textOrEmpty } from "./values.js";

/** The one value (column "packed") of a packed query, "" when it has none. */
export async function readPacked(db: DbOrTx, sql: Prisma.Sql): Promise<string> {
  const [row] = await db.$queryRaw<Array<{ packed: unknown }>>(sql);
  return textOrEmpty(row?.packed);
}
