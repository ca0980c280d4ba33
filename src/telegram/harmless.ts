// Answers from Telegram that are not failures of the work a handler does:
// - an edit that changes nothing ("message is not modified": a double tap, two updates racing to
//   the same content) already has the result the handler wanted;
// - a callback query that can no longer be answered ("query is too old": the bot was backed up
//   for more than Telegram's few seconds) only loses the little toast on the user's phone.
// Both are turned into success here, once for every handler, so that neither stops the edit of
// the member's preview or the decision that follows.
import type { Transformer } from "grammy";

const EDIT_METHODS = new Set(["editMessageText", "editMessageCaption", "editMessageReplyMarkup", "editMessageMedia"]);

export function isNotModified(description: string | undefined): boolean {
  return /message is not modified/i.test(description ?? "");
}

export function harmlessErrorsTransformer(onIgnored?: (method: string, description: string) => void): Transformer {
  return async (prev, method, payload, signal) => {
    const res = await prev(method, payload, signal);
    if (res.ok) return res;
    if (EDIT_METHODS.has(method) && res.error_code === 400 && isNotModified(res.description)) {
      return { ok: true, result: true } as never;
    }
    if (method === "answerCallbackQuery" && res.error_code === 400) {
      // A toast that cannot be shown any more; the handler's work goes on.
      onIgnored?.(method, res.description);
      return { ok: true, result: true } as never;
    }
    return res;
  };
}
