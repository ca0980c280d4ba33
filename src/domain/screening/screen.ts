// Screening: a triage aid for admins. Every submission gets a risk level with the reasons behind
// it, strongest first. It never rejects anything by itself; it decides what an admin looks at
// first and what to look at in it.
import { ClaimIndex, type ClaimIndexOptions, type ClaimMatch } from "./claim-index.js";
import { NaiveBayesClassifier, type ClassifierOptions, type ClassifierState, type Label } from "./classifier.js";
import { capsShare, compileCues, defaultCues, matchCues, punctuationRuns, type CompiledCues, type Cue } from "./cues.js";
import { ImageHashIndex } from "./image-hash.js";
import { defaultLinkConfig, extractLinks, inspectLinks, type LinkConfig, type LinkEntity } from "./links.js";
import { tokens } from "./normalize.js";

export type RiskLevel = "low" | "medium" | "high";

export interface Reason {
  /** "known-claim", "cue.spread", "link.shortener", ...; maps to a Fluent key via reasonKey(). */
  code: string;
  /** Contribution to the score: (0, 1] raises it, negative values damp it, 0 is information only. */
  weight: number;
  params: Record<string, string | number>;
}

export interface ScreeningResult {
  level: RiskLevel;
  score: number;
  reasons: Reason[];
  closestClaims: ClaimMatch[];
  classifier: { ready: boolean; pHoax?: number };
}

export interface ScreeningInput {
  text: string;
  /** Telegram-like entities of the text (url / text_link), as plain data. */
  entities?: readonly LinkEntity[];
  /** pHashes (imageHash) of the pictures attached to the submission. */
  imageHashes?: readonly string[];
}

export interface ScreeningConfig {
  /** Score bounds of the levels: score ≥ high → "high", ≥ medium → "medium", else "low". */
  thresholds: { medium: number; high: number };
  weights: {
    /** Weight of a known-claim match at `claims.strongSimilarity`; it rises to 0.98 at 1.0. */
    knownClaimStrong: number;
    /** Weight of a known-claim match at `claims.reportSimilarity` (the weakest one reported). */
    knownClaimWeak: number;
    knownImage: number;
    /** Weight of the classifier at pHoax ≥ `classifierFullAt`; zero at pHoax ≤ 0.5. */
    classifier: number;
    classifierFullAt: number;
    shouting: number;
    punctuation: number;
    "link.shortener": number;
    "link.hoax-domain": number;
    "link.mismatch": number;
    "link.impersonation": number;
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
}

export const defaultScreeningConfig: ScreeningConfig = {
  thresholds: { medium: 0.4, high: 0.75 },
  weights: {
    // A strong match with a confirmed hoax is high on its own (≥ thresholds.high).
    knownClaimStrong: 0.9,
    knownClaimWeak: 0.25,
    knownImage: 0.9,
    // The model alone can ask for a look (medium, from 2:1 odds of a hoax, pHoax ≥ 0.67) but
    // never says "high": it has seen patterns, not this particular falsehood.
    classifier: 0.6,
    classifierFullAt: 0.75,
    shouting: 0.2,
    punctuation: 0.1,
    "link.shortener": 0.2,
    "link.hoax-domain": 0.6,
    "link.mismatch": 0.4,
    "link.impersonation": 0.45,
  },
  claims: { reportSimilarity: 0.5, strongSimilarity: 0.8, listed: 3 },
  images: { maxDistance: 10 },
  classifier: { alpha: 1, minPerClass: 20 },
  shouting: { minLetters: 20, minShare: 0.6 },
  cues: defaultCues,
  links: defaultLinkConfig,
};

export type ScreeningConfigInput = {
  [K in keyof ScreeningConfig]?: ScreeningConfig[K] extends readonly unknown[]
    ? ScreeningConfig[K]
    : Partial<ScreeningConfig[K]>;
};

/** Defaults overridden section by section (each section is merged one level deep). */
export function resolveConfig(input: ScreeningConfigInput = {}): ScreeningConfig {
  const d = defaultScreeningConfig;
  return {
    thresholds: { ...d.thresholds, ...input.thresholds },
    weights: { ...d.weights, ...input.weights },
    claims: { ...d.claims, ...input.claims },
    images: { ...d.images, ...input.images },
    classifier: { ...d.classifier, ...input.classifier },
    shouting: { ...d.shouting, ...input.shouting },
    cues: input.cues ?? d.cues,
    links: { ...d.links, ...input.links },
  };
}

export class Screener {
  readonly config: ScreeningConfig;
  readonly claims: ClaimIndex;
  readonly images = new ImageHashIndex();
  private model: NaiveBayesClassifier;
  private readonly compiledCues: CompiledCues;

  constructor(config: ScreeningConfigInput = {}) {
    this.config = resolveConfig(config);
    this.claims = new ClaimIndex(this.config.claims);
    this.model = new NaiveBayesClassifier(this.config.classifier);
    this.compiledCues = compileCues(this.config.cues);
  }

