import cron from "node-cron";
import { describe, expect, it } from "vitest";
import { createI18n } from "../../../src/bot/i18n.js";
import {
  cronMatches,
  DEFAULT_REMINDER_CRON,
  describeCron,
  dueRun,
  fireTimes,
  formatSchedule,
  nextFireTimes,
  validateCron,
  weekKeyFor,
} from "../../../src/domain/reminders/schedule.js";

const JKT = "Asia/Jakarta";
const schedule = { cron: DEFAULT_REMINDER_CRON, timeZone: JKT };
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe("cron expressions with node-cron v4", () => {
  it("validates with node-cron and names the broken field", () => {
    expect(validateCron(" 0  8 * * 1 ")).toEqual({ valid: true, expression: "0 8 * * 1" });
    const bad = validateCron("0 25 * * 1");
    expect(bad.valid).toBe(false);
    expect(!bad.valid && bad.errors.join()).toMatch(/hour/);
    expect(validateCron("every monday").valid).toBe(false);
    expect(validateCron("0 8 * *").valid).toBe(false);
    expect(cron.validate("0 8 * * 1")).toBe(true);
  });

  it("fires the default `0 8 * * 1` every Monday at 08:00 in the zone, to the second", () => {
    expect(cronMatches(DEFAULT_REMINDER_CRON, JKT, new Date("2026-11-30T01:00:00Z"))).toBe(true); // Mon 08:00 WIB
    expect(cronMatches(DEFAULT_REMINDER_CRON, JKT, new Date("2026-11-30T01:00:01Z"))).toBe(false);
    expect(cronMatches(DEFAULT_REMINDER_CRON, JKT, new Date("2026-11-30T08:00:00Z"))).toBe(false); // 08:00 UTC
    expect(cronMatches(DEFAULT_REMINDER_CRON, JKT, new Date("2026-12-01T01:00:00Z"))).toBe(false); // Tuesday
    expect(nextFireTimes(DEFAULT_REMINDER_CRON, JKT, new Date("2026-11-27T00:00:00Z"), 3).map(iso)).toEqual([
      "2026-11-30T01:00:00.000Z",
      "2026-12-07T01:00:00.000Z",
      "2026-12-14T01:00:00.000Z",
    ]);
    // Exactly at a fire time, "next" is the one after.
    expect(iso(nextFireTimes(DEFAULT_REMINDER_CRON, JKT, new Date("2026-11-30T01:00:00Z"))[0]!)).toBe("2026-12-07T01:00:00.000Z");
  });

  it("requires day of month AND day of week (not OR as in Vixie cron)", () => {
    const expr = "0 8 1 * 1"; // the 1st of a month, if it is a Monday
    const fires = fireTimes(expr, JKT, new Date("2026-01-01T00:00:00Z"), new Date("2028-01-01T00:00:00Z"));
    const expected: string[] = [];
    for (let d = Date.UTC(2026, 0, 1); d < Date.UTC(2028, 0, 1); d += 86_400_000) {
      const day = new Date(d);
      if (day.getUTCDate() === 1 && day.getUTCDay() === 1) expected.push(new Date(d + 1 * 3_600_000).toISOString());
    }
    expect(expected).toEqual(["2026-06-01T01:00:00.000Z", "2027-02-01T01:00:00.000Z", "2027-03-01T01:00:00.000Z", "2027-11-01T01:00:00.000Z"]);
    expect(fires.map(iso)).toEqual(expected);
    // A Monday that is not the 1st, and a 1st that is not a Monday, do not match.
    expect(cronMatches(expr, JKT, new Date("2026-06-08T01:00:00Z"))).toBe(false);
    expect(cronMatches(expr, JKT, new Date("2026-07-01T01:00:00Z"))).toBe(false);
    expect(cronMatches(expr, JKT, new Date("2026-06-01T01:00:00Z"))).toBe(true);
  });

  it("fires the other expressions the README documents", () => {
    // Mondays and Thursdays 07:30 WIB (00:30 UTC).
    expect(fireTimes("30 7 * * 1,4", JKT, new Date("2026-11-29T00:00:00Z"), new Date("2026-12-07T00:00:00Z")).map(iso)).toEqual([
      "2026-11-30T00:30:00.000Z",
      "2026-12-03T00:30:00.000Z",
    ]);
    // The 1st of every month at 08:00 WIB, whatever the weekday.
    expect(fireTimes("0 8 1 * *", JKT, new Date("2026-11-15T00:00:00Z"), new Date("2027-02-15T00:00:00Z")).map(iso)).toEqual([
      "2026-12-01T01:00:00.000Z",
      "2027-01-01T01:00:00.000Z",
      "2027-02-01T01:00:00.000Z",
    ]);
    // Monday 06:00 in Jakarta is still Sunday in UTC.
    expect(cronMatches("0 6 * * 1", JKT, new Date("2026-11-29T23:00:00Z"))).toBe(true);
  });

  it("knows Sunday as 0, 7 and names, and supports a seconds field", () => {
    const sunday = new Date("2026-11-29T01:00:00Z"); // Sunday 08:00 WIB
    for (const e of ["0 8 * * 0", "0 8 * * 7", "0 8 * * sun", "0 8 * * Sunday"]) expect(cronMatches(e, JKT, sunday)).toBe(true);
    expect(cronMatches("30 0 8 * * 1", JKT, new Date("2026-11-30T01:00:30Z"))).toBe(true);
    expect(fireTimes("0 8 * * 1-5", JKT, new Date("2026-11-29T17:00:00Z"), new Date("2026-12-06T17:00:00Z"))).toHaveLength(5);
  });

  it("describes simple schedules in both languages", () => {
    const i18n = createI18n("id");
    expect(describeCron("0 8 * * 1")).toEqual({ expression: "0 8 * * 1", kind: "weekly", weekdays: [1], times: ["08:00"] });
    expect(describeCron("30 7 * * sun,mon").weekdays).toEqual([1, 7]);
    expect(formatSchedule("0 8 * * 1", (k, v) => i18n.t("id", k, v), "id")).toBe("Setiap Senin pukul 08.00");
    expect(formatSchedule("0 8 * * 1", (k, v) => i18n.t("en", k, v), "en")).toBe("Every Monday at 08:00");
    expect(formatSchedule("0 7 * * *", (k, v) => i18n.t("id", k, v), "id")).toBe("Setiap hari pukul 07.00");
    expect(formatSchedule("0 8 1 * *", (k, v) => i18n.t("id", k, v), "id")).toBe("Jadwal cron: 0 8 1 * *");
  });
});

