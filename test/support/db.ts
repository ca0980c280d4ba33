import { openDatabase, type Db } from "../../src/db/client.js";
import { applyMigrations } from "../../src/db/migrate.js";
import { testDatabase } from "./temp-db.js";

/** A migrated database of its own (SQLite file or PostgreSQL database); close() disconnects and deletes it. */
export async function migratedDatabase(): Promise<{ db: Db; url: string; close(): Promise<void> }> {
  const t = await testDatabase();
  await applyMigrations(t.url);
  const db = await openDatabase(t.url);
  return {
    db,
    url: t.url,
    close: async () => {
      await db.$disconnect();
      await t.cleanup();
    },
  };
}
