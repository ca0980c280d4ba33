import { Composer } from "grammy";
import type { BotContext } from "../context.js";

/** /id answers with the chat's id: operators need it for ADMIN_CHAT_ID and CHANNEL_ID. */
export const chatIdFeature = new Composer<BotContext>();

chatIdFeature.command("id", async (ctx) => {
  await ctx.reply(ctx.t("chat-id", { id: String(ctx.chat.id), type: ctx.chat.type }), { parse_mode: "HTML" });
});
