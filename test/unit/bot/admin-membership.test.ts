import { describe, expect, it } from "vitest";
import { GrammyError, type Api } from "grammy";
import { AdminMembership } from "../../../src/bot/admin-guard.js";

/** A fake getChatMember answering from a table; anyone else is "user not found", as Telegram says. */
function api(statuses: Record<number, string>) {
  const asked: number[] = [];
  const fake = {
    getChatMember: async (_chat: number, userId: number) => {
      asked.push(userId);
      const status = statuses[userId];
      if (!status) {
        throw new GrammyError("Call to 'getChatMember' failed!", { ok: false, error_code: 400, description: "Bad Request: user not found" }, "getChatMember", {});
      }
      return { status, user: { id: userId, is_bot: false, first_name: "x" } };
    },
  };
  return { api: fake as unknown as Api, asked };
}

describe("admin membership", () => {
  it("treats a user Telegram does not know in the group as not a member, without an error", async () => {
    const m = new AdminMembership(-100n);
    const { api: a } = api({});
    await expect(m.isMember(a, 42)).resolves.toBe(false);
  });

  it("remembers a member briefly but always asks again for a fresh check", async () => {
    let now = 0;
    const m = new AdminMembership(-100n, 60_000, () => now);
    const t = api({ 7: "administrator" });
    expect(await m.isMember(t.api, 7)).toBe(true);
    expect(await m.isMember(t.api, 7)).toBe(true);
    expect(t.asked).toEqual([7]);
    expect(await m.isMember(t.api, 7, { fresh: true })).toBe(true);
    expect(t.asked).toEqual([7, 7]);
    now = 61_000;
    await m.isMember(t.api, 7);
    expect(t.asked).toEqual([7, 7, 7]);
  });

  it("never remembers a 'left', and drops a member as soon as a chat_member update says they left", async () => {
    const statuses: Record<number, string> = { 7: "member" };
    const m = new AdminMembership(-100n);
    const t = api(statuses);
    expect(await m.isMember(t.api, 7)).toBe(true);
    m.onMemberUpdate({ chat: { id: -100 }, new_chat_member: { status: "left", user: { id: 7 } } } as never);
    statuses[7] = "left";
    expect(await m.isMember(t.api, 7)).toBe(false);
    expect(await m.isMember(t.api, 7)).toBe(false);
    expect(t.asked).toEqual([7, 7, 7]);
  });

  it("lets other errors through: a failed look-up is not a 'no'", async () => {
    const m = new AdminMembership(-100n);
    const failing = { getChatMember: async () => Promise.reject(new Error("socket hang up")) } as unknown as Api;
    await expect(m.isMember(failing, 7)).rejects.toThrow("socket hang up");
  });
});
