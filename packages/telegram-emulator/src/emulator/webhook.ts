// Webhook delivery, as Telegram does it: once setWebhook is called, queued updates are POSTed to
// the URL one at a time (one in flight per bot), as JSON with the X-Telegram-Bot-Api-Secret-Token
// header. A 2xx answer removes the update; anything else (an error status, a refused connection,
// no answer within the timeout) keeps it and tries again after a backoff, recording
// last_error_date and last_error_message for getWebhookInfo.
import type { Update } from "grammy/types";
import type { UpdateQueue } from "./updates.js";

export interface WebhookOptions {
  /** Maps the registered URL to the one to call (a TLS proxy in front of the bot, in tests). */
  target?: (url: string) => string;
  /** First wait after a failed delivery, doubled each time up to maxRetryMs (default 500 ms). */
  retryMs?: number;
  maxRetryMs?: number;
  /** A delivery unanswered after this long has failed (default 10 s). */
  timeoutMs?: number;
}

export interface WebhookInfo {
  url: string;
  lastErrorDate?: number;
  lastErrorMessage?: string;
}

export class WebhookDelivery {
  url = "";
  private secret: string | undefined;
  private running: Promise<void> | undefined;
  private abort: AbortController | undefined;
  private wake: (() => void) | undefined;
  private lastErrorDate: number | undefined;
  private lastErrorMessage: string | undefined;
  /** Attempts per update_id, for tests. */
  readonly attempts = new Map<number, number>();

  constructor(
    private readonly queue: UpdateQueue,
    private readonly now: () => number,
    private readonly opts: WebhookOptions = {},
  ) {
    queue.onPush = () => this.wake?.();
  }

  set(url: string, secret: string | undefined): void {
    this.url = url;
    this.secret = secret;
    this.lastErrorDate = undefined;
    this.lastErrorMessage = undefined;
    this.running ??= this.loop().finally(() => (this.running = undefined));
    this.wake?.();
  }

  async clear(): Promise<void> {
    this.url = "";
    this.abort?.abort();
    this.wake?.();
    await this.running;
  }

  info(): WebhookInfo {
    return {
      url: this.url,
      ...(this.lastErrorDate !== undefined ? { lastErrorDate: this.lastErrorDate, lastErrorMessage: this.lastErrorMessage } : {}),
    };
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (this.url) {
      const update = this.queue.first();
      if (!update) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
        continue;
      }
      const error = await this.deliver(update);
      if (!this.url) return;
      if (error === undefined) {
        failures = 0;
        this.queue.delivered(update);
        continue;
      }
      failures++;
      this.lastErrorDate = Math.floor(this.now() / 1000);
      this.lastErrorMessage = error;
      const base = this.opts.retryMs ?? 500;
      const delay = Math.min(base * 2 ** (failures - 1), this.opts.maxRetryMs ?? 30_000);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          // Only a change of webhook cuts the wait short; new updates queue behind this one.
          if (!this.url) {
            clearTimeout(timer);
            resolve();
          }
        };
      });
      this.wake = undefined;
    }
  }

  /** undefined when delivered; otherwise the error as getWebhookInfo words it. */
  private async deliver(update: Update): Promise<string | undefined> {
    const id = update.update_id;
    this.attempts.set(id, (this.attempts.get(id) ?? 0) + 1);
    const abort = new AbortController();
    this.abort = abort;
    const timer = setTimeout(() => abort.abort(), this.opts.timeoutMs ?? 10_000);
    try {
      const url = this.opts.target ? this.opts.target(this.url) : this.url;
      const res = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...(this.secret ? { "X-Telegram-Bot-Api-Secret-Token": this.secret } : {}) },
        body: JSON.stringify(update),
        signal: abort.signal,
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) return undefined;
      return `Wrong response from the webhook: ${res.status} ${res.statusText}`.trim();
    } catch (err) {
      return abort.signal.aborted ? "Read timeout expired" : `Connection refused (${err instanceof Error ? err.message : String(err)})`;
    } finally {
      clearTimeout(timer);
      this.abort = undefined;
    }
  }
}
