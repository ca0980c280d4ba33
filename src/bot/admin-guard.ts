// Only the admin group decides. A tap must come from the configured group, and from a user who
// is still a member of it: Telegram keeps delivering taps on old cards from people who left.
import type { BotContext } from "./context.js";

/** True when the update comes from the configured admin group. */
export async function isAdminChat(ctx: BotContext): Promise<boolean> {
  const adminChatId = ctx.deps.config.adminChatId;
  if (adminChatId === undefined || !ctx.chat) return false;
  return BigInt(ctx.chat.id) === adminChatId;
}

const MEMBER_STATUSES = new Set(["creator", "administrator", "member"]);
const CACHE_MS = 60_000;

/** getChatMember results, cached briefly so a burst of taps costs one API call per admin. */
export class AdminMembership {
  private readonly cache = new Map<number, { member: boolean; until: number }>();

  async isMember(ctx: BotContext, userId: number): Promise<boolean> {
    const now = Date.now();
    const hit = this.cache.get(userId);
    if (hit && hit.until > now) return hit.member;
    const chatId = Number(ctx.deps.config.adminChatId);
    const m = await ctx.api.getChatMember(chatId, userId);
    const member = MEMBER_STATUSES.has(m.status) || (m.status === "restricted" && m.is_member);
    this.cache.set(userId, { member, until: now + CACHE_MS });
    return member;
  }
}
