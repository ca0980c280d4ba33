// SQL shared by the activity queries (indicators, inactive KIMs, reminder planning).
//
// The definition of "activity" lives here and nowhere else: a KIM is active at an instant range
// when it has a *confirmed* submission (confirmedAt is set) in that range, whatever its status.
// Drafts (confirmedAt null) never count. Rejected, hoax and withdrawn submissions still show that
// the KIM was active; their quality is measured separately (rejection rate, flagged).
//
// The queries compare DateTime columns with Date parameters (both databases), and do arithmetic
// on them as epoch milliseconds through the dialect (src/db/dialect.ts): SQLite stores them so,
// PostgreSQL converts its timestamp(3).
import { Prisma } from "../../generated/prisma/client.js";
import type { Dialect } from "../dialect.js";

/**
 * Statuses that mean an admin made a final call on the submission. "removed": published, then
 * taken off the channel because it matched a known hoax (issue 11); no longer published, and
 * counted as a rejection.
 */
export const DECIDED_STATUSES = ["approved", "published", "publish_failed", "rejected", "hoax", "removed"] as const;
/** Decided statuses counted as a rejection. */
export const REJECTED_STATUSES = ["rejected", "hoax", "removed"] as const;
/** Screening levels counted as "flagged". */
export const FLAGGED_RISK_LEVELS = ["medium", "high"] as const;

/**
 * The zone's UTC offset as constant pieces over a range, sorted, the first starting at the
 * range's start (src/domain/activity/zoned.ts offsetSegments computes them): the data layer turns
 * stored instants into local time with them and knows no zone rules itself.
 */
export type ZoneOffsets = ReadonlyArray<{ start: number; offset: number }>;

export function inList(values: readonly string[]): Prisma.Sql {
  return Prisma.join(values.map((v) => Prisma.sql`${v}`));
}

/**
 * An integer written into the SQL text. PostgreSQL types an untyped parameter from its context,
 * and in `CASE … THEN $1` there is none (it becomes text); a literal is an integer on both.
 */
export function intLiteral(n: number): Prisma.Sql {
  if (!Number.isSafeInteger(n)) throw new Error(`not a safe integer: ${n}`);
  return Prisma.raw(String(n));
}

/**
 * SQL for the local wall-clock time (epoch ms as if the zone were UTC) of a DateTime column,
 * exact over the range of `offsets`: a constant offset, or a CASE over the DST pieces.
 */
export function localMsExpr(d: Dialect, column: Prisma.Sql, offsets: ZoneOffsets): Prisma.Sql {
  const ms = d.epochMs(column);
  const first = offsets[0]!;
  if (offsets.length === 1) return Prisma.sql`(${ms} + ${intLiteral(first.offset)})`;
  const whens = offsets
    .slice(1)
    .map((seg, i) => Prisma.sql`WHEN ${ms} < ${intLiteral(seg.start)} THEN ${intLiteral(offsets[i]!.offset)}`);
  const last = offsets[offsets.length - 1]!;
  return Prisma.sql`(${ms} + CASE ${Prisma.join(whens, " ")} ELSE ${intLiteral(last.offset)} END)`;
}

/** 1970-01-05 (a Monday) in ms: local week 0 starts there. */
const EPOCH_MONDAY_MS = 345_600_000;
const WEEK_MS = 604_800_000;

/**
 * SQL for the local week index (see src/domain/activity/periods.ts weekIndexOf) of a DateTime
 * column. Integer division of 64-bit integers truncates toward zero on both databases (the same
 * week numbers, also before 1970-01-05).
 */
export function weekIndexExpr(d: Dialect, column: Prisma.Sql, offsets: ZoneOffsets): Prisma.Sql {
  const local = localMsExpr(d, column, offsets);
  return d.int64(Prisma.sql`(${local} - ${intLiteral(EPOCH_MONDAY_MS)}) / ${intLiteral(WEEK_MS)}`);
}

/** Numbers and texts joined by "," into one text (records of the packed queries). */
export function fields(d: Dialect, values: Prisma.Sql[]): Prisma.Sql {
  return Prisma.join(
    values.map((v) => d.text(v)),
    " || ',' || ",
  );
}
