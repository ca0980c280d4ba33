import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../html.js";

/** /start (without an invite code) and /help in private chats. */
export const welcomeFeature = new Composer<BotContext>();
const privateChat = welcomeFeature.chatType("private");

privateChat.command("start", async (ctx) => {
  await ctx.reply(ctx.t("start-welcome", { name: escapeHtml(ctx.from.first_name) }), { parse_mode: "HTML" });
});

privateChat.command(["help", "bantuan"], async (ctx) => {
  await ctx.reply(ctx.t("help"), { parse_mode: "HTML" });
});
