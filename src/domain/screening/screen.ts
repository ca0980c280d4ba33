// Screening: a triage aid for admins. Every submission gets a probability of being a hoax, a
// risk level, and the reasons behind them, strongest first. It never rejects anything by itself;
// it decides what an admin looks at first and what to look at in it.
//
// Each signal is evidence in log-odds (the natural log of a likelihood ratio), added to the
// district's prior: the hoax rate its admins have observed. The classifier's evidence, and how
// much the chain-message style adds on top of it, are calibrated on the district's own decisions
// (leave-one-out scores against the admins' labels, calibration.ts), so "30 %" means that about
// three in ten items like this one were hoaxes here. "High" is kept for a known claim or image,
// or overwhelming evidence.
import { ClaimIndex, type ClaimIndexOptions, type ClaimMatch } from "./claim-index.js";
import { fitLogistic, logit, plattTargets, sigmoid, smoothedRate } from "./calibration.js";
import { NaiveBayesClassifier, type ClassifierOptions, type Label, type Prediction } from "./classifier.js";
import { capsShare, compileCues, defaultCues, matchCues, punctuationRuns, type CompiledCues, type Cue } from "./cues.js";
import { ImageHashIndex } from "./image-hash.js";
import { defaultLinkConfig, extractLinks, inspectLinks, type LinkConfig, type LinkEntity } from "./links.js";
import { tokens } from "./normalize.js";
import ordinaryPosts from "./ordinary.id.json" with { type: "json" };

export type RiskLevel = "low" | "medium" | "high";

export interface Reason {
  /** "known-claim", "cue.spread", "link.shortener", ...; maps to a Fluent key via reasonKey(). */
  code: string;
  /**
   * Evidence in log-odds that this reason adds to the prior: positive raises the probability,
   * negative lowers it, 0 is information only.
   */
  weight: number;
  params: Record<string, string | number>;
}

/** What a flag rests on, in words: one entry per kind of evidence, strongest first. */
export interface BasisItem {
  /** "known-claim", "known-image", "classifier", "style", "links", "none". */
  code: string;
  /** Summed log-odds of the reasons behind it. */
  weight: number;
  params: Record<string, string | number>;
  /** For "style" and "links": the reason codes behind it, strongest first. */
  parts: string[];
}

export interface ScreeningResult {
  level: RiskLevel;
  /** Calibrated probability (0–1) that the item is a hoax, at the district's base rate. */
  score: number;
  reasons: Reason[];
  basis: BasisItem[];
  closestClaims: ClaimMatch[];
  classifier: { ready: boolean; pHoax?: number };
  /** The prior the score starts from and the decisions it comes from. */
  prior: { baseRate: number; decisions: number; calibrated: boolean };
}

export interface ScreeningInput {
  text: string;
  /** Telegram-like entities of the text (url / text_link), as plain data. */
  entities?: readonly LinkEntity[];
  /** pHashes (imageHash) of the pictures attached to the submission. */
  imageHashes?: readonly string[];
}

