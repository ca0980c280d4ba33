// The audit trail: who did what to which item, when, from which state to which. Rows are only
// ever inserted.
import type { DbOrTx, Prisma } from "../db/types.js";

/** A person (Telegram user) or the bot itself (system jobs). */
export interface Actor {
  id: bigint | null;
  name: string;
}

export const BOT_ACTOR: Actor = { id: null, name: "JEDI KIM Bot" };

export function actorOf(user: { id: number; first_name: string; last_name?: string; username?: string }): Actor {
  const name = [user.first_name, user.last_name].filter(Boolean).join(" ") || user.username || String(user.id);
  return { id: BigInt(user.id), name };
}

export async function recordAudit(
  db: DbOrTx,
  e: { submissionId?: number; actor: Actor; action: string; from?: string; to?: string; detail?: Prisma.InputJsonValue; at: Date },
): Promise<void> {
  await db.auditEvent.create({
    data: {
      submissionId: e.submissionId ?? null,
      actorId: e.actor.id,
      actorName: e.actor.name,
      action: e.action,
      fromState: e.from ?? null,
      toState: e.to ?? null,
      detail: e.detail,
      createdAt: e.at,
    },
  });
}

export async function historyOf(db: DbOrTx, submissionId: number) {
  return db.auditEvent.findMany({ where: { submissionId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}
