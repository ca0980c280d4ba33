import { describe, expect, it } from "vitest";
import { fitLogistic, logit, plattTargets, sigmoid, smoothedRate } from "../../../src/domain/screening/calibration.js";
import { mulberry32 } from "../../../src/random.js";
import { Screener } from "../../../src/domain/screening/screen.js";

describe("fitLogistic", () => {
  it("recovers the coefficients of data drawn from a known logistic model", () => {
    const random = mulberry32(7);
    const rows: number[][] = [];
    const targets: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const x = random() * 6 - 3;
      rows.push([x, 1]);
      targets.push(random() < sigmoid(1.5 * x - 0.5) ? 1 : 0);
    }
    const [slope, intercept] = fitLogistic(rows, targets, { centre: [0, 0], ridge: [1e-3, 1e-3] });
    expect(slope).toBeCloseTo(1.5, 0);
    expect(Math.abs(slope! - 1.5)).toBeLessThan(0.15);
    expect(Math.abs(intercept! + 0.5)).toBeLessThan(0.15);
  });

  it("keeps coefficients in their bounds, takes offsets as given, and a ridge pulls towards the centre", () => {
    const rows = [[1, 1], [2, 1], [-1, 1], [-2, 1]];
    const targets = [1, 1, 0, 0];
    const [bounded] = fitLogistic(rows, targets, { centre: [0, 0], ridge: [0.1, 0.1], bounds: [[0, 0.5], undefined] });
    expect(bounded).toBe(0.5);
    const [free] = fitLogistic(rows, targets, { centre: [0, 0], ridge: [0.1, 0.1] });
    const [pulled] = fitLogistic(rows, targets, { centre: [0, 0], ridge: [100, 0.1] });
    expect(pulled!).toBeLessThan(free!);
    // An offset that already explains the labels leaves nothing for the slope to do.
    const [withOffset] = fitLogistic(rows, [0.9, 0.99, 0.1, 0.01], {
      centre: [0, 0],
      ridge: [1e-3, 1e-3],
      offset: rows.map(([x]) => logit(sigmoid(2.2 * x!))),
    });
    expect(Math.abs(withOffset!)).toBeLessThan(0.3);
  });
});

describe("calibration helpers", () => {
  it("uses Platt's targets and a smoothed rate", () => {
    expect(plattTargets([true, true, false])).toEqual([3 / 4, 3 / 4, 1 / 3]);
    expect(smoothedRate(0, 0, 0.05, 20)).toBe(0.05);
    expect(smoothedRate(50, 100, 0.05, 20)).toBeCloseTo(51 / 120, 10);
  });
});

/**
 * A synthetic district: every text has four marker words out of a "hoax" set and an "ordinary"
 * set plus filler, and the number k of hoax markers fixes the true chance of a hoax. Labels are
 * drawn from those chances, so the calibrated probability of a new text should track its chance.
 */
function syntheticWords(random: () => number, count: number, length: number): string[] {
  const letters = "bcdfghjklmnprstvwz";
  const vowels = "aeiou";
  return Array.from({ length: count }, (_, i) => {
    let word = "";
    for (let j = 0; j < length; j++) word += j % 2 === 0 ? letters[Math.floor(random() * letters.length)] : vowels[Math.floor(random() * vowels.length)];
    return `${word}${"qxy"[i % 3]}`;
  });
}

function district(chances: readonly number[], seed: number) {
  const random = mulberry32(seed);
  const hoaxMarkers = syntheticWords(random, 8, 6);
  const ordinaryMarkers = syntheticWords(random, 8, 6);
  const filler = syntheticWords(random, 300, 5);
  const pick = (list: readonly string[]) => list[Math.floor(random() * list.length)] as string;
  const text = (k: number) =>
    [
      ...Array.from({ length: k }, () => pick(hoaxMarkers)),
      ...Array.from({ length: 4 - k }, () => pick(ordinaryMarkers)),
      ...Array.from({ length: 4 }, () => pick(filler)),
    ]
      .sort(() => random() - 0.5)
      .join(" ");
  const item = () => {
    const k = Math.floor(random() * chances.length);
    return { k, text: text(k), hoax: random() < (chances[k] as number) };
  };
  return { item };
}

function calibrated(chances: readonly number[], seed: number) {
  const d = district(chances, seed);
  // No reference posts: the synthetic texts are no Indonesian posts, and the cap on the prior is
  // lifted so that the district's rate is used as it is.
  const screener = new Screener({ reference: [], prior: { max: 1 } });
  const history = Array.from({ length: 1500 }, d.item);
  for (const h of history) screener.learn(h.text, h.hoax ? "hoax" : "valid");
  screener.calibrate();
  const tests = Array.from({ length: 3000 }, d.item).map((t) => ({ ...t, p: screener.screen({ text: t.text }).score }));
  const observed = history.filter((h) => h.hoax).length / history.length;
  const mean = (items: ReadonlyArray<{ p: number }>) => items.reduce((total, t) => total + t.p, 0) / items.length;
  // Reliability: items grouped by their probability; within a group, the share of hoaxes should
  // be the probability the group was given. That is what "calibrated" means.
  const bins = [0, 0.2, 0.4, 0.6, 0.8, 1.01].slice(1).map((hi, i, his) => {
    const lo = i === 0 ? 0 : (his[i - 1] as number);
    const items = tests.filter((t) => t.p >= lo && t.p < hi);
    return { lo, n: items.length, predicted: mean(items), actual: items.filter((t) => t.hoax).length / items.length };
  });
  const byK = chances.map((_, k) => mean(tests.filter((t) => t.k === k)));
  return { observed, meanScore: mean(tests), bins, byK, screener };
}

describe("calibration on a synthetic history with known rates", () => {
  it("gives probabilities that match how often items given them are hoaxes, ordered by the true chance", () => {
    const chances = [0.1, 0.25, 0.5, 0.75, 0.9];
    const { bins, byK } = calibrated(chances, 11);
    for (const bin of bins.filter((b) => b.n >= 100)) {
      expect(Math.abs(bin.predicted - bin.actual), `from ${bin.lo}: ${bin.predicted.toFixed(3)} vs ${bin.actual.toFixed(3)} (n=${bin.n})`).toBeLessThan(0.06);
    }
    // More hoax markers, higher probability; the extremes are told apart.
    for (let k = 1; k < byK.length; k++) expect(byK[k]!).toBeGreaterThan(byK[k - 1]!);
    expect(byK[0]!).toBeLessThan(0.2);
    expect(byK.at(-1)!).toBeGreaterThan(0.8);
  });

  it("follows the district's base rate: a rare-hoax district gets low probabilities, on average its rate", () => {
    const chances = [0.01, 0.03, 0.06, 0.12, 0.3];
    const { bins, byK, observed, meanScore, screener } = calibrated(chances, 12);
    expect(observed).toBeGreaterThan(0.07);
    expect(observed).toBeLessThan(0.14);
    expect(Math.abs(meanScore - observed)).toBeLessThan(0.03);
    for (const bin of bins.filter((b) => b.n >= 100)) {
      expect(Math.abs(bin.predicted - bin.actual), `from ${bin.lo}: ${bin.predicted.toFixed(3)} vs ${bin.actual.toFixed(3)} (n=${bin.n})`).toBeLessThan(0.05);
    }
    for (let k = 1; k < byK.length; k++) expect(byK[k]!).toBeGreaterThan(byK[k - 1]!);
    // Nothing here is more likely a hoax than not, so the model alone flags (almost) nothing.
    expect(screener.baseRate()).toBeCloseTo(observed, 1);
    expect(byK.every((p) => p < 0.5)).toBe(true);
  });
});
