// The weekly per-KIM activity summary (table ActivityKimBlock, see prisma/schema.prisma and
// src/domain/activity/summary.ts): its queries. Kept current by database triggers; these read
// it, and rebuild or check it.
//
// A block row holds, for each local week with a confirmed submission, the week's figures and the
// exact decision minutes, as text: "i,submissions,published,articles,photos,decided,rejected,
// flagged[,minutes…]" entries (week 16 × block + i) joined by ";".
import { Prisma } from "../../generated/prisma/client.js";
import type { Dialect } from "../dialect.js";
import type { DbOrTx } from "../types.js";
import { fields, intLiteral } from "./expressions.js";
import { readPacked } from "./packed.js";
import { num } from "./values.js";

/** Weeks per summary row. */
export const SUMMARY_BLOCK_WEEKS = 16;

/**
 * The local week index of a DateTime column in the summary's zone, as the triggers compute it
 * (the offset in force at the instant, from ActivityZoneOffset).
 */
function weekSql(d: Dialect, column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CAST((${d.epochMs(column)} + COALESCE((SELECT o."offsetMs" FROM "ActivityZoneOffset" o WHERE o."start" <= ${column}
    ORDER BY o."start" DESC LIMIT 1), 0) - 345600000) / 604800000 AS INTEGER)`;
}

/** Empties the summary and recomputes every block that has a confirmed submission. */
export async function recomputeSummary(tx: DbOrTx, d: Dialect): Promise<void> {
  await tx.$executeRaw`DELETE FROM "ActivityKimBlock"`;
  // Each row inserted here makes the trigger recompute that block (and is not kept).
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO "ActivitySummaryRecompute" ("kimId", "block")
    SELECT DISTINCT s."kimId", ${weekSql(d, Prisma.sql`s."confirmedAt"`)} / ${intLiteral(SUMMARY_BLOCK_WEEKS)}
    FROM "Submission" s WHERE s."confirmedAt" IS NOT NULL`);
}

/** Replaces the zone offsets the triggers count weeks with. */
export async function writeZoneOffsets(
  tx: DbOrTx,
  d: Dialect,
  timeZone: string,
  offsets: ReadonlyArray<{ start: number; offset: number }>,
): Promise<void> {
  await tx.$executeRaw`DELETE FROM "ActivityZoneOffset"`;
  for (const seg of offsets) {
    await tx.$executeRaw`INSERT INTO "ActivityZoneOffset" ("start", "offsetMs", "timeZone") VALUES (${d.timestamp(new Date(seg.start))}, ${seg.offset}, ${timeZone})`;
  }
}

/** Rows (KIM × 16 weeks) of the summary. */
export async function countSummaryBlocks(db: DbOrTx): Promise<number> {
  const [row] = await db.$queryRaw<Array<{ n: unknown }>>`SELECT COUNT(*) AS "n" FROM "ActivityKimBlock"`;
  return num(row?.n);
}

export interface SummaryBlockRow {
  kimId: number;
  block: number;
  mask: number;
  detail: string;
}

/** Every row of the summary. */
export async function summaryBlocks(db: DbOrTx): Promise<SummaryBlockRow[]> {
  const rows = await db.$queryRaw<Array<{ kimId: unknown; block: unknown; mask: unknown; detail: unknown }>>`
    SELECT "kimId", "block", "mask", "detail" FROM "ActivityKimBlock"`;
  return rows.map((r) => ({ kimId: num(r.kimId), block: num(r.block), mask: num(r.mask), detail: String(r.detail) }));
}

export interface SummaryZoneRow {
  /** The zone its weeks are counted in, or null when it has none. */
  timeZone: string | null;
  /** Those of `triggers` that exist (and are enabled). */
  presentTriggers: Set<string>;
}

/** The summary's zone and which of the given triggers exist. */
export async function summaryZoneAndTriggers(db: DbOrTx, d: Dialect, triggers: readonly string[]): Promise<SummaryZoneRow> {
  const [row] = await db.$queryRaw<Array<{ timeZone: string | null; triggers: string | null }>>`
    SELECT (SELECT "timeZone" FROM "ActivityZoneOffset" LIMIT 1) AS "timeZone",
      (${d.triggersIn(triggers)}) AS "triggers"`;
  return { timeZone: row?.timeZone ?? null, presentTriggers: new Set((row?.triggers ?? "").split(",")) };
}

/**
 * The summary rows of the blocks holding weeks [first, last]: "kimId,block,mask,lastAt,length;detail"
 * records (length: of the detail, so records are split without scanning). CROSS JOIN makes SQLite read them KIM by KIM in key order (one seek per KIM) rather
 * than through the block index (one seek per row, twice the time).
 */
export function summaryBlocksQuery(d: Dialect, first: number, last: number): Prisma.Sql {
  const head = fields(d, [Prisma.sql`b."kimId"`, Prisma.sql`b."block"`, Prisma.sql`b."mask"`, d.epochMs(Prisma.sql`b."lastAt"`), Prisma.sql`length(b."detail")`]);
  return Prisma.sql`
    SELECT ${d.stringAgg(Prisma.sql`${head} || ';' || b."detail"`, "\n")} AS "packed"
    FROM "Kim" k CROSS JOIN "ActivityKimBlock" b
    WHERE b."kimId" = k."id" AND b."block" BETWEEN ${Math.floor(first / SUMMARY_BLOCK_WEEKS)} AND ${Math.floor(last / SUMMARY_BLOCK_WEEKS)}`;
}

/** summaryBlocksQuery's records. */
export function summaryBlocksPacked(db: DbOrTx, d: Dialect, firstWeek: number, lastWeek: number): Promise<string> {
  return readPacked(db, summaryBlocksQuery(d, firstWeek, lastWeek));
}

/** Active-week masks and last submissions of every KIM in blocks [first, last]: "kimId,block,mask,lastAt" records. */
export function summaryMasksQuery(d: Dialect, first: number, last: number): Prisma.Sql {
  const record = fields(d, [Prisma.sql`b."kimId"`, Prisma.sql`b."block"`, Prisma.sql`b."mask"`, d.epochMs(Prisma.sql`b."lastAt"`)]);
  return Prisma.sql`
    SELECT ${d.stringAgg(record, "\n")} AS "packed"
    FROM "ActivityKimBlock" b WHERE b."block" BETWEEN ${first} AND ${last}`;
}

/** summaryMasksQuery's records. */
export function summaryMasksPacked(db: DbOrTx, d: Dialect, firstBlock: number, lastBlock: number): Promise<string> {
  return readPacked(db, summaryMasksQuery(d, firstBlock, lastBlock));
}
