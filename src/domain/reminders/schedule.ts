// When the weekly reminder runs: cron expressions checked and matched by node-cron v4 itself,
// and the "is this week's run due?" decision, with catch-up after downtime.
//
// node-cron v4 semantics (proved in test/unit/activity/reminder-schedule.test.ts):
// - 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first; 5 fields run
//   at second 0.
// - Day of week 0-7 (0 and 7 are Sunday) or names (mon, monday).
// - Day of month AND day of week must BOTH match. `0 8 1 * 1` runs only on a 1st that is a
//   Monday, not on every 1st and every Monday as in Vixie cron.
// - Times are wall-clock times in the task's time zone (we always pass Config.timeZone).
import cron from "node-cron";
import { weekIndexOf, weekIndexOfKey, weekKey, weekOf } from "../activity/periods.js";
import { addDays, civilDateOf, compareCivil, zonedTimeToUtc, type CivilDate } from "../activity/zoned.js";

/** Every Monday at 08:00 in Config.timeZone. */
export const DEFAULT_REMINDER_CRON = "0 8 * * 1";

export interface ReminderSchedule {
  cron: string;
  timeZone: string;
}

/** The ISO week key ("2026-W49") that a reminder run at `now` belongs to. */
export function weekKeyFor(now: Date, timeZone: string): string {
  return weekKey(now, timeZone);
}

export type CronValidation = { valid: true; expression: string } | { valid: false; expression: string; errors: string[] };

/** Checks an expression with node-cron's own validator; errors name the field. */
export function validateCron(expression: string): CronValidation {
  const expr = expression.trim().replace(/\s+/g, " ");
  if (cron.validate(expr)) return { valid: true, expression: expr };
  let errors: string[];
  try {
    const detailed = cron.validateDetailed(expr);
    errors = detailed.errors.map((e) => `${e.field}: ${e.message}`);
  } catch (err) {
    errors = [err instanceof Error ? err.message : String(err)];
  }
  return { valid: false, expression: expr, errors: errors.length ? errors : ["invalid cron expression"] };
}

function assertValid(expression: string): string {
  const v = validateCron(expression);
  if (!v.valid) throw new RangeError(`Invalid cron expression "${expression}": ${v.errors.join("; ")}`);
  return v.expression;
}

/** Runs fn with node-cron's matcher for the expression; the task is never started and is destroyed after. */
function withMatcher<T>(expression: string, timeZone: string, fn: (match: (d: Date) => boolean) => T): T {
  const task = cron.createTask(expression, () => undefined, { timezone: timeZone });
  try {
    return fn((d) => task.match(d));
  } finally {
    void task.destroy();
  }
}

/** Does node-cron fire the expression at this instant (to the second)? */
export function cronMatches(expression: string, timeZone: string, at: Date): boolean {
  const expr = assertValid(expression);
  return withMatcher(expr, timeZone, (match) => match(at));
}

/**
 * Fire times of the expression in [from, to), in order, at most `limit`. Candidates are the
 * expression's hours/minutes/seconds on each local day; node-cron's matcher decides each one.
 */
export function fireTimes(expression: string, timeZone: string, from: Date, to: Date, limit = 1000): Date[] {
  const expr = assertValid(expression);
  const fields = cron.parse(expr);
  const hours = [...fields.hour].sort((a, b) => a - b);
  const minutes = [...fields.minute].sort((a, b) => a - b);
  const seconds = [...fields.second].sort((a, b) => a - b);
  const out: Date[] = [];
  if (to.getTime() <= from.getTime() || limit <= 0) return out;
  const lastDay = civilDateOf(new Date(to.getTime() - 1), timeZone);
  return withMatcher(expr, timeZone, (match) => {
    const seen = new Set<number>();
    for (let day: CivilDate = addDays(civilDateOf(from, timeZone), -1); compareCivil(day, lastDay) <= 0; day = addDays(day, 1)) {
      const found: number[] = [];
      for (const hour of hours) {
        for (const minute of minutes) {
          for (const second of seconds) {
            const t = zonedTimeToUtc({ ...day, hour, minute, second }, timeZone).getTime();
            if (t < from.getTime() || t >= to.getTime() || seen.has(t)) continue;
            if (match(new Date(t))) {
              seen.add(t);
              found.push(t);
            }
          }
        }
      }
      // DST can reorder candidates of one day; keep the output sorted.
      for (const t of found.sort((a, b) => a - b)) {
        out.push(new Date(t));
        if (out.length >= limit) return out;
      }
    }
    return out;
  });
}

