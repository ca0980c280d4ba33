// Who may decide in the admin group: Telegram's answer, remembered briefly in the database so that
// several instances share it. A removal heard by one instance holds on every other at once.
import { afterEach, describe, expect, it } from "vitest";
import { GrammyError, type Api } from "grammy";
import { AdminMembership } from "../../src/bot/admin-guard.js";
import { openDatabase, type Db } from "../../src/db/client.js";
import { freshDb } from "./activity/fixture.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function database(): Promise<{ db: Db; url: string }> {
  const f = await freshDb();
  cleanups.push(f.cleanup);
  return f;
}

/** A second process on the same database: its own connection, its own AdminMembership. */
async function otherInstance(url: string): Promise<Db> {
  const db = await openDatabase(url);
  cleanups.push(() => db.$disconnect());
  return db;
}

/** A fake getChatMember answering from a table; anyone else is "user not found", as Telegram says. */
function api(statuses: Record<number, string>, beforeAnswer?: () => Promise<void>) {
  const asked: number[] = [];
  const fake = {
    getChatMember: async (_chat: number, userId: number) => {
      asked.push(userId);
      const status = statuses[userId];
      await beforeAnswer?.();
      if (!status) {
        throw new GrammyError("Call to 'getChatMember' failed!", { ok: false, error_code: 400, description: "Bad Request: user not found" }, "getChatMember", {});
      }
      return { status, user: { id: userId, is_bot: false, first_name: "x" } };
    },
  };
  return { api: fake as unknown as Api, asked };
}

const left = (userId: number) => ({ chat: { id: -100 }, new_chat_member: { status: "left", user: { id: userId } } }) as never;

describe("admin membership", () => {
  it("treats a user Telegram does not know in the group as not a member, without an error", async () => {
    const { db } = await database();
    const m = new AdminMembership({ db, adminChatId: -100n });
    const { api: a } = api({});
    await expect(m.isMember(a, 42)).resolves.toBe(false);
  });

  it("remembers a member briefly but always asks again for a fresh check", async () => {
    const { db } = await database();
    let now = 0;
    const m = new AdminMembership({ db, adminChatId: -100n, ttlMs: 60_000, now: () => now });
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
    const { db } = await database();
    const statuses: Record<number, string> = { 7: "member" };
    const m = new AdminMembership({ db, adminChatId: -100n });
    const t = api(statuses);
    expect(await m.isMember(t.api, 7)).toBe(true);
    await m.onMemberUpdate(left(7));
    statuses[7] = "left";
    expect(await m.isMember(t.api, 7)).toBe(false);
    expect(await m.isMember(t.api, 7)).toBe(false);
    expect(t.asked).toEqual([7, 7, 7]);
  });

  it("lets other errors through: a failed look-up is not a 'no'", async () => {
    const { db } = await database();
    const m = new AdminMembership({ db, adminChatId: -100n });
    const failing = { getChatMember: async () => Promise.reject(new Error("socket hang up")) } as unknown as Api;
    await expect(m.isMember(failing, 7)).rejects.toThrow("socket hang up");
  });
});

describe("admin membership shared by instances on one database", () => {
  it("a removal heard by one instance holds on the other at once: its next check asks Telegram", async () => {
    const { db, url } = await database();
    const a = new AdminMembership({ db, adminChatId: -100n });
    const b = new AdminMembership({ db: await otherInstance(url), adminChatId: -100n });
    const statuses: Record<number, string> = { 7: "member" };
    const t = api(statuses);
    // Instance A saw Yudi as a member a moment ago; B shares what A remembered.
    expect(await a.isMember(t.api, 7)).toBe(true);
    expect(await b.isMember(t.api, 7)).toBe(true);
    expect(t.asked).toEqual([7]);
    // Yudi is removed; the chat_member update reaches B. His next tap reaches A.
    statuses[7] = "left";
    await b.onMemberUpdate(left(7));
    expect(await a.isMember(t.api, 7)).toBe(false);
    expect(t.asked).toEqual([7, 7]);
  });

  it("does not remember an answer Telegram gave before a removal that another instance recorded meanwhile", async () => {
    const { db, url } = await database();
    const b = new AdminMembership({ db: await otherInstance(url), adminChatId: -100n });
    const a = new AdminMembership({ db, adminChatId: -100n });
    const statuses: Record<number, string> = { 7: "member" };
    // A asks Telegram (still "member"); before A records the answer, B hears that Yudi left.
    const slow = api(statuses, async () => {
      statuses[7] = "left";
      await b.onMemberUpdate(left(7));
    });
    expect(await a.isMember(slow.api, 7)).toBe(true);
    const t = api(statuses);
    expect(await a.isMember(t.api, 7)).toBe(false);
    expect(await b.isMember(t.api, 7)).toBe(false);
    expect(t.asked).toEqual([7, 7]);
  });

  it("ignores chat_member updates of other chats", async () => {
    const { db, url } = await database();
    const a = new AdminMembership({ db, adminChatId: -100n });
    const b = new AdminMembership({ db: await otherInstance(url), adminChatId: -100n });
    const t = api({ 7: "member" });
    expect(await a.isMember(t.api, 7)).toBe(true);
    await b.onMemberUpdate({ chat: { id: -200 }, new_chat_member: { status: "left", user: { id: 7 } } } as never);
    expect(await a.isMember(t.api, 7)).toBe(true);
    expect(t.asked).toEqual([7]);
  });
});
