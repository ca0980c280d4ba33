import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { isActiveMember, memberByTelegramId } from "../../domain/members.js";

/** /start (without an invite code) and /help in private chats. */
export const welcomeFeature = new Composer<BotContext>();
const privateChat = welcomeFeature.chatType("private");

privateChat.command("start", async (ctx) => {
  await ctx.reply(ctx.t("start-welcome", { name: ctx.from.first_name }), { parse_mode: "HTML" });
});

privateChat.command(["help", "bantuan"], async (ctx) => {
  // Someone not (yet) in a KIM is shown what works for them now, not commands that would refuse them.
  const member = await memberByTelegramId(ctx.deps.db, ctx.from.id);
  await ctx.reply(ctx.t(isActiveMember(member) ? "help" : "help-guest"), { parse_mode: "HTML" });
});
