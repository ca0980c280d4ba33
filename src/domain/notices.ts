// Telling a member something: the one rule for every notice (a decision, publication, removal,
// their membership). The domain queues what happened; the bot renders it in the member's language
// when the job runs (src/bot/notices.ts).
import type { Db } from "../db/client.js";
import type { DbOrTx } from "../db/types.js";
import { enqueue, type EnqueueOptions } from "../queue/jobs.js";
import { jobs, type MemberNotice } from "../queue/kinds.js";

/**
 * Queues a notice to a member in the caller's transaction, unless they blocked the bot: nothing is
 * sent to a blocked member until they come back (my_chat_member). A notice about a submission is
 * queued once per submission and outcome (its dedupe key). Returns whether one was queued.
 */
export async function notifyMember(
  tx: DbOrTx,
  member: { id: number; blockedAt: Date | null },
  notice: MemberNotice,
  opts: EnqueueOptions = {},
): Promise<boolean> {
  if (member.blockedAt) return false;
  await enqueue(tx, jobs.memberNotice, { memberId: member.id, notice }, opts);
  return true;
}

/**
 * A member Telegram says cannot be written to (they blocked the bot, or their account is gone):
 * they are marked so instead of anyone being alerted, and the card of the submission the notice was
 * about says they could not be told.
 */
export async function markUnreachable(db: Db, memberId: number, now: Date, aboutSubmissionId?: number): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.member.update({ where: { id: memberId }, data: { blockedAt: now } });
    if (aboutSubmissionId !== undefined) await enqueue(tx, jobs.reviewCardUpdate, { submissionId: aboutSubmissionId });
  });
}
