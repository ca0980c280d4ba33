// In-memory index of known false claims. A new submission is compared with every claim admins
// have confirmed as a hoax; the match must survive slang, affixes, re-ordered sentences and a
// claim pasted into a longer message, and stay fast with 100,000 claims.
//
// Design: an inverted index from stemmed content tokens (normalize.ts) to claim slots, weighted
// by IDF computed from live document frequencies, so add/remove are incremental and never need
// a rebuild. A query gathers candidates only from the postings of its rarest tokens (a fixed
// budget of posting entries), keeps the best few, and scores those exactly.
import { tokens } from "./normalize.js";

export interface ClaimMatch {
  id: string;
  similarity: number;
}

export interface ClaimIndexOptions {
  /** Posting entries visited per query while gathering candidates; bounds the work per query. */
  postingsBudget?: number;
  /** Candidates scored exactly per query. */
  maxCandidates?: number;
  /**
   * Shared evidence needed for full similarity, in "informative tokens": the shared IDF mass must
   * reach this many times the IDF of a token found in 1 % of the claims, or the similarity is
   * scaled down proportionally.
   */
  minSharedTokens?: number;
  /** Share of containment in the blend; the rest is cosine. */
  containmentWeight?: number;
}

interface Claim {
  id: string;
  /** Distinct stemmed tokens. */
  terms: string[];
  text: string;
}

const DEFAULTS: Required<ClaimIndexOptions> = {
  postingsBudget: 8_000,
  maxCandidates: 32,
  minSharedTokens: 3,
  containmentWeight: 0.75,
};

export class ClaimIndex {
  private readonly options: Required<ClaimIndexOptions>;
  private readonly slots: Array<Claim | undefined> = [];
  private readonly freeSlots: number[] = [];
  private readonly slotById = new Map<string, number>();
  private readonly postings = new Map<string, number[]>();
  // Per-slot scratch space reused across queries (no allocation per query): the accumulated
  // shared IDF, and 1/√(token count) for ranking candidates without touching claim objects.
  private accumulator = new Float64Array(64);
  private inverseSqrtLength = new Float64Array(64);
  private touched = new Int32Array(0);