export interface ScreeningConfig {
  /**
   * Probability bounds of the levels: above high (with two kinds of evidence) → "high", above
   * medium → "medium", else "low" (with medium at 0.5: flagged when a hoax is more likely than
   * not). A strong known-claim match or a known image is "high" whatever the probability.
   */
  thresholds: { medium: number; high: number };
  /**
   * The hoax rate assumed before the district has decisions, how many decisions it is worth, and
   * the highest prior used: an item is never presumed more likely a hoax than not before its own
   * evidence, even in a history made mostly of hoax decisions.
   */
  prior: { baseRate: number; pseudoCount: number; max: number };
  evidence: {
    /** Most that chain-message style (cues, shouting, punctuation, shorteners) adds, in log-odds. */
    styleCap: number;
    /** Style evidence in log-odds, like the cue weights in cues.id.json. */
    shouting: number;
    punctuation: number;
    "link.shortener": number;
    /** Log-odds of the link findings that are not style. */
    "link.hoax-domain": number;
    "link.mismatch": number;
    "link.impersonation": number;
    /** Log-odds of a known-claim match at `claims.reportSimilarity`, rising to `knownClaimStrong`. */
    knownClaimWeak: number;
    /** At `claims.strongSimilarity` and above (the level is then "high"). */
    knownClaimStrong: number;
    knownImage: number;
    /**
     * Share of the classifier's evidence for a hoax that counts in a text that reads as a denial:
     * a denial quotes the hoax it denies, so hoax-like words are expected in it.
     */
    denialDiscount: number;
    /** How much the ordinary-post model's evidence counts (it can only lower the probability). */
    ordinary: number;
  };
  claims: ClaimIndexOptions & {
    /** Matches below this similarity are neither listed as reasons nor scored. */
    reportSimilarity: number;
    strongSimilarity: number;
    /** How many closest claims the result lists. */
    listed: number;
  };
  images: { maxDistance: number };
  classifier: Required<ClassifierOptions>;
  shouting: { minLetters: number; minShare: number };
  cues: readonly Cue[];
  links: LinkConfig;
  /**
   * Ordinary community posts (announcements, village news, genuine alerts) that tell the model
   * what a post that is not a hoax looks like in a KIM, whatever the district's history holds.
   */
  reference: readonly string[];
  /** How many decisions one reference post counts as in the classifier's features. */
  referenceWeight: number;
}

export const defaultScreeningConfig: ScreeningConfig = {
  thresholds: { medium: 0.5, high: 0.9 },
  prior: { baseRate: 0.05, pseudoCount: 20, max: 0.5 },
  evidence: {
    styleCap: 3.5,
    shouting: 0.4,
    punctuation: 0.2,
    "link.shortener": 0.4,
    "link.hoax-domain": 3,
    "link.mismatch": 1.2,
    "link.impersonation": 1.5,
    knownClaimWeak: 1,
    knownClaimStrong: 4,
    knownImage: 4,
    denialDiscount: 0.5,
    ordinary: 1.5,
  },
  claims: { reportSimilarity: 0.5, strongSimilarity: 0.8, listed: 3 },
  images: { maxDistance: 10 },
  classifier: { alpha: 1, minPerClass: 20 },
  shouting: { minLetters: 20, minShare: 0.6 },
  cues: defaultCues,
  links: defaultLinkConfig,
  reference: ordinaryPosts as string[],
  referenceWeight: 0.1,
};

export type ScreeningConfigInput = {
  [K in keyof ScreeningConfig]?: ScreeningConfig[K] extends readonly unknown[] | number
    ? ScreeningConfig[K]
    : Partial<ScreeningConfig[K]>;
};

/** Defaults overridden section by section (each section is merged one level deep). */
export function resolveConfig(input: ScreeningConfigInput = {}): ScreeningConfig {
  const d = defaultScreeningConfig;
  return {
    thresholds: { ...d.thresholds, ...input.thresholds },
    prior: { ...d.prior, ...input.prior },
    evidence: { ...d.evidence, ...input.evidence },
    claims: { ...d.claims, ...input.claims },
    images: { ...d.images, ...input.images },
    classifier: { ...d.classifier, ...input.classifier },
    shouting: { ...d.shouting, ...input.shouting },
    cues: input.cues ?? d.cues,
    links: { ...d.links, ...input.links },
    reference: input.reference ?? d.reference,
    referenceWeight: input.referenceWeight ?? d.referenceWeight,
  };
}

/** The fitted calibration: logit P = intercept + slope·evidence + style·S + clarification·C + veto + rules. */
export interface Calibration {
  decisions: Record<Label, number>;
  /** The smoothed observed hoax rate when fitted (before `prior.max`); the intercept is relative to it. */
  observedRate: number;
  slope: number;
  intercept: number;
  /** How much of the chain-message style counts here (0–1), given what the classifier already sees. */
  style: number;
  clarification: number;
  /** Platt fit of the "ordinary post or this district's hoax?" model; undefined without reference posts. */
  ordinary: { slope: number; intercept: number; prior: number } | undefined;
}

