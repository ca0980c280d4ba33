import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  assignFolds,
  classifierAuc,
  computeMetrics,
  crossValidate,
  parseJsonl,
  screenWithHistory,
  type ScreenedItem,
} from "../../../src/domain/screening/eval.js";
import type { ScreeningResult } from "../../../src/domain/screening/screen.js";

const sample = parseJsonl(
  readFileSync(new URL("../../fixtures/screening/sample.jsonl", import.meta.url), "utf8"),
  "sample.jsonl",
);

function fake(label: "hoax" | "valid", predicted: "hoax" | "valid"): ScreenedItem {
  const result = { level: predicted === "hoax" ? "medium" : "low" } as ScreeningResult;
  return { item: { text: "", label }, result, predicted };
}

describe("parseJsonl", () => {
  it("reads labelled lines and rejects malformed ones with the line number", () => {
    expect(parseJsonl('{"text":"a","label":"hoax"}\n\n{"text":"b","label":"valid","id":1}\n')).toEqual([
      { text: "a", label: "hoax" },
      { text: "b", label: "valid" },
    ]);
    expect(() => parseJsonl('{"text":"a","label":"maybe"}', "f")).toThrow("f:1");
    expect(() => parseJsonl("{nope", "f")).toThrow("f:1: not JSON");
  });

  it("has a balanced hand-written sample", () => {
    expect(sample.length).toBeGreaterThanOrEqual(60);
    expect(sample.filter((s) => s.label === "hoax").length).toBe(sample.length / 2);
  });
});

describe("computeMetrics", () => {
  it("computes per-label and macro precision, recall and F1", () => {
    const items = [
      ...Array.from({ length: 8 }, () => fake("hoax", "hoax")),
      ...Array.from({ length: 2 }, () => fake("hoax", "valid")),
      ...Array.from({ length: 6 }, () => fake("valid", "valid")),
      ...Array.from({ length: 4 }, () => fake("valid", "hoax")),
    ];
    const m = computeMetrics(items);
    expect(m.confusion).toEqual({ hoax: { hoax: 8, valid: 2 }, valid: { hoax: 4, valid: 6 } });
    expect(m.perLabel.hoax).toEqual({ precision: 0.6667, recall: 0.8, f1: 0.7273, support: 10 });
    expect(m.perLabel.valid).toEqual({ precision: 0.75, recall: 0.6, f1: 0.6667, support: 10 });
    expect(m.macro.f1).toBe(0.697);
    expect(m.accuracy).toBe(0.7);
  });
});

describe("classifierAuc", () => {
  const scored = (label: "hoax" | "valid", pHoax?: number): ScreenedItem => {
    const result = { level: "low", classifier: pHoax === undefined ? { ready: false } : { ready: true, pHoax } } as ScreeningResult;
    return { item: { text: "", label }, result, predicted: "valid" };
  };

  it("is 1 for a perfect ranking, 0.5 for ties, and counts ties half", () => {
    expect(classifierAuc([scored("hoax", 0.9), scored("hoax", 0.8), scored("valid", 0.2), scored("valid", 0.1)])).toBe(1);
    expect(classifierAuc([scored("hoax", 0.5), scored("valid", 0.5)])).toBe(0.5);
    // hoax 0.7 beats both valid; hoax 0.4 ties one (0.5) and loses to the other: (2 + 0.5) / 4
    expect(classifierAuc([scored("hoax", 0.7), scored("hoax", 0.4), scored("valid", 0.4), scored("valid", 0.6)])).toBe(0.625);
  });

  it("skips items without a prediction and is undefined without both classes", () => {
    expect(classifierAuc([scored("hoax", 0.9), scored("valid")])).toBeUndefined();
    expect(classifierAuc([scored("hoax", 0.9), scored("valid", 0.1), scored("valid")])).toBe(1);
  });
});

describe("folds", () => {
  it("assigns deterministic, balanced folds", () => {
    const a = assignFolds(23, 5);
    expect(assignFolds(23, 5)).toEqual(a);
    const sizes = [0, 1, 2, 3, 4].map((f) => a.filter((x) => x === f).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(assignFolds(23, 5, 7)).not.toEqual(a);
  });
});

describe("evaluation on the hand-written sample", () => {
  it("separates chain hoaxes from community news in 5-fold cross-validation", () => {
    const m = computeMetrics(crossValidate(sample));
    expect(m.count).toBe(sample.length);
    expect(m.macro.f1).toBeGreaterThanOrEqual(0.85);
    expect(m.levels.valid.high).toBe(0);
  });

  it("uses the history: a re-worded known hoax is high", () => {
    const history = [{ text: "Mulai 1 Juli WhatsApp berbayar Rp 5.000 per bulan kecuali pesan ini dikirim ke 20 orang", label: "hoax" as const }];
    const [screened] = screenWithHistory(history, [
      { text: "whatsapp mulai 1 juli berbayar 5.000 per bulan, kecuali kamu kirim pesan ini ke 20 orang", label: "hoax" },
    ]);
    expect(screened!.result.level).toBe("high");
    expect(screened!.result.reasons[0]!.code).toBe("known-claim");
  });
});
