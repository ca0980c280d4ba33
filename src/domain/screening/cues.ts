// Language cues of hoax chain messages. The phrases live in cues.id.json, a reviewed list that
// admins can extend without touching code; this module compiles and matches them, and adds two
// computed cues (shouting, runs of !!! / ???).
import cueData from "./cues.id.json" with { type: "json" };
import { words } from "./normalize.js";

export interface Cue {
  id: string;
  /** Reason code becomes `cue.<category>`. */
  category: string;
  /**
   * Phrases, matched word by word on normalised text; a trailing `*` matches a word prefix.
   * A phrase containing ! or ? ("penting!!!") is matched on the raw text instead, because
   * normalisation removes punctuation.
   */
  patterns: string[];
  /**
   * Evidence in log-odds (the natural log of how much likelier the phrase is in a hoax than in an
   * ordinary post): 0.4 is weak (×1.5), 1.5 strong (×4.5). A negative weight marks evidence
   * against a hoax (an official denial). Screening caps the total of chain-message style and
   * calibrates how much of it counts on the district's decisions.
   */
  weight: number;
  /** When true, a negation just before the phrase ("jangan sebarkan") cancels the hit. */
  negatable?: boolean;
}

export interface CueHit {
  code: string;
  cueId: string;
  category: string;
  weight: number;
  phrase: string;
}

export const defaultCues: readonly Cue[] = cueData as Cue[];

const NEGATIONS = new Set(["jangan", "tidak", "bukan", "stop", "hindari", "dilarang", "janganlah"]);
/** How many words before a phrase a negation may stand ("jangan ikut sebarkan"). */
const NEGATION_WINDOW = 2;

interface CompiledPattern {
  cue: Cue;
  phrase: string;
  words: string[];
}

/** Patterns grouped by their first word, so matching costs one map look-up per text word. */
export interface CompiledCues {
  byFirstWord: Map<string, CompiledPattern[]>;
  prefixPatterns: CompiledPattern[];
  rawPatterns: Array<{ cue: Cue; phrase: string; regex: RegExp }>;
}

export function compileCues(cues: readonly Cue[]): CompiledCues {
  const compiled: CompiledCues = { byFirstWord: new Map(), prefixPatterns: [], rawPatterns: [] };
  for (const cue of cues) {
    for (const phrase of cue.patterns) {
      if (/[!?]/u.test(phrase)) {
        compiled.rawPatterns.push({ cue, phrase, regex: rawPhraseRegex(phrase) });
        continue;
      }
      // Patterns go through the same normaliser as messages, so "gak" in a pattern still works.
      const wildcard = phrase.trimEnd().endsWith("*");
      const patternWords = words(wildcard ? phrase.trimEnd().slice(0, -1) : phrase);
      if (patternWords.length === 0) continue;
      if (wildcard) patternWords[patternWords.length - 1] += "*";
      const entry = { cue, phrase, words: patternWords };
      const first = patternWords[0] as string;
      if (first.endsWith("*")) compiled.prefixPatterns.push(entry);
      else {
        const list = compiled.byFirstWord.get(first);
        if (list) list.push(entry);
        else compiled.byFirstWord.set(first, [entry]);
      }
    }
  }
  return compiled;
}

/** "penting!!!" → /penting\s*!{3,}/i: spaces before the marks and longer runs also match. */
function rawPhraseRegex(phrase: string): RegExp {
  const source = phrase
    .trim()
    .split(/(\s+|!+|\?+)/u)
    .filter((part) => part !== "")
    .map((part) => {
      if (/^\s+$/u.test(part)) return "\\s+";
      if (/^[!?]+$/u.test(part)) return `\\s*${part[0] === "?" ? "\\?" : "!"}{${part.length},}`;
      return part.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
    })
    .join("");
  return new RegExp(`(?<![\\p{L}\\p{N}])${source}`, "iu");
}

/** One hit per cue (its first matching phrase): repeating a phrase adds nothing. */
export function matchCues(text: string, compiled: CompiledCues): CueHit[] {
  const textWords = words(text);
  const hits = new Map<string, CueHit>();
  for (const { cue, phrase, regex } of compiled.rawPatterns) {
    if (!hits.has(cue.id) && regex.test(text)) hits.set(cue.id, hitOf(cue, phrase));
  }
  for (let i = 0; i < textWords.length; i++) {
    const candidates = compiled.byFirstWord.get(textWords[i] as string) ?? [];
    for (const pattern of [...candidates, ...compiled.prefixPatterns]) {
      if (hits.has(pattern.cue.id) || !matchesAt(textWords, i, pattern.words)) continue;
      if (pattern.cue.negatable && negatedAt(textWords, i)) continue;
      hits.set(pattern.cue.id, hitOf(pattern.cue, pattern.phrase));
    }
  }
  return [...hits.values()];
}

function hitOf(cue: Cue, phrase: string): CueHit {
  return { code: `cue.${cue.category}`, cueId: cue.id, category: cue.category, weight: cue.weight, phrase };
}

function matchesAt(textWords: readonly string[], start: number, patternWords: readonly string[]): boolean {
  if (start + patternWords.length > textWords.length) return false;
  for (let j = 0; j < patternWords.length; j++) {
    const want = patternWords[j] as string;
    const have = textWords[start + j] as string;
    if (want.endsWith("*") ? !have.startsWith(want.slice(0, -1)) : have !== want) return false;
  }
  return true;
}

function negatedAt(textWords: readonly string[], start: number): boolean {
  for (let j = Math.max(0, start - NEGATION_WINDOW); j < start; j++) {
    if (NEGATIONS.has(textWords[j] as string)) return true;
  }
  return false;
}

export interface ShoutingCue {
  /** Share of capital letters among letters, 0–1. */
  capsShare: number;
  letters: number;
}

/**
 * Share of capital letters among all letters. Short texts are skipped: "BPBD" or "OK" alone is
 * not shouting. Returns undefined below `minLetters`.
 */
export function capsShare(text: string, minLetters = 20): ShoutingCue | undefined {
  const withoutUrls = text.replace(/https?:\/\/\S+/giu, "");
  const letters = withoutUrls.match(/\p{L}/gu)?.length ?? 0;
  if (letters < minLetters) return undefined;
  const upper = withoutUrls.match(/\p{Lu}/gu)?.length ?? 0;
  return { capsShare: upper / letters, letters };
}

/** Runs of two or more ! or ? ("!!!", "??", "?!"), which chain messages use for alarm. */
export function punctuationRuns(text: string): string[] {
  return text.match(/[!?]{2,}|[!?](?:\s*[!?]){2,}/gu) ?? [];
}
