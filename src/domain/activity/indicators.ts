// Activity indicators per KIM, per kecamatan and for the whole district over a period.
//
// Definitions (all counts are over submissions *confirmed* in [from, min(to, now)], the same
// notion of activity as reminders, see sql.ts):
// - submissions: confirmed submissions, any status.
// - published: of those, the ones now published (status "published"). Counted by the week the
//   item was confirmed, so every table and chart of a period adds up to the same totals.
// - articles: text submissions (kind "text"): a written news item. A photo with a caption is
//   counted as a photo, not as an article, whatever the caption's length.
// - photos: photo items: 1 for a photo submission, and each photo of an album (an album of 5
//   photos and a video counts 5).
// - decided: approved, published, publish_failed, rejected, hoax or removed (published, then taken
//   off the channel after a re-check alert); rejected: rejected, hoax or removed;
//   rejectionRate = rejected / decided (null when nothing was decided).
// - flagged: screening risk level medium or high.
// - weeksActive: ISO weeks (in the zone) with at least one confirmed submission in the period.
//   weeksCounted: weeks of the period that had started by now and in which the KIM existed; the
//   current unfinished week counts only if the KIM was already active in it. consistency =
//   weeksActive / weeksCounted. Weeks cut by the period's edges count as weeks.
// - streakWeeks: consecutive active weeks ending with the current week, or with last week when
//   the current week has no submission yet (capped at `streakLookbackWeeks`, 52). Independent of
//   the period.
// - lastSubmissionAt: last confirmed submission before the end of the period (or now).
// - medianDecisionHours: median of decidedAt − confirmedAt for submissions of the period that
//   have a decision.
// Kecamatan and district rows add the counts up; their consistency is active KIM-weeks over
// counted KIM-weeks, and their median is over all their decisions (not a median of medians).
import { Prisma } from "../../generated/prisma/client.js";
import type { DbOrTx } from "../../db/types.js";
import { weekIndexOf, weekOfIndex, weeksInRange, type WeekInfo } from "./periods.js";
import {
  ACTIVITY_GROUPS,
  resolveScoreConfig,
  scoreKim,
  type ActivityGroup,
  type ScoreConfig,
  type ScoreConfigInput,
  type ScoreParts,
  type ScoreWeights,
} from "./score.js";
import { compareNames, dateOrNull, DECIDED_STATUSES, FLAGGED_RISK_LEVELS, inList, num, REJECTED_STATUSES, weekIndexExpr } from "./sql.js";
import { DAY_MS } from "./zoned.js";

export const DEFAULT_STREAK_LOOKBACK_WEEKS = 52;

export interface IndicatorOptions {
  from: Date;
  /** Exclusive. */
  to: Date;
  now: Date;
  timeZone: string;
  /** Shortcut for score.weights. */
  weights?: Partial<ScoreWeights>;
  score?: ScoreConfigInput;
  streakLookbackWeeks?: number;
}

export interface Counts {
  submissions: number;
  published: number;
  articles: number;
  photos: number;
  decided: number;
  rejected: number;
  flagged: number;
}

export interface KimIndicators extends Counts {
  kimId: number;
  kimName: string;
  kecamatanId: number;
  kecamatanName: string;
  isSample: boolean;
  paused: boolean;
  rejectionRate: number | null;
  weeksActive: number;
  weeksCounted: number;
  /** weeksActive / weeksCounted, 0 when no week counts. */
  consistency: number;
  streakWeeks: number;
  lastSubmissionAt: Date | null;
  /** Days from lastSubmissionAt to the end of the period (or now), or null. */
  daysSinceLast: number | null;
  medianDecisionHours: number | null;
  score: number;
  scoreParts: ScoreParts;
  group: ActivityGroup;
}

export interface AreaIndicators extends Counts {
  kims: number;
  /** KIMs with at least one submission in the period. */
  activeKims: number;
  rejectionRate: number | null;
  consistency: number;
  lastSubmissionAt: Date | null;
  medianDecisionHours: number | null;
  /** Mean score of the KIMs, 0 when there are none. */
  averageScore: number;
  groups: Record<ActivityGroup, number>;
}

