// One error boundary for every feature. A failure that may pass (Telegram for a moment, the
// database busy or full) is handed back to the inbox, which runs the update again; the member
// hears nothing yet. Any other failure, or the last run, is logged and the member is told what is
// true: that their message is stored (and its preview will follow), or that it is not and they
// should send it again.
import { GrammyError, HttpError, type ErrorHandler } from "grammy";
import { isTransientConflict } from "../db/conflicts.js";
import { storageProblem } from "../db/storage-errors.js";
import { draftFromUpdate } from "../domain/submissions.js";
import { enqueue } from "../queue/jobs.js";
import { isPassingFailure } from "../queue/failure.js";
import { isGoneTarget } from "../telegram/harmless.js";
import type { BotContext } from "./context.js";
import { jobs } from "../queue/kinds.js";
import { currentUpdateRun, RunAgain } from "./inbox.js";
import { updateLocale } from "./i18n.js";

export const errorBoundary: ErrorHandler<BotContext> = async (err) => {
  const ctx = err.ctx;
  const run = currentUpdateRun();
  const passing = isPassingFailure(err.error);
  if (passing && run && !run.final) throw new RunAgain(describe(err.error));
  if (passing) ctx.log.warn({ err: err.error, run: run?.run }, "handler failed for a passing reason, for the last time");
  else if (isGoneTarget(err.error)) {
    // The message a button belongs to is gone or was never the bot's: a stale tap, not a fault.
    ctx.log.warn({ err: String(err.error) }, "the message to change is gone");
    return;
  } else ctx.log.error({ err: err.error }, "handler failed");
  if (ctx.chat?.type !== "private") return;
  const key = await storedDraftNotice(ctx);
  try {
    await ctx.reply(ctx.t(key));
  } catch (replyErr) {
    ctx.log.warn({ err: String(replyErr) }, "could not tell the member about the failure");
  }
};

/**
 * "Stored" is said only when the member's message is in the database as a draft; its preview is
 * then queued to be sent once Telegram answers again.
 */
async function storedDraftNotice(ctx: BotContext): Promise<"error-saved" | "error-not-saved"> {
  if (!ctx.from || !ctx.msg || ctx.callbackQuery) return "error-not-saved";
  try {
    const draft = await draftFromUpdate(ctx.deps.db, ctx.from.id, ctx.update.update_id);
    if (!draft) return "error-not-saved";
    if (draft.promptMessageId === null && draft.status === "draft") {
      await enqueue(
        ctx.deps.db,
        jobs.draftPrompt,
        { submissionId: draft.id, chatId: String(ctx.chat!.id), locale: updateLocale(ctx, ctx.deps.config.defaultLocale) },
        { dedupeKey: `draft-prompt:${draft.id}` },
      );
      ctx.deps.wakeJobs();
    }
    return "error-saved";
  } catch {
    return "error-not-saved";
  }
}

function describe(err: unknown): string {
  if (err instanceof GrammyError) return `${err.error_code}: ${err.description}`;
  if (err instanceof HttpError) return `network: ${err.message}`;
  const problem = storageProblem(err);
  if (problem) return `database ${problem}`;
  return isTransientConflict(err) ? `database conflict: ${String(err).replace(/\s+/g, " ").slice(0, 300)}` : String(err);
}