describe("dueRun", () => {
  it("is not due before Monday 08:00, due at 08:00, and done once the week has run", () => {
    const early = dueRun(new Date("2026-11-30T00:59:00Z"), "2026-W48", schedule);
    expect(early).toMatchObject({ due: false, reason: "not-yet", weekKey: "2026-W49", scheduledAt: null });
    const onTime = dueRun(new Date("2026-11-30T01:00:20Z"), "2026-W48", schedule);
    expect(onTime).toMatchObject({ due: true, reason: "on-time", catchUp: false, weekKey: "2026-W49" });
    expect(iso(onTime.scheduledAt)).toBe("2026-11-30T01:00:00.000Z");
    expect(dueRun(new Date("2026-11-30T01:05:00Z"), "2026-W49", schedule)).toMatchObject({ due: false, reason: "already-ran" });
  });

  it("catches up once when the bot was down at the scheduled time, in the same week only", () => {
    // Down all Monday, back on Wednesday.
    const late = dueRun(new Date("2026-12-02T03:00:00Z"), "2026-W48", schedule);
    expect(late).toMatchObject({ due: true, reason: "catch-up", catchUp: true, weekKey: "2026-W49" });
    expect(iso(late.scheduledAt)).toBe("2026-11-30T01:00:00.000Z");
    // Sunday 23:59 WIB is still the same week; Monday 00:00 starts a new one that is not due yet.
    expect(dueRun(new Date("2026-12-06T16:59:00Z"), null, schedule)).toMatchObject({ due: true, weekKey: "2026-W49" });
    expect(dueRun(new Date("2026-12-06T17:00:00Z"), "2026-W48", schedule)).toMatchObject({ due: false, reason: "not-yet", weekKey: "2026-W50" });
  });

  it("never runs a week twice, even if the last run looks later than now (clock moved back)", () => {
    expect(dueRun(new Date("2026-12-02T03:00:00Z"), "2026-W50", schedule)).toMatchObject({ due: false, reason: "already-ran" });
    expect(weekKeyFor(new Date("2026-11-29T17:30:00Z"), JKT)).toBe("2026-W49");
  });
});
