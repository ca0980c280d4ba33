// The webhook route: Telegram POSTs one update per request. It is stored in the durable inbox and
// answered 200 at once; the handlers run from the inbox after the answer, so a slow handler never
// makes Telegram deliver the update again, and an update Telegram does deliver again is stored
// once (the inbox dedupes by update_id). A hono route calling the inbox, rather than grammY's
// webhookCallback: that adapter answers only after bot.handleUpdate has run (or after its timeout,
// dropping nothing but leaving the handler racing the redelivery), and has no step "stored".
import { timingSafeEqual, createHash } from "node:crypto";
import type { Context } from "hono";
import type { Update } from "grammy/types";
import { storageProblem } from "../db/storage-errors.js";

export const SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

export interface WebhookTarget {
  /** Stores the update (throws when it could not be stored) and queues it for handling. */
  receive(updates: Update[]): Promise<void>;
  /** False until the inbox runs (at start) and after it stopped: Telegram then tries again later. */
  accepting(): boolean;
}

/** Constant-time comparison (of digests, so the length does not leak either). */
export function secretMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

export function webhookHandler(opts: { secret: string; target: WebhookTarget | undefined; onError?: (err: unknown) => void }) {
  return async (c: Context): Promise<Response> => {
    if (!secretMatches(c.req.header(SECRET_HEADER), opts.secret)) return c.json({ ok: false, error: "unauthorized" }, 401);
    const target = opts.target;
    // Not running (starting, stopping, or the database cannot be opened): Telegram keeps the update.
    if (!target?.accepting()) return c.json({ ok: false, error: "not ready" }, 503);
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ ok: false, error: "body is not JSON" }, 400);
    }
    if (!body || typeof body !== "object" || Array.isArray(body) || !Number.isSafeInteger((body as { update_id?: unknown }).update_id)) {
      return c.json({ ok: false, error: "not an update" }, 400);
    }
    try {
      // A malformed update of the right outline is logged, counted and dropped by the inbox.
      await target.receive([body as Update]);
    } catch (err) {
      opts.onError?.(err);
      // Not stored: a non-2xx answer makes Telegram deliver it again later.
      return c.json({ ok: false, error: storageProblem(err) ? "storage unavailable" : "not stored" }, 503);
    }
    return c.json({ ok: true });
  };
}
