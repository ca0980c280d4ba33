// A small learning model fed by the admins' own decisions: every reviewed submission is a
// labelled example. Multinomial Naive Bayes over binary features fits this well: it learns
// incrementally (a decision is a few counter updates), can unlearn a reversed decision exactly,
// works with a few hundred examples, and its whole state is a table of counts that serialises
// to JSON. Until each class has `minPerClass` examples its guesses are noise, so it says so
// (`ready: false`) and screening does not use it.
import { capsShare, punctuationRuns } from "./cues.js";
import { tokens, words } from "./normalize.js";
import { urlPattern } from "./url.js";

export type Label = "hoax" | "valid";

export interface ClassifierOptions {
  /** Additive (Laplace) smoothing of feature counts. */
  alpha?: number;
  /** Decisions needed in each class before predictions are used. */
  minPerClass?: number;
}

export interface Prediction {
  /** Probability that the text is a hoax, from the learnt counts (also given when not ready). */
  pHoax: number;
  /**
   * The text's evidence without the class prior: the summed log-likelihood ratios of its known
   * features over √(their number). Its scale is the model's own, not a probability: screening
   * calibrates it on the district's decisions (see calibration.ts).
   */
  evidence: number;
  ready: boolean;
  decisions: Record<Label, number>;
  /** Up to three words of the text that pushed most towards "hoax". */
  hoaxWords: string[];
}

export interface ClassifierState {
  version: 1;
  alpha: number;
  minPerClass: number;
  docs: Record<Label, number>;
  totals: Record<Label, number>;
  /** [feature, count in hoax docs, count in valid docs] */
  features: Array<[string, number, number]>;
}

const DEFAULT_OPTIONS: Required<ClassifierOptions> = { alpha: 1, minPerClass: 20 };

/**
 * Features of a text: stemmed content words, their bigrams, character 3–5-grams of the
 * normalised (unstemmed) words, and a few style markers. Character n-grams catch what stemming
 * and the slang list miss: spelling variants, affixes ("di…kan"), names written in many ways.
 * Each feature counts once per text (binary features): a word repeated ten times in one chain
 * message should not outweigh ten different messages.
 */
export function features(text: string): string[] {
  const stems = tokens(text);
  const out = new Set<string>();
  for (let i = 0; i < stems.length; i++) {
    out.add(`w:${stems[i]}`);
    if (i + 1 < stems.length) out.add(`b:${stems[i]}_${stems[i + 1]}`);
  }
  for (const word of words(text)) {
    for (const gram of charGrams(word)) out.add(gram);
  }
  for (const marker of styleMarkers(text)) out.add(`s:${marker}`);
  return [...out];
}

// Character n-grams of a word never change, and chat vocabulary repeats, so they are cached
// (bounded, like the stem cache) instead of being re-sliced for every message.
const GRAM_CACHE_LIMIT = 100_000;
const gramCache = new Map<string, readonly string[]>();

function charGrams(word: string): readonly string[] {
  const cached = gramCache.get(word);
  if (cached) return cached;
  const padded = ` ${word} `;
  const grams: string[] = [];
  for (let n = 3; n <= 5; n++) {
    for (let i = 0; i + n <= padded.length; i++) grams.push(`c:${padded.slice(i, i + n)}`);
  }
  if (gramCache.size >= GRAM_CACHE_LIMIT) gramCache.clear();
  gramCache.set(word, grams);
  return grams;
}

/** Writing-style markers that topic words miss: shouting, !!!, links, emoji, length. */
function styleMarkers(text: string): string[] {
  const markers: string[] = [];
  const caps = capsShare(text);
  if (caps && caps.capsShare > 0.5) markers.push("caps");
  if (punctuationRuns(text).length > 0) markers.push("punct-run");
  if (urlPattern().test(text)) markers.push("url");
  if (/\p{Extended_Pictographic}/u.test(text)) markers.push("emoji");
  const length = text.length;
  markers.push(length < 80 ? "len-short" : length < 400 ? "len-medium" : "len-long");
  return markers;
}

export class NaiveBayesClassifier {
  private readonly alpha: number;
  private readonly minPerClass: number;
  private readonly docs: Record<Label, number> = { hoax: 0, valid: 0 };
  private readonly totals: Record<Label, number> = { hoax: 0, valid: 0 };
  private readonly counts = new Map<string, [number, number]>();

  constructor(options: ClassifierOptions = {}) {
    const o = { ...DEFAULT_OPTIONS, ...options };
    this.alpha = o.alpha;
    this.minPerClass = o.minPerClass;
  }

