// Wall-clock arithmetic in an IANA time zone with nothing but Intl.
//
// A "civil date" is a calendar date without a time zone ({ year, month 1-12, day }). Everything
// people see (week boundaries, dates in reports) is a civil date or time in Config.timeZone;
// everything stored is an instant (Date, epoch milliseconds).

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

export interface CivilDate {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
}

export interface LocalDateTime extends CivilDate {
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone, which is what callers should see.
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock date and time of an instant in a zone. */
export function zonedParts(date: Date | number, timeZone: string): LocalDateTime {
  const parts = formatterFor(timeZone).formatToParts(typeof date === "number" ? new Date(date) : date);
  const out: LocalDateTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of parts) {
    switch (p.type) {
      case "year":
        out.year = Number(p.value);
        break;
      case "month":
        out.month = Number(p.value);
        break;
      case "day":
        out.day = Number(p.value);
        break;
      case "hour":
        // Some ICU versions still print 24 for midnight.
        out.hour = Number(p.value) % 24;
        break;
      case "minute":
        out.minute = Number(p.value);
        break;
      case "second":
        out.second = Number(p.value);
        break;
    }
  }
  return out;
}

/** The zone's offset from UTC at an instant, in milliseconds (+07:00 → 25_200_000). */
export function offsetMs(date: Date | number, timeZone: string): number {
  const t = typeof date === "number" ? date : date.getTime();
  const wholeSecond = t - (((t % 1000) + 1000) % 1000);
  const p = zonedParts(wholeSecond, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - wholeSecond;
}

/**
 * The instant at which the wall clock in `timeZone` shows `local`. A time skipped by a DST jump
 * resolves to an instant just after the jump; a time that occurs twice resolves to one of them.
 */
export function zonedTimeToUtc(local: LocalDateTime, timeZone: string): Date {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  let t = asUtc - offsetMs(asUtc, timeZone);
  t = asUtc - offsetMs(t, timeZone);
  return new Date(t);
}

/** The first instant of a civil day in the zone (usually 00:00; later when midnight is skipped by DST). */
export function startOfLocalDay(day: CivilDate, timeZone: string): Date {
  let t = zonedTimeToUtc({ ...day, hour: 0, minute: 0, second: 0 }, timeZone).getTime();
  // A skipped midnight can resolve to the evening before: move forward to the day itself.
  for (let i = 0; i < 4; i++) {
    const p = zonedParts(t, timeZone);
    const cmp = compareCivil(p, day);
    if (cmp >= 0) break;
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    t += Date.UTC(day.year, day.month - 1, day.day) - shown;
  }
  return new Date(t);
}

/** The civil date of an instant in the zone. */
export function civilDateOf(date: Date | number, timeZone: string): CivilDate {
  const p = zonedParts(date, timeZone);
  return { year: p.year, month: p.month, day: p.day };
}

/** Calendar arithmetic on civil dates (independent of any zone). */
export function addDays(day: CivilDate, days: number): CivilDate {
  const d = new Date(Date.UTC(day.year, day.month - 1, day.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** First day of the month `months` months after the month of `day`. */
export function addMonths(day: CivilDate, months: number): CivilDate {
  const d = new Date(Date.UTC(day.year, day.month - 1 + months, 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: 1 };
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function isoWeekday(day: CivilDate): number {
  const wd = new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

export function compareCivil(a: CivilDate, b: CivilDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** Days from a to b (b - a) on the calendar. */
export function civilDaysBetween(a: CivilDate, b: CivilDate): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);
}

/** A real calendar date? (rejects 2026-02-30) */
export function isValidCivil(day: CivilDate): boolean {
  if (!Number.isInteger(day.year) || !Number.isInteger(day.month) || !Number.isInteger(day.day)) return false;
  if (day.month < 1 || day.month > 12 || day.day < 1) return false;
  const d = new Date(Date.UTC(day.year, day.month - 1, day.day));
  return d.getUTCFullYear() === day.year && d.getUTCMonth() === day.month - 1 && d.getUTCDate() === day.day;
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** "2026-11-30" */
export function formatCivil(day: CivilDate): string {
  return `${String(day.year).padStart(4, "0")}-${pad2(day.month)}-${pad2(day.day)}`;
}

/** "2026-11-30 08:05" in the zone: for CSV and logs (locale-neutral, spreadsheets read it). */
export function formatLocalDateTime(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${formatCivil(p)} ${pad2(p.hour)}:${pad2(p.minute)}`;
}

/**
 * The zone's offset as constant pieces over [from, to): `[{ start, offset }]`, sorted, the first
 * starting at `from`. One piece for zones without DST (Asia/Jakarta); a few around DST changes.
 * Lets SQL turn stored instants into local wall-clock time with a small CASE expression.
 */
export function offsetSegments(from: Date, to: Date, timeZone: string): Array<{ start: number; offset: number }> {
  const start = from.getTime();
  const end = Math.max(start, to.getTime());
  const segments = [{ start, offset: offsetMs(start, timeZone) }];
  // DST changes are months apart: a daily probe cannot miss one (it bisects to the second).
  const step = DAY_MS;
  let prevT = start;
  let prevOffset = segments[0]!.offset;
  for (let t = Math.min(start + step, end); ; t = Math.min(t + step, end)) {
    const o = offsetMs(t, timeZone);
    if (o !== prevOffset) {
      // Bisect to the second at which the offset changes.
      let lo = prevT;
      let hi = t;
      while (hi - lo > 1000) {
        const mid = lo + Math.max(1000, Math.floor((hi - lo) / 2000) * 1000);
        if (offsetMs(mid, timeZone) === prevOffset) lo = mid;
        else hi = mid;
      }
      // Offsets change on whole seconds: hi is within a second after the change.
      segments.push({ start: hi - (((hi % 1000) + 1000) % 1000), offset: o });
      prevOffset = o;
    }
    prevT = t;
    if (t >= end) break;
  }
  return segments;
}
