// The community set (test/fixtures/screening/community.jsonl): ordinary KIM posts written for the
// project. Screening must leave them alone (no high, at most 3 % medium) with every history the
// repository can hold, while still flagging the hoaxes it is shown.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { falseFlags, flaggedShare, ordinaryReplay, parseJsonl, screenWithHistory } from "../../../src/domain/screening/eval.js";
import { defaultScreeningConfig } from "../../../src/domain/screening/screen.js";

const read = (name: string) => readFileSync(new URL(`../../fixtures/screening/${name}`, import.meta.url), "utf8");
const rows = read("community.jsonl")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => JSON.parse(line) as { id: string; text: string; label: string; kind: string });
const community = parseJsonl(read("community.jsonl"), "community.jsonl");
const sample = parseJsonl(read("sample.jsonl"), "sample.jsonl");
const sampleHoaxes = sample.filter((s) => s.label === "hoax");

function trigrams(text: string): Set<string> {
  const w = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set(w.slice(2).map((_, i) => `${w[i]} ${w[i + 1]} ${w[i + 2]}`));
}

describe("the community set", () => {
  it("holds at least 150 ordinary posts of every kind, long and short, formal and typed on a phone", () => {
    expect(rows.length).toBeGreaterThanOrEqual(150);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(rows.every((r) => r.label === "valid")).toBe(true);
    const kinds = new Set(rows.map((r) => r.kind));
    for (const kind of ["activity", "programme", "alert", "announcement", "clarification", "caption"]) expect(kinds.has(kind), kind).toBe(true);
    const count = (test: (text: string) => boolean) => rows.filter((r) => test(r.text)).length;
    expect(count((t) => /PENTING!!!/u.test(t))).toBeGreaterThanOrEqual(5);
    expect(count((t) => /mohon (diteruskan|disebarkan)|sebarkan/iu.test(t))).toBeGreaterThanOrEqual(10);
    expect(count((t) => /https?:\/\/|bit\.ly|s\.id\//u.test(t))).toBeGreaterThanOrEqual(8);
    expect(count((t) => /\b08\d{2}/u.test(t))).toBeGreaterThanOrEqual(8);
    expect(count((t) => t.length >= 400)).toBeGreaterThanOrEqual(5);
    expect(count((t) => t.length <= 60)).toBeGreaterThanOrEqual(10);
    expect(count((t) => t === t.toLowerCase() && /\b(yg|bsk|jgn|tlg|krn|sdh|udh|kmrn)\b/u.test(t))).toBeGreaterThanOrEqual(8);
  });

  it("shares no text with the reference posts the screener ships (it is not evaluated on what it learnt)", () => {
    const reference = defaultScreeningConfig.reference.map(trigrams);
    for (const row of rows) {
      const grams = trigrams(row.text);
      for (const ref of reference) {
        const shared = [...grams].filter((g) => ref.has(g)).length;
        expect(shared / Math.max(1, Math.min(grams.size, ref.size)), row.id).toBeLessThan(0.5);
      }
    }
  });
});

describe("ordinary posts are not flagged", () => {
  it("with no history: cues, links and phone numbers alone flag at most 3 %, none high", () => {
    const screened = screenWithHistory([], community);
    expect(screened.every((s) => Number.isFinite(s.result.score) && s.result.score > 0 && s.result.score < 1)).toBe(true);
    const flags = falseFlags(screened);
    expect(flags.high).toBe(0);
    expect(flags.flagged).toBeLessThanOrEqual(0.03);
  });

  it("with a history of approved ordinary posts plus hoax decisions: at most 3 % flagged, none high, while held-out hoaxes are", () => {
    const replay = ordinaryReplay(community, sampleHoaxes, { folds: 5 });
    expect([...replay.ordinary, ...replay.hoaxes].every((s) => Number.isFinite(s.result.score))).toBe(true);
    const flags = falseFlags(replay.ordinary);
    expect(flags.count).toBe(community.length);
    expect(flags.high).toBe(0);
    expect(flags.flagged).toBeLessThanOrEqual(0.03);
    expect(flaggedShare(replay.hoaxes)).toBeGreaterThanOrEqual(0.25);
  });

  it("with the sample's news and hoaxes added to that history: at most 3 % flagged, none high", () => {
    const news = sample.filter((s) => s.label === "valid");
    const replay = ordinaryReplay(community, sampleHoaxes, { folds: 5, history: news });
    const flags = falseFlags(replay.ordinary);
    expect(flags.high).toBe(0);
    expect(flags.flagged).toBeLessThanOrEqual(0.03);
    expect(flaggedShare(replay.hoaxes)).toBeGreaterThanOrEqual(0.25);
  });
});
