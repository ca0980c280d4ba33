// Several instances on one PostgreSQL database: the updates of one chat run one at a time and in
// update order across all of them, each once, whichever instance received it.
import { afterEach, describe, expect, it } from "vitest";
import type { Api, RawApi } from "grammy";
import type { Update } from "grammy/types";
import { DurableInbox } from "../../src/bot/inbox.js";
import { PostgresChatTurns } from "../../src/db/chat-turns.js";
import { openDatabase } from "../../src/db/client.js";
import { applyMigrations, postgresAdmin, withDatabase } from "../../src/db/migrate.js";
import { createLogger } from "../../src/logger.js";
import { waitUntil } from "../support/harness.js";
import { TEST_POSTGRES_SERVER } from "../support/temp-db.js";

const logger = createLogger({ level: "silent" });
let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

function textUpdate(updateId: number, chatId: number): Update {
  return {
    update_id: updateId,
    message: { message_id: updateId, date: 1_700_000_000, chat: { id: chatId, type: "private", first_name: "A" }, from: { id: chatId, is_bot: false, first_name: "A" }, text: String(updateId) },
  } as Update;
}

/** A PostgreSQL database of its own, whatever TEST_DATABASE says: this is about PostgreSQL. */
async function postgresDatabase(): Promise<string> {
  const name = `jedikim_turns_${Math.random().toString(16).slice(2, 10)}`;
  await postgresAdmin(TEST_POSTGRES_SERVER, `CREATE DATABASE "${name}"`);
  cleanup.push(() => postgresAdmin(TEST_POSTGRES_SERVER, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  const url = withDatabase(TEST_POSTGRES_SERVER, name);
  await applyMigrations(url);
  return url;
}

describe("chat turns across instances (PostgreSQL)", () => {
  it("runs one chat's updates one at a time, in update order and once, across three instances", async () => {
    const url = await postgresDatabase();
    const handled: Array<{ instance: number; updateId: number; chat: number }> = [];
    const running = new Map<number, number>();
    let overlaps = 0;
    const instances = await Promise.all(
      [0, 1, 2].map(async (instance) => {
        const db = await openDatabase(url);
        const turns = new PostgresChatTurns(url);
        const inbox = new DurableInbox({
          db,
          api: {} as Api<RawApi>,
          logger,
          allowedUpdates: [],
          poll: false,
          chatTurns: turns,
          handle: async (u) => {
            const chat = u.message!.chat.id;
            running.set(chat, (running.get(chat) ?? 0) + 1);
            if (running.get(chat)! > 1) overlaps++;
            await new Promise((r) => setTimeout(r, 2 + (u.update_id % 3)));
            handled.push({ instance, updateId: u.update_id, chat });
            running.set(chat, running.get(chat)! - 1);
          },
        });
        await inbox.start();
        cleanup.push(async () => {
          await inbox.stop();
          await turns.close();
          await db.$disconnect();
        });
        return inbox;
      }),
    );
    // A load balancer spreads the updates of two chats over the three instances, as they come.
    const total = 60;
    for (let id = 1; id <= total; id++) await instances[id % 3]!.receive([textUpdate(id, id % 2 === 0 ? 100 : 200)]);
    await waitUntil(async () => handled.length >= total, 20_000, "every update handled");
    await new Promise((r) => setTimeout(r, 200));
    expect(handled).toHaveLength(total);
    expect(new Set(handled.map((h) => h.updateId)).size).toBe(total);
    expect(overlaps).toBe(0);
    for (const chat of [100, 200]) {
      const ids = handled.filter((h) => h.chat === chat).map((h) => h.updateId);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    }
    // Not one instance doing everything: the turns really were shared.
    expect(new Set(handled.map((h) => h.instance)).size).toBeGreaterThan(1);
  });

  it("a turn held by a process that died is released with its connection", async () => {
    const url = await postgresDatabase();
    const a = new PostgresChatTurns(url);
    const b = new PostgresChatTurns(url);
    let release!: () => void;
    const held = a.take("chat:1", () => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 100));
    let bRan = false;
    const waiting = b.take("chat:1", async () => {
      bRan = true;
    });
    await new Promise((r) => setTimeout(r, 150));
    expect(bRan).toBe(false);
    // The holder's connection goes away (its process was killed).
    await a.close();
    await waiting;
    expect(bRan).toBe(true);
    release();
    await held;
    await b.close();
  });

  it("a schedule's turn is skipped by the instances that find it taken, and free again afterwards", async () => {
    const url = await postgresDatabase();
    const a = new PostgresChatTurns(url);
    const b = new PostgresChatTurns(url);
    cleanup.push(() => a.close(), () => b.close());
    let release!: () => void;
    const holding = a.tryTake("schedule:weekly-reminders", () => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 100));
    let bRan = 0;
    expect(await b.tryTake("schedule:weekly-reminders", async () => void bRan++)).toBe(false);
    // Another key is not held.
    expect(await b.tryTake("schedule:factcheck-feeds", async () => void bRan++)).toBe(true);
    release();
    expect(await holding).toBe(true);
    expect(await b.tryTake("schedule:weekly-reminders", async () => void bRan++)).toBe(true);
    expect(bRan).toBe(2);
  });
});
