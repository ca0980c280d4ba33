import { Composer } from "grammy";
import type { BotContext } from "../context.js";

/**
 * Telegram says when someone joins or leaves the admin group (chat_member, for a bot that is an
 * administrator there): who left can no longer decide, from that very update on.
 */
export const adminMembersFeature = new Composer<BotContext>();

adminMembersFeature.on("chat_member", async (ctx) => {
  await ctx.deps.admins.onMemberUpdate(ctx.chatMember);
  const { status } = ctx.chatMember.new_chat_member;
  ctx.log.info({ chat: ctx.chat.id, user: ctx.chatMember.new_chat_member.user.id, status }, "admin group membership changed");
});