export interface KecamatanIndicators extends AreaIndicators {
  kecamatanId: number;
  kecamatanName: string;
}

/** One kecamatan in one week (only weeks and kecamatan with submissions are listed). */
export interface WeeklyPoint {
  weekKey: string;
  weekIndex: number;
  weekStart: Date;
  kecamatanId: number;
  submissions: number;
  published: number;
  activeKims: number;
}

export interface IndicatorReport {
  from: Date;
  to: Date;
  now: Date;
  /** min(to, now): counting stops here. */
  asOf: Date;
  timeZone: string;
  /** Weeks of the period that had started by now. */
  weeks: WeekInfo[];
  currentWeekKey: string;
  scoreConfig: ScoreConfig;
  /** Sorted by kecamatan then KIM name. */
  kims: KimIndicators[];
  /** Sorted by name. */
  kecamatan: KecamatanIndicators[];
  district: AreaIndicators;
  weekly: WeeklyPoint[];
}

const ZERO: Counts = { submissions: 0, published: 0, articles: 0, photos: 0, decided: 0, rejected: 0, flagged: 0 };

function addCounts(into: Counts, c: Counts): void {
  into.submissions += c.submissions;
  into.published += c.published;
  into.articles += c.articles;
  into.photos += c.photos;
  into.decided += c.decided;
  into.rejected += c.rejected;
  into.flagged += c.flagged;
}

const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
const minutesToHours = (m: number | null): number | null => (m === null ? null : Math.round((m / 60) * 10) / 10);

/**
 * The k-th smallest value (0-based) of `a`, in linear time on average (quickselect). Reorders
 * `a` so that every value before index k is ≤ a[k] ≤ every value after it.
 */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const x = a[lo]!;
    const y = a[(lo + hi) >> 1]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k]!;
}

/** Median of the numbers (reorders the array); null for an empty list. */
export function median(values: Float64Array): number | null {
  const n = values.length;
  if (n === 0) return null;
  const upper = select(values, n >> 1);
  if (n % 2 === 1) return upper;
  let lower = -Infinity;
  for (let i = 0; i < n >> 1; i++) if (values[i]! > lower) lower = values[i]!;
  return (lower + upper) / 2;
}

// One code per submission packs what the per-KIM pass needs to know about it, so SQLite keeps a
// single group_concat per KIM instead of one aggregate per figure:
//   code = (decision minutes + 1) × 2^17 + week × 32 + flags   (decision minutes + 1 = 0: none)
const F_PUBLISHED = 1;
const F_DECIDED = 2;
const F_REJECTED = 4;
const F_FLAGGED = 8;
const F_ARTICLE = 16;
const WEEK_SHIFT = 32;
const MINUTES_SHIFT = 131_072;

/** Appends the integers of a group_concat list ("12,15,15") to `out` (cleared first). */
function readInts(value: unknown, out: number[]): number[] {
  out.length = 0;
  if (value === null || value === undefined) return out;
  const s = typeof value === "string" ? value : String(value);
  let v = 0;
  let digits = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 44) {
      if (digits) out.push(v);
      v = 0;
      digits = false;
    } else if (c >= 48 && c <= 57) {
      v = v * 10 + (c - 48);
      digits = true;
    } else {
      // Not plain integers (a driver returning REAL): parse the slow way.
      out.length = 0;
      for (const part of s.split(",")) if (part !== "") out.push(Math.trunc(Number(part)));
      return out;
    }
  }
  if (digits) out.push(v);
  return out;
}

/**
 * The per-KIM query: one row per KIM, KIMs without submissions included, in one pass over the
 * (kimId, confirmedAt, status, kind, riskLevel, decidedAt) index: photo count, last submission
 * and one packed code per submission (see above). Exported for EXPLAIN QUERY PLAN.
 */
