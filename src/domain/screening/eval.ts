// Offline evaluation of screening on labelled messages: how well does "flag for review" (level
// medium or high) separate hoaxes from valid posts when the screener has learnt from a history
// of earlier decisions?
import { mulberry32 } from "../../random.js";
import type { Label } from "./classifier.js";
import { Screener, type ScreeningConfigInput, type ScreeningResult } from "./screen.js";

export interface LabelledItem {
  text: string;
  label: Label;
  /** Where the row comes from (a data set, a file); figures are reported per source when several. */
  source?: string;
  /** What kind of post it is (community set: "alert", "caption", ...). */
  kind?: string;
}

export interface ScreenedItem {
  item: LabelledItem;
  result: ScreeningResult;
  predicted: Label;
}

export interface ClassFigures {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface EvalMetrics {
  perLabel: Record<Label, ClassFigures>;
  macro: { precision: number; recall: number; f1: number };
  accuracy: number;
  /** confusion[actual][predicted] */
  confusion: Record<Label, Record<Label, number>>;
  /** How many items of each actual label got each level. */
  levels: Record<Label, Record<"low" | "medium" | "high", number>>;
  count: number;
}

/** JSON lines of { text, label }; blank lines are skipped, anything else malformed throws. */
export function parseJsonl(content: string, source = "input"): LabelledItem[] {
  const items: LabelledItem[] = [];
  content.split(/\r?\n/u).forEach((line, i) => {
    if (line.trim() === "") return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new Error(`${source}:${i + 1}: not JSON`);
    }
    const { text, label, source: from, kind } = (row ?? {}) as { text?: unknown; label?: unknown; source?: unknown; kind?: unknown };
    if (typeof text !== "string" || (label !== "hoax" && label !== "valid")) {
      throw new Error(`${source}:${i + 1}: expected { text: string, label: "hoax" | "valid" }`);
    }
    items.push({ text, label, ...(typeof from === "string" ? { source: from } : {}), ...(typeof kind === "string" ? { kind } : {}) });
  });
  return items;
}

/** Flagging means "an admin should look": medium or high. */
export function flagged(result: ScreeningResult): Label {
  return result.level === "low" ? "valid" : "hoax";
}

/**
 * Screens `tests` with a screener that knows `history`: hoaxes become known claims, all train the
 * model, and the calibration is fitted on them, as the bot does at start.
 */
export function screenWithHistory(
  history: readonly LabelledItem[],
  tests: readonly LabelledItem[],
  config: ScreeningConfigInput = {},
): ScreenedItem[] {
  const screener = new Screener(config);
  history.forEach((item, i) => {
    if (item.label === "hoax") screener.addClaim(`history-${i}`, item.text);
    screener.learn(item.text, item.label);
  });
  screener.calibrate();
  return tests.map((item) => {
    const result = screener.screen({ text: item.text });
    return { item, result, predicted: flagged(result) };
  });
}

/** Deterministic k-fold: a seeded shuffle, then every k-th item goes to the same fold. */
export function assignFolds(count: number, folds: number, seed = 20240611): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  const random = mulberry32(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const fold = new Array<number>(count).fill(0);
  order.forEach((item, position) => (fold[item] = position % folds));
  return fold;
}

export function crossValidate(
  items: readonly LabelledItem[],
  options: { folds?: number; seed?: number; config?: ScreeningConfigInput } = {},
): ScreenedItem[] {
  const folds = options.folds ?? 5;
  const fold = assignFolds(items.length, folds, options.seed);
  const out: ScreenedItem[] = [];
  for (let f = 0; f < folds; f++) {
    const history = items.filter((_, i) => fold[i] !== f);
    const tests = items.filter((_, i) => fold[i] === f);
    out.push(...screenWithHistory(history, tests, options.config));
  }
  return out;
}

