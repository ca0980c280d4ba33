// Admin decisions on submissions. A decision is a compare-and-set on the submission's status and
// version, written in one transaction with its audit event and the jobs it causes (publishing,
// telling the member), so two admins tapping at once give exactly one decision and a decided
// item is never lost or published twice.
import type { Db } from "../db/client.js";
import type { DbOrTx } from "../db/types.js";
import { enqueue } from "../queue/jobs.js";
import { jobs } from "../queue/kinds.js";
import { recordAudit, type Actor } from "./audit.js";
import { notifyMember } from "./notices.js";
import { moveSubmission, type SubmissionState } from "./submission-state.js";
import { enqueueRecheck } from "./screening/recheck.js";

export type Decision =
  | { kind: "approve" }
  /** `preset`: one of the card's preset reasons, so that each reader sees it in their language. */
  | { kind: "reject"; reason: string; preset?: number }
  | { kind: "hoax"; note?: string }
  | { kind: "revision"; note: string };

const TARGET: Record<Decision["kind"], SubmissionState> = {
  approve: "approved",
  reject: "rejected",
  hoax: "hoax",
  revision: "revision",
};

/** A second confirmation asked on a card stays valid this long. */
export const CONFIRM_WINDOW_MS = 10 * 60_000;

export type ConfirmStep = "approve" | "hoax";

/**
 * Records on the submission that its card asked for a second confirmation: the confirming tap is
 * accepted only while this stands, whatever its button claims (a forged "approve after warning"
 * never skips the warning). False when the item is no longer pending.
 */
export async function askConfirmation(db: DbOrTx, submissionId: number, step: ConfirmStep, now: Date): Promise<boolean> {
  const { count } = await db.submission.updateMany({
    where: { id: submissionId, status: "pending" },
    data: { pendingConfirm: step, pendingConfirmAt: now },
  });
  return count === 1;
}

export function confirmationAsked(sub: { pendingConfirm: string | null; pendingConfirmAt: Date | null }, step: ConfirmStep, now: Date): boolean {
  return sub.pendingConfirm === step && sub.pendingConfirmAt !== null && now.getTime() - sub.pendingConfirmAt.getTime() <= CONFIRM_WINDOW_MS;
}

export async function withdrawConfirmation(db: DbOrTx, submissionId: number): Promise<void> {
  await db.submission.updateMany({ where: { id: submissionId }, data: { pendingConfirm: null, pendingConfirmAt: null } });
}

/** Risk levels that make an approval need a second confirmation. */
export function isFlagged(riskLevel: string | null): boolean {
  return riskLevel === "medium" || riskLevel === "high";
}

export type DecideResult =
  | { ok: true; status: string }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "already-decided"; status: string; by: string | null; at: Date | null };

export interface DecideArgs {
  submissionId: number;
  decision: Decision;
  actor: Actor;
  now: Date;
}

export async function decide(db: Db, args: DecideArgs): Promise<DecideResult> {
  const { submissionId, decision, actor, now } = args;
  return db.$transaction(async (tx) => {
    const sub = await tx.submission.findUnique({ where: { id: submissionId }, include: { member: true, media: true } });
    if (!sub) return { ok: false, reason: "not-found" } as const;
    const to = TARGET[decision.kind];
    const moved = await moveSubmission(tx, {
      submissionId: sub.id,
      from: "pending",
      to,
      where: { version: sub.version },
      data: {
        decidedAt: now,
        decidedBy: actor.id,
        decidedByName: actor.name,
        decisionReason: reasonOf(decision),
        pendingConfirm: null,
        pendingConfirmAt: null,
      },
      audit: { actor, at: now, detail: reasonOf(decision) ? { reason: reasonOf(decision) } : undefined },
    });
    if (!moved) {
      const current = await tx.submission.findUniqueOrThrow({ where: { id: sub.id } });
      return { ok: false, reason: "already-decided", status: current.status, by: current.decidedByName, at: current.decidedAt } as const;
    }
    if (decision.kind === "approve") {
      await enqueue(tx, jobs.publish, { submissionId: sub.id });
    }
    if (decision.kind === "hoax") await storeFalseClaim(tx, sub, actor, now, decision.note);
    // An approval is told when the post is live, with its link (the publisher).
    if (decision.kind !== "approve") await notifyMember(tx, sub.member, decisionNotice(sub.id, decision));
    await enqueue(tx, jobs.reviewCardUpdate, { submissionId: sub.id });
    return { ok: true, status: to } as const;
  });
}

function reasonOf(d: Decision): string | null {
  if (d.kind === "reject") return d.reason;
  if (d.kind === "revision") return d.note;
  if (d.kind === "hoax") return d.note ?? null;
  return null;
}

/** What the member is told about a decision other than an approval. */
function decisionNotice(submissionId: number, d: Exclude<Decision, { kind: "approve" }>) {
  switch (d.kind) {
    case "reject":
      return { type: "decision", submissionId, decision: "rejected", reason: d.reason, ...(d.preset === undefined ? {} : { preset: d.preset }) } as const;
    case "hoax":
      return { type: "decision", submissionId, decision: "hoax" } as const;
    case "revision":
      return { type: "decision", submissionId, decision: "revision", reason: d.note } as const;
  }
}