  constructor(options: ClaimIndexOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  get size(): number {
    return this.slotById.size;
  }

  has(id: string): boolean {
    return this.slotById.has(id);
  }

  /** The text a claim was added with (for showing it to admins). */
  text(id: string): string | undefined {
    const slot = this.slotById.get(id);
    return slot === undefined ? undefined : this.slots[slot]?.text;
  }

  /** Adds or replaces a claim. Claims without content words cannot be matched and are ignored. */
  add(id: string, text: string): boolean {
    return this.addTokens(id, tokens(text), text);
  }

  addTokens(id: string, claimTokens: readonly string[], text = claimTokens.join(" ")): boolean {
    this.remove(id);
    const terms = [...new Set(claimTokens)];
    if (terms.length === 0) return false;
    const slot = this.freeSlots.pop() ?? this.slots.length;
    this.slots[slot] = { id, terms, text };
    this.slotById.set(id, slot);
    for (const term of terms) {
      const list = this.postings.get(term);
      if (list) list.push(slot);
      else this.postings.set(term, [slot]);
    }
    if (this.accumulator.length < this.slots.length) {
      const capacity = Math.max(this.slots.length, this.accumulator.length * 2);
      this.accumulator = new Float64Array(capacity);
      const lengths = new Float64Array(capacity);
      lengths.set(this.inverseSqrtLength);
      this.inverseSqrtLength = lengths;
    }
    this.inverseSqrtLength[slot] = 1 / Math.sqrt(terms.length);
    return true;
  }

  remove(id: string): boolean {
    const slot = this.slotById.get(id);
    if (slot === undefined) return false;
    const claim = this.slots[slot];
    for (const term of claim?.terms ?? []) {
      const list = this.postings.get(term);
      if (!list) continue;
      // Posting order does not matter, so swap-remove keeps removal O(df) without shifting.
      const at = list.indexOf(slot);
      if (at >= 0) {
        list[at] = list[list.length - 1] as number;
        list.pop();
      }
      if (list.length === 0) this.postings.delete(term);
    }
    this.slots[slot] = undefined;
    this.inverseSqrtLength[slot] = 0;
    this.freeSlots.push(slot);
    this.slotById.delete(id);
    return true;
  }

  search(text: string, k = 3): ClaimMatch[] {
    return this.searchTokens(tokens(text), k);
  }

  searchTokens(queryTokens: readonly string[], k = 3): ClaimMatch[] {
    const query = new Set(queryTokens);
    if (query.size === 0 || this.size === 0) return [];
    const candidates = this.gatherCandidates(query);
    const matches: ClaimMatch[] = [];
    const queryNorm = this.queryNorm(query);
    const idf = (term: string) => this.idf(term);
    const options = this.scoringOptions();
    for (const slot of candidates) {
      const claim = this.slots[slot];
      if (!claim) continue;
      const similarity = blendedSimilarity(claim.terms, query, queryNorm, idf, options);
      if (similarity > 0) matches.push({ id: claim.id, similarity });
    }
    matches.sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : 1));
    return matches.slice(0, k);
  }

  /** IDF from live counts: ln(1 + N/df). Unknown tokens count as the rarest possible. */
  idf(term: string): number {
    const df = this.postings.get(term)?.length ?? 0;
    return Math.log(1 + this.size / Math.max(df, 1));
  }

  /**
   * IDF of a token that occurs in 1 % of the claims (in one claim while there are fewer than
   * 100): the unit in which `minSharedTokens` measures shared evidence.
   */
  referenceIdf(): number {
    return Math.log(1 + Math.min(this.size, 100));
  }

  /** The options blendedSimilarity needs, as search uses them now (for linear-scan baselines). */
  scoringOptions(): SimilarityOptions {
    return {
      minSharedTokens: this.options.minSharedTokens,
      containmentWeight: this.options.containmentWeight,
      referenceIdf: this.referenceIdf(),
    };
  }

  /** Similarity of one claim's distinct tokens to a query, exactly as search scores it. */
  similarity(claimTerms: readonly string[], query: ReadonlySet<string>, queryNorm = this.queryNorm(query)): number {
    return blendedSimilarity(claimTerms, query, queryNorm, (t) => this.idf(t), this.scoringOptions());
  }

  queryNorm(query: ReadonlySet<string>): number {
    let sum = 0;
    for (const term of query) sum += this.idf(term) ** 2;
    return Math.sqrt(sum);
  }

  /** Distinct tokens of a stored claim (for linear-scan baselines and tests). */
  terms(id: string): readonly string[] | undefined {
    const slot = this.slotById.get(id);
    return slot === undefined ? undefined : this.slots[slot]?.terms;
  }

  private gatherCandidates(query: ReadonlySet<string>): number[] {
    const lists: number[][] = [];
    for (const term of query) {
      const list = this.postings.get(term);
      if (list) lists.push(list);
    }
    // Rarest first: a claim that matches well shares several of its tokens with the query, and
    // at least one of them is usually rare, so the budget is spent where matches are.
    lists.sort((a, b) => a.length - b.length);
    const budget = this.options.postingsBudget;
    if (this.touched.length < budget) this.touched = new Int32Array(budget);
    const acc = this.accumulator;
    const touched = this.touched;
    const n = this.size;
    let count = 0;
    for (const list of lists) {
      if (count + list.length > budget) break;
      const idf = Math.log(1 + n / list.length);
      for (let i = 0; i < list.length; i++) {
        const slot = list[i] as number;
        if (acc[slot] === 0) touched[count++] = slot;
        acc[slot] = (acc[slot] as number) + idf;
      }
    }
    const best = this.topSlots(count);
    for (let i = 0; i < count; i++) acc[touched[i] as number] = 0;
    return best;
  }

  /** The `maxCandidates` touched slots with the highest shared IDF mass, normalised like a cosine. */
  private topSlots(count: number): number[] {
    const limit = this.options.maxCandidates;
    const keys: number[] = [];
    const slots: number[] = [];
    const acc = this.accumulator;
    const inverseSqrtLength = this.inverseSqrtLength;
    const touched = this.touched;
    let floor = -1;
    for (let i = 0; i < count; i++) {
      const slot = touched[i] as number;
      const key = (acc[slot] as number) * (inverseSqrtLength[slot] as number);
      if (key <= floor) continue;
      // Insertion into a short sorted array: cheap because most slots fail the check above.
      let at = keys.length === limit ? limit - 1 : keys.length;
      while (at > 0 && (keys[at - 1] as number) < key) {
        keys[at] = keys[at - 1] as number;
        slots[at] = slots[at - 1] as number;
        at--;
      }
      keys[at] = key;
      slots[at] = slot;
      if (keys.length === limit) floor = keys[limit - 1] as number;
    }
    return slots;
  }
}

export interface SimilarityOptions {
  minSharedTokens: number;
  containmentWeight: number;
  referenceIdf: number;
}

/**
 * Containment (how much of the claim's IDF mass the message covers) blended with cosine.
 * Containment is what lets a claim pasted into a long message still match; cosine keeps a
 * little pressure against tiny claims matched by a few words; and a match whose shared IDF mass
 * is below `minSharedTokens` informative tokens is scaled down, so a few shared common words
 * never look like a known hoax.
 */
export function blendedSimilarity(
  claimTerms: readonly string[],
  query: ReadonlySet<string>,
  queryNorm: number,
  idf: (term: string) => number,
  options: SimilarityOptions,
): number {
  let claimMass = 0;
  let sharedMass = 0;
  let claimSq = 0;
  let sharedSq = 0;
  for (const term of claimTerms) {
    const w = idf(term);
    claimMass += w;
    claimSq += w * w;
    if (query.has(term)) {
      sharedMass += w;
      sharedSq += w * w;
    }
  }
  if (sharedMass === 0 || claimMass === 0 || queryNorm === 0) return 0;
  const containment = sharedMass / claimMass;
  const cosine = sharedSq / (Math.sqrt(claimSq) * queryNorm);
  // A claim shorter than minSharedTokens can only ask for what it has.
  const needed = Math.min(options.minSharedTokens, claimTerms.length) * options.referenceIdf;
  const support = needed > 0 ? Math.min(1, sharedMass / needed) : 1;
  const blended = options.containmentWeight * containment + (1 - options.containmentWeight) * cosine;
  return Math.min(1, Math.max(0, blended * support));
}
