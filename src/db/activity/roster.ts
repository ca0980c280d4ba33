// The KIMs with their kecamatan, and their last confirmed submissions.
import { Prisma } from "../../generated/prisma/client.js";
import type { Dialect } from "../dialect.js";
import type { DbOrTx } from "../types.js";
import { readPacked } from "./packed.js";
import { dateOrNull, num } from "./values.js";

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

/** The KIM's own columns, under the names rosterRow reads. */
export const KIM_COLUMNS = Prisma.sql`k."id" AS "kimId", k."name" AS "kimName", k."kecamatanId" AS "kecamatanId", kc."name" AS "kecamatanName",
      k."isSample" AS "isSample", k."createdAt" AS "createdAt", k."pausedUntil" AS "pausedUntil"`;

/** The SQL of kimRoster; exported for EXPLAIN QUERY PLAN in the benchmark. */
export function kimRosterQuery(before: Date, quietSince?: Date): Prisma.Sql {
  const quiet = quietSince
    ? Prisma.sql`WHERE NOT EXISTS (SELECT 1 FROM "Submission" q
        WHERE q."kimId" = k."id" AND q."confirmedAt" >= ${quietSince} AND q."confirmedAt" < ${before})`
    : Prisma.empty;
  return Prisma.sql`
    SELECT ${KIM_COLUMNS},
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

/** A KimRosterRow from a raw row with the columns of KIM_COLUMNS and "lastSubmissionAt". */
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

/** Every KIM with its kecamatan: one JSON array of [id, name, kecamatanId, kecamatan, isSample, createdAt, pausedUntil]. */
export function kimListQuery(d: Dialect): Prisma.Sql {
  const x = (column: string) => Prisma.raw(`x."${column}"`);
  const values = [x("id"), x("name"), x("kecamatanId"), x("kecamatanName"), x("isSample"), d.epochMs(x("createdAt")), d.epochMs(x("pausedUntil"))];
  return Prisma.sql`
    SELECT ${d.jsonRows(values, x("id"))} AS "packed"
    FROM (SELECT k."id", k."name", k."kecamatanId", kc."name" AS "kecamatanName", k."isSample", k."createdAt", k."pausedUntil"
          FROM "Kim" k JOIN "Kecamatan" kc ON kc."id" = k."kecamatanId" ORDER BY k."id") x`;
}

/** Every KIM with its kecamatan, by id, in one value (see packed.ts); lastSubmissionAt is left null. */
export async function kimList(db: DbOrTx, d: Dialect): Promise<KimRosterRow[]> {
  const json = await readPacked(db, kimListQuery(d));
  const list = json ? (JSON.parse(json) as unknown[][]) : [];
  return list.map(([id, name, kecamatanId, kecamatanName, isSample, createdAt, pausedUntil]) => ({
    kimId: num(id),
    kimName: String(name),
    kecamatanId: num(kecamatanId),
    kecamatanName: String(kecamatanName),
    isSample: num(isSample) === 1,
    createdAt: dateOrNull(createdAt) ?? new Date(0),
    pausedUntil: dateOrNull(pausedUntil),
    lastSubmissionAt: null,
  }));
}

/** The last confirmed submission before `upper` of the given KIMs, one index seek each: "kimId,lastAt" records. */
export function lastSubmissionsQuery(d: Dialect, upper: Date, kimIds: number[]): Prisma.Sql {
  const last = Prisma.sql`(SELECT x."confirmedAt" FROM "Submission" x
        WHERE x."kimId" = k."id" AND x."confirmedAt" IS NOT NULL AND x."confirmedAt" < ${upper}
        ORDER BY x."confirmedAt" DESC LIMIT 1)`;
  const record = Prisma.sql`${d.text(Prisma.sql`k."id"`)} || ',' || COALESCE(${d.text(d.epochMs(last))}, '')`;
  return Prisma.sql`
    SELECT ${d.stringAgg(record, "\n")} AS "packed"
    FROM "Kim" k WHERE k."id" IN (${Prisma.join(kimIds)})`;
}

/** lastSubmissionsQuery's records (lastAt empty when the KIM has none). */
export function lastSubmissionsPacked(db: DbOrTx, d: Dialect, upper: Date, kimIds: number[]): Promise<string> {
  return readPacked(db, lastSubmissionsQuery(d, upper, kimIds));
}
