// Answers from Telegram that are not failures of the work a handler does:
// - an edit that changes nothing ("message is not modified": a double tap, two updates racing to
//   the same content) already has the result the handler wanted;
// - a callback query that can no longer be answered ("query is too old": the bot was backed up
//   for more than Telegram's few seconds) only loses the little toast on the user's phone.
// Both are turned into success here, once for every handler, so that neither stops the edit of
// the member's preview or the decision that follows.
import { GrammyError, type Transformer } from "grammy";

const EDIT_METHODS = new Set(["editMessageText", "editMessageCaption", "editMessageReplyMarkup", "editMessageMedia"]);

export function isNotModified(description: string | undefined): boolean {
  return /message is not modified/i.test(description ?? "");
}

/** Callback queries answered lately: a handler that runs again does not answer twice. */
const ANSWERED_KEPT = 5_000;

export function harmlessErrorsTransformer(onIgnored?: (method: string, description: string) => void): Transformer {
  const answered = new Set<string>();
  return async (prev, method, payload, signal) => {
    if (method === "answerCallbackQuery") {
      const id = String((payload as { callback_query_id?: unknown }).callback_query_id ?? "");
      // Telegram accepts one answer per query; a second one (an update run again) is moot.
      if (answered.has(id)) return { ok: true, result: true } as never;
      answered.add(id);
      if (answered.size > ANSWERED_KEPT) answered.delete(answered.values().next().value!);
    }
    let res;
    try {
      res = await prev(method, payload, signal);
    } catch (err) {
      if (method === "answerCallbackQuery") answered.delete(String((payload as { callback_query_id?: unknown }).callback_query_id ?? ""));
      throw err;
    }
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

/** Telegram's answers when the message a call refers to cannot be changed any more (deleted, not the bot's). */
export function isGoneTarget(err: unknown): boolean {
  return (
    err instanceof GrammyError &&
    err.error_code === 400 &&
    /message to edit not found|message can't be edited|there is no (caption|text) in the message|message to delete not found|MESSAGE_ID_INVALID/i.test(err.description)
  );
}
