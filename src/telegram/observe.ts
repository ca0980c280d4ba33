// Watches every Bot API call as it goes over the wire (installed first, so it sees each attempt
// the retries make): what failed, with which error code, and when Telegram last answered at all.
import type { Transformer } from "grammy";

export interface TelegramCallObserver {
  /** ok: Telegram answered ok. errorCode: Telegram's error_code, or "network" when no answer came. */
  onCall(method: string, outcome: { ok: true } | { ok: false; errorCode: string }): void;
}

export function observeTransformer(observer: TelegramCallObserver): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const res = await prev(method, payload, signal);
      observer.onCall(method, res.ok ? { ok: true } : { ok: false, errorCode: String(res.error_code) });
      return res;
    } catch (err) {
      // An aborted long poll (the bot stopping) is no sign that Telegram is down.
      const aborted = (signal as unknown as AbortSignal | undefined)?.aborted === true;
      if (!aborted) observer.onCall(method, { ok: false, errorCode: "network" });
      throw err;
    }
  };
}

/** When Telegram last answered (any answer, an error included: it was reachable). */
export class TelegramReachability implements TelegramCallObserver {
  private lastAnswerAt = 0;
  private lastNetworkFailureAt = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly next?: TelegramCallObserver,
  ) {}

  onCall(method: string, outcome: { ok: true } | { ok: false; errorCode: string }): void {
    const t = this.now();
    if (outcome.ok || outcome.errorCode !== "network") this.lastAnswerAt = t;
    else this.lastNetworkFailureAt = t;
    this.next?.onCall(method, outcome);
  }

  /** Telegram answered within the last `withinMs`, and no call failed to reach it since. */
  recentlyReachable(withinMs: number): boolean {
    return this.lastAnswerAt > 0 && this.lastAnswerAt >= this.lastNetworkFailureAt && this.now() - this.lastAnswerAt <= withinMs;
  }
}
