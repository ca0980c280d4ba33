// The database of bench:ingest: migrated, one KIM, and every member active in it (as after the
// invite flow), so the load starts at the member's first submission.
import { applyMigrations } from "../../db/migrate.js";
import { openDatabase } from "../../db/client.js";
import { importRegistry } from "../../domain/registry.js";
import { parseConfig, type Config } from "../../config.js";
import { ADMIN_GROUP, CHANNEL } from "./traffic.js";

export async function seedDatabase(databaseUrl: string, memberIds: readonly number[]): Promise<void> {
  await applyMigrations(databaseUrl);
  const db = await openDatabase(databaseUrl);
  try {
    await importRegistry(db, "kecamatan,desa,nama_kim\nDusun Timur,Tamiang Layang,KIM Hapau Habar");
    const kim = await db.kim.findFirstOrThrow();
    await db.member.createMany({
      data: memberIds.map((id, i) => ({
        telegramId: BigInt(id),
        firstName: `Anggota ${i + 1}`,
        displayName: `Anggota ${i + 1}`,
        kimId: kim.id,
        status: "active",
        joinedAt: new Date(),
      })),
    });
  } finally {
    await db.$disconnect();
  }
}

/**
 * The bot's environment in the benchmark: production settings except the send pacing (raised to
 * the configuration's maximum: 1000 sends/s, 60,000 a minute into the admin group, 1000/s into a
 * private chat) and the members' flood guard and submission limits (so the same members can
 * submit as fast as they like for the whole run).
 */
export function benchEnv(tg: { token: string; apiRoot: string }, databaseUrl: string): Record<string, string> {
  return {
    BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    ADMIN_CHAT_ID: String(ADMIN_GROUP),
    CHANNEL_ID: String(CHANNEL),
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: "info",
    // A free port of its own: benchmarks never collide with a bot on 8080.
    HTTP_HOST: "127.0.0.1",
    PORT: "0",
    SEND_RATE_PER_SECOND: "1000",
    GROUP_SENDS_PER_MINUTE: "60000",
    PRIVATE_SENDS_PER_SECOND: "1000",
    PRIVATE_UPDATES_PER_MINUTE: "10000",
    DRAFTS_PER_MINUTE: "1000",
    SUBMISSIONS_PER_HOUR: "1000",
    SUBMISSIONS_PER_DAY: "10000",
    REMINDERS: "off",
  };
}

export function benchConfig(tg: { token: string; apiRoot: string }, databaseUrl: string): Config {
  return parseConfig({ ...benchEnv(tg, databaseUrl), LOG_LEVEL: "silent" });
}
