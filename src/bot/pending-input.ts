// What a member's next typed message means when the bot asked a question outside a conversation
// (for example "type your display name"). Kept in the database so a restart does not forget it.
import type { DbOrTx } from "../db/types.js";

export type PendingInput =
  | { kind: "display-name"; next: { type: "invite"; kimId: number; code: string } | { type: "request"; kimId: number } }
  /** The member's next content is the corrected version of this submission (asked at `at`, epoch ms). */
  | { kind: "revision"; submissionId: number; at?: number };

const keyOf = (telegramId: number) => `pending-input:${telegramId}`;

export async function getPendingInput(db: DbOrTx, telegramId: number): Promise<PendingInput | undefined> {
  const row = await db.keyValue.findUnique({ where: { key: keyOf(telegramId) } });
  return row ? (JSON.parse(row.value) as PendingInput) : undefined;
}

export async function setPendingInput(db: DbOrTx, telegramId: number, input: PendingInput): Promise<void> {
  const value = JSON.stringify(input);
  await db.keyValue.upsert({ where: { key: keyOf(telegramId) }, create: { key: keyOf(telegramId), value }, update: { value } });
}

export async function clearPendingInput(db: DbOrTx, telegramId: number): Promise<void> {
  await db.keyValue.deleteMany({ where: { key: keyOf(telegramId) } });
}

/** A correction must follow its request: a day later, the next message is something new. */
const REVISION_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Takes the submission the member's next content revises, if they asked to send a correction:
 * once, within a day, and only while that submission still waits for its correction.
 */
export async function takeRevisionTarget(db: DbOrTx, telegramId: number, now: Date): Promise<number | undefined> {
  const pending = await getPendingInput(db, telegramId);
  if (pending?.kind !== "revision") return undefined;
  await clearPendingInput(db, telegramId);
  if (pending.at !== undefined && now.getTime() - pending.at > REVISION_WINDOW_MS) return undefined;
  const target = await db.submission.findUnique({ where: { id: pending.submissionId }, select: { status: true } });
  return target?.status === "revision" ? pending.submissionId : undefined;
}
