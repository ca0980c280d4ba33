// Only the admin group decides. An action must come from the configured group, and from a user who
// is still a member of it: Telegram keeps delivering taps on old cards from people who left, and an
// update may be handled seconds after it was sent.
import { randomUUID } from "node:crypto";
import { Composer, type Api } from "grammy";
import type { ChatMemberUpdated } from "grammy/types";
import type { Db } from "../db/client.js";
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

/** What one remembered membership says: "a member until", and a tag unique to this write. */
interface Remembered {
  until: number;
  tag: string;
}

const keyOf = (userId: number) => `admin-member:${userId}`;

function readRemembered(value: string | undefined): Remembered | undefined {
  if (value === undefined) return undefined;
  try {
    const r = JSON.parse(value) as Partial<Remembered>;
    return typeof r.until === "number" ? { until: r.until, tag: String(r.tag) } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Who is a member of the admin group, from getChatMember. Only "is a member" is remembered, and
 * only briefly, for the fast path of a burst of taps; a "left" is never remembered, a chat_member
 * update or a "not a member" answer drops the entry at once, and decisions that publish always ask
 * Telegram again.
 *
 * The memory is the database (KeyValue), not this process: several instances serve the admin
 * group, and the one that hears a chat_member update is seldom the one the removed admin's next
 * tap reaches. A drop overwrites the entry with a new tag, and an answer from Telegram is only
 * remembered over the entry read before asking (compare-and-set): an answer given before a removal
 * that another instance recorded meanwhile is never remembered after it.
 */
export class AdminMembership {
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(private readonly o: { db: Db; adminChatId: bigint | undefined; ttlMs?: number; now?: () => number }) {
    this.ttlMs = o.ttlMs ?? 60_000;
    this.now = o.now ?? Date.now;
  }

  async isMember(api: Api, userId: number, opts: { fresh?: boolean } = {}): Promise<boolean> {
    const { db, adminChatId } = this.o;
    if (adminChatId === undefined) return false;
    const seen = (await db.keyValue.findUnique({ where: { key: keyOf(userId) } }))?.value;
    const remembered = readRemembered(seen);
    if (!opts.fresh && remembered && remembered.until > this.now()) return true;
    const m = await api.getChatMember(Number(adminChatId), userId).catch((err: unknown) => {
      // Telegram answers 400 "user not found" for someone who never was in the group: not a member.
      if (isUnknownMember(err)) return undefined;
      throw err;
    });
    if (!m || !isMemberStatus(m)) {
      await this.forget(userId);
      return false;
    }
    await this.remember(userId, seen);
    return true;
  }

  /** A chat_member update of the admin group: someone left, was removed, or (re)joined. */
  async onMemberUpdate(update: ChatMemberUpdated): Promise<void> {
    if (this.o.adminChatId === undefined || BigInt(update.chat.id) !== this.o.adminChatId) return;
    if (!isMemberStatus(update.new_chat_member)) await this.forget(update.new_chat_member.user.id);
  }

  /** Drops what is remembered of the user, for every instance: the next check asks Telegram. */
  async forget(userId: number): Promise<void> {
    const key = keyOf(userId);
    const value = JSON.stringify({ until: 0, tag: randomUUID() } satisfies Remembered);
    await this.o.db.keyValue.upsert({ where: { key }, create: { key, value }, update: { value } });
  }

  /** Remembers "a member" unless the entry changed since `seen` was read (a drop came meanwhile). */
  private async remember(userId: number, seen: string | undefined): Promise<void> {
    const key = keyOf(userId);
    const value = JSON.stringify({ until: this.now() + this.ttlMs, tag: randomUUID() } satisfies Remembered);
    if (seen !== undefined) {
      await this.o.db.keyValue.updateMany({ where: { key, value: seen }, data: { value } });
      return;
    }
    await this.o.db.keyValue.create({ data: { key, value } }).catch((err: unknown) => {
      // Another instance wrote the entry first (a drop, or its own answer): this one is not needed.
      if ((err as { code?: string }).code !== "P2002") throw err;
    });
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
