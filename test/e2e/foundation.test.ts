import { afterEach, describe, expect, it } from "vitest";
import { OffsetClock } from "../../src/clock.js";
import { enqueue } from "../../src/queue/jobs.js";
import { jobs } from "../../src/queue/kinds.js";
import { startScenario, textOf, waitUntil, type Scenario } from "../support/harness.js";

let s: Scenario | undefined;
afterEach(async () => {
  await s?.stop();
  await s?.tg.stop();
  s = undefined;
});

describe("bot foundation over HTTP", () => {
  it("answers /start and /help in Indonesian, and in English for English Telegram", async () => {
    s = await startScenario();
    const { tg } = s;
    tg.addUser({ id: 101, first_name: "Budi", language_code: "id" });
    tg.addUser({ id: 102, first_name: "Jane", language_code: "en-US" });
    tg.userSendsText(101, "/start");
    tg.userSendsText(102, "/help");
    const id = await tg.waitForBotMessage(101, (m) => textOf(m).includes("Halo, Budi"));
    const en = await tg.waitForBotMessage(102, (m) => textOf(m).includes("How to use"));
    expect(textOf(id)).toContain("JEDI KIM Bot");
    // Jane is not in a KIM yet: her help says how to join, in English.
    expect(textOf(en)).toContain("invite link");
    tg.userSendsText(101, "/bantuan");
    await tg.waitForBotMessage(101, (m) => textOf(m).includes("Cara pakai"));
    const menu = await tg.waitFor(() => tg.myCommands({ type: "all_private_chats" }));
    expect(menu.map((c) => c.command)).toContain("kirim");
    expect(tg.myCommands({ type: "all_private_chats" }, "en")?.find((c) => c.command === "kirim")?.description).toBe("Send news step by step");
  });

  it("drops malformed updates at the edge with one warning each, and answers the next one", async () => {
    s = await startScenario({ captureLogs: true });
    const { tg } = s;
    tg.addUser({ id: 103, first_name: "Ani" });
    tg.injectUpdate({ message: { text: 42, chat: null } });
    tg.injectUpdate({ callback_query: { id: "x", data: { nested: true } } });
    tg.injectUpdate({ message: { message_id: 1, date: 0, chat: { id: 103, type: "private" }, from: { id: 103 }, text: "/start", entities: "bogus" } });
    tg.injectUpdate({ edited_message: "not an object" });
    const base = { message_id: 2, date: 0, chat: { id: 103, type: "private" }, from: { id: 103, is_bot: false, first_name: "Ani" } };
    tg.injectUpdate({ message: { ...base, text: ["not", "a", "string"] } });
    tg.injectUpdate({ message: { ...base, from: undefined, text: "no sender" } });
    tg.injectUpdate({ message: { ...base, chat: { id: "103", type: "private" }, text: "chat id is a string" } });
    tg.injectUpdate({ message: { ...base, chat: { id: 2 ** 63, type: "private" }, from: { ...base.from, id: 2 ** 63 }, text: "ids beyond 2^63" } });
    tg.userSendsText(103, "/start");
    await tg.waitForBotMessage(103, (m) => textOf(m).includes("Halo, Ani"));
    const db = s.app.db;
    await waitUntil(async () => (await db.inboxUpdate.count({ where: { status: "done" } })) === 1);
    expect(await db.inboxUpdate.count()).toBe(1);
    const dropped = s.logs.filter((l) => l.msg === "inbox: dropped a malformed update");
    expect(dropped).toHaveLength(8);
    expect(dropped.every((l) => l.level === 40 && typeof l.updateId === "string" && typeof l.problem === "string")).toBe(true);
    expect(s.logs.filter((l) => l.level >= 50)).toEqual([]);
  });

  it("keeps a queued job across a restart and a 429 with retry_after, and delivers it once", async () => {
    const clock = new OffsetClock();
    s = await startScenario({ clock });
    const { tg } = s;
    tg.addUser({ id: 104, first_name: "Dewi" });
    tg.userSendsText(104, "/start");
    await tg.waitForBotMessage(104, (m) => textOf(m).includes("kecamatan"));
    // Telegram asks for a 30 s pause: longer than the in-place retry waits, so the queue reschedules.
    tg.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 30", retry_after: 30 }, 1, (p) => String(p.text).startsWith("Pengingat"));
    const { id } = await enqueue(s.app.db, jobs.sendMessage, { chatId: "104", text: "Pengingat <b>penting</b>" });
    s.app.deps.wakeJobs();
    await tg.waitFor(() => tg.calls.some((c) => c.method === "sendMessage" && c.error?.error_code === 429));
    const db = s.app.db;
    await waitUntil(async () => (await db.job.findUniqueOrThrow({ where: { id } })).status === "pending");
    const job = await db.job.findUniqueOrThrow({ where: { id } });
    expect(job.lastError).toContain("429");

    await s.restart();
    await new Promise((r) => setTimeout(r, 300));
    expect(tg.botMessages(104).filter((m) => textOf(m) === "Pengingat penting")).toHaveLength(0);

    clock.advance(31_000);
    await tg.waitForBotMessage(104, (m) => textOf(m) === "Pengingat penting");
    await s.idle();
    expect(tg.botMessages(104).filter((m) => textOf(m) === "Pengingat penting")).toHaveLength(1);
    expect((await s.app.db.job.findUniqueOrThrow({ where: { id } })).status).toBe("done");
  });
});
