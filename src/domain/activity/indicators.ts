// Activity indicators per KIM, per kecamatan and for the whole district over a period.
//
// Definitions (all counts are over submissions *confirmed* in [from, min(to, now)], the same
// notion of activity as reminders, see src/db/activity/expressions.ts):
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
//   the current week has no submission yet, counted within the last `streakLookbackWeeks` (52)
//   weeks including the current one. Independent of the period.
// - lastSubmissionAt: last confirmed submission before the end of the period (or now).
// - medianDecisionHours: median of decidedAt − confirmedAt for submissions of the period that
//   have a decision.
// Kecamatan and district rows add the counts up; their consistency is active KIM-weeks over
// counted KIM-weeks, and their median is over all their decisions (not a median of medians).
//
// Two ways to the same figures: from the weekly summary (summary.ts; whole weeks of the period
// from one row per KIM and 16 weeks, the period's cut edges and the running week from the
// submissions), or directly from the submissions (one pass over the per-KIM index). The summary
// is used when it counts weeks in the report's zone and its triggers exist;
// test/integration/activity/summary.test.ts checks that both give the same report.
import { dialectOf } from "../../db/dialect.js";
import type { DbOrTx } from "../../db/types.js";
import { kimList, lastSubmissionsPacked, type KimRosterRow } from "../../db/activity/roster.js";
import { summaryBlocksPacked, summaryMasksPacked, SUMMARY_BLOCK_WEEKS } from "../../db/activity/summary.js";
import {
  F_ARTICLE,
  F_DECIDED,
  F_FLAGGED,
  F_PUBLISHED,
  F_REJECTED,
  kimTotals,
  MINUTES_SHIFT,
  rangeCodesPacked,
  WEEK_SHIFT,
} from "../../db/activity/totals.js";
import { activeWeeks, kimsActiveIn } from "../../db/activity/weeks.js";
import { num } from "../../db/activity/values.js";
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
import { compareNames } from "./definitions.js";
import { currentStreak, streakEnd } from "./streak.js";
import { summaryState } from "./summary.js";
import { DAY_MS, offsetSegments } from "./zoned.js";

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
  /**
   * "auto" (default): the weekly summary when it counts weeks in `timeZone`, else the
   * submissions; "direct": always the submissions; "summary": the summary or an error.
   */
  source?: "auto" | "direct" | "summary";
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

// ---------------------------------------------------------------------------------------------
// Reading the submissions directly

// Each submission of the direct queries comes as one packed code (src/db/activity/totals.ts):
//   code = (decision minutes + 1) × 2^18 + week × 32 + flags   (decision minutes + 1 = 0: none)

/** Appends the integers of a string aggregate ("12,15,15") to `out` (cleared first). */
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
 * Current streak per KIM (see the definitions above). Looks back 8 weeks first, then further
 * (16, 32, … up to `lookbackWeeks`) only for the KIMs whose streak reaches the window's start.
 */
