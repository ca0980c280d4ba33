// Weeks and report periods in the configured time zone.
//
// A week is an ISO week: Monday 00:00 to the next Monday 00:00 in Config.timeZone, named by its
// ISO week key ("2026-W49"). A period is a half-open range of instants [from, to).
import {
  addDays,
  addMonths,
  civilDateOf,
  civilDaysBetween,
  compareCivil,
  formatCivil,
  isoWeekday,
  isValidCivil,
  startOfLocalDay,
  type CivilDate,
} from "./zoned.js";

/** Monday 1970-01-05: week index 0. Week indexes count local weeks since then. */
const EPOCH_MONDAY = Date.UTC(1970, 0, 5);
const DAY = 86_400_000;

export interface WeekInfo {
  /** "2026-W49" */
  key: string;
  /** Local weeks since Monday 1970-01-05 (consecutive weeks have consecutive indexes). */
  index: number;
  /** Monday of the week (civil date in the zone). */
  monday: CivilDate;
  /** Monday 00:00 local. */
  start: Date;
  /** Next Monday 00:00 local (exclusive). */
  end: Date;
}

/** ISO week-numbering year and week of a civil date. */
export function isoWeekOf(day: CivilDate): { year: number; week: number } {
  const date = Date.UTC(day.year, day.month - 1, day.day);
  const thursday = new Date(date + (4 - isoWeekday(day)) * DAY);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY));
  return { year, week };
}

