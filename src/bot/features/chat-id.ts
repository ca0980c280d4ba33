import { Composer } from "grammy";
import type { Message } from "grammy/types";
import type { BotContext } from "../context.js";
import { html } from "../../html.js";

/**
 * The ids operators need for ADMIN_CHAT_ID and CHANNEL_ID. /id answers in the chat it is sent
 * in (a group answers with the group's id). A post forwarded from a channel into a private chat
 * (or /id in reply to one) answers with that channel's id and title, for anyone while the bot is
 * still being set up and afterwards for members of the admin group; other forwards go on to the
 * submission feature, which explains that channel posts are not submissions.
 */
export const chatIdFeature = new Composer<BotContext>();

chatIdFeature.command("id", async (ctx) => {
  const origin = channelOrigin(ctx.msg.reply_to_message);
  if (origin && ctx.chat.type === "private") return replyWithChannel(ctx, origin);
  const kind = ctx.chat.type === "private" ? "private" : ctx.chat.type === "channel" ? "channel" : "group";
  await ctx.reply(ctx.t(`chat-id-${kind}`, { id: String(ctx.chat.id) }), { parse_mode: "HTML" });
});

chatIdFeature.chatType("private").on("message", async (ctx, next) => {
  const origin = channelOrigin(ctx.msg);
  if (!origin || !(await maySeeChannelIds(ctx))) return next();
  await replyWithChannel(ctx, origin);
});

type ChannelOrigin = { id: number; title: string; username?: string };

function channelOrigin(msg: Message | undefined): ChannelOrigin | undefined {
  const origin = msg?.forward_origin;
  if (origin?.type !== "channel") return undefined;
  return { id: origin.chat.id, title: origin.chat.title ?? "", username: "username" in origin.chat ? origin.chat.username : undefined };
}

async function maySeeChannelIds(ctx: BotContext): Promise<boolean> {
  const { config, admins } = ctx.deps;
  if (config.adminChatId === undefined || config.channelId === undefined) return true;
  return !!ctx.from && (await admins.isMember(ctx.api, ctx.from.id));
}

async function replyWithChannel(ctx: BotContext, origin: ChannelOrigin): Promise<void> {
  await ctx.reply(
    ctx.t("channel-id", {
      id: String(origin.id),
      title: origin.title,
      username: origin.username ? html` (@${origin.username})` : "",
    }),
    { parse_mode: "HTML" },
  );
}
