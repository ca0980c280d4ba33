import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, applyMigrations, migrationChecksum, migrationStatus } from "../../src/db/migrate.js";
import { tempDatabase } from "../support/temp-db.js";

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function migrationNames(): string[] {
  return readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

describe("migrations", () => {
  it("apply to an empty database, then again as a no-op, leaving standard _prisma_migrations rows", async () => {
    const db = tempDatabase();
    cleanups.push(db.cleanup);
    const names = migrationNames();
    expect(names.length).toBeGreaterThan(0);

    expect(await applyMigrations(db.url)).toEqual(names);
    expect(await applyMigrations(db.url)).toEqual([]);

    const sqlite = new Database(db.file, { readonly: true });
    const rows = sqlite
      .prepare("SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name")
      .all() as Array<{ migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown; applied_steps_count: number }>;
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
    sqlite.close();

    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      // The stock Prisma CLI recognises a migration as applied by this checksum.
      const sql = readFileSync(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(migrationChecksum(sql.toString("utf8")));
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["Kim", "Submission", "Job", "InboxUpdate", "FalseClaim"]));

    const status = await migrationStatus(db.url);
    expect(status.history).toBeNull();
    expect(status.failedMigrationNames).toEqual([]);
  });

  it("reports a database that is behind", async () => {
    const db = tempDatabase();
    cleanups.push(db.cleanup);
    const status = await migrationStatus(db.url);
    expect(status.history).not.toBeNull();
  });
});
