// The durable outgoing-work queue. A job is written in the same transaction as the change that
// causes it (a decision, a registration), so the work can neither be lost nor happen without
// its cause. src/queue/worker.ts sends it.
//
// Every kind of job is declared once, in src/queue/kinds.ts, with the schema of its payload: a
// job is enqueued through its declaration (a wrong payload does not compile), and its payload is
// checked again when a worker claims it (a row written by hand or by another version that does
// not fit is marked failed, never handed to the handler).
import type { z } from "zod";
import type { DbOrTx, Prisma } from "../db/types.js";

/** A kind of job: its stored name, the schema of its payload and the defaults of its rows. */
export interface JobKind<Payload = unknown> {
  /** The name stored in Job.kind; never renamed (rows queued by earlier versions carry it). */
  readonly name: string;
  /** Names this kind had before: their rows run with this kind's schema and handler. */
  readonly aliases: readonly string[];
  readonly schema: z.ZodType<Payload>;
  /** See PRIORITY in priority.ts. */
  readonly priority: number;
  readonly maxAttempts: number;
  /** The key that makes an enqueue happen once, when the kind has one; an enqueue may give its own. */
  dedupeKey?(payload: Payload): string | undefined;
}

/** The payload type of a kind. */
export type PayloadOf<K> = K extends JobKind<infer P> ? P : never;

export function defineJob<S extends z.ZodType>(def: {
  name: string;
  aliases?: readonly string[];
  schema: S;
  priority: number;
  maxAttempts?: number;
  dedupeKey?: (payload: z.output<S>) => string | undefined;
}): JobKind<z.output<S>> {
  const { dedupeKey } = def;
  return {
    name: def.name,
    aliases: def.aliases ?? [],
    schema: def.schema as z.ZodType<z.output<S>>,
    priority: def.priority,
    maxAttempts: def.maxAttempts ?? 10,
    ...(dedupeKey ? { dedupeKey: (p: z.output<S>) => dedupeKey(p) } : {}),
  };
}

export interface EnqueueOptions {
  runAt?: Date;
  /**
   * The same key is queued once: a repeated enqueue returns the first job. Replaces the kind's
   * own key; null queues without any key (a deliberate second run).
   */
  dedupeKey?: string | null;
  maxAttempts?: number;
  /** See PRIORITY; defaults to the kind's. */
  priority?: number;
}

/**
 * "Due now" for a job without a runAt: the epoch, rather than the wall clock, so whether a job is
 * due never depends on which clock the writer and the worker read (tests move the worker's).
 */
const IMMEDIATELY = new Date(0);

/** Why a stored payload does not fit its kind, in one line for Job.lastError. */
export function payloadProblem(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length > 0 ? i.path.join(".") : "(payload)"}: ${i.message}`)
    .join("; ");
}

export class InvalidJobPayloadError extends Error {
  override name = "InvalidJobPayloadError";
}

/**
 * Queues a job of this kind. The payload is checked against the kind's schema here too, so a
 * payload that would be refused by the worker fails the caller's transaction instead.
 */
export async function enqueue<P>(
  db: DbOrTx,
  kind: JobKind<P>,
  payload: NoInfer<P>,
  opts: EnqueueOptions = {},
): Promise<{ id: number; created: boolean }> {
  const checked = kind.schema.safeParse(payload);
  if (!checked.success) throw new InvalidJobPayloadError(`job "${kind.name}": ${payloadProblem(checked.error)}`);
  const dedupeKey = opts.dedupeKey === undefined ? kind.dedupeKey?.(checked.data) : opts.dedupeKey;
  if (dedupeKey) {
    const existing = await db.job.findUnique({ where: { dedupeKey }, select: { id: true } });
    if (existing) return { id: existing.id, created: false };
  }
  const row = await db.job.create({
    data: {
      kind: kind.name,
      // Payload schemas describe JSON (no Date, no BigInt, no undefined inside arrays).
      payload: checked.data as Prisma.InputJsonValue,
      runAt: opts.runAt ?? IMMEDIATELY,
      dedupeKey: dedupeKey ?? null,
      maxAttempts: opts.maxAttempts ?? kind.maxAttempts,
      priority: opts.priority ?? kind.priority,
    },
    select: { id: true },
  });
  return { id: row.id, created: true };
}