export function computeMetrics(screened: readonly ScreenedItem[]): EvalMetrics {
  const labels: Label[] = ["hoax", "valid"];
  const confusion: EvalMetrics["confusion"] = { hoax: { hoax: 0, valid: 0 }, valid: { hoax: 0, valid: 0 } };
  const levels: EvalMetrics["levels"] = {
    hoax: { low: 0, medium: 0, high: 0 },
    valid: { low: 0, medium: 0, high: 0 },
  };
  for (const s of screened) {
    confusion[s.item.label][s.predicted]++;
    levels[s.item.label][s.result.level]++;
  }
  const perLabel = {} as Record<Label, ClassFigures>;
  for (const label of labels) {
    const other: Label = label === "hoax" ? "valid" : "hoax";
    const tp = confusion[label][label];
    const fp = confusion[other][label];
    const fn = confusion[label][other];
    const precision = ratio(tp, tp + fp);
    const recall = ratio(tp, tp + fn);
    perLabel[label] = { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support: tp + fn };
  }
  const mean = (pick: (c: ClassFigures) => number) => round((pick(perLabel.hoax) + pick(perLabel.valid)) / 2);
  const count = screened.length;
  return {
    perLabel,
    macro: { precision: mean((c) => c.precision), recall: mean((c) => c.recall), f1: mean((c) => c.f1) },
    accuracy: ratio(confusion.hoax.hoax + confusion.valid.valid, count),
    confusion,
    levels,
    count,
  };
}

export function formatMetrics(m: EvalMetrics): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  const row = (name: string, c: { precision: number; recall: number; f1: number }, support = "") =>
    `${name.padEnd(8)} ${pct(c.precision)} ${pct(c.recall)} ${pct(c.f1)} ${support.padStart(8)}`;
  return [
    `items: ${m.count}   flag = level medium or high ⇒ predicted hoax`,
    "",
    `${"label".padEnd(8)} ${"prec".padStart(7)} ${"recall".padStart(7)} ${"F1".padStart(7)} ${"support".padStart(8)}`,
    row("hoax", m.perLabel.hoax, String(m.perLabel.hoax.support)),
    row("valid", m.perLabel.valid, String(m.perLabel.valid.support)),
    row("macro", m.macro),
    `accuracy ${pct(m.accuracy)}`,
    "",
    "confusion (rows: actual, columns: predicted)",
    `${"".padEnd(8)} ${"hoax".padStart(7)} ${"valid".padStart(7)}`,
    `${"hoax".padEnd(8)} ${String(m.confusion.hoax.hoax).padStart(7)} ${String(m.confusion.hoax.valid).padStart(7)}`,
    `${"valid".padEnd(8)} ${String(m.confusion.valid.hoax).padStart(7)} ${String(m.confusion.valid.valid).padStart(7)}`,
    "",
    "levels (low / medium / high)",
    `hoax     ${m.levels.hoax.low} / ${m.levels.hoax.medium} / ${m.levels.hoax.high}`,
    `valid    ${m.levels.valid.low} / ${m.levels.valid.medium} / ${m.levels.valid.high}`,
  ].join("\n");
}

/**
 * Area under the ROC curve of the classifier's pHoax alone (ties count half): the chance that a
 * random hoax gets a higher pHoax than a random valid item. It does not depend on the level
 * thresholds, so it compares models fairly. Items without a pHoax (model not ready) are skipped;
 * undefined when a class has no scored item.
 */
export function classifierAuc(screened: readonly ScreenedItem[]): number | undefined {
  const scored = screened
    .filter((s) => s.result.classifier.pHoax !== undefined)
    .map((s) => ({ p: s.result.classifier.pHoax as number, hoax: s.item.label === "hoax" }))
    .sort((a, b) => a.p - b.p);
  const positives = scored.filter((s) => s.hoax).length;
  const negatives = scored.length - positives;
  if (positives === 0 || negatives === 0) return undefined;
  let rankSum = 0;
  for (let i = 0; i < scored.length; ) {
    let j = i;
    while (j < scored.length && (scored[j] as { p: number }).p === (scored[i] as { p: number }).p) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if ((scored[k] as { hoax: boolean }).hoax) rankSum += midRank;
    i = j;
  }
  return round((rankSum - (positives * (positives + 1)) / 2) / (positives * negatives));
}

export type Level = "low" | "medium" | "high";
const LEVELS: readonly Level[] = ["low", "medium", "high"];

export interface LevelRow {
  level: Level;
  count: number;
  /** Share of all items that got this level. */
  share: number;
  /** Share of hoaxes among the items of this level: what the level means in this data. */
  hoaxShare: number;
  /** Mean calibrated probability of the items of this level. */
  meanScore: number;
}

/** Calibration per level: how many items get each level, and how often they are hoaxes. */
export function levelTable(screened: readonly ScreenedItem[]): LevelRow[] {
  return LEVELS.map((level) => {
    const items = screened.filter((s) => s.result.level === level);
    const hoaxes = items.filter((s) => s.item.label === "hoax").length;
    const scores = items.reduce((total, s) => total + s.result.score, 0);
    return {
      level,
      count: items.length,
      share: ratio(items.length, screened.length),
      hoaxShare: ratio(hoaxes, items.length),
      meanScore: ratio(scores, items.length),
    };
  });
}