export async function currentStreaks(
  db: DbOrTx,
  now: Date,
  timeZone: string,
  lookbackWeeks = DEFAULT_STREAK_LOOKBACK_WEEKS,
): Promise<Map<number, number>> {
  const d = dialectOf(db);
  const currentWeek = weekIndexOf(now, timeZone);
  const result = new Map<number, number>();
  // KIM → its active weeks read so far. Only the KIMs whose streak reaches the oldest week read
  // (`open`) are read further back.
  const activeOf = new Map<number, Set<number>>();
  let open: number[] | undefined;
  let windowEnd = new Date(now.getTime() + 1);
  let covered = 0;
  let size = Math.min(8, lookbackWeeks);
  const ints: number[] = [];
  while (size > 0 && (open === undefined || open.length > 0)) {
    const firstWeek = currentWeek - covered - size + 1;
    const windowStart = weekOfIndex(firstWeek, timeZone).start;
    const offsets = offsetSegments(windowStart, windowEnd, timeZone);
    // Chunks keep the IN list well under SQLite's limit on parameters.
    const chunks = open ? Array.from({ length: Math.ceil(open.length / 5000) }, (_, i) => open!.slice(i * 5000, i * 5000 + 5000)) : [undefined];
    for (const kimIds of chunks) {
      for (const row of await activeWeeks(db, d, { start: windowStart, end: windowEnd, offsets, ...(kimIds ? { kimIds } : {}) })) {
        let weeks = activeOf.get(row.kimId);
        if (!weeks) activeOf.set(row.kimId, (weeks = new Set()));
        for (const week of readInts(row.weeks, ints)) weeks.add(week);
      }
    }
    covered += size;
    const next: number[] = [];
    for (const kimId of open ?? [...activeOf.keys()]) {
      const weeks = activeOf.get(kimId);
      if (!weeks) continue;
      const active = (week: number) => weeks.has(week);
      const streak = currentStreak(active, { currentWeek, lookbackWeeks: covered });
      if (streak === 0) continue;
      result.set(kimId, streak);
      if (streakEnd(active, currentWeek) - streak + 1 === firstWeek) next.push(kimId);
    }
    open = next;
    windowEnd = windowStart;
    size = Math.min(covered, lookbackWeeks - covered);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Reading the summary (summary.ts): whole weeks from ActivityKimBlock, the period's edges and the
// running week from the submissions.

// The summary's queries return their rows packed as text (src/db/activity/packed.ts).

/**
 * Calls `fn` with the numbers before ";" and the span after it, for each "\n"-separated record.
 * With `sized`, the last number of the head is the length of the span (no scan for its end).
 */
function eachRecord(s: string, fn: (head: number[], start: number, end: number) => void, sized = false): void {
  const head: number[] = [];
  let i = 0;
  while (i < s.length) {
    head.length = 0;
    let v = 0;
    let digits = false;
    let j = i;
    for (; j <= s.length; j++) {
      const c = j < s.length ? s.charCodeAt(j) : 59;
      if (c === 44 || c === 59 || c === 10) {
        head.push(digits ? v : NaN);
        v = 0;
        digits = false;
        if (c !== 44) break;
      } else {
        v = v * 10 + (c - 48);
        digits = true;
      }
    }
    const start = Math.min(j + 1, s.length);
    let end: number;
    if (s.charCodeAt(j) === 10 || j >= s.length) end = j;
    else if (sized) end = start + head[head.length - 1]!;
    else {
      end = s.indexOf("\n", start);
      if (end < 0) end = s.length;
    }
    fn(head, Math.min(start, end), end);
    i = end + 1;
  }
}

/** KIM id → row, as a dense array when the ids are (autoincrement ids are). */
function rowIndex(kims: Array<{ kimId: number }>): { get(kimId: number): number | undefined } {
  const max = kims.reduce((m, k) => Math.max(m, k.kimId), 0);
  if (max > 4 * kims.length + 1024) return new Map(kims.map((k, i) => [k.kimId, i]));
  const rows = new Int32Array(max + 1).fill(-1);
  kims.forEach((k, i) => (rows[k.kimId] = i));
  return { get: (kimId) => (kimId >= 0 && kimId <= max && rows[kimId]! >= 0 ? rows[kimId] : undefined) };
}

/** Spans of a packed text kept per KIM row, each with a tag (a row can have several records). */
class Spans {
  private readonly head: Int32Array;
  private readonly next: number[] = [];
  private readonly tags: number[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(rows: number) {
    this.head = new Int32Array(rows).fill(-1);
  }

  add(row: number, tag: number, start: number, end: number): void {
    this.next.push(this.head[row]!);
    this.tags.push(tag);
    this.starts.push(start);
    this.ends.push(end);
    this.head[row] = this.starts.length - 1;
  }

  forEach(row: number, fn: (tag: number, start: number, end: number) => void): void {
    for (let k = this.head[row]!; k >= 0; k = this.next[k]!) fn(this.tags[k]!, this.starts[k]!, this.ends[k]!);
  }
}

// ---------------------------------------------------------------------------------------------
// Computing

/** Figures per KIM row, in this order, in Tally.counts. */
const C_SUBMISSIONS = 0;
const C_PUBLISHED = 1;
const C_ARTICLES = 2;
const C_PHOTOS = 3;
const C_DECIDED = 4;
const C_REJECTED = 5;
const C_FLAGGED = 6;
const N_COUNTS = 7;

/**
 * What was read about the period, per KIM row: the counts, the weekly series and the decision
 * times. Rows are filled in order (everything of row 0, then of row 1, …), so each row's decision
 * times end up side by side.
 */
class Tally {
  readonly counts: Int32Array;
  readonly weekSubmissions: Int32Array;
  readonly weekPublished: Int32Array;
  private minutes = new Float64Array(4096);
  private minuteCount = 0;
  /** Row i owns minutes[segment[i] .. segment[i + 1]). */
  private readonly segment: Int32Array;
  private lastRow = -1;

  constructor(
    readonly rows: number,
    readonly weeks: WeekInfo[],
  ) {
    this.counts = new Int32Array(rows * N_COUNTS);
    this.weekSubmissions = new Int32Array(rows * weeks.length);
    this.weekPublished = new Int32Array(rows * weeks.length);
    this.segment = new Int32Array(rows + 1);
  }

  private get firstWeek(): number {
    return this.weeks[0]?.index ?? 0;
  }

  /** Submissions in the week (offset in the period's weeks) of a row. */
  submissionsIn(row: number, offset: number): number {
    return this.weekSubmissions[row * this.weeks.length + offset]!;
  }

  /** The photo count and packed codes of one KIM (kimTotalsQuery, rangeCodesQuery), codes in s[start, end). */
  addCodes(row: number, photos: unknown, s: string, start = 0, end = s.length): void {
    const c = row * N_COUNTS;
    this.counts[c + C_PHOTOS]! += num(photos);
    let v = 0;
    let digits = false;
    let fraction = false;
    for (let i = start; i <= end; i++) {
      const ch = i < end ? s.charCodeAt(i) : 44;
      if (ch === 44) {
        if (digits) this.addCode(row, v);
        v = 0;
        digits = false;
        fraction = false;
      } else if (ch === 46) {
        // "123.0" from a driver that returns REAL: the integer part is the code.
        fraction = true;
      } else if (!fraction) {
        v = v * 10 + (ch - 48);
        digits = true;
      }
    }
  }

  private addCode(row: number, code: number): void {
    const c = row * N_COUNTS;
    const weekCount = this.weeks.length;
    const low = code % MINUTES_SHIFT;
    const m = Math.floor(code / MINUTES_SHIFT);
    if (m > 0) this.addMinute(row, m - 1);
    const flags = low % WEEK_SHIFT;
    this.counts[c + C_SUBMISSIONS]!++;
    if (flags & F_PUBLISHED) this.counts[c + C_PUBLISHED]!++;
    if (flags & F_DECIDED) this.counts[c + C_DECIDED]!++;
    if (flags & F_REJECTED) this.counts[c + C_REJECTED]!++;
    if (flags & F_FLAGGED) this.counts[c + C_FLAGGED]!++;
    if (flags & F_ARTICLE) this.counts[c + C_ARTICLES]!++;
    const offset = Math.floor(low / WEEK_SHIFT) - this.firstWeek;
    if (offset < 0 || offset >= weekCount) return;
    this.weekSubmissions[row * weekCount + offset]!++;
    if (flags & F_PUBLISHED) this.weekPublished[row * weekCount + offset]!++;
  }

  /**
   * Summary entries ("i,n,published,articles,photos,decided,rejected,flagged[,minutes…]" joined by
   * ";", for week base + i) of one KIM in s[start, end), for the weeks in [fromWeek, toWeek] only.
   */
  addDetail(row: number, s: string, start: number, end: number, base: number, fromWeek: number, toWeek: number): void {
    const weekCount = this.weeks.length;
    const firstWeek = this.firstWeek;
    const c = row * N_COUNTS;
    const n = end;
    let i = start;
    while (i < n) {
      let week = 0;
      let ch = s.charCodeAt(i);
      while (ch !== 44) {
        week = week * 10 + (ch - 48);
        ch = s.charCodeAt(++i);
      }
      week += base;
      i++;
      if (week < fromWeek || week > toWeek) {
        const next = s.indexOf(";", i);
        if (next < 0 || next >= n) break;
        i = next + 1;
        continue;
      }
      // Seven counts, then decision minutes up to ";" or the end.
      let field = 0;
      let v = 0;
      for (; i <= n; i++) {
        ch = i < n ? s.charCodeAt(i) : 59;
        if (ch === 44 || ch === 59) {
          if (field < N_COUNTS) this.counts[c + field]! += v;
          else this.addMinute(row, v);
          if (field === 0) this.weekSubmissions[row * weekCount + week - firstWeek]! += v;
          else if (field === 1) this.weekPublished[row * weekCount + week - firstWeek]! += v;
          field++;
          v = 0;
          if (ch === 59) {
            i++;
            break;
          }
        } else {
          v = v * 10 + (ch - 48);
        }
      }
    }
  }

  private addMinute(row: number, minutes: number): void {
    if (row !== this.lastRow) this.moveTo(row);
    if (this.minuteCount === this.minutes.length) {
      const bigger = new Float64Array(this.minutes.length * 2);
      bigger.set(this.minutes);
      this.minutes = bigger;
    }
    this.minutes[this.minuteCount++] = minutes;
  }

  /** Closes the segments of the rows before `row` (rows come in order). */
  private moveTo(row: number): void {
    if (row < this.lastRow) throw new Error("Tally rows must be filled in order");
    for (let r = this.lastRow + 1; r <= row; r++) this.segment[r] = this.minuteCount;
    this.lastRow = row;
  }

  /** Decision minutes grouped by row: row i owns values[start[i] .. start[i + 1]). */
  decisionMinutes(): { values: Float64Array; start: Int32Array } {
    this.moveTo(this.rows);
    return { values: this.minutes.subarray(0, this.minuteCount), start: this.segment };
  }
}

/** The period and the clock, worked out once. */
interface Frame {
  from: Date;
  to: Date;
  now: Date;
  timeZone: string;
  /** max(from, min(to, now + 1 ms)): counting stops before it. */
  upper: Date;
  weeks: WeekInfo[];
  currentWeek: number;
  lookbackWeeks: number;
}

interface Gathered {
  kims: KimRosterRow[];
  tally: Tally;
  /** Current streak of the KIM in row i. */
  streak: (row: number) => number;
}

/** Every figure from the submissions themselves. */
async function gatherDirect(db: DbOrTx, frame: Frame): Promise<Gathered> {
  const { from, upper, now, timeZone, weeks, currentWeek, lookbackWeeks } = frame;
  const rows = await kimTotals(db, dialectOf(db), { from, upper, offsets: offsetSegments(from, upper, timeZone) });
  const tally = new Tally(rows.length, weeks);
  rows.forEach((r, i) => {
    if (r.codes !== null) tally.addCodes(i, r.photos, r.codes);
  });
  const kims = rows.map((r) => r.kim);
  // When the period runs up to now and holds the whole streak lookback (12 months does), the
  // streaks come from the period's own weeks; otherwise from their own queries.
  const firstWeek = weeks[0]?.index ?? 0;
  const streakFromPeriod =
    frame.to.getTime() > now.getTime() && weekOfIndex(currentWeek - lookbackWeeks + 1, timeZone).start.getTime() >= from.getTime();
  if (streakFromPeriod) {
    return {
      kims,
      tally,
      streak: (row) =>
        currentStreak((week) => {
          const o = week - firstWeek;
          return o >= 0 && o < weeks.length && tally.submissionsIn(row, o) > 0;
        }, frame),
    };
  }
  const streaks = await currentStreaks(db, now, timeZone, lookbackWeeks);
  return { kims, tally, streak: (row) => streaks.get(kims[row]!.kimId) ?? 0 };
}

/** Whole weeks of the period from the summary; the rest (its edges, the running week) directly. */
async function gatherFromSummary(db: DbOrTx, frame: Frame): Promise<Gathered> {
  const { from, upper, now, timeZone, weeks, currentWeek, lookbackWeeks } = frame;
  const d = dialectOf(db);
  const firstWeek = weeks[0]?.index ?? 0;
  const fromMs = from.getTime();
  const upperMs = upper.getTime();
  // Whole weeks: those lying entirely in [from, upper).
  const whole = weeks.filter((w) => w.start.getTime() >= fromMs && w.end.getTime() <= upperMs);
  const F = whole[0]?.index;
  const L = whole[whole.length - 1]?.index;
  const ranges: Array<[Date, Date]> =
    F === undefined || L === undefined ? [[from, upper]] : [[from, whole[0]!.start], [whole[whole.length - 1]!.end, upper]];

  const kims = await kimList(db, d);
  const rows = kims.length;
  const rowOf = rowIndex(kims);
  const tally = new Tally(rows, weeks);

  // Summary rows: their spans per KIM, the last submission in them, and whether the last block
  // has activity after the period's last whole week.
  const blockText = F === undefined || L === undefined ? "" : await summaryBlocksPacked(db, d, F, L);
  const blocks = new Spans(rows);
  const blockLast = new Float64Array(rows).fill(NaN);
  const beyond = new Uint8Array(rows);
  if (L !== undefined) {
    const lastBlock = Math.floor(L / SUMMARY_BLOCK_WEEKS);
    const after = ((1 << SUMMARY_BLOCK_WEEKS) - 1) & ~((2 << (L % SUMMARY_BLOCK_WEEKS)) - 1);
    eachRecord(
      blockText,
      ([kimId, block, mask, lastAt], start, end) => {
        const row = rowOf.get(kimId!);
        if (row === undefined) return;
        blocks.add(row, block!, start, end);
        if (!(blockLast[row]! >= lastAt!)) blockLast[row] = lastAt!;
        if (block === lastBlock && (mask! & after) !== 0) beyond[row] = 1;
      },
      true,
    );
  }
  // The edges, earliest first.
  const edges: Array<{ text: string; spans: Spans; photos: Int32Array; last: Float64Array }> = [];
  for (const [a, b] of ranges) {
    const text = a.getTime() < b.getTime() ? await rangeCodesPacked(db, d, { from: a, upper: b, offsets: offsetSegments(a, b, timeZone) }) : "";
    const edge = { text, spans: new Spans(rows), photos: new Int32Array(rows), last: new Float64Array(rows).fill(NaN) };
    eachRecord(text, ([kimId, photos, lastAt], start, end) => {
      const row = rowOf.get(kimId!);
      if (row === undefined) return;
      edge.spans.add(row, 0, start, end);
      edge.photos[row] = photos!;
      edge.last[row] = lastAt!;
    });
    edges.push(edge);
  }

  const unknownLast: number[] = [];
  const wholeStart = whole[0]?.start.getTime() ?? Infinity;
  const trailing = edges[edges.length - 1]!;
  const leading = edges.length > 1 ? edges[0]! : undefined;
  for (let row = 0; row < rows; row++) {
    if (F !== undefined && L !== undefined) {
      blocks.forEach(row, (block, start, end) => tally.addDetail(row, blockText, start, end, block * SUMMARY_BLOCK_WEEKS, F, L));
    }
    for (const edge of edges) edge.spans.forEach(row, (_, start, end) => tally.addCodes(row, edge.photos[row], edge.text, start, end));
    // The last submission before `upper`, from the latest part that has one: the trailing edge,
    // the whole weeks, the leading edge, earlier weeks of the blocks read; else an index seek.
    const inBlocks = blockLast[row]!;
    let last: number | undefined;
    if (trailing.last[row]! >= 0) last = trailing.last[row]!;
    else if (beyond[row] === 1) last = undefined;
    else if (inBlocks >= wholeStart) last = inBlocks;
    else if (leading && leading.last[row]! >= 0) last = leading.last[row]!;
    else if (inBlocks >= 0) last = inBlocks;
    if (last === undefined) unknownLast.push(row);
    else kims[row]!.lastSubmissionAt = new Date(last);
  }
  // Streaks: the running week up to now, and the finished weeks of the lookback.
  const current = weekOfIndex(currentWeek, timeZone);
  const nowMs = now.getTime();
  let currentActive: (row: number) => boolean;
  if (fromMs <= current.start.getTime() && upperMs >= nowMs + 1 && currentWeek >= firstWeek && currentWeek - firstWeek < weeks.length) {
    currentActive = (row) => tally.submissionsIn(row, currentWeek - firstWeek) > 0;
  } else {
    const ids = new Set(await kimsActiveIn(db, current.start, new Date(nowMs + 1)));
    currentActive = (row) => ids.has(kims[row]!.kimId);
  }
  const oldest = currentWeek - lookbackWeeks + 1;
  let pastActive: (row: number, week: number) => boolean;
  let stillUnknown = unknownLast;
  if (oldest > currentWeek - 1 || (F !== undefined && L !== undefined && oldest >= F && currentWeek - 1 <= L)) {
    pastActive = (row, week) => tally.submissionsIn(row, week - firstWeek) > 0;
  } else {
    // The blocks of the lookback, up to the block of the period's end: their masks give the
    // streaks, and their last submissions most of the last submissions still unknown.
    const firstBlock = Math.floor(oldest / SUMMARY_BLOCK_WEEKS);
    const lastBlock = Math.max(Math.floor((currentWeek - 1) / SUMMARY_BLOCK_WEEKS), Math.floor(weekIndexOf(new Date(upperMs - 1), timeZone) / SUMMARY_BLOCK_WEEKS));
    const span = lastBlock - firstBlock + 1;
    const masks = new Int32Array(rows * span);
    const lastAts = new Float64Array(rows * span).fill(NaN);
    eachRecord(await summaryMasksPacked(db, d, firstBlock, lastBlock), ([kimId, block, mask, lastAt]) => {
      const row = rowOf.get(kimId!);
      if (row === undefined) return;
      masks[row * span + block! - firstBlock] = mask!;
      lastAts[row * span + block! - firstBlock] = lastAt!;
    });
    pastActive = (row, week) => {
      const slot = Math.floor(week / SUMMARY_BLOCK_WEEKS) - firstBlock;
      return slot >= 0 && ((masks[row * span + slot]! >> (week % SUMMARY_BLOCK_WEEKS)) & 1) === 1;
    };
    // The latest block with activity before `upper` holds the last submission, unless a later
    // block that starts before `upper` also has activity after it (then it is not known here).
    const starts = Array.from({ length: span }, (_, slot) => weekOfIndex((firstBlock + slot) * SUMMARY_BLOCK_WEEKS, timeZone).start.getTime());
    stillUnknown = unknownLast.filter((row) => {
      for (let slot = span - 1; slot >= 0; slot--) {
        const at = lastAts[row * span + slot]!;
        if (Number.isNaN(at)) continue;
        if (at < upperMs) {
          kims[row]!.lastSubmissionAt = new Date(at);
          return false;
        }
        if (starts[slot]! < upperMs) return true;
      }
      return true;
    });
  }
  // What is left (nothing since long before the period, or rows dated after it): one index seek each.
  for (let i = 0; i < stillUnknown.length; i += 5000) {
    const chunk = stillUnknown.slice(i, i + 5000).map((row) => kims[row]!.kimId);
    eachRecord(await lastSubmissionsPacked(db, d, upper, chunk), ([kimId, lastAt]) => {
      const row = rowOf.get(kimId!);
      if (row !== undefined && Number.isFinite(lastAt)) kims[row]!.lastSubmissionAt = new Date(lastAt!);
    });
  }
  return {
    kims,
    tally,
    streak: (row) => currentStreak((week) => (week === currentWeek ? currentActive(row) : pastActive(row, week)), frame),
  };
}

/**
 * Computes every indicator, the score and the group of every KIM for [from, to).
 *
 * Reads the weekly summary (summary.ts) when it counts weeks in `timeZone`, and the submissions
 * themselves otherwise or with `source: "direct"`; both give exactly the same report.
 */
export async function computeIndicators(db: DbOrTx, opts: IndicatorOptions): Promise<IndicatorReport> {
  const { from, to, now, timeZone } = opts;
  const scoreConfig = resolveScoreConfig({ ...opts.score, weights: { ...opts.score?.weights, ...opts.weights } });
  const nowMs = now.getTime();
  const upper = new Date(Math.max(from.getTime(), Math.min(to.getTime(), nowMs + 1)));
  const frame: Frame = {
    from,
    to,
    now,
    timeZone,
    upper,
    weeks: weeksInRange(from, upper, timeZone),
    currentWeek: weekIndexOf(now, timeZone),
    lookbackWeeks: opts.streakLookbackWeeks ?? DEFAULT_STREAK_LOOKBACK_WEEKS,
  };
  const source = opts.source ?? "auto";
  let useSummary = false;
  if (source !== "direct") {
    const state = await summaryState(db);
    const problem =
      state.timeZone !== timeZone
        ? `the activity summary counts weeks in ${state.timeZone ?? "no zone"}, not ${timeZone}`
        : state.missingTriggers.length > 0
          ? `the activity summary is not kept current: triggers ${state.missingTriggers.join(", ")} are missing`
          : undefined;
    if (problem && source === "summary") throw new Error(problem);
    useSummary = problem === undefined;
  }
  const gathered = useSummary ? await gatherFromSummary(db, frame) : await gatherDirect(db, frame);
  return assemble(frame, gathered, scoreConfig);
}

function assemble(frame: Frame, { kims: rows, tally, streak }: Gathered, scoreConfig: ScoreConfig): IndicatorReport {
  const { from, to, now, timeZone, upper, weeks } = frame;
  const nowMs = now.getTime();
  const refMs = upper.getTime();
  const weekCount = weeks.length;
  const lastWeek = weeks[weekCount - 1];
  // The last week is still running when its part of the period has not fully elapsed.
  const lastWeekRunning = lastWeek !== undefined && nowMs < Math.min(lastWeek.end.getTime(), to.getTime());

  // Weekly series per kecamatan: flat arrays indexed by kecamatan slot × weekCount + week offset.
  const kecSlot = new Map<number, number>();
  for (const r of rows) if (!kecSlot.has(r.kecamatanId)) kecSlot.set(r.kecamatanId, kecSlot.size);
  const size = kecSlot.size * weekCount;
  const wSubmissions = new Int32Array(size);
  const wPublished = new Int32Array(size);
  const wActiveKims = new Int32Array(size);
  const weekEnds = Float64Array.from(weeks, (w) => w.end.getTime());

  const kims: KimIndicators[] = rows.map((r, row) => {
    const c = row * N_COUNTS;
    const counts: Counts = {
      submissions: tally.counts[c + C_SUBMISSIONS]!,
      published: tally.counts[c + C_PUBLISHED]!,
      articles: tally.counts[c + C_ARTICLES]!,
      photos: tally.counts[c + C_PHOTOS]!,
      decided: tally.counts[c + C_DECIDED]!,
      rejected: tally.counts[c + C_REJECTED]!,
      flagged: tally.counts[c + C_FLAGGED]!,
    };
    const base = kecSlot.get(r.kecamatanId)! * weekCount;
    let weeksActive = 0;
    let lastActiveOffset = -1;
    for (let o = 0; o < weekCount; o++) {
      const n = tally.submissionsIn(row, o);
      if (n === 0) continue;
      wSubmissions[base + o]! += n;
      wPublished[base + o]! += tally.weekPublished[row * weekCount + o]!;
      wActiveKims[base + o]!++;
      weeksActive++;
      lastActiveOffset = o;
    }
    // Weeks that end after the KIM was created (week ends ascend: binary search).
    const created = r.createdAt.getTime();
    let lo = 0;
    let hi = weekCount;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (weekEnds[mid]! > created) hi = mid;
      else lo = mid + 1;
    }
    let weeksCounted = weekCount - lo;
    if (lastWeekRunning && weeksCounted > 0 && lastActiveOffset !== weekCount - 1) weeksCounted--;
    weeksCounted = Math.max(weeksCounted, weeksActive);

    const daysSinceLast = r.lastSubmissionAt ? Math.max(0, (refMs - r.lastSubmissionAt.getTime()) / DAY_MS) : null;
    const s = scoreKim(
      { submissions: counts.submissions, weeksActive, weeksCounted, decided: counts.decided, rejected: counts.rejected, daysSinceLast },
      scoreConfig,
    );
    return {
      kimId: r.kimId,
      kimName: r.kimName,
      kecamatanId: r.kecamatanId,
      kecamatanName: r.kecamatanName,
      isSample: r.isSample,
      paused: r.pausedUntil !== null && r.pausedUntil.getTime() > nowMs,
      ...counts,
      rejectionRate: rate(counts.rejected, counts.decided),
      weeksActive,
      weeksCounted,
      consistency: weeksCounted > 0 ? weeksActive / weeksCounted : 0,
      streakWeeks: streak(row),
      lastSubmissionAt: r.lastSubmissionAt,
      daysSinceLast: daysSinceLast === null ? null : Math.floor(daysSinceLast),
      medianDecisionHours: null as number | null, // set below, from the segment of this row
      score: s.score,
      scoreParts: s.parts,
      group: s.group,
    };
  });
  // Decision times of every KIM, one after the other: KIM i owns [segment[i], segment[i + 1]).
  const { values: decisions, start: segment } = tally.decisionMinutes();
  const rowOf = new Map<number, number>();
  kims.forEach((k, i) => {
    rowOf.set(k.kimId, i);
    k.medianDecisionHours = minutesToHours(median(decisions.subarray(segment[i]!, segment[i + 1]!)));
  });
  // Kecamatan names ranked once: the collator then only compares KIMs of the same kecamatan.
  const kecRank = new Map([...new Set(kims.map((k) => k.kecamatanName))].sort(compareNames).map((name, i) => [name, i]));
  kims.sort(
    (a, b) => kecRank.get(a.kecamatanName)! - kecRank.get(b.kecamatanName)! || compareNames(a.kimName, b.kimName) || a.kimId - b.kimId,
  );

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
    asOf: new Date(Math.min(to.getTime(), nowMs)),
    timeZone,
    weeks,
    currentWeekKey: weekOfIndex(frame.currentWeek, timeZone).key,
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