export function kimTotalsQuery(opts: { from: Date; upper: Date; timeZone: string }): Prisma.Sql {
  const { from, upper, timeZone } = opts;
  const wk = weekIndexExpr(Prisma.sql`s."confirmedAt"`, from, upper, timeZone);
  const raw = (n: number) => Prisma.raw(String(n));
  return Prisma.sql`
    SELECT k."id" AS kimId, k."name" AS kimName, k."kecamatanId" AS kecamatanId, kc."name" AS kecamatanName,
      k."isSample" AS isSample, k."createdAt" AS createdAt, k."pausedUntil" AS pausedUntil,
      COUNT(s."id") AS n,
      CASE WHEN COUNT(s."id") > 0 THEN MAX(s."confirmedAt") ELSE
        (SELECT x."confirmedAt" FROM "Submission" x
          WHERE x."kimId" = k."id" AND x."confirmedAt" IS NOT NULL AND x."confirmedAt" < ${upper}
          ORDER BY x."confirmedAt" DESC LIMIT 1) END AS lastAt,
      SUM(CASE WHEN s."kind" = 'photo' THEN 1
               WHEN s."kind" = 'album' THEN
                 (SELECT COUNT(*) FROM "SubmissionMedia" m WHERE m."submissionId" = s."id" AND m."kind" = 'photo')
               ELSE 0 END) AS photos,
      group_concat(
        ${wk} * ${raw(WEEK_SHIFT)}
        + CASE WHEN s."status" = 'published' THEN ${raw(F_PUBLISHED + F_DECIDED)}
               WHEN s."status" IN (${inList(REJECTED_STATUSES)}) THEN ${raw(F_DECIDED + F_REJECTED)}
               WHEN s."status" IN (${inList(DECIDED_STATUSES)}) THEN ${raw(F_DECIDED)}
               ELSE 0 END
        + CASE WHEN s."riskLevel" IN (${inList(FLAGGED_RISK_LEVELS)}) THEN ${raw(F_FLAGGED)} ELSE 0 END
        + CASE WHEN s."kind" = 'text' THEN ${raw(F_ARTICLE)} ELSE 0 END
        + CASE WHEN s."decidedAt" >= s."confirmedAt"
               THEN (CAST((s."decidedAt" - s."confirmedAt") / 60000 AS INTEGER) + 1) * ${raw(MINUTES_SHIFT)}
               ELSE 0 END
      ) AS codes
    FROM "Kim" k
    JOIN "Kecamatan" kc ON kc."id" = k."kecamatanId"
    LEFT JOIN "Submission" s ON s."kimId" = k."id" AND s."confirmedAt" >= ${from} AND s."confirmedAt" < ${upper}
    GROUP BY k."id"`;
}

/** Distinct active weeks per KIM in [start, end), optionally for some KIMs only. */
export function activeWeeksQuery(opts: { start: Date; end: Date; timeZone: string; kimIds?: number[] }): Prisma.Sql {
  const wk = weekIndexExpr(Prisma.sql`s."confirmedAt"`, opts.start, opts.end, opts.timeZone);
  const only = opts.kimIds ? Prisma.sql`AND k."id" IN (${Prisma.join(opts.kimIds)})` : Prisma.empty;
  return Prisma.sql`
    SELECT k."id" AS kimId, group_concat(DISTINCT ${wk}) AS weeks
    FROM "Kim" k CROSS JOIN "Submission" s
    WHERE s."kimId" = k."id" AND s."confirmedAt" >= ${opts.start} AND s."confirmedAt" < ${opts.end} ${only}
    GROUP BY k."id"`;
}

/**
 * Current streak per KIM (see the definitions above). Looks back 8 weeks first, then further
 * (16, 32, … up to `lookbackWeeks`) only for the KIMs whose streak reaches the window's start.
 */
