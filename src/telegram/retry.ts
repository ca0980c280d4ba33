// Retrying Telegram calls in place. Every Bot API call can fail for a moment: a 429 flood wait, a
// 5xx from Telegram, a connection that drops or hangs. A handler that gives up at the first
// failure loses the member's answer, so each call is retried a few times with a short backoff
// before the error reaches the caller. Long waits are not done here: the durable job queue and the
// inbox retry those later, so a handler never holds a chat for minutes.
import { HttpError, type Transformer } from "grammy";
import type { ApiResponse } from "grammy/types";

export interface RetryOptions {
  /** Retries after the first attempt for 5xx and network failures. */
  maxRetries?: number;
  /** Flood waits (429 retry_after) up to this many seconds are waited out in place. */
  maxFloodWaitSeconds?: number;
  /** How many flood waits one call may sit out before the 429 reaches the caller. */
  maxFloodWaits?: number;
  /** First backoff in ms; doubled on every retry, with jitter. */
  baseDelayMs?: number;
  /** A call that has not answered after this long is abandoned and retried (getUpdates excepted). */
  callTimeoutMs?: number;
  /** Called on every retry, for the log. */
  onRetry?: (info: { method: string; attempt: number; reason: string; delayMs: number }) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

/** Methods whose failures the caller handles itself (the inbox polls in a loop of its own). */
const NOT_RETRIED = new Set(["getUpdates"]);

/**
 * A grammY API transformer that retries 429 (after retry_after), 5xx and network failures,
 * connection resets included, a bounded number of times.
 *
 * A call whose answer was lost may have reached Telegram: retrying a send can then deliver it
 * twice. That is the one window the Bot API leaves open (it has no idempotency key); it is as
 * narrow as one call, and a message delivered twice is better than a member left without answer.
 */
export function retryTransformer(opts: RetryOptions = {}): Transformer {
  const maxRetries = opts.maxRetries ?? 3;
  const maxFloodWait = opts.maxFloodWaitSeconds ?? 10;
  const maxFloodWaits = opts.maxFloodWaits ?? 5;
  const baseDelay = opts.baseDelayMs ?? 300;
  const callTimeout = opts.callTimeoutMs ?? 30_000;
  const sleep = opts.sleep ?? abortableSleep;
  const random = opts.random ?? Math.random;
  return async (prev, method, payload, grammySignal) => {
    if (NOT_RETRIED.has(method)) return prev(method, payload, grammySignal);
    // grammY types its signal with an older polyfill's AbortSignal; at run time it is Node's own.
    const signal = grammySignal as unknown as AbortSignal | undefined;
    const call = (s: AbortSignal) => prev(method, payload, s as never) as Promise<ApiResponse<unknown>>;
    let retries = 0;
    let floodWaits = 0;
    for (;;) {
      const attempt = () => withTimeout(callTimeout, signal, call);
      let reason: string;
      let delayMs: number;
      try {
        const res = await attempt();
        if (res.ok) return res as never;
        const retryAfter = res.parameters?.retry_after;
        if (res.error_code === 429 && typeof retryAfter === "number") {
          if (retryAfter > maxFloodWait || floodWaits >= maxFloodWaits) return res as never;
          floodWaits++;
          reason = `429 retry after ${retryAfter} s`;
          delayMs = retryAfter * 1000;
        } else if (res.error_code >= 500) {
          if (retries >= maxRetries) return res as never;
          reason = `${res.error_code}: ${res.description}`;
          delayMs = backoff(baseDelay, retries++, random);
        } else {
          return res as never;
        }
      } catch (err) {
        if (signal?.aborted || !(err instanceof HttpError) || retries >= maxRetries) throw err;
        reason = `network: ${err.message}`;
        delayMs = backoff(baseDelay, retries++, random);
      }
      opts.onRetry?.({ method, attempt: retries + floodWaits, reason, delayMs });
      await sleep(delayMs, signal);
    }
  };
}

function backoff(base: number, retry: number, random: () => number): number {
  return Math.round(base * 2 ** retry * (0.75 + random() * 0.5));
}

/**
 * Runs a call with its own deadline: grammY's default is 500 s, far too long for a member waiting
 * for an answer. The timeout surfaces as an HttpError, like a dropped connection.
 */
async function withTimeout<T>(ms: number, outer: AbortSignal | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(outer?.reason);
  outer?.addEventListener("abort", onAbort);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new HttpError(`no answer within ${ms} ms`, new Error("timeout")));
    }, ms);
  });
  try {
    return await Promise.race([run(controller.signal), timedOut]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", onAbort);
  }
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error("aborted"));
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error("aborted while waiting to retry"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
