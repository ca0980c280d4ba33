// Limits on what one private chat can make the bot do before anyone confirmed anything. One
// member pasting 200 messages in seconds, or a stranger hammering /start, must not turn into 200
// drafts, 200 previews and 200 replies: Telegram's own limit on messages into one private chat
// would then hold back everyone's answers. Past the limit the chat gets one short "terlalu cepat"
// a minute and the rest is left unanswered.
import type { MiddlewareFn } from "grammy";
import type { BotContext } from "./context.js";

export interface FloodLimits {
  /** Updates one private chat may send in a minute (album items count as one each). */
  updatesPerMinute: number;
  /** Drafts one member may start in a minute. */
  draftsPerMinute: number;
}

const WINDOW_MS = 60_000;

/** Sliding one-minute windows per chat, and when each chat was last told to slow down. */
export class FloodGuard {
  private readonly seen = new Map<number, number[]>();
  private readonly told = new Map<number, number>();

  constructor(
    readonly limits: FloodLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one update of the chat; false when the chat is over its limit. */
  allowUpdate(chatId: number): boolean {
    const now = this.now();
    const times = (this.seen.get(chatId) ?? []).filter((t) => t > now - WINDOW_MS);
    times.push(now);
    this.seen.set(chatId, times);
    if (this.seen.size > 10_000) this.forgetQuiet(now);
    return times.length <= this.limits.updatesPerMinute;
  }

  /** True once a minute per chat: whether to say "terlalu cepat" now. */
  shouldTell(chatId: number): boolean {
    const now = this.now();
    const last = this.told.get(chatId);
    if (last !== undefined && now - last < WINDOW_MS) return false;
    this.told.set(chatId, now);
    return true;
  }

  private forgetQuiet(now: number): void {
    for (const [chat, times] of this.seen) if ((times.at(-1) ?? 0) <= now - WINDOW_MS) this.seen.delete(chat);
    for (const [chat, at] of this.told) if (at <= now - WINDOW_MS) this.told.delete(chat);
  }
}

/** Tells the chat to slow down, at most once a minute; says nothing otherwise. */
export async function tellTooFast(ctx: BotContext): Promise<void> {
  if (!ctx.chat || !ctx.deps.flood.shouldTell(ctx.chat.id)) {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery();
    return;
  }
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t("too-fast"), show_alert: true });
  else await ctx.reply(ctx.t("too-fast"));
}

/** First middleware of private chats: over the limit, an update goes no further. */
export const privateFloodGuard: MiddlewareFn<BotContext> = async (ctx, next) => {
  if (ctx.chat?.type !== "private" || ctx.deps.flood.allowUpdate(ctx.chat.id)) return next();
  ctx.log.info({ chat: ctx.chat.id }, "flood guard: a private chat is over its limit");
  await tellTooFast(ctx);
};