export function weekKeyOfCivil(day: CivilDate): string {
  const { year, week } = isoWeekOf(day);
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** ISO week key of an instant in the zone: 2026-11-29T17:30Z → "2026-W49" in Asia/Jakarta. */
export function weekKey(date: Date, timeZone: string): string {
  return weekKeyOfCivil(civilDateOf(date, timeZone));
}

/** Week index of a civil date (Monday-based, 0 = week of 1970-01-05). */
export function weekIndexOfCivil(day: CivilDate): number {
  return Math.floor((Date.UTC(day.year, day.month - 1, day.day) - EPOCH_MONDAY) / (7 * DAY));
}

export function weekIndexOf(date: Date, timeZone: string): number {
  return weekIndexOfCivil(civilDateOf(date, timeZone));
}

export function mondayOfIndex(index: number): CivilDate {
  return addDays({ year: 1970, month: 1, day: 5 }, index * 7);
}

export function weekOfIndex(index: number, timeZone: string): WeekInfo {
  const monday = mondayOfIndex(index);
  return {
    key: weekKeyOfCivil(monday),
    index,
    monday,
    start: startOfLocalDay(monday, timeZone),
    end: startOfLocalDay(addDays(monday, 7), timeZone),
  };
}

/** The week containing an instant. */
export function weekOf(date: Date, timeZone: string): WeekInfo {
  return weekOfIndex(weekIndexOf(date, timeZone), timeZone);
}

/** Monday 00:00 local of the week containing `date`. */
export function startOfWeek(date: Date, timeZone: string): Date {
  return weekOf(date, timeZone).start;
}

const WEEK_KEY = /^(\d{4})-W(\d{2})$/;

/** "2026-W49" → its week index, or undefined when the key is not a real ISO week. */
export function weekIndexOfKey(key: string): number | undefined {
  const m = WEEK_KEY.exec(key);
  if (!m) return undefined;
  const year = Number(m[1]);
  const week = Number(m[2]);
  // Week 1 is the week with January 4th.
  const jan4: CivilDate = { year, month: 1, day: 4 };
  const index = weekIndexOfCivil(jan4) + week - 1;
  return week >= 1 && weekKeyOfCivil(mondayOfIndex(index)) === key ? index : undefined;
}

/** Every week that overlaps [from, to), in order. */
export function weeksInRange(from: Date, to: Date, timeZone: string): WeekInfo[] {
  if (to.getTime() <= from.getTime()) return [];
  const first = weekIndexOf(from, timeZone);
  const last = weekIndexOf(new Date(to.getTime() - 1), timeZone);
  const out: WeekInfo[] = [];
  for (let i = first; i <= last; i++) out.push(weekOfIndex(i, timeZone));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Periods

export type PeriodKind = "this-week" | "weeks" | "this-month" | "month" | "months" | "custom";

export interface Period {
  kind: PeriodKind;
  /** Canonical spec, for example "4-minggu", "2026-11", "2026-11-01..2026-11-15". */
  spec: string;
  /** Number of weeks/months for "weeks"/"months". */
  count?: number;
  from: Date;
  /** Exclusive. */
  to: Date;
  /** First day and last day (inclusive), as civil dates in the zone: for titles. */
  firstDay: CivilDate;
  lastDay: CivilDate;
  timeZone: string;
}

export type PeriodErrorCode = "format" | "date" | "order" | "too-long";

export class PeriodError extends Error {
  constructor(
    readonly code: PeriodErrorCode,
    readonly spec: string,
  ) {
    super(`Invalid period "${spec}": ${code}`);
    this.name = "PeriodError";
  }
}

/** Longest custom range accepted, in days. */
export const MAX_CUSTOM_DAYS = 3 * 366;
const MAX_WEEKS = 104;
const MAX_MONTHS = 36;

/** The spec used when none is given. */
export const DEFAULT_PERIOD = "4-minggu";

/** Specs listed in help texts. */
export const PERIOD_EXAMPLES = ["minggu-ini", "4-minggu", "bulan-ini", "12-bulan", "2026-11", "2026-11-01..2026-11-30"];

function build(kind: PeriodKind, spec: string, firstDay: CivilDate, endExclusive: CivilDate, timeZone: string, count?: number): Period {
  return {
    kind,
    spec,
    ...(count === undefined ? {} : { count }),
    from: startOfLocalDay(firstDay, timeZone),
    to: startOfLocalDay(endExclusive, timeZone),
    firstDay,
    lastDay: addDays(endExclusive, -1),
    timeZone,
  };
}

/**
 * Parses a period spec relative to `now`, in the zone:
 *
 * - `minggu-ini` / `this-week`: the current ISO week (Monday → next Monday).
 * - `N-minggu` / `Nw` / `N-weeks` (1-104), e.g. `4-minggu`: the last N ISO weeks **including the
 *   current one** (so `4-minggu` = the current week and the 3 weeks before it).
 * - `bulan-ini` / `this-month`: the current calendar month.
 * - `N-bulan` / `Nm` / `N-months` (1-36), e.g. `12-bulan`: the last N calendar months including
 *   the current one.
 * - `YYYY-MM`: that calendar month.
 * - `YYYY-MM-DD..YYYY-MM-DD`: from the first day 00:00 to the end of the last day (inclusive).
 *
 * Periods may extend past `now`; indicators only count what happened up to `now`.
 * Throws PeriodError (code "format" | "date" | "order" | "too-long").
 */
export function parsePeriod(input: string, now: Date, timeZone: string): Period {
  const raw = input.trim().toLowerCase().replace(/\s+/g, "").replace(/[–—]/g, "-");
  const today = civilDateOf(now, timeZone);
  const currentMonday = addDays(today, 1 - isoWeekday(today));
  const currentMonth: CivilDate = { year: today.year, month: today.month, day: 1 };

  if (raw === "minggu-ini" || raw === "mingguini" || raw === "this-week" || raw === "week") {
    return build("this-week", "minggu-ini", currentMonday, addDays(currentMonday, 7), timeZone);
  }
  if (raw === "bulan-ini" || raw === "bulanini" || raw === "this-month" || raw === "month") {
    return build("this-month", "bulan-ini", currentMonth, addMonths(currentMonth, 1), timeZone);
  }

  const weeks = /^(\d{1,3})-?(minggu|weeks?|w)$/.exec(raw);
  if (weeks) {
    const n = Number(weeks[1]);
    if (n < 1) throw new PeriodError("format", input);
    if (n > MAX_WEEKS) throw new PeriodError("too-long", input);
    return build("weeks", `${n}-minggu`, addDays(currentMonday, -7 * (n - 1)), addDays(currentMonday, 7), timeZone, n);
  }
  const months = /^(\d{1,3})-?(bulan|months?|m)$/.exec(raw);
  if (months) {
    const n = Number(months[1]);
    if (n < 1) throw new PeriodError("format", input);
    if (n > MAX_MONTHS) throw new PeriodError("too-long", input);
    return build("months", `${n}-bulan`, addMonths(currentMonth, -(n - 1)), addMonths(currentMonth, 1), timeZone, n);
  }

  const month = /^(\d{4})-(\d{2})$/.exec(raw);
  if (month) {
    const first: CivilDate = { year: Number(month[1]), month: Number(month[2]), day: 1 };
    if (!isValidCivil(first)) throw new PeriodError("date", input);
    return build("month", formatCivil(first).slice(0, 7), first, addMonths(first, 1), timeZone);
  }

  const custom = /^(\d{4})-(\d{2})-(\d{2})(?:\.\.|-|\/|s\/d|sd|to)(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (custom) {
    const a: CivilDate = { year: Number(custom[1]), month: Number(custom[2]), day: Number(custom[3]) };
    const b: CivilDate = { year: Number(custom[4]), month: Number(custom[5]), day: Number(custom[6]) };
    if (!isValidCivil(a) || !isValidCivil(b)) throw new PeriodError("date", input);
    if (compareCivil(a, b) > 0) throw new PeriodError("order", input);
    if (civilDaysBetween(a, b) + 1 > MAX_CUSTOM_DAYS) throw new PeriodError("too-long", input);
    return build("custom", `${formatCivil(a)}..${formatCivil(b)}`, a, addDays(b, 1), timeZone);
  }
  throw new PeriodError("format", input);
}

/** A period from explicit instants (for callers that already have a range). */
export function periodFromRange(from: Date, to: Date, timeZone: string): Period {
  const firstDay = civilDateOf(from, timeZone);
  const lastDay = civilDateOf(new Date(Math.max(from.getTime(), to.getTime() - 1)), timeZone);
  return {
    kind: "custom",
    spec: `${formatCivil(firstDay)}..${formatCivil(lastDay)}`,
    from,
    to,
    firstDay,
    lastDay,
    timeZone,
  };
}
