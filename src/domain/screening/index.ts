// Public surface of the screening domain. Pure TypeScript: it knows nothing of Telegram or the
// database; callers pass plain text, entity data and image hashes, and persist the classifier
// state and the known claims/images themselves.
export { ClaimIndex, type ClaimIndexOptions, type ClaimMatch } from "./claim-index.js";
export {
  NaiveBayesClassifier,
  type ClassifierOptions,
  type ClassifierState,
  type Label,
  type Prediction,
} from "./classifier.js";
export { compileCues, defaultCues, matchCues, type Cue, type CueHit } from "./cues.js";
export {
  hammingDistance,
  imageHash,
  imageHashVariants,
  ImageHashIndex,
  isImageHash,
  type ImageMatch,
} from "./image-hash.js";
export {
  defaultLinkConfig,
  extractLinks,
  inspectLinks,
  type ExtractedLink,
  type LinkConfig,
  type LinkEntity,
  type LinkFinding,
} from "./links.js";
export { normalizeText, tokens, words } from "./normalize.js";
export { fitLogistic, logit, plattTargets, sigmoid, smoothedRate, type LogisticOptions } from "./calibration.js";
export {
  basisKey,
  createScreener,
  defaultScreeningConfig,
  levelKey,
  partKey,
  reasonKey,
  renderBasis,
  renderReasons,
  resolveConfig,
  Screener,
  type BasisItem,
  type Calibration,
  type Reason,
  type RiskLevel,
  type ScreeningConfig,
  type ScreeningConfigInput,
  type ScreeningInput,
  type ScreeningResult,
  type Translate,
} from "./screen.js";
