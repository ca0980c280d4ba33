// The delete button of a re-check alert (issue 11): a published post that turned out to match a
// known hoax can be taken off the channel from the admin group. As with review buttons, a tap
// counts only in the configured admin group and from a current member of it; deleting asks for
// a second tap, is recorded in the audit trail, and the member is told kindly.
import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.js";
import { isCurrentAdmin } from "../admin-guard.js";
import { actorOf } from "../../domain/audit.js";
import { numberOf } from "../../domain/submissions.js";
import { removeFromChannel } from "../../domain/unpublish.js";
import { alertKeyboard, recheckCallback } from "../recheck.js";

export function recheckFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.callbackQuery(recheckCallback.any, async (ctx, next) => {
    const data = ctx.callbackQuery.data;
    const valid = recheckCallback.pattern.test(data);
    // Deleting a channel post changes what citizens see: membership is asked afresh.
    const member = valid ? await isCurrentAdmin(ctx, { fresh: true }) : false;
    if (valid && member) return next();
    ctx.log.warn({ data, chat: ctx.chat?.id, user: ctx.from.id, valid, member }, "recheck: refused a callback");
    await ctx.answerCallbackQuery({ text: ctx.t(valid ? "recheck-not-admin" : "review-stale"), show_alert: true });
  });

  feature.callbackQuery(recheckCallback.pattern, async (ctx) => {
    const action = ctx.match[1];
    const alertId = Number(ctx.match[2]);
    const t = (k: string) => ctx.t(k);
    const alert = await ctx.deps.db.recheckAlert.findUnique({ where: { id: alertId } });
    if (!alert) {
      await ctx.answerCallbackQuery({ text: ctx.t("review-stale") });
      return;
    }
    const number = await numberFor(ctx, alert.submissionId);
    if (alert.status !== "open") {
      await ctx.answerCallbackQuery({ text: ctx.t.text("recheck-already-removed", { id: number, admin: alert.resolvedByName ?? "-" }), show_alert: true });
      await ctx.editMessageReplyMarkup({ reply_markup: new InlineKeyboard() }).catch(() => undefined);
      return;
    }
    switch (action) {
      case "d":
        await ctx.answerCallbackQuery({ text: ctx.t("recheck-remove-warning", { id: number }), show_alert: true });
        await ctx.editMessageReplyMarkup({
          reply_markup: new InlineKeyboard().text(t("recheck-remove-confirm"), recheckCallback.confirm(alertId)).text(t("review-back"), recheckCallback.back(alertId)),
        });
        return;
      case "b":
        await ctx.answerCallbackQuery();
        await ctx.editMessageReplyMarkup({ reply_markup: alertKeyboard(t, alertId) });
        return;
      default:
        return confirmRemoval(ctx, alertId);
    }
  });

  async function confirmRemoval(ctx: BotContext, alertId: number) {
    const { deps } = ctx;
    const actor = actorOf(ctx.from!);
    const result = await removeFromChannel(deps.db, {
      alertId,
      actor,
      now: deps.clock.now(),
    });
    const number = "submissionId" in result ? await numberFor(ctx, result.submissionId) : 0;
    if (!result.ok) {
      const text = result.reason === "not-published" ? ctx.t.text("recheck-not-published", { id: number, state: ctx.t.text(`state-${result.status}`) }) : ctx.t("review-stale");
      await ctx.answerCallbackQuery({ text, show_alert: true });
      await ctx.editMessageReplyMarkup({ reply_markup: new InlineKeyboard() }).catch(() => undefined);
      return;
    }
    deps.wakeJobs();
    await ctx.answerCallbackQuery({ text: ctx.t("recheck-removed-answer", { id: number }) });
    await ctx.editMessageReplyMarkup({ reply_markup: new InlineKeyboard() });
    const alertMessage = ctx.callbackQuery?.message;
    await ctx.reply(ctx.t("recheck-removed", { id: number, admin: actor.name }), {
      parse_mode: "HTML",
      reply_parameters: alertMessage ? { message_id: alertMessage.message_id, allow_sending_without_reply: true } : undefined,
    });
  }

  return feature;
}

/** The number people see for a submission. */
async function numberFor(ctx: BotContext, submissionId: number): Promise<number> {
  const sub = await ctx.deps.db.submission.findUnique({ where: { id: submissionId }, select: { id: true, number: true } });
  return sub ? numberOf(sub) : submissionId;
}
