import { describe, expect, it } from "vitest";
import { median } from "../../../src/domain/activity/indicators.js";

describe("median (quickselect)", () => {
  it("handles empty, odd, even and repeated values", () => {
    expect(median(new Float64Array([]))).toBeNull();
    expect(median(new Float64Array([7]))).toBe(7);
    expect(median(new Float64Array([360, 60, 240, 120]))).toBe(180);
    expect(median(new Float64Array([5, 1, 3]))).toBe(3);
    expect(median(new Float64Array([2, 2, 2, 2]))).toBe(2);
    expect(median(new Float64Array([1, 9, 9, 9, 1, 1]))).toBe(5);
  });

  it("agrees with sorting on random data", () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 1000;
    for (let n = 1; n < 200; n += 7) {
      const values = Array.from({ length: n }, () => Math.floor(rnd()));
      const sorted = [...values].sort((a, b) => a - b);
      const expected = n % 2 ? sorted[n >> 1]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
      expect(median(Float64Array.from(values))).toBe(expected);
    }
  });
});
