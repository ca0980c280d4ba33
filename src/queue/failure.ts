import { GrammyError, HttpError } from "grammy";
import { isTransientConflict } from "../db/conflicts.js";
import { storageProblem } from "../db/storage-errors.js";

/** What to do after a job's attempt failed. */
export type Failure =
  | { kind: "retry-after"; seconds: number; reason: string }
  | { kind: "transient"; reason: string }
  /** The bot's settings are wrong (the admin group or channel not found, no rights): waits for a fix. */
  | { kind: "config"; reason: string }
  | { kind: "permanent"; reason: string };

/** Telegram's answers when the bot may not write to a group or channel it was configured for. */
const CONFIG_PROBLEM =
  /chat not found|bot is not a member|bot was kicked|not enough rights|need administrator rights|have no rights|CHAT_WRITE_FORBIDDEN|CHAT_ADMIN_REQUIRED|CHANNEL_PRIVATE|PEER_ID_INVALID/i;

/**
 * 429 waits exactly as long as Telegram asks; 5xx and network failures back off; a group or
 * channel the bot cannot reach is a setting to fix, so the job waits for it; other 4xx (a member
 * who blocked the bot) will not get better by retrying.
 */
export function classifyFailure(err: unknown): Failure {
  if (err instanceof GrammyError) {
    const reason = `${err.error_code}: ${err.description}`;
    if (err.error_code === 429) return { kind: "retry-after", seconds: err.parameters.retry_after ?? 5, reason };
    if (err.error_code >= 500) return { kind: "transient", reason };
    // A private chat (a positive id) that is gone is the member's doing, not a setting.
    if (CONFIG_PROBLEM.test(err.description) && !isPrivateChatId(err.payload.chat_id)) return { kind: "config", reason };
    return { kind: "permanent", reason };
  }
  if (err instanceof HttpError) return { kind: "transient", reason: `network: ${messageOf(err.error)}` };
  if (err instanceof ConfigJobError) return { kind: "config", reason: err.message };
  if (err instanceof PermanentJobError) return { kind: "permanent", reason: err.message };
  return { kind: "transient", reason: messageOf(err) };
}

function isPrivateChatId(chatId: unknown): boolean {
  return (typeof chatId === "number" && chatId > 0) || (typeof chatId === "string" && /^\d+$/.test(chatId));
}

/**
 * Failures that say nothing about the work itself: doing it again later may succeed. A database
 * conflict with other work (a deadlock, a transaction that timed out behind another's lock) is one:
 * with several instances at full load it is routine, and the update that met it must run again,
 * not end in an apology with the member's submission left unconfirmed.
 */
export function isPassingFailure(err: unknown): boolean {
  if (err instanceof GrammyError) return err.error_code === 429 || err.error_code >= 500;
  if (err instanceof HttpError) return true;
  return storageProblem(err) !== undefined || isTransientConflict(err);
}

/** Thrown by a job handler when the job can never succeed (for example its submission is gone). */
export class PermanentJobError extends Error {
  override name = "PermanentJobError";
}

/** Thrown by a job handler when a setting it needs is missing (ADMIN_CHAT_ID, CHANNEL_ID). */
export class ConfigJobError extends Error {
  override name = "ConfigJobError";
}

export function isBlockedByUser(reason: string): boolean {
  return /^403: Forbidden: (bot was blocked by the user|user is deactivated|bot can't initiate conversation)/.test(reason);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Exponential backoff from 2 s, capped at 10 minutes, with jitter so retries do not bunch up. */
export function backoffMs(attempt: number, random = Math.random): number {
  const base = Math.min(2_000 * 2 ** Math.max(0, attempt - 1), 600_000);
  return Math.round(base * (0.75 + random() * 0.5));
}
