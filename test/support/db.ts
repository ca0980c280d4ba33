import { openDatabase, type Db } from "../../src/db/client.js";
import { applyMigrations } from "../../src/db/migrate.js";
import { tempDatabase } from "./temp-db.js";

/** A migrated database in a fresh file; close() disconnects and deletes it. */
export async function migratedDatabase(): Promise<{ db: Db; url: string; close(): Promise<void> }> {
  const t = tempDatabase();
  await applyMigrations(t.url);
  const db = await openDatabase(t.url);
  return {
    db,
    url: t.url,
    close: async () => {
      await db.$disconnect();
      t.cleanup();
    },
  };
}
