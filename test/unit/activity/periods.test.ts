import { describe, expect, it } from "vitest";
import {
  parsePeriod,
  PeriodError,
  startOfWeek,
  weekIndexOf,
  weekIndexOfKey,
  weekKey,
  weekOfIndex,
  weeksInRange,
} from "../../../src/domain/activity/periods.js";
import { offsetSegments, startOfLocalDay, zonedTimeToUtc } from "../../../src/domain/activity/zoned.js";

const JKT = "Asia/Jakarta";
const iso = (d: Date) => d.toISOString();

describe("weeks in the configured zone", () => {
  it("puts 2026-11-29T17:30Z in the Jakarta week that starts that Monday 00:00 (UTC still says Sunday)", () => {
    const t = new Date("2026-11-29T17:30:00Z"); // Monday 2026-11-30 00:30 WIB
    expect(weekKey(t, JKT)).toBe("2026-W49");
    expect(weekKey(t, "UTC")).toBe("2026-W48");
    expect(iso(startOfWeek(t, JKT))).toBe("2026-11-29T17:00:00.000Z");
    // One minute before Monday 00:00 WIB is still the previous week.
    expect(weekKey(new Date("2026-11-29T16:59:00Z"), JKT)).toBe("2026-W48");
    expect(iso(startOfWeek(new Date("2026-11-29T16:59:00Z"), JKT))).toBe("2026-11-22T17:00:00.000Z");
  });

  it("follows ISO week-numbering years (2026 has 53 weeks, 2027 starts on Monday 4 January)", () => {
    expect(weekKey(new Date("2026-12-31T05:00:00Z"), JKT)).toBe("2026-W53");
    expect(weekKey(new Date("2027-01-03T05:00:00Z"), JKT)).toBe("2026-W53");
    expect(weekKey(new Date("2027-01-03T17:00:00Z"), JKT)).toBe("2027-W01"); // Monday 00:00 WIB
    expect(weekKey(new Date("2025-12-29T05:00:00Z"), JKT)).toBe("2026-W01");
  });

  it("converts week keys to indexes and back, rejecting weeks that do not exist", () => {
    const i = weekIndexOfKey("2026-W49")!;
    expect(weekOfIndex(i, JKT).key).toBe("2026-W49");
    expect(weekIndexOfKey("2026-W50")).toBe(i + 1);
    expect(weekIndexOfKey("2026-W53")).toBeDefined();
    expect(weekIndexOfKey("2027-W53")).toBeUndefined();
    expect(weekIndexOfKey("2026-W00")).toBeUndefined();
    expect(weekIndexOfKey("2026-49")).toBeUndefined();
    expect(weekIndexOf(new Date("2026-11-29T17:30:00Z"), JKT)).toBe(i);
  });

  it("handles DST: the week of 23 March 2026 in Berlin is an hour short and ends at Monday 00:00 CEST", () => {
    const w = weekOfIndex(weekIndexOfKey("2026-W13")!, "Europe/Berlin");
    expect(iso(w.start)).toBe("2026-03-22T23:00:00.000Z"); // 00:00 CET
    expect(iso(w.end)).toBe("2026-03-29T22:00:00.000Z"); // 00:00 CEST
    expect(w.end.getTime() - w.start.getTime()).toBe(7 * 86_400_000 - 3_600_000);
    expect(weekKey(new Date("2026-03-29T22:30:00Z"), "Europe/Berlin")).toBe("2026-W14");
  });

  it("finds the offset changes of a range to the second", () => {
    const segs = offsetSegments(new Date("2026-10-01T00:00:00Z"), new Date("2026-12-01T00:00:00Z"), "Europe/Berlin");
    expect(segs).toEqual([
      { start: Date.parse("2026-10-01T00:00:00Z"), offset: 7_200_000 },
      { start: Date.parse("2026-10-25T01:00:00Z"), offset: 3_600_000 },
    ]);
    expect(offsetSegments(new Date("2026-01-01T00:00:00Z"), new Date("2027-01-01T00:00:00Z"), JKT)).toHaveLength(1);
  });

  it("resolves a skipped local midnight to the first instant of the day", () => {
    // Santiago skipped 00:00-01:00 on 2026-09-06 (clocks went from 00:00 to 01:00).
    const start = startOfLocalDay({ year: 2026, month: 9, day: 6 }, "America/Santiago");
    expect(iso(start)).toBe("2026-09-06T04:00:00.000Z");
    expect(iso(zonedTimeToUtc({ year: 2026, month: 11, day: 30, hour: 8, minute: 0, second: 0 }, JKT))).toBe(
      "2026-11-30T01:00:00.000Z",
    );
  });

  it("lists the weeks overlapping a range, partial ones included", () => {
    const weeks = weeksInRange(new Date("2026-10-31T17:00:00Z"), new Date("2026-11-30T17:00:00Z"), JKT); // November WIB
    expect(weeks.map((w) => w.key)).toEqual(["2026-W44", "2026-W45", "2026-W46", "2026-W47", "2026-W48", "2026-W49"]);
    expect(weeksInRange(new Date("2026-11-01T00:00:00Z"), new Date("2026-11-01T00:00:00Z"), JKT)).toEqual([]);
  });
});

