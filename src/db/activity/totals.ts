// Per-KIM totals read from the submissions themselves, as packed codes.
//
// One code per submission packs what the per-KIM pass needs to know about it, so the database
// keeps a single string aggregate per KIM instead of one aggregate per figure (64-bit integers:
// the minutes part passes 2^31 after about 5 days):
//   code = (decision minutes + 1) × 2^18 + week × 32 + flags   (decision minutes + 1 = 0: none)
// (weeks since 1970 stay below 2^13 until the year 2127). src/domain/activity/indicators.ts
// decodes them.
import { Prisma } from "../../generated/prisma/client.js";
import type { Dialect } from "../dialect.js";
import type { DbOrTx } from "../types.js";
import {
  DECIDED_STATUSES,
  fields,
  FLAGGED_RISK_LEVELS,
  inList,
  intLiteral,
  REJECTED_STATUSES,
  weekIndexExpr,
  type ZoneOffsets,
} from "./expressions.js";
import { readPacked } from "./packed.js";
import { KIM_COLUMNS, rosterRow, type KimRosterRow } from "./roster.js";
import { num } from "./values.js";

export const F_PUBLISHED = 1;
export const F_DECIDED = 2;
export const F_REJECTED = 4;
export const F_FLAGGED = 8;
export const F_ARTICLE = 16;
export const WEEK_SHIFT = 32;
export const MINUTES_SHIFT = 262_144;

/** A range of confirmation times: [from, upper), and the zone's offsets over it. */
export interface CodeRange {
  from: Date;
  upper: Date;
  offsets: ZoneOffsets;
}

/** SQL for the photo count and the packed code (see above) of a submission row `s`. */
function submissionExprs(d: Dialect, offsets: ZoneOffsets): { photos: Prisma.Sql; code: Prisma.Sql } {
  const wk = weekIndexExpr(d, Prisma.sql`s."confirmedAt"`, offsets);
  const minutes = d.int64(Prisma.sql`(${d.epochMs(Prisma.sql`s."decidedAt"`)} - ${d.epochMs(Prisma.sql`s."confirmedAt"`)}) / 60000`);
  return {
    photos: Prisma.sql`CASE WHEN s."kind" = 'photo' THEN 1
               WHEN s."kind" = 'album' THEN
                 (SELECT COUNT(*) FROM "SubmissionMedia" m WHERE m."submissionId" = s."id" AND m."kind" = 'photo')
               ELSE 0 END`,
    code: Prisma.sql`${wk} * ${intLiteral(WEEK_SHIFT)}
        + CASE WHEN s."status" = 'published' THEN ${intLiteral(F_PUBLISHED + F_DECIDED)}
               WHEN s."status" IN (${inList(REJECTED_STATUSES)}) THEN ${intLiteral(F_DECIDED + F_REJECTED)}
               WHEN s."status" IN (${inList(DECIDED_STATUSES)}) THEN ${intLiteral(F_DECIDED)}
               ELSE 0 END
        + CASE WHEN s."riskLevel" IN (${inList(FLAGGED_RISK_LEVELS)}) THEN ${intLiteral(F_FLAGGED)} ELSE 0 END
        + CASE WHEN s."kind" = 'text' THEN ${intLiteral(F_ARTICLE)} ELSE 0 END
        + CASE WHEN s."decidedAt" >= s."confirmedAt"
               THEN (${minutes} + 1) * ${intLiteral(MINUTES_SHIFT)}
               ELSE 0 END`,
  };
}

/**
 * The per-KIM query: one row per KIM, KIMs without submissions included, in one pass over the
 * (kimId, confirmedAt, status, kind, riskLevel, decidedAt) index: photo count, last submission
 * and one packed code per submission (see above). Exported for EXPLAIN QUERY PLAN. kc."id" in
 * the GROUP BY lets PostgreSQL select the kecamatan's name; SQLite's plan is the same with it.
 */
export function kimTotalsQuery(d: Dialect, range: CodeRange): Prisma.Sql {
  const { from, upper, offsets } = range;
  const e = submissionExprs(d, offsets);
  return Prisma.sql`
    SELECT ${KIM_COLUMNS},
      CASE WHEN COUNT(s."id") > 0 THEN MAX(s."confirmedAt") ELSE
        (SELECT x."confirmedAt" FROM "Submission" x
          WHERE x."kimId" = k."id" AND x."confirmedAt" IS NOT NULL AND x."confirmedAt" < ${upper}
          ORDER BY x."confirmedAt" DESC LIMIT 1) END AS "lastSubmissionAt",
      SUM(${e.photos}) AS "photos",
      ${d.stringAgg(e.code, ",")} AS "codes"
    FROM "Kim" k
    JOIN "Kecamatan" kc ON kc."id" = k."kecamatanId"
    LEFT JOIN "Submission" s ON s."kimId" = k."id" AND s."confirmedAt" >= ${from} AND s."confirmedAt" < ${upper}
    GROUP BY k."id", kc."id"`;
}

export interface KimTotalsRow {
  /** lastSubmissionAt: the last confirmed submission before `upper`, in the range or before it. */
  kim: KimRosterRow;
  photos: number;
  /** The packed codes joined by ",", null when the KIM has none in the range. */
  codes: string | null;
}

/** Every KIM with its photo count, last submission and packed codes over the range. */
export async function kimTotals(db: DbOrTx, d: Dialect, range: CodeRange): Promise<KimTotalsRow[]> {
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>(kimTotalsQuery(d, range));
  return rows.map((r) => ({
    kim: rosterRow(r),
    photos: num(r.photos),
    codes: r.codes === null || r.codes === undefined ? null : String(r.codes),
  }));
}

/** Photo count, last submission and packed codes of the KIMs with confirmed submissions in [from, upper) (a few days). */
export function rangeCodesQuery(d: Dialect, range: CodeRange): Prisma.Sql {
  const e = submissionExprs(d, range.offsets);
  return Prisma.sql`
    SELECT k."id" AS "kimId", SUM(${e.photos}) AS "photos", ${d.epochMs(Prisma.sql`MAX(s."confirmedAt")`)} AS "lastAt",
      ${d.stringAgg(e.code, ",")} AS "codes"
    FROM "Kim" k JOIN "Submission" s ON s."kimId" = k."id" AND s."confirmedAt" >= ${range.from} AND s."confirmedAt" < ${range.upper}
    GROUP BY k."id"`;
}

/** rangeCodesQuery packed: "kimId,photos,lastAt;codes" records. */
export function packedRangeQuery(d: Dialect, range: CodeRange): Prisma.Sql {
  const head = fields(d, [Prisma.sql`x."kimId"`, Prisma.sql`x."photos"`, Prisma.sql`x."lastAt"`]);
  return Prisma.sql`
    SELECT ${d.stringAgg(Prisma.sql`${head} || ';' || x."codes"`, "\n")} AS "packed"
    FROM (${rangeCodesQuery(d, range)}) x`;
}

/** packedRangeQuery's records. */
export function rangeCodesPacked(db: DbOrTx, d: Dialect, range: CodeRange): Promise<string> {
  return readPacked(db, packedRangeQuery(d, range));
}
