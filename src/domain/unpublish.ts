// Taking a published post off the channel after a re-check alert (issue 11). The decision is a
// compare-and-set on the submission (published → removed), written in one transaction with its
// audit event, the job that deletes every channel message of the post, the member's message and
// the card update; the alert (and any other open alert of the same post) is closed with it.
import type { Db } from "../db/client.js";
import { enqueue, sendMessageJob } from "../queue/jobs.js";
import { recordAudit, type Actor } from "./audit.js";
import { numberOf, REVIEW_CARD_UPDATE_JOB } from "./submissions.js";

export const UNPUBLISH_JOB = "submission.unpublish";

export type RemoveResult =
  | { ok: true; submissionId: number }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "not-published"; submissionId: number; status: string };

export interface RemoveArgs {
  alertId: number;
  actor: Actor;
  now: Date;
  /** The member's message, in their language, about the submission numbered so. */
  memberMessage: (locale: "id" | "en", number: number) => string;
}

export async function removeFromChannel(db: Db, args: RemoveArgs): Promise<RemoveResult> {
  const { alertId, actor, now } = args;
  return db.$transaction(async (tx) => {
    const alert = await tx.recheckAlert.findUnique({ where: { id: alertId } });
    if (!alert) return { ok: false, reason: "not-found" } as const;
    const sub = await tx.submission.findUnique({ where: { id: alert.submissionId }, include: { member: true } });
    if (!sub) return { ok: false, reason: "not-found" } as const;
    const { count } = await tx.submission.updateMany({
      where: { id: sub.id, status: "published", version: sub.version },
      data: { status: "removed", version: { increment: 1 } },
    });
    if (count === 0) {
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
    await enqueue(tx, { kind: UNPUBLISH_JOB, payload: { submissionId: sub.id }, dedupeKey: `unpublish:${sub.id}` });
    if (!sub.member.blockedAt) {
      const locale = sub.member.languageCode === "en" ? "en" : "id";
      await enqueue(tx, sendMessageJob({ chatId: String(sub.member.telegramId), text: args.memberMessage(locale, numberOf(sub)), memberId: sub.member.id, disablePreview: true }, { dedupeKey: `notice:${sub.id}:removed` }));
    }
    await enqueue(tx, { kind: REVIEW_CARD_UPDATE_JOB, payload: { submissionId: sub.id } });
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

