import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { postgresAdmin, withDatabase } from "../../src/db/migrate.js";

/** A fresh SQLite file per test: tests run in parallel and never share a database. */
export function tempDatabase(): { url: string; file: string; dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), "jedikim-test-"));
  const file = path.join(dir, "test.db");
  return { url: `file:${file}`, file, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * TEST_DATABASE=postgresql runs the suite on PostgreSQL (TEST_POSTGRES_URL names the server):
 * each test gets its own database, copied from a migrated template that the global setup
 * (test/support/pg-global-setup.ts) makes once per run.
 */
export const TEST_PROVIDER: "sqlite" | "postgresql" = process.env.TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite";
export const TEST_POSTGRES_SERVER = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
/**
 * One run's names: the global setup picks a run id and passes it to the test processes in the
 * environment, so that two runs on one server (two checkouts, CI beside a developer) never drop
 * each other's databases.
 */
export function testRunId(): string {
  const id = process.env.JEDIKIM_TEST_RUN;
  if (!id) throw new Error("TEST_DATABASE=postgresql needs the global setup (vitest.config.ts) to name the run");
  return id;
}
export const templateName = (run = testRunId()) => `jedikim_tpl_${run}`;
export const testDatabasePrefix = (run = testRunId()) => `jedikim_run_${run}_`;

export interface TestDatabase {
  url: string;
  provider: "sqlite" | "postgresql";
  /** Drops the database (PostgreSQL) or deletes its folder (SQLite). */
  cleanup(): Promise<void>;
}

/**
 * A fresh database of the provider under test: an empty SQLite file, a PostgreSQL database
 * migrated already (or with `{ migrated: false }` an empty one, for tests of migrations).
 */
export async function testDatabase(opts: { migrated?: boolean } = {}): Promise<TestDatabase> {
  if (TEST_PROVIDER === "sqlite") {
    const t = tempDatabase();
    return { url: t.url, provider: "sqlite", cleanup: async () => t.cleanup() };
  }
  const name = `${testDatabasePrefix()}${randomBytes(5).toString("hex")}`;
  const template = opts.migrated === false ? "template0" : templateName();
  await postgresAdmin(TEST_POSTGRES_SERVER, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  return {
    url: withDatabase(TEST_POSTGRES_SERVER, name),
    provider: "postgresql",
    cleanup: () => postgresAdmin(TEST_POSTGRES_SERVER, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