interface DecisionRow {
  /** Leave-one-out evidence of the classifier. */
  evidence: number;
  /** Evidence of the ordinary-post model (leave-one-out for hoax decisions, which it learnt). */
  ordinaryEvidence: number;
  style: number;
  clarification: number;
  rules: number;
}

interface Decision {
  text: string;
  label: Label;
  row?: DecisionRow | undefined;
}

/** The reasons and evidence of one text, before the prior and the calibration are applied. */
interface Signals {
  reasons: Reason[];
  style: Reason[];
  clarification: Reason[];
  /** Fixed log-odds: known claims, known images, link findings that are not style. */
  rules: number;
  strongMatch: boolean;
  matches: ClaimMatch[];
}

const STYLE_CODES = new Set(["shouting", "punctuation", "link.shortener"]);
/** Log-odds a kind of evidence needs to count towards "high" (two kinds are needed). */
const MIN_KIND_EVIDENCE = 0.5;

export class Screener {
  readonly config: ScreeningConfig;
  readonly claims: ClaimIndex;
  readonly images = new ImageHashIndex();
  private readonly model: NaiveBayesClassifier;
  /** The district's hoax decisions against the reference posts: "does this look like an ordinary post?" */
  private readonly ordinaryModel: NaiveBayesClassifier;
  private readonly compiledCues: CompiledCues;
  /** The decisions, each with its calibration row once scored (see calibrate()). */
  private readonly decisions: Decision[] = [];
  /** Leave-one-out evidence of the ordinary-post model for each reference post, once scored. */
  private referenceEvidence: number[] | undefined;
  private fit: Calibration | undefined;
  private stale = true;

  constructor(config: ScreeningConfigInput = {}) {
    this.config = resolveConfig(config);
    this.claims = new ClaimIndex(this.config.claims);
    this.model = new NaiveBayesClassifier(this.config.classifier);
    this.ordinaryModel = new NaiveBayesClassifier(this.config.classifier);
    for (const text of this.config.reference) {
      this.ordinaryModel.learn(text, "valid");
      if (this.config.referenceWeight > 0) this.model.learnReference(text, "valid", this.config.referenceWeight);
    }
    this.compiledCues = compileCues(this.config.cues);
  }

  get classifier(): NaiveBayesClassifier {
    return this.model;
  }

  /** The current calibration, if the classifier is ready and has been calibrated. */
  get calibration(): Calibration | undefined {
    return this.fit;
  }

  addClaim(id: string, text: string): boolean {
    return this.claims.add(id, text);
  }

  removeClaim(id: string): boolean {
    return this.claims.remove(id);
  }

  /** One hash, or the variants from imageHashVariants (recommended for known images). */
  addImage(id: string, hashes: string | readonly string[]): void {
    this.images.add(id, hashes);
  }

  removeImage(id: string): boolean {
    return this.images.remove(id);
  }

  /** Feeds an admin decision to the classifier. Call calibrate() after a batch. */
  learn(text: string, label: Label): void {
    this.decisions.push({ text, label });
    this.stale = true;
    this.model.learn(text, label);
    if (label === "hoax") this.ordinaryModel.learn(text, "hoax");
  }

  unlearn(text: string, label: Label): void {
    const index = this.decisions.findIndex((d) => d.text === text && d.label === label);
    if (index < 0) return;
    this.decisions.splice(index, 1);
    this.stale = true;
    this.model.unlearn(text, label);
    if (label === "hoax") this.ordinaryModel.unlearn(text, "hoax");
  }

  /** True when decisions were learnt or unlearnt since the last calibrate(). */
  get calibrationStale(): boolean {
    return this.stale;
  }