/** The next `count` fire times strictly after `after`, looking at most `maxDays` ahead. */
export function nextFireTimes(expression: string, timeZone: string, after: Date, count = 1, maxDays = 800): Date[] {
  return fireTimes(expression, timeZone, new Date(after.getTime() + 1), new Date(after.getTime() + maxDays * 86_400_000), count);
}

export type DueReason = "on-time" | "catch-up" | "not-yet" | "already-ran";

export interface DueDecision {
  due: boolean;
  reason: DueReason;
  /** The week the run belongs to. */
  weekKey: string;
  /** This week's scheduled time (the first fire time of the week), or null when none has come yet. */
  scheduledAt: Date | null;
  /** True when the run is late (the bot was down or busy at the scheduled time). */
  catchUp: boolean;
}

/** A run this long after its scheduled time is reported as a catch-up. */
export const CATCH_UP_AFTER_MS = 5 * 60_000;

/**
 * Is this week's reminder run due at `now`? One run per ISO week: due once the week's first fire
 * time has passed and no run finished for this week yet. A bot that was down at the scheduled
 * time runs once when it comes back in the same week (reason "catch-up"); weeks that passed
 * entirely while it was down are not made up.
 *
 * `lastRunWeekKey` is the week of the last *finished* run (see lastFinishedRunWeekKey).
 */
export function dueRun(now: Date, lastRunWeekKey: string | null | undefined, schedule: ReminderSchedule): DueDecision {
  const week = weekOf(now, schedule.timeZone);
  const [scheduled] = fireTimes(schedule.cron, schedule.timeZone, week.start, new Date(now.getTime() + 1), 1);
  const base = { weekKey: week.key, scheduledAt: scheduled ?? null };
  const lastIndex = lastRunWeekKey ? weekIndexOfKey(lastRunWeekKey) : undefined;
  if (lastIndex !== undefined && lastIndex >= weekIndexOf(now, schedule.timeZone)) {
    return { ...base, due: false, reason: "already-ran", catchUp: false };
  }
  if (!scheduled) return { ...base, due: false, reason: "not-yet", catchUp: false };
  const late = now.getTime() - scheduled.getTime() > CATCH_UP_AFTER_MS;
  return { ...base, due: true, reason: late ? "catch-up" : "on-time", catchUp: late };
}

export interface CronDescription {
  expression: string;
  /** "weekly": fixed time(s) on some weekdays; "daily": every day; "custom": anything else. */
  kind: "weekly" | "daily" | "custom";
  /** ISO weekdays 1 (Monday) - 7 (Sunday), for "weekly". */
  weekdays: number[];
  /** "08:00" (local time), for "weekly" and "daily". */
  times: string[];
}

/** A structured reading of the expression, for messages such as "Setiap Senin pukul 08.00". */
export function describeCron(expression: string): CronDescription {
  const expr = assertValid(expression);
  const f = cron.parse(expr);
  const pad = (n: number) => String(n).padStart(2, "0");
  const allDays = f.dayOfMonth.length === 31 && f.dayOfMonth.every((d) => typeof d === "number");
  const allMonths = f.month.length === 12;
  const numericDow = f.dayOfWeek.every((d) => typeof d === "number");
  const fewTimes = f.hour.length * f.minute.length <= 4 && f.second.length === 1;
  if (!allDays || !allMonths || !numericDow || !fewTimes) return { expression: expr, kind: "custom", weekdays: [], times: [] };
  const weekdays = [...new Set((f.dayOfWeek as number[]).map((d) => (d === 0 ? 7 : d)))].sort((a, b) => a - b);
  const times = f.hour.flatMap((h) => f.minute.map((m) => `${pad(h)}:${pad(m)}`)).sort();
  return { expression: expr, kind: weekdays.length === 7 ? "daily" : "weekly", weekdays, times };
}

/**
 * "Setiap Senin pukul 08.00" / "Every Monday at 08:00" through the report-schedule-* keys of
 * locales/{id,en}/reports.ftl; `t` is bound to the reader's locale.
 */
export function formatSchedule(
  expression: string,
  t: (key: string, vars?: Record<string, string | number>) => string,
  locale: "id" | "en" = "id",
): string {
  const d = describeCron(expression);
  const times = d.times.map((x) => (locale === "id" ? x.replace(":", ".") : x)).join(", ");
  if (d.kind === "daily") return t("report-schedule-daily", { times });
  if (d.kind === "weekly") {
    const days = d.weekdays.map((w) => t(`report-weekday-${w}`)).join(", ");
    return t("report-schedule-weekly", { days, times });
  }
  return t("report-schedule-custom", { expression: d.expression });
}
