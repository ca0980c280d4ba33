import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  assignFolds,
  classifierAuc,
  computeMetrics,
  crossValidate,
  falseFlags,
  levelTable,
  parseJsonl,
  perSource,
  precisionAt,
  screenWithHistory,
  type ScreenedItem,
} from "../../../src/domain/screening/eval.js";
import type { ScreeningResult } from "../../../src/domain/screening/screen.js";

const sample = parseJsonl(
  readFileSync(new URL("../../fixtures/screening/sample.jsonl", import.meta.url), "utf8"),
  "sample.jsonl",
);

function fake(label: "hoax" | "valid", predicted: "hoax" | "valid", extra: { level?: "high"; score?: number; source?: string; kind?: string } = {}): ScreenedItem {
  const result = { level: extra.level ?? (predicted === "hoax" ? "medium" : "low"), score: extra.score ?? 0 } as ScreeningResult;
  const item = { text: "", label, ...(extra.source ? { source: extra.source } : {}), ...(extra.kind ? { kind: extra.kind } : {}) };
  return { item, result, predicted };
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

describe("slices", () => {
  it("keeps source and kind from the input lines", () => {
    expect(parseJsonl('{"text":"a","label":"valid","source":"s1","kind":"alert"}')).toEqual([{ text: "a", label: "valid", source: "s1", kind: "alert" }]);
  });

  it("tabulates each level's share of items, share of hoaxes and mean probability", () => {
    const rows = levelTable([
      fake("hoax", "hoax", { level: "high", score: 0.95 }),
      fake("hoax", "hoax", { score: 0.7 }),
      fake("valid", "hoax", { score: 0.6 }),
      fake("valid", "valid", { score: 0.1 }),
    ]);
    expect(rows).toEqual([
      { level: "low", count: 1, share: 0.25, hoaxShare: 0, meanScore: 0.1 },
      { level: "medium", count: 2, share: 0.5, hoaxShare: 0.5, meanScore: 0.65 },
      { level: "high", count: 1, share: 0.25, hoaxShare: 1, meanScore: 0.95 },
    ]);
  });

  it("counts false flags per kind and the precision a flag would have at a given hoax rate", () => {
    const flags = falseFlags([
      fake("valid", "hoax", { kind: "alert" }),
      fake("valid", "hoax", { kind: "alert", level: "high" }),
      ...Array.from({ length: 8 }, () => fake("valid", "valid", { kind: "caption" })),
    ]);
    expect(flags).toEqual({ count: 10, flagged: 0.2, high: 0.1, byKind: { alert: 2 } });
    // 5 % hoaxes flagged at 60 %, 95 % ordinary posts at 2 %: 0.03 / (0.03 + 0.019)
    expect(precisionAt(0.05, 0.6, 0.02)).toBe(0.6122);
    expect(precisionAt(0.05, 0.6, 0)).toBe(1);
    expect(precisionAt(0.05, 0, 0)).toBeUndefined();
  });

  it("gives figures per source only when there are several", () => {
    expect(perSource([fake("hoax", "hoax"), fake("valid", "valid")])).toBeUndefined();
    const bySource = perSource([
      fake("hoax", "hoax", { source: "a" }),
      fake("valid", "valid", { source: "a" }),
      fake("hoax", "valid", { source: "b" }),
      fake("valid", "valid", { source: "b" }),
    ])!;
    expect(Object.keys(bySource)).toEqual(["a", "b"]);
    expect(bySource.a!.accuracy).toBe(1);
    expect(bySource.b!.perLabel.hoax.recall).toBe(0);
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