  /**
   * Fits the calibration on the decisions learnt so far. Every decision is scored by the models
   * without it (leave-one-out, exact for Naive Bayes), and a logistic model maps those scores and
   * the style evidence to the admins' labels. A decision's score is computed once, when it is
   * first calibrated, so after a new decision this costs one score and a refit of a few
   * coefficients (milliseconds); `full` scores every decision again against the current models
   * (linear in the decisions, about a millisecond each: at start).
   */
  calibrate(options: { full?: boolean } = {}): Calibration | undefined {
    this.stale = false;
    const counts = this.model.decisions;
    if (!this.model.ready) {
      this.fit = undefined;
      return undefined;
    }
    if (options.full) {
      for (const d of this.decisions) d.row = undefined;
      this.referenceEvidence = undefined;
    }
    for (const d of this.decisions) d.row ??= this.scoreDecision(d);
    const ordinary = this.fitOrdinary(counts.hoax);
    const observedRate = this.observedRate();
    const rows = this.decisions.map((d) => d.row as DecisionRow);
    // Centres are the uncalibrated meaning (style counts fully, the prior is the observed rate);
    // the ridge keeps a small history close to them. Style may count less than its prior weight
    // (the classifier sees the same words), never against a hoax.
    const [slope, style, clarification, intercept] = fitLogistic(
      rows.map((r) => [r.evidence, r.style, r.clarification, 1]),
      plattTargets(this.decisions.map((d) => d.label === "hoax")),
      {
        centre: [0, 1, 1, logit(observedRate)],
        ridge: [1, 4, 4, 1],
        bounds: [[0, Infinity], [0, 1], [0, 2], undefined],
        offset: rows.map((r) => this.config.evidence.ordinary * veto(ordinary, r.ordinaryEvidence) + r.rules),
      },
    ) as [number, number, number, number];
    this.fit = { decisions: counts, observedRate, slope, intercept, style, clarification, ordinary };
    return this.fit;
  }

  /** A decision's calibration row: its leave-one-out scores and its style evidence. */
  private scoreDecision(d: Decision): DecisionRow {
    // Known claims are left out: in the history every hoax would match itself.
    const signals = this.signals({ text: d.text }, false);
    return {
      evidence: this.model.leaveOneOutEvidence(d.text, d.label),
      ordinaryEvidence:
        d.label === "hoax" ? this.ordinaryModel.leaveOneOutEvidence(d.text, "hoax") : this.ordinaryModel.predict(d.text).evidence,
      style: sum(signals.style),
      clarification: sum(signals.clarification),
      rules: signals.rules,
    };
  }

