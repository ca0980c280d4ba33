// The bot as a real process, killed with SIGKILL at the worst moments.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { spawnBot, type ChildBot } from "../support/child-bot.js";
import { ADMIN, ADMIN_GROUP, CHANNEL, buttonWith, startScenario, textOf, waitUntil, type Scenario } from "../support/harness.js";

let s: Scenario | undefined;
const children: ChildBot[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.process.exitCode === null) await c.kill();
  await s?.stop();
  await s?.tg.stop();
  s = undefined;
});

function childEnv(sc: Scenario, extra: Record<string, string> = {}): Record<string, string> {
  return {
    BOT_TOKEN: sc.tg.token,
    TELEGRAM_API_ROOT: sc.tg.apiRoot,
    ADMIN_CHAT_ID: String(ADMIN_GROUP),
    CHANNEL_ID: String(CHANNEL),
    DATABASE_URL: sc.config.databaseUrl,
    SEND_RATE_PER_SECOND: "1000",
    GROUP_SENDS_PER_MINUTE: "1000",
    PRIVATE_SENDS_PER_SECOND: "1000",
    REMINDERS: "off",
    ...extra,
  };
}

/** Adds the bot's own output to a failure, so a crash in the child is visible. */
async function orShowOutput<T>(child: ChildBot, waiting: Promise<T>): Promise<T> {
  return waiting.catch((err: unknown) => {
    throw new Error(`${String(err)}\n--- bot output ---\n${child.output()}`);
  });
}

function start(env: Record<string, string>): ChildBot {
  const child = spawnBot(env);
  children.push(child);
  return child;
}

describe("a bot killed hard", () => {
  it("exits non-zero with a clear message when BOT_TOKEN is missing", async () => {
    const child = start({ DATABASE_URL: "file:/tmp/never-created.db" });
    expect(await child.exited).not.toBe(0);
    expect(child.output()).toContain("BOT_TOKEN is not set");
    expect(child.output()).toContain(".env.example");
    expect(child.output()).toContain("npm run demo");
  });

  it("names a database it cannot open in one line, without a stack trace", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "jedikim-ro-"));
    // The folder the database should live in is a file: nothing can be created there.
    writeFileSync(path.join(dir, "data"), "not a folder");
    const child = start({ BOT_TOKEN: "123456:TEST-TOKEN", DATABASE_URL: `file:${path.join(dir, "data", "bot.db")}` });
    expect(await child.exited).toBe(1);
    const out = child.output().trim();
    expect(out).toMatch(/^database (unavailable|read-only) \(/);
    expect(out.split("\n")).toHaveLength(1);
    expect(out).not.toContain("    at ");
    rmSync(dir, { recursive: true, force: true });
  });

  it("handles, after a restart, an update that Telegram already forgot", async () => {
    s = await startScenario();
    await s.stop(); // the in-process bot only prepared the database
    const { tg } = s;
    tg.addUser({ id: 601, first_name: "Wawan" });
    // The reply is held: the process is killed while it handles the update.
    tg.holdNext("sendMessage", (p) => p.chat_id === 601);
    const first = start(childEnv(s));
    tg.userSendsText(601, "/start");
    await orShowOutput(first, tg.waitFor(() => tg.heldCount === 1, 20_000));
    // Telegram was told the update arrived (a later getUpdates confirmed it): only our inbox has it now.
    await tg.waitFor(() => tg.pendingUpdates() === 0, 5000);
    await first.kill();
    expect(tg.botMessages(601)).toHaveLength(0);

    const second = start(childEnv(s));
    await orShowOutput(second, tg.waitForBotMessage(601, (m) => textOf(m).includes("Halo, Wawan"), 20_000));
    expect(await second.terminate()).toBe(0);
    expect(tg.botMessages(601).filter((m) => textOf(m).includes("Halo, Wawan"))).toHaveLength(1);
    expect(second.output()).not.toContain(tg.token);
  }, 60_000);

  it("publishes exactly once when killed after the decision and before the send, without waiting for the dead process's lease", async () => {
    s = await startScenario();
    const { tg } = s;
    const member = { id: 602, first_name: "Nur" };
    await s.joinMember(member);
    const since = tg.botMessages(member.id).length;
    tg.userSendsText(member.id, "Peresmian taman baca masyarakat di Desa Jaar");
    const prompt = await tg.waitFor(() => tg.botMessages(member.id).slice(since).find((m) => textOf(m).includes("Pratinjau")));
    tg.userPresses(member.id, prompt, buttonWith(prompt, "Kirim"));
    const card = await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("Peresmian taman baca") && !!m.reply_markup);
    await s.stop();

    // A lease far longer than the test: the restarted bot must take the job back at once, knowing
    // that the process that held it is gone.
    const env = childEnv(s, { JOB_LEASE_SECONDS: "600" });
    tg.holdNext("sendMessage", (p) => p.chat_id === CHANNEL);
    const first = start(env);
    tg.userPresses(ADMIN.id, card, buttonWith(card, "Setujui"));
    await orShowOutput(first, tg.waitFor(() => tg.heldCount === 1, 20_000));
    await first.kill();
    expect(tg.botMessages(CHANNEL)).toHaveLength(0);

    const db = await openDatabase(s.config.databaseUrl);
    try {
      const sub = await db.submission.findFirstOrThrow({ where: { text: { contains: "taman baca" } } });
      expect(sub.status).toBe("approved");
      const second = start(env);
      await orShowOutput(second, tg.waitForBotMessage(CHANNEL, () => true, 20_000));
      await waitUntil(async () => (await db.submission.findUniqueOrThrow({ where: { id: sub.id } })).status === "published", 10_000);
      await tg.waitForBotMessage(member.id, (m) => textOf(m).includes("sudah terbit"), 10_000);
      expect(await second.terminate()).toBe(0);
      expect(tg.botMessages(CHANNEL)).toHaveLength(1);
    } finally {
      await db.$disconnect();
    }
  }, 90_000);

  it("tells the member once that their post is live, when killed while telling them", async () => {
    s = await startScenario();
    const { tg } = s;
    const member = { id: 603, first_name: "Rudi" };
    await s.joinMember(member);
    const since = tg.botMessages(member.id).length;
    tg.userSendsText(member.id, "Penanaman pohon di bantaran sungai Desa Telang");
    const prompt = await tg.waitFor(() => tg.botMessages(member.id).slice(since).find((m) => textOf(m).includes("Pratinjau")));
    tg.userPresses(member.id, prompt, buttonWith(prompt, "Kirim"));
    const card = await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("Penanaman pohon") && !!m.reply_markup);
    await s.stop();

    const env = childEnv(s, { JOB_LEASE_SECONDS: "600" });
    tg.holdNext("sendMessage", (p) => p.chat_id === member.id && String(p.text).includes("sudah terbit"));
    const first = start(env);
    tg.userPresses(ADMIN.id, card, buttonWith(card, "Setujui"));
    await orShowOutput(first, tg.waitFor(() => tg.heldCount === 1, 20_000));
    await first.kill();
    const second = start(env);
    await orShowOutput(second, tg.waitForBotMessage(member.id, (m) => textOf(m).includes("sudah terbit"), 20_000));
    expect(await second.terminate()).toBe(0);
    expect(tg.botMessages(member.id).filter((m) => textOf(m).includes("sudah terbit"))).toHaveLength(1);
    expect(tg.botMessages(CHANNEL)).toHaveLength(1);
  }, 90_000);
});
