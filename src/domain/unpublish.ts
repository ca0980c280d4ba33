// Taking a published post off the channel after a re-check alert (issue 11). The decision is a
// compare-and-set on the submission (published → removed), written in one transaction with its
// audit event, the job that deletes every channel message of the post, the member's message and
// the card update; the alert (and any other open alert of the same post) is closed with it.
import type { Db } from "../db/client.js";
import { enqueue } from "../queue/jobs.js";
import { jobs } from "../queue/kinds.js";
import { recordAudit, type Actor } from "./audit.js";
import { notifyMember } from "./notices.js";
import { moveSubmission } from "./submission-state.js";

export type RemoveResult =
  | { ok: true; submissionId: number }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "not-published"; submissionId: number; status: string };

export interface RemoveArgs {
  alertId: number;
  actor: Actor;
  now: Date;
}

export async function removeFromChannel(db: Db, args: RemoveArgs): Promise<RemoveResult> {
  const { alertId, actor, now } = args;
  return db.$transaction(async (tx) => {
    const alert = await tx.recheckAlert.findUnique({ where: { id: alertId } });
    if (!alert) return { ok: false, reason: "not-found" } as const;
    const sub = await tx.submission.findUnique({ where: { id: alert.submissionId }, include: { member: true } });
    if (!sub) return { ok: false, reason: "not-found" } as const;
    const moved = await moveSubmission(tx, { submissionId: sub.id, from: "published", to: "removed", where: { version: sub.version } });
    if (!moved) {
      const current = await tx.submission.findUniqueOrThrow({ where: { id: sub.id }, select: { status: true } });
      return { ok: false, reason: "not-published", submissionId: sub.id, status: current.status } as const;
    }
    await recordAudit(tx, {
      submissionId: sub.id,
      actor,
      action: "submission.removed",
      from: "published",
      to: "removed",
      detail: { alertId, claimId: alert.claimId, similarity: alert.similarity, matchedBy: alert.matchedBy, messageIds: channelMessageIdsOf(sub) },
      at: now,
    });
    await tx.recheckAlert.updateMany({
      where: { submissionId: sub.id, status: "open" },
      data: { status: "removed", resolvedBy: actor.id, resolvedByName: actor.name, resolvedAt: now },
    });
    await enqueue(tx, jobs.unpublish, { submissionId: sub.id });
    await notifyMember(tx, sub.member, { type: "post-removed", submissionId: sub.id });
    await enqueue(tx, jobs.reviewCardUpdate, { submissionId: sub.id });
    return { ok: true, submissionId: sub.id } as const;
  });
}

/**
 * Every channel message of a post: the stored list, or for rows published before the list was
 * kept, the first message alone (the only one known).
 */
export function channelMessageIdsOf(sub: { channelMessageIds: unknown; channelMessageId: number | null }): number[] {
  if (Array.isArray(sub.channelMessageIds)) {
    const ids = sub.channelMessageIds.filter((x): x is number => Number.isInteger(x));
    if (ids.length > 0) return ids;
  }
  return sub.channelMessageId ? [sub.channelMessageId] : [];
}