/**
 * A hoax decision grows the known-false-claims collection: the text, and the perceptual hashes of
 * the photos, so screening recognises the claim and recycled photos next time.
 */
async function storeFalseClaim(
  tx: DbOrTx,
  sub: { id: number; text: string; media: Array<{ kind: string; perceptualHash: string | null }> },
  actor: Actor,
  now: Date,
  note?: string,
): Promise<void> {
  const claim = await tx.falseClaim.create({
    data: {
      text: sub.text,
      normText: sub.text.toLocaleLowerCase("id"),
      verdict: note ?? "hoaks",
      origin: "hoax_mark",
      submissionId: sub.id,
      createdBy: actor.id,
      createdAt: now,
    },
  });
  const hashes = sub.media.filter((m) => m.kind === "photo" && m.perceptualHash).map((m) => m.perceptualHash!);
  if (hashes.length > 0) await tx.falseImage.createMany({ data: hashes.map((hash) => ({ hash, claimId: claim.id, createdAt: now })) });
  await recordAudit(tx, { submissionId: sub.id, actor, action: "claim.added", detail: { claimId: claim.id, images: hashes.length }, at: now });
  // Issue 11: pending cards and published posts are matched against the new claim and photos.
  await enqueueRecheck(tx, [claim.id]);
}

/**
 * Pending items whose review card never reached the admin group (its job failed or was lost,
 * for example under a wrong ADMIN_CHAT_ID in an earlier version) get their card queued again;
 * one still on its way is left alone. Returns how many were queued.
 */
export async function requeueMissingCards(db: Db, now: Date): Promise<number> {
  const missing = await db.submission.findMany({ where: { status: "pending", reviewMessageId: null }, select: { id: true }, take: 200 });
  let queued = 0;
  for (const { id } of missing) {
    const job = await db.job.findUnique({ where: { dedupeKey: jobs.reviewCard.dedupeKey!({ submissionId: id }) }, select: { id: true, status: true } });
    if (job && ["pending", "running"].includes(job.status)) continue;
    if (job?.status === "waiting") {
      await db.job.update({ where: { id: job.id }, data: { status: "pending", runAt: new Date(0) } });
    } else {
      await enqueue(db, jobs.reviewCard, { submissionId: id }, { dedupeKey: `review-card:${id}:again:${now.getTime()}` });
    }
    queued++;
  }
  return queued;
}

/** Pending items, oldest first, for /antrian. */
export async function reviewQueue(db: DbOrTx, take = 30) {
  const [items, total] = await Promise.all([
    db.submission.findMany({
      where: { status: "pending" },
      orderBy: { confirmedAt: "asc" },
      take,
      include: { kim: { include: { kecamatan: true } }, member: true },
    }),
    db.submission.count({ where: { status: "pending" } }),
  ]);
  return { items, total };
}

/** A member's record for the review card: how their other recent items went. */
export async function memberRecord(db: DbOrTx, memberId: number, now: Date, exceptId: number, days = 90) {
  const since = new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
  const where = { memberId, id: { not: exceptId }, confirmedAt: { gte: since } };
  const rows = await db.submission.groupBy({ by: ["status"], where, _count: { _all: true } });
  const count = (s: string) => rows.find((r) => r.status === s)?._count._all ?? 0;
  const flagged = await db.submission.count({ where: { ...where, riskLevel: { in: ["medium", "high"] } } });
  return { published: count("published"), rejected: count("rejected"), hoax: count("hoax"), flagged, days };
}

/** Pending items older than `olderThanMs` not announced in the last day: the daily reminder to admins. */
export async function staleForAnnouncement(db: DbOrTx, now: Date, olderThanMs: number) {
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  return db.submission.findMany({
    where: {
      status: "pending",
      confirmedAt: { lt: new Date(now.getTime() - olderThanMs) },
      OR: [{ lastAnnouncedAt: null }, { lastAnnouncedAt: { lt: dayAgo } }],
    },
    orderBy: { confirmedAt: "asc" },
    take: 50,
  });
}

/**
 * An item whose publication failed for good goes back to approved, with a fresh publish job
 * (/terbitkan_ulang). False when it is not (or no longer) in publish_failed.
 */
export async function republish(db: Db, args: { submissionId: number; actor: Actor; now: Date }): Promise<boolean> {
  const { submissionId, actor, now } = args;
  return db.$transaction(async (tx) => {
    const moved = await moveSubmission(tx, { submissionId, from: "publish_failed", to: "approved", audit: { actor, at: now, action: "submission.republish" } });
    if (!moved) return false;
    await enqueue(tx, jobs.publish, { submissionId }, { dedupeKey: `publish:${submissionId}:retry:${now.getTime()}` });
    return true;
  });
}
