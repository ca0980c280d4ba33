// Members: Telegram users known to the bot, each in at most one KIM at a time.
import type { DbOrTx } from "../db/types.js";
import { displayName } from "./names.js";
import { localeFor } from "../locale.js";

export type MemberStatus = "none" | "pending" | "active" | "removed";

export interface TelegramIdentity {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export const MAX_DISPLAY_NAME = 64;

export function defaultDisplayName(user: TelegramIdentity): string {
  return displayName([user.first_name, user.last_name].filter(Boolean).join(" ")).slice(0, MAX_DISPLAY_NAME);
}

/** Creates the member on first contact and keeps their Telegram names and language current. */
export async function upsertMember(db: DbOrTx, user: TelegramIdentity) {
  const names = {
    firstName: user.first_name.slice(0, 128),
    lastName: user.last_name?.slice(0, 128) ?? null,
    username: user.username ?? null,
    languageCode: localeFor(user.language_code),
  };
  return db.member.upsert({
    where: { telegramId: BigInt(user.id) },
    create: { telegramId: BigInt(user.id), displayName: defaultDisplayName(user) || String(user.id), ...names },
    update: names,
    include: { kim: { include: { kecamatan: true } } },
  });
}

export async function memberByTelegramId(db: DbOrTx, telegramId: number | bigint) {
  return db.member.findUnique({
    where: { telegramId: BigInt(telegramId) },
    include: { kim: { include: { kecamatan: true, desa: true } } },
  });
}

export type MemberWithKim = NonNullable<Awaited<ReturnType<typeof memberByTelegramId>>>;

export function isActiveMember(m: { status: string; kimId: number | null } | null | undefined): boolean {
  return !!m && m.status === "active" && m.kimId !== null;
}

/** Validates a display name typed by the member; returns the cleaned name or undefined. */
export function cleanDisplayName(raw: string): string | undefined {
  const name = displayName(raw);
  if (name.length < 2 || name.length > MAX_DISPLAY_NAME) return undefined;
  if (name.startsWith("/")) return undefined;
  return name;
}

/** Makes the member an active member of the KIM (moving them if they were in another one). */
export async function joinKim(db: DbOrTx, memberId: number, kimId: number, name: string, now: Date) {
  // A pending request for another KIM is superseded by joining this one.
  await db.joinRequest.updateMany({ where: { memberId, status: "pending" }, data: { status: "cancelled", decidedAt: now } });
  return db.member.update({
    where: { id: memberId },
    data: { kimId, status: "active", displayName: name, joinedAt: now },
    include: { kim: { include: { kecamatan: true } } },
  });
}

export async function removeMember(db: DbOrTx, memberId: number) {
  return db.member.update({ where: { id: memberId }, data: { status: "removed", kimId: null } });
}

/** my_chat_member: the user blocked the bot (or came back). Nothing is sent to a blocked member. */
export async function setBlocked(db: DbOrTx, telegramId: number, blocked: boolean, now: Date): Promise<void> {
  await db.member.updateMany({ where: { telegramId: BigInt(telegramId) }, data: { blockedAt: blocked ? now : null } });
}

export async function membersOfKim(db: DbOrTx, kimId: number) {
  return db.member.findMany({ where: { kimId, status: "active" }, orderBy: { displayName: "asc" } });
}
