// Text normalisation for Indonesian chat language. Everything that compares texts (claim index,
// cues, classifier) goes through here so that "gak bs dipercaya bangeeet!!!" and
// "tidak bisa dipercaya banget" end up as the same words.
import { Stemmer } from "sastrawijs";
import slangData from "./slang.id.json" with { type: "json" };
import stopWordData from "./stopwords.id.json" with { type: "json" };
import { urlPattern } from "./url.js";

const SLANG: ReadonlyMap<string, string> = new Map(Object.entries(slangData as Record<string, string>));
const STOP_WORDS: ReadonlySet<string> = new Set(stopWordData as string[]);

/** Lower-cased text without URLs, punctuation or emoji, slang expanded, elongations collapsed. */
export function normalizeText(text: string): string {
  const out: string[] = [];
  for (const raw of rawWords(text)) {
    const word = collapseElongation(raw);
    out.push(SLANG.get(word) ?? word);
  }
  return out.join(" ");
}

// One screening normalises the same text for the claim index, the cues and the classifier;
// remembering the last text makes the repeats free without any cache to manage.
let lastText: string | undefined;
let lastWords: readonly string[] = [];
let lastTokens: readonly string[] = [];

/** Normalised words, in order, stop words included (cue phrases need them). */
export function words(text: string): string[] {
  remember(text);
  return [...lastWords];
}

/** Content tokens: normalised words without stop words, stemmed. Order is kept. */
export function tokens(text: string): string[] {
  remember(text);
  return [...lastTokens];
}

function remember(text: string): void {
  if (text === lastText) return;
  const normalized = normalizeText(text);
  const all = normalized === "" ? [] : normalized.split(" ");
  const content: string[] = [];
  for (const word of all) {
    if (word.length < 2 || STOP_WORDS.has(word)) continue;
    // Stop words are checked on the surface form only: "dibagikan" stems to "bagi", which is
    // also the preposition "bagi", but it carries the meaning of the claim.
    const stemmed = stem(word);
    if (stemmed.length >= 2) content.push(stemmed);
  }
  lastText = text;
  lastWords = all;
  lastTokens = content;
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

function rawWords(text: string): string[] {
  const cleaned = text
    // NFKC folds full-width letters and superscripts ("hati²" → "hati2").
    .normalize("NFKC")
    .replace(urlPattern(), " ")
    .toLowerCase()
    // Indonesian writes reduplication with a 2: "teman2" means "teman-teman".
    .replace(/(\p{L}{2,})2(?!\p{N})/gu, "$1 $1")
    // Apostrophes join ("jum'at" → "jumat"); everything else that is not a letter or digit splits.
    .replace(/['’`]/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  return cleaned === "" ? [] : cleaned.split(" ");
}

/**
 * Collapses letters stretched for emphasis. Runs of three or more are always emphasis
 * ("bangeeet" → "banget"). A single doubled letter is normal Indonesian ("saat", "maaf",
 * "tanggal"), but two doubled runs in one word ("hooaaxx") or a doubled final letter ("gakk")
 * almost never are, so those collapse too.
 */
export function collapseElongation(word: string): string {
  let w = word.replace(/(\p{L})\1{2,}/gu, "$1");
  const doubled = w.match(/(\p{L})\1/gu);
  if (doubled && doubled.length >= 2) w = w.replace(/(\p{L})\1/gu, "$1");
  else if (w.length > 3 && /(\p{L})\1$/u.test(w)) w = w.slice(0, -1);
  return w;
}

// Sastrawi stems by dictionary look-ups and affix rules (~10 µs a word); chat vocabulary is small
// and repetitive, so a cache makes stemming nearly free. It is cleared when it grows past a bound
// so a long-running bot cannot leak memory through it.
const STEM_CACHE_LIMIT = 200_000;
const stemCache = new Map<string, string>();
let stemmer: Stemmer | undefined;

/**
 * Sastrawi knows standard affixes only. Chat language uses Jakarta forms: the suffix -in for
 * -kan/-i ("dibagiin") and a bare nasal prefix ng-/ny- for me- ("ngandung", "nyebarin"). When
 * Sastrawi leaves an unknown word unchanged, the standard spelling is tried, and accepted only
 * if it leads to a dictionary root ("vaksin" is a root and stays as it is).
 */
function stemWord(word: string): string {
  const s = (stemmer ??= new Stemmer());
  const direct = s.stem(word);
  if (direct !== word || s.find(word)) return direct;
  const candidates: string[] = [];
  const standardSuffix = word.length > 5 && word.endsWith("in") ? `${word.slice(0, -2)}kan` : undefined;
  if (standardSuffix) candidates.push(standardSuffix);
  if (/^n[gy]/u.test(word)) {
    candidates.push(`me${word}`);
    if (standardSuffix) candidates.push(`me${standardSuffix}`);
  }
  for (const candidate of candidates) {
    const root = s.stem(candidate);
    if (root !== candidate && s.find(root)) return root;
  }
  return direct;
}

export function stem(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  // Numbers and very short words have no affixes worth removing.
  const result = word.length <= 3 || /\p{N}/u.test(word) ? word : stemWord(word);
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(word, result);
  return result;
}
