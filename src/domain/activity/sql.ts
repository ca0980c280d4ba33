// SQL shared by indicators, inactive KIMs and reminder planning.
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
import type { Dialect } from "../../db/dialect.js";
import type { DbOrTx } from "../../db/types.js";
import { offsetSegments } from "./zoned.js";

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

/** Raw query values arrive as number, bigint or (rarely) string. */
export function num(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.getTime();
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
}

/** A DateTime column read by a raw query: Date, epoch ms (number/bigint) or an ISO string. */
export function dateOrNull(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === "string" && !/^\d+$/.test(value)) return new Date(value);
  return new Date(num(value));
}

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
 * exact over [from, to): a constant offset, or a CASE over the DST pieces of the range.
 */
export function localMsExpr(d: Dialect, column: Prisma.Sql, from: Date, to: Date, timeZone: string): Prisma.Sql {
  const ms = d.epochMs(column);
  const segments = offsetSegments(from, to, timeZone);
  const first = segments[0]!;
  if (segments.length === 1) return Prisma.sql`(${ms} + ${intLiteral(first.offset)})`;
  const whens = segments
    .slice(1)
    .map((seg, i) => Prisma.sql`WHEN ${ms} < ${intLiteral(seg.start)} THEN ${intLiteral(segments[i]!.offset)}`);
  const last = segments[segments.length - 1]!;
  return Prisma.sql`(${ms} + CASE ${Prisma.join(whens, " ")} ELSE ${intLiteral(last.offset)} END)`;
}

/** 1970-01-05 (a Monday) in ms: local week 0 starts there. */
const EPOCH_MONDAY_MS = 345_600_000;
const WEEK_MS = 604_800_000;

/**
 * SQL for the local week index (see periods.ts weekIndexOf) of a DateTime column. Integer
 * division of 64-bit integers truncates toward zero on both databases (the same week numbers,
 * also before 1970-01-05).
 */
export function weekIndexExpr(d: Dialect, column: Prisma.Sql, from: Date, to: Date, timeZone: string): Prisma.Sql {
  const local = localMsExpr(d, column, from, to, timeZone);
  return d.int64(Prisma.sql`(${local} - ${intLiteral(EPOCH_MONDAY_MS)}) / ${intLiteral(WEEK_MS)}`);
}

export interface KimRosterRow {
  kimId: number;
  kimName: string;
  kecamatanId: number;
  kecamatanName: string;
  isSample: boolean;
  createdAt: Date;
  pausedUntil: Date | null;
  /** Last confirmed submission strictly before `before`, or null when there is none. */
  lastSubmissionAt: Date | null;
}

/** The SQL of kimRoster; exported for EXPLAIN QUERY PLAN in the benchmark. */
export function kimRosterQuery(before: Date, quietSince?: Date): Prisma.Sql {
  const quiet = quietSince
    ? Prisma.sql`WHERE NOT EXISTS (SELECT 1 FROM "Submission" q
        WHERE q."kimId" = k."id" AND q."confirmedAt" >= ${quietSince} AND q."confirmedAt" < ${before})`
    : Prisma.empty;
  return Prisma.sql`
    SELECT k."id" AS "kimId", k."name" AS "kimName", k."kecamatanId" AS "kecamatanId", kc."name" AS "kecamatanName",
           k."isSample" AS "isSample", k."createdAt" AS "createdAt", k."pausedUntil" AS "pausedUntil",
           (SELECT s."confirmedAt" FROM "Submission" s
             WHERE s."kimId" = k."id" AND s."confirmedAt" IS NOT NULL AND s."confirmedAt" < ${before}
             ORDER BY s."confirmedAt" DESC LIMIT 1) AS "lastSubmissionAt"
    FROM "Kim" k JOIN "Kecamatan" kc ON kc."id" = k."kecamatanId"
    ${quiet}`;
}

/**
 * Every KIM with its kecamatan and its last confirmed submission before `before`; with
 * `quietSince`, only the KIMs without a confirmed submission in [quietSince, before). Both are
 * one seek per KIM in the (kimId, confirmedAt) index.
 */
export async function kimRoster(db: DbOrTx, before: Date, quietSince?: Date): Promise<KimRosterRow[]> {
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>(kimRosterQuery(before, quietSince));
  return rows.map(rosterRow);
}

/** A KimRosterRow from a raw row with those column names. */
export function rosterRow(r: Record<string, unknown>): KimRosterRow {
  return {
    kimId: num(r.kimId),
    kimName: String(r.kimName),
    kecamatanId: num(r.kecamatanId),
    kecamatanName: String(r.kecamatanName),
    isSample: num(r.isSample) === 1,
    createdAt: dateOrNull(r.createdAt) ?? new Date(0),
    pausedUntil: dateOrNull(r.pausedUntil),
    lastSubmissionAt: dateOrNull(r.lastSubmissionAt),
  };
}

const collator = new Intl.Collator("id", { sensitivity: "base", numeric: true });

/** Sort order for people (Indonesian collation, "KIM 2" before "KIM 10"). */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b);
}
