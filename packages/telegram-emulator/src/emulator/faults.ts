// Fault injection: scripted API errors and lost connections, for the bot's retry paths, and a
// seeded random share of failing calls for soak tests.
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

/** What a randomly failed call does. */
export type RandomFaultKind = "429" | "500" | "drop-before" | "drop-after";

/** How a call recorded in the call log was failed on purpose. */
export type FaultKind = RandomFaultKind | "scripted";

export const RANDOM_FAULT_KINDS: readonly RandomFaultKind[] = ["429", "500", "drop-before", "drop-after"];

export interface RandomFaultOptions {
  /** Share of calls that fail, from 0 to 1 (0.1 = one call in ten). */
  rate: number;
  /** Seed of the generator that picks the failing calls and their kind (default 1). */
  seed?: number;
  /** Kinds to choose from, with equal chances (default all four). */
  kinds?: readonly RandomFaultKind[];
  /** Only these methods fail (case-insensitive); default every method. */
  methods?: readonly string[];
  /** These methods never fail. */
  exceptMethods?: readonly string[];
  /** retry_after of an injected 429 in seconds: a number, or [min, max] for a random whole number (default 1). */
  retryAfter?: number | readonly [number, number];
}

/** Methods whose running changes what a retry gets (getUpdates confirms its offset). */
const CONFIRMS_ON_RUN = new Set(["getupdates"]);

/**
 * Picks which calls fail, from a seeded generator. The sequence of decisions is reproducible;
 * which request gets which decision depends on the order in which the bot's requests arrive.
 */
export class RandomFaults {
  private readonly random: () => number;
  private readonly kinds: readonly RandomFaultKind[];
  private readonly only: Set<string> | undefined;
  private readonly except: Set<string>;

  constructor(private readonly opts: RandomFaultOptions) {
    if (!(opts.rate >= 0 && opts.rate <= 1)) throw new Error(`emulator: fault rate must be from 0 to 1, not ${opts.rate}`);
    this.random = mulberry32(opts.seed ?? 1);
    this.kinds = opts.kinds && opts.kinds.length > 0 ? [...opts.kinds] : RANDOM_FAULT_KINDS;
    this.only = opts.methods ? new Set(opts.methods.map((m) => m.toLowerCase())) : undefined;
    this.except = new Set((opts.exceptMethods ?? []).map((m) => m.toLowerCase()));
  }

  /** The fault for this call, if it is one of the unlucky ones. */
  pick(method: string): RandomFaultKind | undefined {
    const name = method.toLowerCase();
    if (this.only && !this.only.has(name)) return undefined;
    if (this.except.has(name)) return undefined;
    if (this.random() >= this.opts.rate) return undefined;
    // A getUpdates that runs confirms the offset it carries. A failed getUpdates must leave the
    // updates where they were, so getUpdates only fails before running, never after.
    const kinds = CONFIRMS_ON_RUN.has(name) ? this.kinds.filter((k) => k !== "drop-after") : this.kinds;
    if (kinds.length === 0) return undefined;
    return kinds[Math.floor(this.random() * kinds.length)];
  }

  /** The 429 of an injected flood wait, worded as Telegram words it. */
  floodError(): ApiError {
    const spec = this.opts.retryAfter ?? 1;
    const [min, max] = typeof spec === "number" ? [spec, spec] : spec;
    const seconds = Math.max(1, Math.round(min + this.random() * (max - min)));
    return new ApiError(429, `Too Many Requests: retry after ${seconds}`, seconds);
  }
}

/** mulberry32: small, seeded, the same numbers everywhere. */
function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
