// Only the admin group decides. An action must come from the configured group, and from a user who
// is still a member of it: Telegram keeps delivering taps on old cards from people who left, and an
// update may be handled seconds after it was sent.
import { Composer, type Api } from "grammy";
import type { ChatMemberUpdated } from "grammy/types";
import type { BotContext } from "./context.js";

/** True when the update comes from the configured admin group. */
export async function isAdminChat(ctx: BotContext): Promise<boolean> {
  const adminChatId = ctx.deps.config.adminChatId;
  if (adminChatId === undefined || !ctx.chat) return false;
  return BigInt(ctx.chat.id) === adminChatId;
}

const MEMBER_STATUSES = new Set(["creator", "administrator", "member"]);

export function isMemberStatus(m: { status: string; is_member?: boolean }): boolean {
  return MEMBER_STATUSES.has(m.status) || (m.status === "restricted" && m.is_member === true);
}

function isUnknownMember(err: unknown): boolean {
  const e = err as { error_code?: unknown; description?: unknown };
  return e?.error_code === 400 && typeof e.description === "string" && /(user|member|participant)[_ ]not[_ ]found|USER_ID_INVALID/i.test(e.description);
}

/**
 * Who is a member of the admin group, from getChatMember. Only "is a member" is remembered, and
 * only briefly, for the fast path of a burst of taps; a "left" is never cached, a chat_member
 * update or a "not a member" answer drops the entry at once, and decisions that publish always ask
 * Telegram again.
 */
export class AdminMembership {
  private readonly members = new Map<number, number>();

  constructor(
    private readonly adminChatId: bigint | undefined,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async isMember(api: Api, userId: number, opts: { fresh?: boolean } = {}): Promise<boolean> {
    if (this.adminChatId === undefined) return false;
    const until = this.members.get(userId);
    if (!opts.fresh && until !== undefined && until > this.now()) return true;
    const m = await api.getChatMember(Number(this.adminChatId), userId).catch((err: unknown) => {
      // Telegram answers 400 "user not found" for someone who never was in the group: not a member.
      if (isUnknownMember(err)) return undefined;
      throw err;
    });
    if (!m || !isMemberStatus(m)) {
      this.members.delete(userId);
      return false;
    }
    this.members.set(userId, this.now() + this.ttlMs);
    return true;
  }

  /** A chat_member update of the admin group: someone left, was removed, or (re)joined. */
  onMemberUpdate(update: ChatMemberUpdated): void {
    if (this.adminChatId === undefined || BigInt(update.chat.id) !== this.adminChatId) return;
    const userId = update.new_chat_member.user.id;
    if (!isMemberStatus(update.new_chat_member)) this.members.delete(userId);
  }

  forget(userId: number): void {
    this.members.delete(userId);
  }
}

/**
 * The sender of this update is, right now, a member of the admin group and the update comes from
 * it. An anonymous admin (a message "from" the group itself) is an admin by Telegram's rules.
 */
export async function isCurrentAdmin(ctx: BotContext, opts: { fresh?: boolean } = {}): Promise<boolean> {
  if (!(await isAdminChat(ctx))) return false;
  const sender = ctx.callbackQuery ? undefined : ctx.msg?.sender_chat;
  if (sender && BigInt(sender.id) === ctx.deps.config.adminChatId) return true;
  if (!ctx.from) return false;
  return ctx.deps.admins.isMember(ctx.api, ctx.from.id, opts);
}

/**
 * The admin-group part of a feature: only current members of the admin group get through; others
 * writing there (removed a moment ago, or an anonymous sender of another chat) are told so.
 */
export function adminGroupOnly(composer: Composer<BotContext>): Composer<BotContext> {
  const admin = composer.filter(isAdminChat);
  const current = new Composer<BotContext>();
  admin.use(async (ctx, next) => {
    if (await isCurrentAdmin(ctx)) return current.middleware()(ctx, next);
    if (ctx.msg?.text?.startsWith("/") || ctx.msg?.caption?.startsWith("/")) {
      ctx.log.warn({ user: ctx.from?.id }, "admin command from someone who is not a member of the admin group");
      await ctx.reply(ctx.t("review-not-admin"));
      return;
    }
    return next();
  });
  return current;
}
