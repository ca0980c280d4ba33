// The weekly per-KIM activity summary that lets the indicators of long periods read one row per
// KIM and 16 weeks instead of every submission (table ActivityKimBlock, see prisma/schema.prisma).
//
// Kept current by database triggers (migration activity_summary), not by the application: every
// INSERT, UPDATE or DELETE of a submission or of an album's media recomputes the touched block
// from the submissions, in the same transaction, whatever code path makes the change (drafts
// confirmed, decisions, publishing, withdrawals, screening, re-publishing, imports). This module
// reads it, knows which zone its weeks are in, and rebuilds or checks it.
//
// A block row holds, for each local week with a confirmed submission, the week's figures and the
// exact decision minutes, as text: "i,submissions,published,articles,photos,decided,rejected,
// flagged[,minutes…]" entries (week 16 × block + i) joined by ";" (indicators.ts reads them).
//
// PostgreSQL: the same tables, and plpgsql triggers that compute the same rows
// (prisma/postgresql/migrations/…_activity_summary_triggers); the queries (src/db/activity/
// summary.ts) write their few differences through the dialect (src/db/dialect.ts), and
// test/integration/activity/summary.test.ts compares summary and direct reports on both databases.
import type { Db } from "../../db/client.js";
import { dialectOf } from "../../db/dialect.js";
import type { DbOrTx } from "../../db/types.js";
import {
  countSummaryBlocks,
  recomputeSummary,
  summaryBlocks,
  summaryZoneAndTriggers,
  writeZoneOffsets,
} from "../../db/activity/summary.js";
import { offsetSegments } from "./zoned.js";

export { SUMMARY_BLOCK_WEEKS } from "../../db/activity/summary.js";

/** The zone offsets stored for the triggers cover these instants (outside, the nearest applies). */
const ZONE_FROM = Date.UTC(1970, 0, 1);
const ZONE_TO = Date.UTC(2100, 0, 1);

/** Rebuilding a district's years of submissions takes seconds; the default 5 s would abort it. */
const REBUILD_TIMEOUT_MS = 30 * 60_000;

/** The triggers of the migration activity_summary that keep the summary current. */
export const SUMMARY_TRIGGERS = [
  "ActivitySummaryRecompute_run",
  "Submission_activity_insert",
  "Submission_activity_update",
  "Submission_activity_delete",
  "SubmissionMedia_activity_insert",
  "SubmissionMedia_activity_delete",
  "SubmissionMedia_activity_update",
] as const;

export interface SummaryState {
  /** The zone its weeks are counted in, or null when it has none. */
  timeZone: string | null;
  /** Triggers that should keep it current but do not exist (a later migration rebuilt a table). */
  missingTriggers: string[];
}

/** Whether the summary can be read: its zone, and that its triggers are all there. */
export async function summaryState(db: DbOrTx): Promise<SummaryState> {
  const { timeZone, presentTriggers } = await summaryZoneAndTriggers(db, dialectOf(db), SUMMARY_TRIGGERS);
  return { timeZone, missingTriggers: SUMMARY_TRIGGERS.filter((t) => !presentTriggers.has(t)) };
}

/** The zone the summary's weeks are counted in, or null when it has none. */
export async function summaryTimeZone(db: DbOrTx): Promise<string | null> {
  return (await summaryState(db)).timeZone;
}

export interface RebuildResult {
  timeZone: string;
  /** Rows (KIM × 16 weeks) written. */
  blocks: number;
  ms: number;
}

/**
 * Recomputes the whole summary from the submissions, for weeks in `timeZone`, in one transaction
 * (readers see the old or the new summary, never half of it). Also the repair for a summary that
 * was damaged by hand. Takes a few seconds for a million submissions.
 */
export async function rebuildActivitySummary(db: Db, timeZone: string): Promise<RebuildResult> {
  const started = performance.now();
  const segments = offsetSegments(new Date(ZONE_FROM), new Date(ZONE_TO), timeZone);
  const blocks = await db.$transaction(
    async (tx) => {
      const d = dialectOf(tx);
      await writeZoneOffsets(tx, d, timeZone, segments);
      await recomputeSummary(tx, d);
      return countSummaryBlocks(tx);
    },
    { timeout: REBUILD_TIMEOUT_MS, maxWait: 60_000 },
  );
  return { timeZone, blocks, ms: Math.round(performance.now() - started) };
}

/**
 * Makes the summary count weeks in `timeZone` (BOT_TIMEZONE): rebuilds it when it was built for
 * another zone (the migration builds it for Asia/Jakarta). Cheap when nothing is to be done.
 */
export async function ensureActivitySummary(db: Db, timeZone: string): Promise<RebuildResult | null> {
  if ((await summaryTimeZone(db)) === timeZone) return null;
  return rebuildActivitySummary(db, timeZone);
}

export interface SummaryCheck {
  timeZone: string | null;
  missingTriggers: string[];
  blocks: number;
  /** Rows that differ from a recomputation (missing, extra or with other figures). */
  wrong: Array<{ kimId: number; block: number }>;
}

/** A block's content independent of the order of its entries and minutes. */
function normalDetail(mask: number, detail: string): string {
  const entries = detail
    .split(";")
    .map((e) => {
      const n = e.split(",").map(Number);
      return [...n.slice(0, 8), ...n.slice(8).sort((a, b) => a - b)];
    })
    .sort((a, b) => a[0]! - b[0]!);
  return `${mask}|${entries.map((e) => e.join(",")).join(";")}`;
}

class RollBack extends Error {}

/**
 * Compares the stored summary with a recomputation from the submissions, without changing it
 * (the recomputation runs in a transaction that is rolled back). Empty `wrong` means exact.
 */
export async function checkActivitySummary(db: Db): Promise<SummaryCheck> {
  const { timeZone, missingTriggers } = await summaryState(db);
  const read = async (tx: DbOrTx) => {
    const rows = await summaryBlocks(tx);
    return new Map(rows.map((r) => [`${r.kimId}:${r.block}`, normalDetail(r.mask, r.detail)]));
  };
  const stored = await read(db);
  let fresh = new Map<string, string>();
  if (timeZone !== null) {
    await db
      .$transaction(
        async (tx) => {
          await recomputeSummary(tx, dialectOf(tx));
          fresh = await read(tx);
          throw new RollBack();
        },
        { timeout: REBUILD_TIMEOUT_MS, maxWait: 60_000 },
      )
      .catch((err: unknown) => {
        if (!(err instanceof RollBack)) throw err;
      });
  }
  const wrong: SummaryCheck["wrong"] = [];
  for (const key of new Set([...stored.keys(), ...fresh.keys()])) {
    if (stored.get(key) !== fresh.get(key)) {
      const [kimId, block] = key.split(":").map(Number);
      wrong.push({ kimId: kimId!, block: block! });
    }
  }
  wrong.sort((a, b) => a.kimId - b.kimId || a.block - b.block);
  return { timeZone, missingTriggers, blocks: stored.size, wrong };
}
