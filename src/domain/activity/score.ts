// The composite activity score of a KIM (0-100) and its group.
//
// score = 100 × ( 0.40 × consistency + 0.25 × volume + 0.20 × acceptance + 0.15 × recency )
//
// - consistency = active weeks / weeks counted. What the district wants most is a KIM that
//   reports *every week*, so this weighs most. Weeks counted are the weeks of the period that had
//   started by now and during which the KIM existed; the current, unfinished week counts only
//   once the KIM was active in it (so nobody drops on Monday morning).
// - volume = min(1, submissions / (targetPerWeek × weeks counted)). Rewards more than one item a
//   week, capped so a burst of posts cannot make up for silent weeks.
// - acceptance = 1 − rejection rate (rejected + hoax over decided). Quality: work that can be
//   published. When nothing was decided yet it counts as `undecidedAcceptance` (0.5) so a KIM is
//   not punished for a slow review; with no submissions at all it is 0.
// - recency = 1 when the last confirmed submission is at most `recencyFullDays` (7) days before the
//   end of the period (or now), falling linearly to 0 at `recencyZeroDays` (28). Tells a KIM that
//   is active *now* from one whose activity is all in the past.
//
// Groups: "aktif" at score ≥ 65 (about 3 of 4 weeks active with accepted work); "tidak-aktif"
// below 25, or with no submission in the period; "perlu-pembinaan" in between.
// Weights are normalised to sum to 1, so any positive numbers can be configured.

export type ActivityGroup = "aktif" | "perlu-pembinaan" | "tidak-aktif";
export const ACTIVITY_GROUPS: readonly ActivityGroup[] = ["aktif", "perlu-pembinaan", "tidak-aktif"];

export interface ScoreWeights {
  consistency: number;
  volume: number;
  acceptance: number;
  recency: number;
}

export interface ScoreConfig {
  weights: ScoreWeights;
  /** Submissions per week that give the full volume part. */
  targetPerWeek: number;
  recencyFullDays: number;
  recencyZeroDays: number;
  /** Acceptance part while submissions exist but none is decided. */
  undecidedAcceptance: number;
  /** Score at or above which a KIM is "aktif". */
  activeMin: number;
  /** Score below which a KIM is "tidak-aktif". */
  inactiveBelow: number;
}

export const DEFAULT_SCORE_CONFIG: ScoreConfig = Object.freeze({
  weights: Object.freeze({ consistency: 0.4, volume: 0.25, acceptance: 0.2, recency: 0.15 }),
  targetPerWeek: 2,
  recencyFullDays: 7,
  recencyZeroDays: 28,
  undecidedAcceptance: 0.5,
  activeMin: 65,
  inactiveBelow: 25,
});

export type ScoreConfigInput = Partial<Omit<ScoreConfig, "weights">> & { weights?: Partial<ScoreWeights> };

/** Fills defaults, normalises the weights and checks the numbers. Throws RangeError. */
export function resolveScoreConfig(input: ScoreConfigInput = {}): ScoreConfig {
  const raw = { ...DEFAULT_SCORE_CONFIG.weights, ...(input.weights ?? {}) };
  const total = raw.consistency + raw.volume + raw.acceptance + raw.recency;
  for (const [k, v] of Object.entries(raw)) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`score weight ${k} must be a number ≥ 0`);
  }
  if (!(total > 0)) throw new RangeError("score weights must not all be 0");
  const defined = Object.fromEntries(Object.entries(input).filter(([k, v]) => v !== undefined && k !== "weights"));
  const c: ScoreConfig = {
    ...DEFAULT_SCORE_CONFIG,
    ...defined,
    weights: {
      consistency: raw.consistency / total,
      volume: raw.volume / total,
      acceptance: raw.acceptance / total,
      recency: raw.recency / total,
    },
  };
  if (!(c.targetPerWeek > 0)) throw new RangeError("targetPerWeek must be > 0");
  if (!(c.recencyZeroDays > c.recencyFullDays && c.recencyFullDays >= 0)) {
    throw new RangeError("recencyZeroDays must be greater than recencyFullDays ≥ 0");
  }
  if (!(c.undecidedAcceptance >= 0 && c.undecidedAcceptance <= 1)) throw new RangeError("undecidedAcceptance must be in [0, 1]");
  if (!(c.inactiveBelow >= 0 && c.inactiveBelow <= c.activeMin && c.activeMin <= 100)) {
    throw new RangeError("need 0 ≤ inactiveBelow ≤ activeMin ≤ 100");
  }
  return c;
}

export interface ScoreInput {
  submissions: number;
  weeksActive: number;
  weeksCounted: number;
  decided: number;
  rejected: number;
  /** Days from the last confirmed submission to the end of the period (or now); null if none. */
  daysSinceLast: number | null;
}

export interface ScoreParts {
  consistency: number;
  volume: number;
  acceptance: number;
  recency: number;
}

export interface ScoreResult {
  /** 0-100, whole number. */
  score: number;
  /** Each part in [0, 1] before weighting. */
  parts: ScoreParts;
  group: ActivityGroup;
}

const clamp01 = (x: number) => (x <= 0 ? 0 : x >= 1 ? 1 : x);

export function scoreParts(input: ScoreInput, config: ScoreConfig = DEFAULT_SCORE_CONFIG): ScoreParts {
  const weeks = input.weeksCounted;
  const consistency = weeks > 0 ? clamp01(input.weeksActive / weeks) : 0;
  const volume = weeks > 0 ? clamp01(input.submissions / (config.targetPerWeek * weeks)) : 0;
  const acceptance =
    input.submissions === 0 ? 0 : input.decided > 0 ? clamp01(1 - input.rejected / input.decided) : config.undecidedAcceptance;
  const d = input.daysSinceLast;
  const recency =
    d === null ? 0 : clamp01(1 - (d - config.recencyFullDays) / (config.recencyZeroDays - config.recencyFullDays));
  return { consistency, volume, acceptance, recency };
}

export function groupFor(score: number, submissions: number, config: ScoreConfig = DEFAULT_SCORE_CONFIG): ActivityGroup {
  if (submissions === 0 || score < config.inactiveBelow) return "tidak-aktif";
  if (score >= config.activeMin) return "aktif";
  return "perlu-pembinaan";
}

/** The score of one KIM. Pass a config from resolveScoreConfig (weights summing to 1). */
export function scoreKim(input: ScoreInput, config: ScoreConfig = DEFAULT_SCORE_CONFIG): ScoreResult {
  const parts = scoreParts(input, config);
  const w = config.weights;
  const raw = w.consistency * parts.consistency + w.volume * parts.volume + w.acceptance * parts.acceptance + w.recency * parts.recency;
  // Round half up on a value cleaned of float noise (0.65 × 100 = 65.00000000000001).
  const score = Math.round(Math.round(raw * 100 * 1e6) / 1e6);
  return { score, parts, group: groupFor(score, input.submissions, config) };
}
