// Fault injection: scripted API errors and lost connections, for the bot's retry paths.
import { ApiError } from "./errors.js";

export interface InjectedError {
  error_code: number;
  description: string;
  retry_after?: number;
}

export interface DropOptions {
  times?: number;
  /**
   * Run the method and then lose the answer: Telegram did deliver, but the bot sees a network
   * error (the case that duplicates a message if the bot retries blindly). Default: drop before.
   */
  afterExecuting?: boolean;
}

interface FailRule {
  method: string;
  error: InjectedError;
  times: number;
  match?: (params: Record<string, unknown>) => boolean;
}

interface DropRule {
  method: string;
  times: number;
  afterExecuting: boolean;
}

/** Method "*" matches every method. */
function matches(rule: { method: string }, method: string): boolean {
  return rule.method === "*" || rule.method.toLowerCase() === method.toLowerCase();
}

export class Faults {
  private failures: FailRule[] = [];
  private drops: DropRule[] = [];

  failNext(method: string, error: InjectedError, times = 1, match?: (params: Record<string, unknown>) => boolean): void {
    this.failures.push({ method, error, times, match });
  }

  dropConnectionNext(method: string, opts: DropOptions = {}): void {
    this.drops.push({ method, times: opts.times ?? 1, afterExecuting: opts.afterExecuting ?? false });
  }

  clear(): void {
    this.failures = [];
    this.drops = [];
  }

  /** The injected error for this call, if a rule applies; uses up one of the rule's times. */
  takeFailure(method: string, params: Record<string, unknown>): ApiError | undefined {
    const rule = this.failures.find((r) => matches(r, method) && (!r.match || r.match(params)));
    if (!rule) return undefined;
    if (--rule.times <= 0) this.failures.splice(this.failures.indexOf(rule), 1);
    const { error_code, description, retry_after } = rule.error;
    return new ApiError(error_code, description, retry_after);
  }

  /** Whether to lose this call's connection, and when. */
  takeDrop(method: string): "before" | "after" | undefined {
    const rule = this.drops.find((r) => matches(r, method));
    if (!rule) return undefined;
    if (--rule.times <= 0) this.drops.splice(this.drops.indexOf(rule), 1);
    return rule.afterExecuting ? "after" : "before";
  }
}
