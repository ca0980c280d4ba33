import { describe, expect, it } from "vitest";
import { currentStreak, streakEnd } from "../../../src/domain/activity/streak.js";

const CURRENT = 2900;
const weeks = (...list: number[]) => {
  const set = new Set(list);
  return (week: number) => set.has(week);
};
/** Weeks current - from … current - to (from ≥ to), all active. */
const run = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => CURRENT - to - i);
const window = (lookbackWeeks = 52) => ({ currentWeek: CURRENT, lookbackWeeks });

describe("currentStreak", () => {
  it("is 0 without any active week", () => {
    expect(currentStreak(weeks(), window())).toBe(0);
  });

  it("counts the current week when it is already active", () => {
    expect(currentStreak(weeks(...run(2, 0)), window())).toBe(3);
    expect(streakEnd(weeks(...run(2, 0)), CURRENT)).toBe(CURRENT);
  });

  it("ends with last week while the current week has no submission yet", () => {
    expect(currentStreak(weeks(...run(4, 1)), window())).toBe(4);
    expect(streakEnd(weeks(...run(4, 1)), CURRENT)).toBe(CURRENT - 1);
  });

  it("is 0 when neither this week nor last week was active, whatever came before", () => {
    expect(currentStreak(weeks(...run(10, 2)), window())).toBe(0);
  });

  it("stops at a gap", () => {
    expect(currentStreak(weeks(...run(1, 0), ...run(9, 3)), window())).toBe(2);
    expect(currentStreak(weeks(...run(3, 1), ...run(20, 5)), window())).toBe(3);
  });

  it("counts a long run only within the lookback, the current week included", () => {
    expect(currentStreak(weeks(...run(79, 0)), window())).toBe(52);
    expect(currentStreak(weeks(...run(79, 0)), window(20))).toBe(20);
    // Without the current week, the lookback leaves one week less of the run.
    expect(currentStreak(weeks(...run(79, 1)), window())).toBe(51);
    expect(currentStreak(weeks(...run(29, 0)), window())).toBe(30);
  });

  it("with a lookback of one week, only the current week can count", () => {
    expect(currentStreak(weeks(CURRENT), window(1))).toBe(1);
    expect(currentStreak(weeks(CURRENT - 1), window(1))).toBe(0);
  });
});