describe("parsePeriod", () => {
  // Monday 2026-11-30 00:30 in Jakarta, still Sunday in UTC.
  const now = new Date("2026-11-29T17:30:00Z");
  const range = (spec: string, at = now, tz = JKT) => {
    const p = parsePeriod(spec, at, tz);
    return [iso(p.from), iso(p.to)];
  };

  it("this week is the Jakarta week, not the UTC one", () => {
    expect(range("minggu-ini")).toEqual(["2026-11-29T17:00:00.000Z", "2026-12-06T17:00:00.000Z"]);
    expect(range("this-week")).toEqual(range("minggu-ini"));
    // Half an hour earlier it is still Sunday in Jakarta: the previous week.
    expect(range("minggu-ini", new Date("2026-11-29T16:30:00Z"))).toEqual(["2026-11-22T17:00:00.000Z", "2026-11-29T17:00:00.000Z"]);
  });

  it("4 weeks are the current ISO week and the 3 before it", () => {
    const p = parsePeriod("4-minggu", now, JKT);
    expect([iso(p.from), iso(p.to)]).toEqual(["2026-11-08T17:00:00.000Z", "2026-12-06T17:00:00.000Z"]);
    expect(p.spec).toBe("4-minggu");
    expect(p.count).toBe(4);
    expect(range("4w")).toEqual(range("4-minggu"));
    expect(range("4 weeks")).toEqual(range("4-minggu"));
  });

  it("months: this month, a named month, the last 12 months including this one", () => {
    // It is already 30 November in Jakarta.
    expect(range("bulan-ini")).toEqual(["2026-10-31T17:00:00.000Z", "2026-11-30T17:00:00.000Z"]);
    expect(range("bulan-ini", new Date("2026-11-30T17:30:00Z"))).toEqual(["2026-11-30T17:00:00.000Z", "2026-12-31T17:00:00.000Z"]);
    expect(range("2026-02")).toEqual(["2026-01-31T17:00:00.000Z", "2026-02-28T17:00:00.000Z"]);
    expect(range("12-bulan")).toEqual(["2025-11-30T17:00:00.000Z", "2026-11-30T17:00:00.000Z"]);
    expect(range("12m")).toEqual(range("12-bulan"));
  });

  it("a custom range includes its last day", () => {
    const p = parsePeriod("2026-11-01..2026-11-15", now, JKT);
    expect([iso(p.from), iso(p.to)]).toEqual(["2026-10-31T17:00:00.000Z", "2026-11-15T17:00:00.000Z"]);
    expect(p.lastDay).toEqual({ year: 2026, month: 11, day: 15 });
    expect(parsePeriod(" 2026-11-01 .. 2026-11-01 ", now, JKT).to.getTime() - p.from.getTime()).toBe(86_400_000);
  });

  it("rejects bad specs with a code", () => {
    const code = (spec: string) => {
      try {
        parsePeriod(spec, now, JKT);
        return "ok";
      } catch (err) {
        expect(err).toBeInstanceOf(PeriodError);
        return (err as PeriodError).code;
      }
    };
    expect(code("kemarin")).toBe("format");
    expect(code("0-minggu")).toBe("format");
    expect(code("2026-13")).toBe("date");
    expect(code("2026-02-30..2026-03-01")).toBe("date");
    expect(code("2026-03-01..2026-02-01")).toBe("order");
    expect(code("2020-01-01..2026-01-01")).toBe("too-long");
    expect(code("200-minggu")).toBe("too-long");
    expect(code("2026-11")).toBe("ok");
  });
});
