// The fault suite's world: an emulator with the admin group and the channel, a migrated and seeded
// database file, and the environment of the bot process that runs against them.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { BotApiEmulator } from "@jedikim/telegram-emulator";
import { openDatabase } from "../../src/db/client.js";
import { applyMigrations } from "../../src/db/migrate.js";
import { importRegistry } from "../../src/domain/registry.js";
import { ADMIN, ADMIN_GROUP, CHANNEL, CHANNEL_USERNAME, REGISTRY_CSV } from "../support/harness.js";
import { buttonData, within, type Screen } from "./screen.js";

export { ADMIN, ADMIN_GROUP, CHANNEL };

export interface SeededDb {
  file: string;
  url: string;
  inviteCodes: string[];
}

export function workDirectory(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Migrates a database file in `dir` and imports the KIM registry; returns the KIMs' invite codes. */
export async function seedDatabase(dir: string): Promise<SeededDb> {
  const file = path.join(dir, "bot.db");
  const url = `file:${file}`;
  await applyMigrations(url);
  const db = await openDatabase(url);
  try {
    await importRegistry(db, REGISTRY_CSV);
    const kims = await db.kim.findMany({ orderBy: { id: "asc" } });
    return { file, url, inviteCodes: kims.map((k) => k.inviteCode) };
  } finally {
    await db.$disconnect();
  }
}

export async function startEmulator(): Promise<BotApiEmulator> {
  const tg = await BotApiEmulator.start();
  tg.addGroup({ id: ADMIN_GROUP, title: "Admin KIM Bartim" });
  tg.addChannel({ id: CHANNEL, title: "Info KIM Barito Timur", username: CHANNEL_USERNAME });
  tg.addUser(ADMIN);
  tg.addMember(ADMIN_GROUP, ADMIN.id, "administrator");
  return tg;
}

/**
 * The bot's environment: production defaults, except sends paced for an emulator without flood
 * limits, and per-member limits raised: the suite compresses a day of submissions into minutes.
 */
export function botEnv(tg: BotApiEmulator, databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    ADMIN_CHAT_ID: String(ADMIN_GROUP),
    CHANNEL_ID: String(CHANNEL),
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: "info",
    SEND_RATE_PER_SECOND: "1000",
    GROUP_SENDS_PER_MINUTE: "1000",
    PRIVATE_SENDS_PER_SECOND: "1000",
    PRIVATE_UPDATES_PER_MINUTE: "10000",
    DRAFTS_PER_MINUTE: "1000",
    SUBMISSIONS_PER_HOUR: "1000",
    SUBMISSIONS_PER_DAY: "10000",
    REMINDERS: "off",
    ...extra,
  };
}

/** Waits until the bot makes a new getUpdates call (long polls appear in `calls` only once answered). */
export async function polling(tg: BotApiEmulator, timeoutMs = 30_000): Promise<boolean> {
  const before = tg.stats.calls.getUpdates ?? 0;
  return (await within(timeoutMs, () => (tg.stats.calls.getUpdates ?? 0) > before)) ?? false;
}

/** A member joins through their KIM's invite link, as in the guide: /start <code>, then "Ya, gabung". */
export async function join(tg: BotApiEmulator, screen: Screen, user: { id: number; first_name: string }, inviteCode: string, timeoutMs = 30_000): Promise<void> {
  tg.addUser(user);
  tg.userSendsText(user.id, `/start ${inviteCode}`);
  const prompt = await within(timeoutMs, () => screen.botMessages(user.id).find((m) => buttonData(m.message, "Ya, gabung")));
  if (!prompt) throw new Error(`${user.first_name} got no invite prompt`);
  tg.userPresses(user.id, prompt.message, buttonData(prompt.message, "Ya, gabung")!);
  const joined = await within(timeoutMs, () => screen.botMessages(user.id).some((m) => m.texts.some((t) => t.includes("Selamat bergabung"))));
  if (!joined) throw new Error(`${user.first_name} did not get "Selamat bergabung"`);
}