export interface FalseFlags {
  count: number;
  /** Share of the (ordinary) items flagged medium or high. */
  flagged: number;
  high: number;
  /** Flagged items per kind ("alert": 1, ...), for the kinds that were flagged. */
  byKind: Record<string, number>;
}

/** How often ordinary posts are flagged. Every item is taken as ordinary, whatever its label. */
export function falseFlags(screened: readonly ScreenedItem[]): FalseFlags {
  const flaggedItems = screened.filter((s) => s.result.level !== "low");
  const byKind: Record<string, number> = {};
  for (const s of flaggedItems) byKind[s.item.kind ?? "–"] = (byKind[s.item.kind ?? "–"] ?? 0) + 1;
  return {
    count: screened.length,
    flagged: ratio(flaggedItems.length, screened.length),
    high: ratio(screened.filter((s) => s.result.level === "high").length, screened.length),
    byKind,
  };
}

/**
 * Precision a flag would have where `prevalence` of the items are hoaxes: hoaxes are flagged at
 * `recall`, ordinary posts at `falseFlagRate`. Undefined when nothing would be flagged.
 */
export function precisionAt(prevalence: number, recall: number, falseFlagRate: number): number | undefined {
  const flaggedHoax = prevalence * recall;
  const flaggedOrdinary = (1 - prevalence) * falseFlagRate;
  return flaggedHoax + flaggedOrdinary === 0 ? undefined : round(flaggedHoax / (flaggedHoax + flaggedOrdinary));
}

/**
 * A district whose history is approved ordinary posts plus hoax decisions: both sets are split in
 * `folds`; each fold (its ordinary posts and its hoaxes) is screened by a screener whose history
 * is the other folds (and `history`, decisions that are never screened), so nothing is screened
 * by a model that learnt it. Ordinary posts are labelled valid here whatever their file says.
 */
export function ordinaryReplay(
  ordinary: readonly LabelledItem[],
  hoaxes: readonly LabelledItem[],
  options: { folds?: number; seed?: number; config?: ScreeningConfigInput; history?: readonly LabelledItem[] } = {},
): { ordinary: ScreenedItem[]; hoaxes: ScreenedItem[] } {
  const folds = options.folds ?? 5;
  const posts = ordinary.map((item) => ({ ...item, label: "valid" as const }));
  const postFold = assignFolds(posts.length, folds, options.seed);
  const hoaxFold = assignFolds(hoaxes.length, folds, options.seed);
  const out = { ordinary: [] as ScreenedItem[], hoaxes: [] as ScreenedItem[] };
  for (let f = 0; f < folds; f++) {
    const history = [
      ...(options.history ?? []),
      ...posts.filter((_, i) => postFold[i] !== f),
      ...hoaxes.filter((_, i) => hoaxFold[i] !== f),
    ];
    const testPosts = posts.filter((_, i) => postFold[i] === f);
    const screened = screenWithHistory(history, [...testPosts, ...hoaxes.filter((_, i) => hoaxFold[i] === f)], options.config);
    out.ordinary.push(...screened.slice(0, testPosts.length));
    out.hoaxes.push(...screened.slice(testPosts.length));
  }
  return out;
}

/** Share of the items flagged (medium or high). */
export function flaggedShare(screened: readonly ScreenedItem[]): number {
  return ratio(screened.filter((s) => s.result.level !== "low").length, screened.length);
}

/** Metrics per `source`, when the items come from more than one. */
export function perSource(screened: readonly ScreenedItem[]): Record<string, EvalMetrics> | undefined {
  const sources = [...new Set(screened.map((s) => s.item.source ?? "–"))];
  if (sources.length < 2) return undefined;
  return Object.fromEntries(sources.sort().map((source) => [source, computeMetrics(screened.filter((s) => (s.item.source ?? "–") === source))]));
}

export function formatLevelTable(rows: readonly LevelRow[]): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  return [
    `${"level".padEnd(8)} ${"items".padStart(6)} ${"share".padStart(7)} ${"hoaxes".padStart(7)} ${"mean P".padStart(7)}`,
    ...rows.map((r) => `${r.level.padEnd(8)} ${String(r.count).padStart(6)} ${pct(r.share)} ${pct(r.hoaxShare)} ${pct(r.meanScore)}`),
  ].join("\n");
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : round(a / b);
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}


export { mulberry32 };