  screen(input: ScreeningInput): ScreeningResult {
    const signals = this.signals(input, true);
    const prediction = this.model.predict(input.text ?? "");
    const baseRate = this.baseRate();
    const prior = logit(baseRate);
    const fit = this.model.ready ? this.fit : undefined;
    const reasons = [...signals.reasons];
    let logOdds = prior + signals.rules;
    let classifierEvidence: number | undefined;
    if (fit) {
      const styleFactor = fit.style;
      for (const r of signals.style) r.weight = round(r.weight * styleFactor);
      for (const r of signals.clarification) r.weight = round(r.weight * fit.clarification);
      // The intercept was fitted at the rate of its time; the prior moves on with every decision.
      classifierEvidence = fit.intercept - logit(fit.observedRate) + fit.slope * prediction.evidence;
      if (classifierEvidence > 0 && signals.clarification.length > 0) classifierEvidence *= this.config.evidence.denialDiscount;
      const vetoed = this.config.evidence.ordinary * veto(fit.ordinary, this.ordinaryModel.predict(input.text ?? "").evidence);
      reasons.push(this.classifierReason(prediction, classifierEvidence, prior));
      if (vetoed < 0) reasons.push({ code: "ordinary", weight: round(vetoed), params: {} });
      logOdds += classifierEvidence + vetoed;
    } else {
      reasons.push(this.notReadyReason(prediction));
    }
    logOdds += sum(signals.style) + sum(signals.clarification);
    reasons.push(...signals.style, ...signals.clarification);
    reasons.sort((a, b) => b.weight - a.weight || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

    const score = round(sigmoid(logOdds));
    const { medium, high } = this.config.thresholds;
    const denial = signals.clarification.some((r) => r.weight < 0);
    // "High" on the probability alone needs overwhelming evidence of more than one kind: the
    // classifier has seen patterns, not this falsehood, and style is never proof.
    const basis = basisOf(reasons, classifierEvidence === undefined ? undefined : sigmoid(prior + classifierEvidence), this.model.decisions);
    const kinds = basis.filter((b) => b.weight >= MIN_KIND_EVIDENCE).length;
    let level: RiskLevel = score > high && kinds >= 2 ? "high" : score > medium ? "medium" : "low";
    if (signals.strongMatch) level = denial ? (level === "low" ? "medium" : level) : "high";
    if (denial && level === "high" && score <= high) level = "medium";
    const decisions = this.model.decisions;
    return {
      level,
      score,
      reasons,
      basis,
      closestClaims: signals.matches,
      classifier: prediction.ready ? { ready: true, pHoax: round(sigmoid(prior + (classifierEvidence ?? 0))) } : { ready: false },
      prior: { baseRate: round(baseRate), decisions: decisions.hoax + decisions.valid, calibrated: fit !== undefined },
    };
  }

  /** The prior of a new item: the district's smoothed hoax rate, at most `prior.max`. */
  baseRate(): number {
    return Math.min(this.config.prior.max, this.observedRate());
  }

  /** The smoothed observed hoax rate of the district's decisions. */
  observedRate(): number {
    const { hoax, valid } = this.model.decisions;
    return smoothedRate(hoax, hoax + valid, this.config.prior.baseRate, this.config.prior.pseudoCount);
  }

  /** Reasons of a text before calibration; with `withKnown` false, known claims and images are skipped. */
  private signals(input: ScreeningInput, withKnown: boolean): Signals {
    const text = input.text ?? "";
    const out: Signals = { reasons: [], style: [], clarification: [], rules: 0, strongMatch: false, matches: [] };
    if (withKnown) {
      out.matches = this.claims.searchTokens(tokens(text), Math.max(1, this.config.claims.listed));
      const claim = this.claimReason(out.matches);
      if (claim) {
        out.reasons.push(claim);
        out.rules += claim.weight;
        out.strongMatch = (out.matches[0]?.similarity ?? 0) >= this.config.claims.strongSimilarity;
      }
      const image = this.imageReason(input.imageHashes ?? []);
      if (image) {
        out.reasons.push(image);
        out.rules += image.weight;
        out.strongMatch = true;
      }
    }
    const { styleCap } = this.config.evidence;
    for (const hit of this.styleHits(text, input.entities ?? [])) {
      const reason = { code: hit.code, weight: hit.weight, params: hit.params };
      (reason.weight < 0 ? out.clarification : out.style).push(reason);
    }
    // Chain-message style is capped: many weak signs of it are still only signs of style.
    const styleTotal = sum(out.style);
    if (styleTotal > styleCap) for (const r of out.style) r.weight *= styleCap / styleTotal;
    for (const r of [...out.style, ...out.clarification]) r.weight = round(r.weight);
    for (const finding of this.linkFindings(text, input.entities ?? [])) {
      if (finding.code === "link.shortener") continue;
      const reason = { code: finding.code, weight: this.config.evidence[finding.code], params: finding.params };
      out.reasons.push(reason);
      out.rules += reason.weight;
    }
    return out;
  }

  /** Cue hits (the strongest one per category), shouting, punctuation and shorteners, in log-odds. */
  private styleHits(text: string, entities: readonly LinkEntity[]): Array<{ code: string; weight: number; params: Record<string, string | number> }> {
    const byCategory = new Map<string, { code: string; weight: number; params: Record<string, string | number> }>();
    for (const hit of matchCues(text, this.compiledCues)) {
      const current = byCategory.get(hit.code);
      if (!current || Math.abs(hit.weight) > Math.abs(current.weight)) {
        byCategory.set(hit.code, { code: hit.code, weight: hit.weight, params: { phrase: hit.phrase, cue: hit.cueId } });
      }
    }
    const hits = [...byCategory.values()];
    const { evidence } = this.config;
    const caps = capsShare(text, this.config.shouting.minLetters);
    if (caps && caps.capsShare >= this.config.shouting.minShare) {
      hits.push({ code: "shouting", weight: evidence.shouting, params: { percent: Math.round(caps.capsShare * 100) } });
    }
    const runs = punctuationRuns(text);
    if (runs.length > 0) {
      hits.push({
        code: "punctuation",
        weight: evidence.punctuation,
        params: { sample: (runs[0] as string).replace(/\s+/gu, ""), count: runs.length },
      });
    }
    for (const finding of this.linkFindings(text, entities)) {
      if (finding.code === "link.shortener") hits.push({ code: finding.code, weight: evidence["link.shortener"], params: finding.params });
    }
    return hits;
  }

  private linkFindings(text: string, entities: readonly LinkEntity[]) {
    return inspectLinks(extractLinks(text, entities), this.config.links);
  }

  private claimReason(matches: readonly ClaimMatch[]): Reason | undefined {
    const { reportSimilarity, strongSimilarity } = this.config.claims;
    const best = matches[0];
    if (!best || best.similarity < reportSimilarity) return undefined;
    const { knownClaimWeak, knownClaimStrong } = this.config.evidence;
    // Linear from weak to strong between the two similarities, then 1.5 more up to identity.
    const weight =
      best.similarity >= strongSimilarity
        ? knownClaimStrong + 1.5 * ((best.similarity - strongSimilarity) / (1 - strongSimilarity || 1))
        : knownClaimWeak +
          (knownClaimStrong - knownClaimWeak) * ((best.similarity - reportSimilarity) / (strongSimilarity - reportSimilarity));
    return {
      code: "known-claim",
      weight: round(weight),
      params: { id: best.id, similarity: Math.round(best.similarity * 100), claim: excerpt(this.claims.text(best.id) ?? "") },
    };
  }

  private imageReason(hashes: readonly string[]): Reason | undefined {
    let best: { id: string; distance: number } | undefined;
    for (const hash of hashes) {
      const match = this.images.nearest(hash, this.config.images.maxDistance);
      if (match && (!best || match.distance < best.distance)) best = match;
    }
    if (!best) return undefined;
    return { code: "known-image", weight: this.config.evidence.knownImage, params: { id: best.id, distance: best.distance } };
  }

  private classifierReason(prediction: Prediction, evidence: number, prior: number): Reason {
    return {
      code: "classifier",
      weight: round(evidence),
      params: {
        percent: Math.round(sigmoid(prior + evidence) * 100),
        words: prediction.hoaxWords.join(", ") || "–",
        count: prediction.decisions.hoax + prediction.decisions.valid,
      },
    };
  }

  private notReadyReason(prediction: Prediction): Reason {
    const { hoax, valid } = prediction.decisions;
    return {
      code: "classifier.not-ready",
      weight: 0,
      params: { count: hoax + valid, hoax, valid, needed: this.model.requiredPerClass },
    };
  }

  /** Platt fit of the ordinary-post model on its own leave-one-out scores (hoax decisions and reference posts). */
  private fitOrdinary(hoaxes: number): Calibration["ordinary"] {
    const reference = this.config.reference;
    if (reference.length === 0) return undefined;
    this.referenceEvidence ??= reference.map((text) => this.ordinaryModel.leaveOneOutEvidence(text, "valid"));
    const hoaxEvidence = this.decisions.filter((d) => d.label === "hoax").map((d) => (d.row as DecisionRow).ordinaryEvidence);
    const scores = [...hoaxEvidence, ...this.referenceEvidence];
    const prior = logit(hoaxes / (hoaxes + reference.length));
    const [slope, intercept] = fitLogistic(
      scores.map((score) => [score, 1]),
      plattTargets(scores.map((_, i) => i < hoaxEvidence.length)),
      { centre: [0, prior], ridge: [1, 1], bounds: [[0, Infinity], undefined] },
    ) as [number, number];
    return { slope, intercept, prior };
  }
}

/**
 * Evidence of the ordinary-post model, only when it says "ordinary": a district's history may
 * hold few ordinary posts (or none, like a collection of hoaxes and their denials), and then the
 * classifier has never seen what an ordinary post looks like. It can only lower the probability.
 */
function veto(ordinary: Calibration["ordinary"], evidence: number): number {
  if (!ordinary) return 0;
  return Math.min(0, ordinary.slope * evidence + ordinary.intercept - ordinary.prior);
}

export function createScreener(config: ScreeningConfigInput = {}): Screener {
  return new Screener(config);
}

/** The kinds of evidence behind a result, strongest first; "none" when nothing raised it. */
function basisOf(reasons: readonly Reason[], classifierP: number | undefined, decisions: Record<Label, number>): BasisItem[] {
  const items: BasisItem[] = [];
  const positive = reasons.filter((r) => r.weight > 0);
  for (const r of positive) {
    if (r.code === "known-claim") items.push({ code: "known-claim", weight: r.weight, params: { similarity: r.params.similarity ?? 0 }, parts: [] });
    if (r.code === "known-image") items.push({ code: "known-image", weight: r.weight, params: {}, parts: [] });
    if (r.code === "classifier" && classifierP !== undefined) {
      items.push({
        code: "classifier",
        weight: r.weight,
        params: { percent: Math.round(classifierP * 100), count: decisions.hoax + decisions.valid },
        parts: [],
      });
    }
  }
  // A group names its strongest few reasons; the card lists them all below.
  const group = (code: string, match: (r: Reason) => boolean) => {
    const members = positive.filter(match);
    if (members.length > 0) items.push({ code, weight: round(sum(members)), params: {}, parts: members.slice(0, 3).map((r) => r.code) });
  };
  group("style", (r) => r.code.startsWith("cue.") || STYLE_CODES.has(r.code));
  group("links", (r) => r.code.startsWith("link.") && !STYLE_CODES.has(r.code));
  items.sort((a, b) => b.weight - a.weight);
  return items.length > 0 ? items : [{ code: "none", weight: 0, params: {}, parts: [] }];
}

function sum(reasons: readonly Reason[]): number {
  return reasons.reduce((total, r) => total + r.weight, 0);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function excerpt(text: string, max = 120): string {
  const flat = text.replace(/\s+/gu, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Fluent key of a reason code: "cue.spread" → "screening-reason-cue-spread". */
export function reasonKey(code: string): string {
  return `screening-reason-${code.replace(/\./gu, "-")}`;
}

/** Fluent key of a basis item: "style" → "screening-basis-style". */
export function basisKey(code: string): string {
  return `screening-basis-${code}`;
}

/** Fluent key of the short name of a style or link reason: "cue.spread" → "screening-part-cue-spread". */
export function partKey(code: string): string {
  return `screening-part-${code.replace(/\./gu, "-")}`;
}

export function levelKey(level: RiskLevel): string {
  return `screening-level-${level}`;
}

/** The basis in words, strongest first: "mirip klaim hoaks yang dikenal, 91 %; gaya pesan berantai: …". */
export function renderBasis(basis: readonly BasisItem[], t: Translate): string {
  return basis
    .map((b) => t(basisKey(b.code), { ...b.params, parts: b.parts.map((p) => t(partKey(p))).join(", ") }))
    .join("; ");
}

/** The level line, the basis line, then one line per reason, strongest first, through a Fluent `t`. */
export function renderReasons(result: ScreeningResult, t: Translate): string[] {
  return [
    t(levelKey(result.level)),
    t("screening-basis", { basis: renderBasis(result.basis, t) }),
    ...result.reasons.map((r) => t(reasonKey(r.code), r.params)),
  ];
}
