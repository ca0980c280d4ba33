import { Composer } from "grammy";
import type { BotContext } from "../context.js";

/** Must be installed last: a private message nobody handled gets a pointer to /help. */
export const unhandledFeature = new Composer<BotContext>();

unhandledFeature.chatType("private").on("message", async (ctx) => {
  await ctx.reply(ctx.t("unhandled"));
});

// A button from an old message (or forged data) must not spin forever on the user's phone.
unhandledFeature.on("callback_query", async (ctx) => {
  ctx.log.info({ data: ctx.callbackQuery.data }, "unhandled callback");
  await ctx.answerCallbackQuery({ text: ctx.t("review-stale") });
});