export async function currentStreaks(
  db: DbOrTx,
  now: Date,
  timeZone: string,
  lookbackWeeks = DEFAULT_STREAK_LOOKBACK_WEEKS,
): Promise<Map<number, number>> {
  const current = weekIndexOf(now, timeZone);
  const result = new Map<number, number>();
  // KIM → the week at which its streak continues if that week was active too.
  let open: Map<number, number> | undefined;
  let windowEnd = new Date(now.getTime() + 1);
  let covered = 0;
  let size = Math.min(8, lookbackWeeks);
  while (size > 0) {
    const firstWeek = current - covered - size + 1;
    const windowStart = weekOfIndex(firstWeek, timeZone).start;
    const ids = open ? [...open.keys()] : undefined;
    if (ids && ids.length === 0) break;
    // Chunks keep the IN list well under SQLite's limit on parameters.
    const chunks = ids ? Array.from({ length: Math.ceil(ids.length / 5000) }, (_, i) => ids.slice(i * 5000, i * 5000 + 5000)) : [undefined];
    const next = new Map<number, number>();
    for (const chunk of chunks) {
      const rows = await db.$queryRaw<Array<Record<string, unknown>>>(
        activeWeeksQuery({ start: windowStart, end: windowEnd, timeZone, ...(chunk ? { kimIds: chunk } : {}) }),
      );
      for (const r of rows) {
        const kimId = num(r.kimId);
        const weeks = new Set(readInts(r.weeks, []));
        let at: number;
        if (open) at = open.get(kimId)!;
        else if (weeks.has(current)) at = current;
        else if (weeks.has(current - 1)) at = current - 1;
        else continue;
        let streak = result.get(kimId) ?? 0;
        while (at >= firstWeek && weeks.has(at)) {
          streak++;
          at--;
        }
        result.set(kimId, streak);
        if (at < firstWeek) next.set(kimId, at);
      }
    }
    open = next;
    covered += size;
    windowEnd = windowStart;
    size = Math.min(covered, lookbackWeeks - covered);
  }
  return result;
}

