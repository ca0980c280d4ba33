import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { adminGroupOnly } from "../admin-guard.js";

/**
 * /periksa in the admin group runs the start-up checks on demand; work that waited for the
 * settings resumes when they pass. A change of the bot's own standing in a group or channel (made
 * administrator of the channel, say) runs them too.
 */
export const settingsFeature = new Composer<BotContext>();

settingsFeature.on("my_chat_member", async (ctx, next) => {
  if (ctx.chat.type === "private") return next();
  ctx.log.info({ chat: ctx.chat.id, status: ctx.myChatMember.new_chat_member.status }, "the bot's standing in a chat changed");
  await ctx.deps.settings.check({ announce: true });
});

adminGroupOnly(settingsFeature).command(["periksa", "check"], async (ctx) => {
  await ctx.replyWithChatAction("typing").catch(() => undefined);
  const { report, resumed } = await ctx.deps.settings.check();
  await ctx.reply(ctx.deps.settings.text(report, resumed), { link_preview_options: { is_disabled: true } });
});
