// Which KIMs were active in which local weeks, read from the submissions.
import { Prisma } from "../../generated/prisma/client.js";
import type { Dialect } from "../dialect.js";
import type { DbOrTx } from "../types.js";
import { weekIndexExpr, type ZoneOffsets } from "./expressions.js";
import { num, textOrEmpty } from "./values.js";

export interface ActiveWeeksRange {
  start: Date;
  /** Exclusive. */
  end: Date;
  /** The zone's offsets over [start, end). */
  offsets: ZoneOffsets;
  /** Only these KIMs (all when absent). */
  kimIds?: number[];
}

/** Distinct active weeks per KIM in [start, end), optionally for some KIMs only. */
export function activeWeeksQuery(d: Dialect, range: ActiveWeeksRange): Prisma.Sql {
  const wk = weekIndexExpr(d, Prisma.sql`s."confirmedAt"`, range.offsets);
  const only = range.kimIds ? Prisma.sql`AND k."id" IN (${Prisma.join(range.kimIds)})` : Prisma.empty;
  return Prisma.sql`
    SELECT k."id" AS "kimId", ${d.distinctList(wk)} AS "weeks"
    FROM "Kim" k CROSS JOIN "Submission" s
    WHERE s."kimId" = k."id" AND s."confirmedAt" >= ${range.start} AND s."confirmedAt" < ${range.end} ${only}
    GROUP BY k."id"`;
}

export interface ActiveWeeksRow {
  kimId: number;
  /** Local week indexes, joined by "," (in no particular order). */
  weeks: string;
}

/** The KIMs with a confirmed submission in the range, each with its active weeks. */
export async function activeWeeks(db: DbOrTx, d: Dialect, range: ActiveWeeksRange): Promise<ActiveWeeksRow[]> {
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>(activeWeeksQuery(d, range));
  return rows.map((r) => ({ kimId: num(r.kimId), weeks: textOrEmpty(r.weeks) }));
}

/** The ids of the KIMs with a confirmed submission in [start, end). */
export async function kimsActiveIn(db: DbOrTx, start: Date, end: Date): Promise<number[]> {
  const rows = await db.$queryRaw<Array<{ kimId: unknown }>>`
    SELECT DISTINCT s."kimId" AS "kimId" FROM "Submission" s
    WHERE s."confirmedAt" >= ${start} AND s."confirmedAt" < ${end}`;
  return rows.map((r) => num(r.kimId));
}
