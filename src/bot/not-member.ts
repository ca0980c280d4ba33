// What someone who is not (or no longer) an active member hears when they use a member's command:
// where they stand and the one thing that works for them, never a command that would refuse them.
import type { BotContext } from "./context.js";

export async function replyNotMember(ctx: BotContext, member: { id: number; status: string } | null | undefined): Promise<void> {
  if (member?.status === "pending") {
    const request = await ctx.deps.db.joinRequest.findFirst({ where: { memberId: member.id, status: "pending" }, include: { kim: true } });
    if (request) {
      await ctx.reply(ctx.t("request-pending", { kim: request.kim.name }), { parse_mode: "HTML" });
      return;
    }
  }
  await ctx.reply(ctx.t(member?.status === "removed" ? "not-registered-removed" : "not-registered"));
}
