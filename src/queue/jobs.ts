// The durable outgoing-work queue. A job is written in the same transaction as the change that
// causes it (a decision, a registration), so the work can neither be lost nor happen without
// its cause. src/queue/worker.ts sends it.
import type { DbOrTx, Prisma } from "../db/types.js";
import { priorityOf } from "./priority.js";

export interface NewJob {
  kind: string;
  payload: Prisma.InputJsonValue;
  runAt?: Date;
  /** The same key is queued once: a repeated enqueue returns the first job. */
  dedupeKey?: string;
  maxAttempts?: number;
  /** See PRIORITY; defaults by kind. */
  priority?: number;
}

/**
 * "Due now" for a job without a runAt: the epoch, rather than the wall clock, so whether a job is
 * due never depends on which clock the writer and the worker read (tests move the worker's).
 */
const IMMEDIATELY = new Date(0);

export async function enqueue(db: DbOrTx, job: NewJob): Promise<{ id: number; created: boolean }> {
  if (job.dedupeKey) {
    const existing = await db.job.findUnique({ where: { dedupeKey: job.dedupeKey }, select: { id: true } });
    if (existing) return { id: existing.id, created: false };
  }
  const row = await db.job.create({
    data: {
      kind: job.kind,
      payload: job.payload,
      runAt: job.runAt ?? IMMEDIATELY,
      dedupeKey: job.dedupeKey ?? null,
      maxAttempts: job.maxAttempts ?? 10,
      priority: job.priority ?? priorityOf(job.kind),
    },
    select: { id: true },
  });
  return { id: row.id, created: true };
}

/** Payload of the generic "message.send" job. Chat ids travel as strings: JSON has no BigInt. */
export interface SendMessagePayload {
  chatId: string;
  text: string;
  /** Messages are HTML; every user-supplied part must already be escaped. */
  html?: boolean;
  replyMarkup?: Prisma.InputJsonValue;
  /** When set, a 403 marks this member as unreachable instead of alerting anyone. */
  memberId?: number;
  /** The submission a notice is about: its card then says the member could not be told. */
  submissionId?: number;
  disablePreview?: boolean;
}

export const SEND_MESSAGE = "message.send";

export function sendMessageJob(payload: SendMessagePayload, opts: Omit<NewJob, "kind" | "payload"> = {}): NewJob {
  return { kind: SEND_MESSAGE, payload: payload as unknown as Prisma.InputJsonValue, ...opts };
}
