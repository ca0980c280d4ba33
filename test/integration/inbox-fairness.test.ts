// The inbox runs the updates of one chat in order and different chats side by side. A chat whose
// handlers are slow (an admin group waiting for its send budget) must not take every handler slot
// while its later updates only wait for their turn: the other chats go on.
import { afterEach, describe, expect, it } from "vitest";
import type { Api, RawApi } from "grammy";
import type { Update } from "grammy/types";
import { DurableInbox } from "../../src/bot/inbox.js";
import { createLogger } from "../../src/logger.js";
import { migratedDatabase } from "../support/db.js";
import { waitUntil } from "../support/harness.js";

const logger = createLogger({ level: "silent" });

function textUpdate(updateId: number, chatId: number, text: string): Update {
  return {
    update_id: updateId,
    message: { message_id: updateId, date: 1_700_000_000, chat: { id: chatId, type: "private", first_name: "A" }, from: { id: chatId, is_bot: false, first_name: "A" }, text },
  } as Update;
}

let cleanup: Array<() => Promise<void>> = [];

/** A promise the test opens; cleanup opens it too, so a failed test does not leave handlers hanging. */
function openableGate(): { gate: Promise<void>; release: () => void } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  cleanup.push(async () => release());
  return { gate, release };
}
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function inboxWith(handle: (u: Update) => Promise<void>, opts: { concurrency: number; maxHeld?: number }) {
  const d = await migratedDatabase();
  const inbox = new DurableInbox({ db: d.db, api: {} as Api<RawApi>, handle, logger, allowedUpdates: [], poll: false, ...opts });
  await inbox.start();
  cleanup.push(async () => {
    await inbox.stop();
    await d.close();
  });
  return { inbox, db: d.db };
}

describe("inbox fairness across chats", () => {
  it("handles another chat while one chat's updates wait behind a slow handler", async () => {
    const { gate, release } = openableGate();
    const handled: string[] = [];
    const { inbox } = await inboxWith(
      async (u) => {
        if (u.message?.chat.id === 1) await gate;
        handled.push(`${u.message?.chat.id}:${u.message?.text}`);
      },
      { concurrency: 2 },
    );
    // Six updates of chat 1: the first blocks, the other five wait for their turn in that chat.
    void inbox.receive([1, 2, 3, 4, 5, 6].map((n) => textUpdate(n, 1, `a${n}`))).then(() => inbox.receive([textUpdate(7, 2, "b")]));
    await waitUntil(async () => handled.includes("2:b"), 3000, "the other chat's update");
    expect(handled).toEqual(["2:b"]);
    release();
    await waitUntil(async () => handled.length === 7, 3000, "all updates");
    // Chat 1 kept its order.
    expect(handled.slice(1)).toEqual(["1:a1", "1:a2", "1:a3", "1:a4", "1:a5", "1:a6"]);
  });

  it("never runs more handlers at once than its concurrency", async () => {
    let running = 0;
    let most = 0;
    const { inbox, db } = await inboxWith(
      async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
      },
      { concurrency: 3 },
    );
    await inbox.receive(Array.from({ length: 30 }, (_, i) => textUpdate(100 + i, 1000 + i, "x")));
    await waitUntil(async () => (await db.inboxUpdate.count({ where: { status: "done" } })) === 30, 5000, "all done");
    expect(most).toBe(3);
  });

  it("receiving waits while the held updates reach their limit, and goes on when they are handled", async () => {
    const { gate, release } = openableGate();
    const { inbox, db } = await inboxWith(() => gate, { concurrency: 2, maxHeld: 4 });
    let received = false;
    const receiving = inbox.receive(Array.from({ length: 6 }, (_, i) => textUpdate(200 + i, 1, "x"))).then(() => (received = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(received).toBe(false);
    // Everything was stored before any waiting: a crash now loses nothing.
    expect(await db.inboxUpdate.count()).toBe(6);
    release();
    await receiving;
    await waitUntil(async () => (await db.inboxUpdate.count({ where: { status: "done" } })) === 6, 3000, "all done");
  });
});
