// Requests to join a KIM without an invite link. The request and the admin notification are
// written together; the decision and the member's notification too.
import type { Db } from "../db/client.js";
import { enqueue } from "../queue/jobs.js";
import { jobs } from "../queue/kinds.js";
import { joinKim } from "./members.js";
import { notifyMember } from "./notices.js";
import type { Actor } from "./audit.js";

export async function createJoinRequest(
  db: Db,
  args: {
    memberId: number;
    kimId: number;
    now: Date;
    /** The admins hear of the request when the bot has an admin group. */
    adminChatId: bigint | undefined;
  },
): Promise<{ requestId: number; kimName: string } | undefined> {
  return db.$transaction(async (tx) => {
    const kim = await tx.kim.findUnique({ where: { id: args.kimId }, include: { kecamatan: true } });
    if (!kim) return undefined;
    // One open request per member: a new choice replaces the previous one.
    await tx.joinRequest.updateMany({ where: { memberId: args.memberId, status: "pending" }, data: { status: "cancelled", decidedAt: args.now } });
    const request = await tx.joinRequest.create({ data: { memberId: args.memberId, kimId: kim.id, createdAt: args.now } });
    await tx.member.update({ where: { id: args.memberId }, data: { status: "pending" } });
    if (args.adminChatId !== undefined) {
      await enqueue(tx, jobs.joinRequestAlert, { requestId: request.id });
    }
    return { requestId: request.id, kimName: kim.name };
  });
}

export async function decideJoinRequest(
  db: Db,
  args: { requestId: number; approve: boolean; actor: Actor; now: Date },
): Promise<{ decided: boolean }> {
  return db.$transaction(async (tx) => {
    const request = await tx.joinRequest.findUnique({ where: { id: args.requestId }, include: { member: true, kim: true } });
    if (!request) return { decided: false };
    // Compare-and-set: of two admins tapping at once, only the first changes the row.
    const { count } = await tx.joinRequest.updateMany({
      where: { id: request.id, status: "pending" },
      data: {
        status: args.approve ? "approved" : "rejected",
        decidedBy: args.actor.id,
        decidedByName: args.actor.name,
        decidedAt: args.now,
      },
    });
    if (count === 0) return { decided: false };
    const { member, kim } = request;
    if (args.approve) await joinKim(tx, member.id, kim.id, member.displayName, args.now);
    else if (member.status === "pending") await tx.member.update({ where: { id: member.id }, data: { status: "none" } });
    await notifyMember(tx, member, { type: "join-decided", kimId: kim.id, approved: args.approve });
    return { decided: true };
  });
}