  get decisions(): Record<Label, number> {
    return { ...this.docs };
  }

  get ready(): boolean {
    return this.docs.hoax >= this.minPerClass && this.docs.valid >= this.minPerClass;
  }

  get requiredPerClass(): number {
    return this.minPerClass;
  }

  learn(text: string, label: Label): void {
    this.update(features(text), label, 1);
  }

  /**
   * Learns a text as reference material, counted `weight` times in the features but not as a
   * decision: it neither changes the class prior nor counts towards `minPerClass`.
   */
  learnReference(text: string, label: Label, weight: number): void {
    this.update(features(text), label, weight, false);
  }

  /** Reverses an earlier learn() with the same text and label (e.g. a decision was changed). */
  unlearn(text: string, label: Label): void {
    if (this.docs[label] === 0) return;
    this.update(features(text), label, -1);
  }

  predict(text: string): Prediction {
    return this.predictFeatures(features(text));
  }

  /**
   * The evidence this model would give a text it had not learnt: the text is unlearnt, scored and
   * learnt again (exact for Naive Bayes, and cheaper than retraining per fold). The text must be
   * one that was learnt with this label.
   */
  leaveOneOutEvidence(text: string, label: Label): number {
    const feats = features(text);
    this.update(feats, label, -1);
    const { evidence } = this.predictFeatures(feats, false);
    this.update(feats, label, 1);
    return evidence;
  }

  private predictFeatures(feats: readonly string[], explain = true): Prediction {
    const { hoax, valid } = this.docs;
    const vocabulary = this.counts.size;
    const hoaxDenominator = this.totals.hoax + this.alpha * vocabulary;
    const validDenominator = this.totals.valid + this.alpha * vocabulary;
    const contributions: Array<[string, number]> = [];
    let evidence = 0;
    let known = 0;
    for (const feature of feats) {
      const count = this.counts.get(feature);
      if (!count) continue; // unseen everywhere: no evidence either way
      const ratio =
        Math.log((count[0] + this.alpha) / hoaxDenominator) - Math.log((count[1] + this.alpha) / validDenominator);
      evidence += ratio;
      known++;
      if (explain && feature.startsWith("w:")) contributions.push([feature.slice(2), ratio]);
    }
    contributions.sort((a, b) => b[1] - a[1]);
    // Naive Bayes adds up evidence as if features were independent, but the n-grams of one text
    // overlap heavily, so the raw sum grows with length and drives every long text to 0 or 1.
    // Dividing by √(number of known features) tempers that into usable probabilities.
    // Class priors use add-one smoothing, so an untrained model says 0.5.
    const normalised = known > 0 ? evidence / Math.sqrt(known) : 0;
    const logOdds = Math.log((hoax + 1) / (valid + 1)) + normalised;
    return {
      pHoax: sigmoid(logOdds),
      evidence: normalised,
      ready: this.ready,
      decisions: { hoax, valid },
      hoaxWords: contributions.filter(([, r]) => r > 0).slice(0, 3).map(([w]) => w),
    };
  }

  toJSON(): ClassifierState {
    return {
      version: 1,
      alpha: this.alpha,
      minPerClass: this.minPerClass,
      docs: { ...this.docs },
      totals: { ...this.totals },
      features: [...this.counts].map(([feature, [h, v]]) => [feature, h, v]),
    };
  }

  static fromJSON(state: ClassifierState, options: ClassifierOptions = {}): NaiveBayesClassifier {
    if (state?.version !== 1 || !Array.isArray(state.features)) throw new Error("unsupported classifier state");
    // Options given now (e.g. a changed threshold in the config) win over the stored ones.
    const model = new NaiveBayesClassifier({ alpha: state.alpha, minPerClass: state.minPerClass, ...options });
    model.docs.hoax = state.docs.hoax;
    model.docs.valid = state.docs.valid;
    model.totals.hoax = state.totals.hoax;
    model.totals.valid = state.totals.valid;
    for (const [feature, h, v] of state.features) model.counts.set(feature, [h, v]);
    return model;
  }

  private update(feats: readonly string[], label: Label, delta: number, isDecision = true): void {
    const index = label === "hoax" ? 0 : 1;
    if (isDecision) this.docs[label] += delta;
    for (const feature of feats) {
      let count = this.counts.get(feature);
      if (!count) {
        if (delta < 0) continue;
        count = [0, 0];
        this.counts.set(feature, count);
      }
      if (delta < 0 && count[index] === 0) continue;
      count[index] += delta;
      this.totals[label] += delta;
      if (count[0] === 0 && count[1] === 0) this.counts.delete(feature);
    }
  }
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}
