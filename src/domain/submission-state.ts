// Every change of a submission's status goes through moveSubmission: one table says which moves
// exist, the move is conditional on the state it was read in (two admins, a retried job or a
// second instance cannot both win), and the audit trail is written in the same transaction.
import type { DbOrTx, Prisma } from "../db/types.js";
import { recordAudit, type Actor } from "./audit.js";

export const SUBMISSION_STATES = [
  "draft",
  "cancelled",
  "pending",
  "approved",
  "rejected",
  "hoax",
  "revision",
  "withdrawn",
  "published",
  "publish_failed",
  "removed",
] as const;

export type SubmissionState = (typeof SUBMISSION_STATES)[number];

/** The allowed moves. A revision is answered with a new draft; the asked item can only be withdrawn. */
export const TRANSITIONS: Readonly<Record<SubmissionState, readonly SubmissionState[]>> = {
  draft: ["pending", "cancelled"],
  pending: ["approved", "rejected", "hoax", "revision", "withdrawn"],
  revision: ["withdrawn"],
  approved: ["published", "publish_failed"],
  // A publish job still running when the failure was recorded may yet succeed.
  publish_failed: ["approved", "published"],
  published: ["removed"],
  cancelled: [],
  rejected: [],
  hoax: [],
  withdrawn: [],
  removed: [],
};

export function canMove(from: SubmissionState, to: SubmissionState): boolean {
  return TRANSITIONS[from].includes(to);
}

export interface SubmissionMove {
  submissionId: number;
  /** The state (or states) the caller read; the move happens only from one of them. */
  from: SubmissionState | readonly SubmissionState[];
  to: SubmissionState;
  /** Further conditions, such as the version read or the member who owns the draft. */
  where?: Prisma.SubmissionWhereInput;
  /** Fields written with the new status. */
  data?: Omit<Prisma.SubmissionUpdateManyMutationInput, "status" | "version">;
  /** Written to the audit trail when the move happened; the default action is `submission.<to>`. */
  audit?: { actor: Actor; at: Date; action?: string; detail?: Prisma.InputJsonValue; from?: SubmissionState };
}

/**
 * Moves one submission to a new status, in the caller's transaction. Returns false when it was no
 * longer in the state the caller read (someone else moved it first); a move the table does not
 * allow is a programming error and throws.
 */
export async function moveSubmission(db: DbOrTx, move: SubmissionMove): Promise<boolean> {
  const froms: readonly SubmissionState[] = typeof move.from === "string" ? [move.from] : move.from;
  for (const from of froms) {
    if (!canMove(from, move.to)) throw new Error(`submission #${move.submissionId}: no move from ${from} to ${move.to}`);
  }
  const { count } = await db.submission.updateMany({
    where: { ...move.where, id: move.submissionId, status: { in: [...froms] } },
    data: { ...move.data, status: move.to, version: { increment: 1 } },
  });
  if (count === 0) return false;
  if (move.audit) {
    await recordAudit(db, {
      submissionId: move.submissionId,
      actor: move.audit.actor,
      action: move.audit.action ?? `submission.${move.to}`,
      // With several possible states and none named, the trail names them all.
      from: move.audit.from ?? froms.join("|"),
      to: move.to,
      detail: move.audit.detail,
      at: move.audit.at,
    });
  }
  return true;
}

export function isSubmissionState(value: string): value is SubmissionState {
  return (SUBMISSION_STATES as readonly string[]).includes(value);
}
