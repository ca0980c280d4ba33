// README, "Setting the bot up on Telegram", followed literally: start with only the token, find
// the admin group's id with /id and the channel's id by forwarding one of its posts, fill .env,
// restart, and see every start-up check pass.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BotApiEmulator } from "@jedikim/telegram-emulator";
import { PROJECT_ROOT } from "../../src/paths.js";
import { spawnBot, type ChildBot } from "../support/child-bot.js";
import { textOf, waitUntil } from "../support/harness.js";

const children: ChildBot[] = [];
let tg: BotApiEmulator | undefined;
let dir: string | undefined;
afterEach(async () => {
  for (const c of children.splice(0)) if (c.process.exitCode === null) await c.kill();
  await tg?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  tg = undefined;
  dir = undefined;
});

const OPERATOR = { id: 8001, first_name: "Operator", last_name: "Diskominfo" };
const GROUP = -1002000000001;
const CHANNEL = -1002000000002;

/** Reads a .env file the way the bot does (KEY=value lines), for the child's environment. */
function envFile(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

function start(env: Record<string, string>): ChildBot {
  const child = spawnBot({ ...env, LOG_LEVEL: "info", SEND_RATE_PER_SECOND: "1000", GROUP_SENDS_PER_MINUTE: "1000", PRIVATE_SENDS_PER_SECOND: "1000" });
  children.push(child);
  return child;
}

function logLines(child: ChildBot): Array<{ level: number; msg: string; check?: string }> {
  return child
    .output()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as { level: number; msg: string; check?: string });
}

describe("the README's setup steps", () => {
  it("find the ids as written, and the start-up checks pass after the restart", async () => {
    const readme = readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
    expect(readme).toContain("Send `/id` in the group");
    expect(readme).toContain("forward one of the channel's posts to the bot in a private chat");

    tg = await BotApiEmulator.start();
    const emulator = tg;
    emulator.addUser(OPERATOR);
    emulator.addGroup({ id: GROUP, title: "Admin KIM Bartim" });
    emulator.addChannel({ id: CHANNEL, title: "Info KIM Barito Timur", username: "infokimbartim" });
    emulator.addMember(GROUP, OPERATOR.id, "creator");
    dir = mkdtempSync(path.join(tmpdir(), "jedikim-setup-"));
    const envPath = path.join(dir, ".env");

    // 1. The token from @BotFather goes into .env; the bot starts with nothing else set.
    writeFileSync(envPath, `BOT_TOKEN=${emulator.token}\nTELEGRAM_API_ROOT=${emulator.apiRoot}\nDATABASE_URL=file:${path.join(dir, "bot.db")}\n`);
    const first = start(envFile(envPath));
    await waitUntil(async () => logLines(first).some((l) => l.check === "channel"), 30_000, "the first start-up checks");
    expect(logLines(first).find((l) => l.check === "admin-chat")?.msg).toContain("ADMIN_CHAT_ID belum diisi");

    // 2. "Send /id in the group": the bot answers with the group's id.
    emulator.userSendsText(OPERATOR.id, "/id", { chatId: GROUP });
    const groupAnswer = await emulator.waitForBotMessage(GROUP, (m) => textOf(m).includes("ID grup ini"), 20_000);
    const adminChatId = /(-\d+)/.exec(textOf(groupAnswer))![1]!;
    expect(adminChatId).toBe(String(GROUP));

    // 3. "Forward one of the channel's posts to the bot in a private chat": the channel's id.
    const post = emulator.channelPost(CHANNEL, "Selamat datang di kanal Info KIM Barito Timur");
    emulator.userSendsText(OPERATOR.id, textOf(post), {
      forwardOrigin: { type: "channel", chat: { id: CHANNEL, type: "channel", title: "Info KIM Barito Timur", username: "infokimbartim" }, message_id: post.message_id, date: post.date },
    });
    const channelAnswer = await emulator.waitForBotMessage(OPERATOR.id, (m) => textOf(m).includes("Info KIM Barito Timur"), 20_000);
    const channelId = /(-\d+)/.exec(textOf(channelAnswer))![1]!;
    expect(channelId).toBe(String(CHANNEL));
    expect(textOf(channelAnswer)).not.toContain(String(OPERATOR.id));

    // 4. Fill .env and restart: every check passes.
    expect(await first.terminate()).toBe(0);
    writeFileSync(envPath, readFileSync(envPath, "utf8") + `ADMIN_CHAT_ID=${adminChatId}\nCHANNEL_ID=${channelId}\n`);
    const second = start(envFile(envPath));
    await waitUntil(async () => logLines(second).some((l) => l.check === "channel"), 30_000, "the start-up checks after the restart");
    const checks = logLines(second).filter((l) => l.check);
    expect(checks.map((l) => [l.check, l.level])).toEqual([
      ["token", 30],
      ["admin-chat", 30],
      ["channel", 30],
    ]);
    await emulator.waitForBotMessage(GROUP, (m) => textOf(m).startsWith("🩺") && !textOf(m).includes("❌"), 20_000);
    expect(await second.terminate()).toBe(0);
  }, 90_000);
});
