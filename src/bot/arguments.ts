// What people type after a command, read the same way everywhere: reference numbers, Telegram
// ids, and anything the bot repeats back, bounded so that an answer always fits a message.
import { excerpt } from "./format.js";

/** The longest piece of a person's argument the bot repeats in an answer. */
export const MAX_ECHO = 60;

/** An argument as the bot may repeat it: shortened (ctx.t escapes it). */
export function echo(text: string): string {
  return excerpt(text, MAX_ECHO);
}

/** The largest submission number the database holds (a 32-bit id). */
const MAX_REFERENCE = 2_147_483_647;

/**
 * A reference number as people write it: 1234, #1234 or 1.234 (thousands separated as in
 * Indonesian). undefined when it is not one, or too large to exist.
 */
export function parseReference(raw: string): number | undefined {
  const text = raw.trim().replace(/^#\s*/, "");
  if (!/^(\d{1,3}(\.\d{3})+|\d+)$/.test(text)) return undefined;
  const digits = text.replace(/\./g, "");
  if (digits.length > 10) return undefined;
  const n = Number(digits);
  return n >= 1 && n <= MAX_REFERENCE ? n : undefined;
}

/** A Telegram user id: digits that fit the 52 bits Telegram uses. */
export function parseTelegramId(raw: string): bigint | undefined {
  const text = raw.trim();
  if (!/^\d{1,16}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && Number.isSafeInteger(n) ? BigInt(n) : undefined;
}
