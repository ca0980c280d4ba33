import { describe, expect, it } from "vitest";
import { DEFAULT_SCORE_CONFIG, groupFor, resolveScoreConfig, scoreKim, scoreParts } from "../../../src/domain/activity/score.js";

describe("activity score", () => {
  it("matches the documented formula on a hand-computed KIM", () => {
    // consistency 3/4, volume 6/(2×4), acceptance 1 − 1/5, recency 1 − (10 − 7)/21.
    const input = { submissions: 6, weeksActive: 3, weeksCounted: 4, decided: 5, rejected: 1, daysSinceLast: 10 };
    const parts = scoreParts(input);
    expect(parts.consistency).toBeCloseTo(0.75);
    expect(parts.volume).toBeCloseTo(0.75);
    expect(parts.acceptance).toBeCloseTo(0.8);
    expect(parts.recency).toBeCloseTo(1 - 3 / 21);
    // 100 × (0.4×0.75 + 0.25×0.75 + 0.2×0.8 + 0.15×0.857…) = 77.6 → 78
    expect(scoreKim(input)).toMatchObject({ score: 78, group: "aktif" });
  });

  it("gives 0 and 'tidak-aktif' to a KIM without submissions, whatever else", () => {
    const r = scoreKim({ submissions: 0, weeksActive: 0, weeksCounted: 4, decided: 0, rejected: 0, daysSinceLast: 2 });
    expect(r.parts.acceptance).toBe(0);
    expect(r.group).toBe("tidak-aktif");
    expect(r.score).toBe(15); // only recency
    expect(scoreKim({ submissions: 0, weeksActive: 0, weeksCounted: 0, decided: 0, rejected: 0, daysSinceLast: null }).score).toBe(0);
  });

  it("caps volume, counts undecided work as half accepted and fades recency to 0 at 28 days", () => {
    expect(scoreParts({ submissions: 50, weeksActive: 4, weeksCounted: 4, decided: 0, rejected: 0, daysSinceLast: 0 })).toEqual({
      consistency: 1,
      volume: 1,
      acceptance: 0.5,
      recency: 1,
    });
    expect(scoreParts({ submissions: 1, weeksActive: 1, weeksCounted: 4, decided: 1, rejected: 1, daysSinceLast: 28 }).recency).toBe(0);
    expect(scoreParts({ submissions: 1, weeksActive: 1, weeksCounted: 4, decided: 1, rejected: 1, daysSinceLast: 17.5 }).recency).toBeCloseTo(0.5);
    expect(scoreKim({ submissions: 8, weeksActive: 4, weeksCounted: 4, decided: 8, rejected: 0, daysSinceLast: 1 }).score).toBe(100);
  });

  it("puts the group thresholds where the config says", () => {
    expect(groupFor(65, 3)).toBe("aktif");
    expect(groupFor(64, 3)).toBe("perlu-pembinaan");
    expect(groupFor(25, 1)).toBe("perlu-pembinaan");
    expect(groupFor(24, 1)).toBe("tidak-aktif");
    expect(groupFor(90, 0)).toBe("tidak-aktif");
    const strict = resolveScoreConfig({ activeMin: 80, inactiveBelow: 40 });
    expect(groupFor(79, 5, strict)).toBe("perlu-pembinaan");
    expect(groupFor(39, 5, strict)).toBe("tidak-aktif");
  });

  it("normalises configured weights and refuses bad ones", () => {
    const onlyConsistency = resolveScoreConfig({ weights: { consistency: 2, volume: 0, acceptance: 0, recency: 0 } });
    expect(onlyConsistency.weights).toEqual({ consistency: 1, volume: 0, acceptance: 0, recency: 0 });
    const input = { submissions: 1, weeksActive: 1, weeksCounted: 4, decided: 1, rejected: 0, daysSinceLast: 0 };
    expect(scoreKim(input, onlyConsistency).score).toBe(25);
    const halved = resolveScoreConfig({ weights: { consistency: 20, volume: 12.5, acceptance: 10, recency: 7.5 } });
    expect(halved.weights.consistency).toBeCloseTo(DEFAULT_SCORE_CONFIG.weights.consistency);
    expect(resolveScoreConfig({ targetPerWeek: undefined }).targetPerWeek).toBe(2);
    expect(() => resolveScoreConfig({ weights: { volume: -1 } })).toThrow(RangeError);
    expect(() => resolveScoreConfig({ weights: { consistency: 0, volume: 0, acceptance: 0, recency: 0 } })).toThrow(RangeError);
    expect(() => resolveScoreConfig({ activeMin: 20, inactiveBelow: 30 })).toThrow(RangeError);
    expect(() => resolveScoreConfig({ targetPerWeek: 0 })).toThrow(RangeError);
  });
});