/** Computes every indicator, the score and the group of every KIM for [from, to). */
export async function computeIndicators(db: DbOrTx, opts: IndicatorOptions): Promise<IndicatorReport> {
  const { from, to, now, timeZone } = opts;
  const scoreConfig = resolveScoreConfig({ ...opts.score, weights: { ...opts.score?.weights, ...opts.weights } });
  const streakLookbackWeeks = opts.streakLookbackWeeks ?? DEFAULT_STREAK_LOOKBACK_WEEKS;
  const nowMs = now.getTime();
  const upper = new Date(Math.max(from.getTime(), Math.min(to.getTime(), nowMs + 1)));
  const asOf = new Date(Math.min(to.getTime(), nowMs));
  const weeks = weeksInRange(from, upper, timeZone);
  const firstWeek = weeks[0]?.index ?? 0;
  const weekCount = weeks.length;
  const lastWeek = weeks[weekCount - 1];
  // The last week is still running when its part of the period has not fully elapsed.
  const lastWeekRunning = lastWeek !== undefined && nowMs < Math.min(lastWeek.end.getTime(), to.getTime());

  const rows = await db.$queryRaw<Array<Record<string, unknown>>>(kimTotalsQuery({ from, upper, timeZone }));
  // When the period runs up to now and holds the whole streak lookback (12 months does), the
  // streaks come from the period's own weeks; otherwise from their own queries.
  const currentWeek = weekIndexOf(now, timeZone);
  const streakFromPeriod =
    to.getTime() > nowMs && weekOfIndex(currentWeek - streakLookbackWeeks + 1, timeZone).start.getTime() >= from.getTime();
  const streakOf = streakFromPeriod ? new Map<number, number>() : await currentStreaks(db, now, timeZone, streakLookbackWeeks);

  // Weekly series per kecamatan: flat arrays indexed by kecamatan slot × weekCount + week offset.
  const kecSlot = new Map<number, number>();
  const slotOf = (kecamatanId: number): number => {
    let slot = kecSlot.get(kecamatanId);
    if (slot === undefined) kecSlot.set(kecamatanId, (slot = kecSlot.size));
    return slot;
  };
  for (const r of rows) slotOf(num(r.kecamatanId));
  const size = kecSlot.size * weekCount;
  const wSubmissions = new Int32Array(size);
  const wPublished = new Int32Array(size);
  const wActiveKims = new Int32Array(size);
  const seenWeek = new Int32Array(weekCount).fill(-1);

  // Decision times of every KIM, one after the other: KIM i owns [segment[i], segment[i + 1]).
  const allMinutes: number[] = [];
  const segment = new Int32Array(rows.length + 1);
  const codes: number[] = [];
  const refMs = upper.getTime();
  const kims: KimIndicators[] = rows.map((r, rowIndex) => {
    const kimId = num(r.kimId);
    const kecamatanId = num(r.kecamatanId);
    const createdAt = dateOrNull(r.createdAt) ?? new Date(0);
    const pausedUntil = dateOrNull(r.pausedUntil);
    const lastSubmissionAt = dateOrNull(r.lastAt);
    const counts: Counts = { ...ZERO, submissions: num(r.n), photos: num(r.photos) };
    const base = slotOf(kecamatanId) * weekCount;
    let weeksActive = 0;
    let lastActiveOffset = -1;
    segment[rowIndex] = allMinutes.length;
    for (const code of readInts(r.codes, codes)) {
      const low = code % MINUTES_SHIFT;
      const m = Math.floor(code / MINUTES_SHIFT);
      if (m > 0) allMinutes.push(m - 1);
      const flags = low % WEEK_SHIFT;
      if (flags & F_PUBLISHED) counts.published++;
      if (flags & F_DECIDED) counts.decided++;
      if (flags & F_REJECTED) counts.rejected++;
      if (flags & F_FLAGGED) counts.flagged++;
      if (flags & F_ARTICLE) counts.articles++;
      const offset = Math.floor(low / WEEK_SHIFT) - firstWeek;
      if (offset < 0 || offset >= weekCount) continue;
      wSubmissions[base + offset]!++;
      if (flags & F_PUBLISHED) wPublished[base + offset]!++;
      if (seenWeek[offset] !== rowIndex) {
        seenWeek[offset] = rowIndex;
        wActiveKims[base + offset]!++;
        weeksActive++;
        if (offset > lastActiveOffset) lastActiveOffset = offset;
      }
    }
    segment[rowIndex + 1] = allMinutes.length;
    let weeksCounted = 0;
    for (const w of weeks) if (w.end.getTime() > createdAt.getTime()) weeksCounted++;
    if (lastWeekRunning && weeksCounted > 0 && lastActiveOffset !== weekCount - 1) weeksCounted--;
    if (streakFromPeriod) {
      const active = (week: number) => {
        const o = week - firstWeek;
        return o >= 0 && o < weekCount && seenWeek[o] === rowIndex;
      };
      let at = active(currentWeek) ? currentWeek : currentWeek - 1;
      let streak = 0;
      while (streak < streakLookbackWeeks && active(at)) {
        streak++;
        at--;
      }
      streakOf.set(kimId, streak);
    }
    weeksCounted = Math.max(weeksCounted, weeksActive);

    const daysSinceLast = lastSubmissionAt ? Math.max(0, (refMs - lastSubmissionAt.getTime()) / DAY_MS) : null;
    const s = scoreKim(
      { submissions: counts.submissions, weeksActive, weeksCounted, decided: counts.decided, rejected: counts.rejected, daysSinceLast },
      scoreConfig,
    );
    return {
      kimId,
      kimName: String(r.kimName),
      kecamatanId,
      kecamatanName: String(r.kecamatanName),
      isSample: num(r.isSample) === 1,
      paused: pausedUntil !== null && pausedUntil.getTime() > nowMs,
      ...counts,
      rejectionRate: rate(counts.rejected, counts.decided),
      weeksActive,
      weeksCounted,
      consistency: weeksCounted > 0 ? weeksActive / weeksCounted : 0,
      streakWeeks: streakOf.get(kimId) ?? 0,
      lastSubmissionAt,
      daysSinceLast: daysSinceLast === null ? null : Math.floor(daysSinceLast),
      medianDecisionHours: null as number | null, // set below, from the segment of this row
      score: s.score,
      scoreParts: s.parts,
      group: s.group,
    };
  });
  const decisions = Float64Array.from(allMinutes);
  const rowOf = new Map<number, number>();
  kims.forEach((k, i) => {
    rowOf.set(k.kimId, i);
    k.medianDecisionHours = minutesToHours(median(decisions.subarray(segment[i]!, segment[i + 1]!)));
  });
  kims.sort((a, b) => compareNames(a.kecamatanName, b.kecamatanName) || compareNames(a.kimName, b.kimName) || a.kimId - b.kimId);

  const byKec = new Map<number, KimIndicators[]>();
  for (const k of kims) {
    const list = byKec.get(k.kecamatanId);
    if (list) list.push(k);
    else byKec.set(k.kecamatanId, [k]);
  }
  const decisionsOf = (list: KimIndicators[]): Float64Array => {
    let total = 0;
    for (const k of list) {
      const i = rowOf.get(k.kimId)!;
      total += segment[i + 1]! - segment[i]!;
    }
    const all = new Float64Array(total);
    let at = 0;
    for (const k of list) {
      const i = rowOf.get(k.kimId)!;
      all.set(decisions.subarray(segment[i]!, segment[i + 1]!), at);
      at += segment[i + 1]! - segment[i]!;
    }
    return all;
  };
  const kecamatan: KecamatanIndicators[] = [...byKec.entries()].map(([id, list]) => ({
    kecamatanId: id,
    kecamatanName: list[0]!.kecamatanName,
    ...aggregate(list, minutesToHours(median(decisionsOf(list)))),
  }));
  kecamatan.sort((a, b) => compareNames(a.kecamatanName, b.kecamatanName) || a.kecamatanId - b.kecamatanId);

  const weekly: WeeklyPoint[] = [];
  weeks.forEach((w, offset) => {
    for (const [kecamatanId, slot] of kecSlot) {
      const i = slot * weekCount + offset;
      if (wSubmissions[i] === 0) continue;
      weekly.push({
        weekKey: w.key,
        weekIndex: w.index,
        weekStart: w.start,
        kecamatanId,
        submissions: wSubmissions[i]!,
        published: wPublished[i]!,
        activeKims: wActiveKims[i]!,
      });
    }
  });
  weekly.sort((a, b) => a.weekIndex - b.weekIndex || a.kecamatanId - b.kecamatanId);

  return {
    from,
    to,
    now,
    asOf,
    timeZone,
    weeks,
    currentWeekKey: weekOfIndex(weekIndexOf(now, timeZone), timeZone).key,
    scoreConfig,
    kims,
    kecamatan,
    district: aggregate(kims, minutesToHours(median(decisions))),
    weekly,
  };
}

function aggregate(list: KimIndicators[], medianDecisionHours: number | null): AreaIndicators {
  const counts = { ...ZERO };
  let weeksActive = 0;
  let weeksCounted = 0;
  let scoreSum = 0;
  let last: Date | null = null;
  const groups = Object.fromEntries(ACTIVITY_GROUPS.map((g) => [g, 0])) as Record<ActivityGroup, number>;
  for (const k of list) {
    addCounts(counts, k);
    weeksActive += k.weeksActive;
    weeksCounted += k.weeksCounted;
    scoreSum += k.score;
    groups[k.group]++;
    if (k.lastSubmissionAt && (!last || k.lastSubmissionAt > last)) last = k.lastSubmissionAt;
  }
  return {
    kims: list.length,
    activeKims: list.filter((k) => k.submissions > 0).length,
    ...counts,
    rejectionRate: rate(counts.rejected, counts.decided),
    consistency: weeksCounted > 0 ? weeksActive / weeksCounted : 0,
    lastSubmissionAt: last,
    medianDecisionHours,
    averageScore: list.length ? Math.round((scoreSum / list.length) * 10) / 10 : 0,
    groups,
  };
}
