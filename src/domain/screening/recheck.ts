// Re-checking what is already out. When a claim (with or without photos) joins the collection,
// the submissions of the last days are matched against that claim alone: its tokens against
// each submission's, its photo hashes against each submission's photos. This is a targeted
// match, far cheaper than screening everything again; only the items that match are screened
// again (by the caller) to see what the new claim changes.
import type { DbOrTx } from "../../db/types.js";
import { enqueue } from "../../queue/jobs.js";
import { jobs } from "../../queue/kinds.js";
import { hammingDistance, isImageHash } from "./image-hash.js";
import { normalizeText, tokens } from "./normalize.js";
import type { Screener } from "./screen.js";

/**
 * Statuses worth re-checking: cards still waiting for a decision, posts on the channel, and
 * approved items on their way there (looked at again once they are published).
 */
export const RECHECKED_STATUSES = ["pending", "published", "approved"] as const;

/**
 * Queues the re-check of new claims, in the caller's transaction (the one that adds them), so
 * it happens once the claims exist and survives a restart. One job per batch of claims.
 */
export async function enqueueRecheck(tx: DbOrTx, claimIds: readonly number[]): Promise<void> {
  if (claimIds.length === 0) return;
  const ids = [...new Set(claimIds)].sort((a, b) => a - b);
  await enqueue(tx, jobs.recheck, { claimIds: ids });
}

/** The same claim text arriving twice (two feeds, added again by hand) is one claim for alerts. */
export function claimKeyOf(claim: { id: number; text: string }): string {
  const norm = normalizeText(claim.text).replace(/\s+/g, " ").trim();
  return norm ? `text:${norm}`.slice(0, 500) : `claim:${claim.id}`;
}

export interface RecheckClaim {
  id: number;
  text: string;
  /** Hash variants of each of the claim's photos (FalseImage.hash split on spaces). */
  images: string[][];
  /** The submission the claim was made from (a hoax decision): never matched against itself. */
  submissionId: number | null;
}

export interface RecheckCandidate {
  id: number;
  status: string;
  text: string;
  /** First hash of each photo (SubmissionMedia.perceptualHash split on spaces). */
  photoHashes: string[];
}

export interface RecheckMatch {
  submissionId: number;
  status: string;
  claimId: number;
  /** Text similarity as the claim index scores it (0 when the match is by photo alone). */
  similarity: number;
  /** Smallest Hamming distance between a photo of the submission and one of the claim. */
  imageDistance?: number;
  by: "text" | "image";
}

/** Submissions confirmed since `since` in RECHECKED_STATUSES (or just `ids`), with their photo hashes. */
export async function recheckCandidates(db: DbOrTx, since: Date, ids?: readonly number[]): Promise<RecheckCandidate[]> {
  const rows = await db.submission.findMany({
    where: { status: { in: [...RECHECKED_STATUSES] }, confirmedAt: { gte: since }, ...(ids ? { id: { in: [...ids] } } : {}) },
    select: { id: true, status: true, text: true, media: { where: { kind: "photo" }, select: { perceptualHash: true } } },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    text: r.text,
    photoHashes: r.media.flatMap((m) => {
      const first = m.perceptualHash?.split(" ")[0];
      return first && isImageHash(first) ? [first] : [];
    }),
  }));
}

/**
 * The candidates that match one of the claims, by text (similarity ≥ `minSimilarity`, scored by
 * the screener's own claim index, so the figure is the one a card would show) or by photo
 * (within the screener's image distance). The claims must already be in the screener's index.
 */
export function matchClaims(
  screener: Screener,
  claims: readonly RecheckClaim[],
  candidates: readonly RecheckCandidate[],
  minSimilarity: number,
): RecheckMatch[] {
  const maxDistance = screener.config.images.maxDistance;
  const queries = new Map<number, Set<string>>();
  const queryOf = (c: RecheckCandidate) => {
    let q = queries.get(c.id);
    if (!q) queries.set(c.id, (q = new Set(tokens(c.text))));
    return q;
  };
  const matches: RecheckMatch[] = [];
  for (const claim of claims) {
    const terms = screener.claims.terms(String(claim.id));
    const variants = claim.images.flat().filter(isImageHash);
    for (const c of candidates) {
      if (c.id === claim.submissionId) continue;
      const query = terms && c.text ? queryOf(c) : undefined;
      const similarity = query && query.size > 0 ? screener.claims.similarity(terms!, query) : 0;
      let imageDistance: number | undefined;
      for (const h of c.photoHashes) {
        for (const v of variants) {
          const d = hammingDistance(h, v);
          if (d <= maxDistance && (imageDistance === undefined || d < imageDistance)) imageDistance = d;
        }
      }
      if (imageDistance !== undefined) matches.push({ submissionId: c.id, status: c.status, claimId: claim.id, similarity, imageDistance, by: "image" });
      else if (similarity >= minSimilarity) matches.push({ submissionId: c.id, status: c.status, claimId: claim.id, similarity, by: "text" });
    }
  }
  return matches;
}

/**
 * Records that a published submission was found similar to a claim. Returns the new alert, or
 * undefined when this (submission, claim key) was already alerted: a re-run of the job or the
 * same claim arriving again alerts nobody twice.
 */
export async function recordRecheckAlert(tx: DbOrTx, m: RecheckMatch, claimKey: string, now: Date) {
  const existing = await tx.recheckAlert.findUnique({ where: { submissionId_claimKey: { submissionId: m.submissionId, claimKey } } });
  if (existing) return undefined;
  return tx.recheckAlert.create({
    data: { submissionId: m.submissionId, claimId: m.claimId, claimKey, similarity: m.similarity, matchedBy: m.by, createdAt: now },
  });
}