  get classifier(): NaiveBayesClassifier {
    return this.model;
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

  /** Feeds an admin decision to the classifier. */
  learn(text: string, label: Label): void {
    this.model.learn(text, label);
  }

  unlearn(text: string, label: Label): void {
    this.model.unlearn(text, label);
  }

  /** Replaces the classifier with a persisted one (thresholds of this config apply). */
  loadClassifier(state: ClassifierState): void {
    this.model = NaiveBayesClassifier.fromJSON(state, this.config.classifier);
  }

  screen(input: ScreeningInput): ScreeningResult {
    const text = input.text ?? "";
    const reasons: Reason[] = [];
    const closestClaims = this.claims.searchTokens(tokens(text), Math.max(1, this.config.claims.listed));
    reasons.push(...this.claimReasons(closestClaims));
    reasons.push(...this.imageReasons(input.imageHashes ?? []));
    reasons.push(...this.cueReasons(text));
    reasons.push(...this.linkReasons(text, input.entities ?? []));
    const prediction = this.model.predict(text);
    reasons.push(this.classifierReason(prediction));

    const score = combine(reasons);
    reasons.sort((a, b) => b.weight - a.weight || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    const { medium, high } = this.config.thresholds;
    return {
      level: score >= high ? "high" : score >= medium ? "medium" : "low",
      score,
      reasons,
      closestClaims,
      classifier: prediction.ready ? { ready: true, pHoax: prediction.pHoax } : { ready: false },
    };
  }

  private claimReasons(matches: readonly ClaimMatch[]): Reason[] {
    const { reportSimilarity, strongSimilarity } = this.config.claims;
    const best = matches[0];
    if (!best || best.similarity < reportSimilarity) return [];
    const { knownClaimWeak, knownClaimStrong } = this.config.weights;
    // Linear from weak to strong between the two similarities, then up to 0.98 at identity.
    const weight =
      best.similarity >= strongSimilarity
        ? knownClaimStrong + (0.98 - knownClaimStrong) * ((best.similarity - strongSimilarity) / (1 - strongSimilarity || 1))
        : knownClaimWeak +
          (knownClaimStrong - knownClaimWeak) * ((best.similarity - reportSimilarity) / (strongSimilarity - reportSimilarity));
    return [
      {
        code: "known-claim",
        weight: round(Math.min(0.98, Math.max(knownClaimWeak, weight))),
        params: { id: best.id, similarity: Math.round(best.similarity * 100), claim: excerpt(this.claims.text(best.id) ?? "") },
      },
    ];
  }

  private imageReasons(hashes: readonly string[]): Reason[] {
    let best: { id: string; distance: number } | undefined;
    for (const hash of hashes) {
      const match = this.images.nearest(hash, this.config.images.maxDistance);
      if (match && (!best || match.distance < best.distance)) best = match;
    }
    if (!best) return [];
    return [{ code: "known-image", weight: this.config.weights.knownImage, params: { id: best.id, distance: best.distance } }];
  }

  private cueReasons(text: string): Reason[] {
    const reasons: Reason[] = matchCues(text, this.compiledCues).map((hit) => ({
      code: hit.code,
      weight: hit.weight,
      params: { phrase: hit.phrase, cue: hit.cueId },
    }));
    const caps = capsShare(text, this.config.shouting.minLetters);
    if (caps && caps.capsShare >= this.config.shouting.minShare) {
      reasons.push({ code: "shouting", weight: this.config.weights.shouting, params: { percent: Math.round(caps.capsShare * 100) } });
    }
    const runs = punctuationRuns(text);
    if (runs.length > 0) {
      reasons.push({
        code: "punctuation",
        weight: this.config.weights.punctuation,
        params: { sample: (runs[0] as string).replace(/\s+/gu, ""), count: runs.length },
      });
    }
    return reasons;
  }

  private linkReasons(text: string, entities: readonly LinkEntity[]): Reason[] {
    return inspectLinks(extractLinks(text, entities), this.config.links).map((finding) => ({
      code: finding.code,
      weight: this.config.weights[finding.code],
      params: finding.params,
    }));
  }

  private classifierReason(prediction: ReturnType<NaiveBayesClassifier["predict"]>): Reason {
    if (!prediction.ready) {
      const { hoax, valid } = prediction.decisions;
      return {
        code: "classifier.not-ready",
        weight: 0,
        params: { count: hoax + valid, hoax, valid, needed: this.model.requiredPerClass },
      };
    }
    const { classifier, classifierFullAt } = this.config.weights;
    const strength = Math.min(1, Math.max(0, (prediction.pHoax - 0.5) / (classifierFullAt - 0.5)));
    return {
      code: "classifier",
      weight: round(classifier * strength),
      params: { percent: Math.round(prediction.pHoax * 100), words: prediction.hoaxWords.join(", ") || "–" },
    };
  }
}

export function createScreener(config: ScreeningConfigInput = {}): Screener {
  return new Screener(config);
}

/**
 * Noisy-OR of the positive weights (independent pieces of evidence: each one that fires
 * removes part of the remaining doubt), then damped by the negative ones (signs of an official
 * denial, which quote hoaxes without spreading them).
 */
export function combine(reasons: readonly Reason[]): number {
  let doubt = 1;
  let damping = 1;
  for (const { weight } of reasons) {
    if (weight > 0) doubt *= 1 - Math.min(1, weight);
    else if (weight < 0) damping *= 1 + Math.max(-1, weight);
  }
  return round((1 - doubt) * damping);
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

export function levelKey(level: RiskLevel): string {
  return `screening-level-${level}`;
}

/** The level line followed by one line per reason, strongest first, through a Fluent `t`. */
export function renderReasons(result: ScreeningResult, t: Translate): string[] {
  return [t(levelKey(result.level)), ...result.reasons.map((r) => t(reasonKey(r.code), r.params))];
}
