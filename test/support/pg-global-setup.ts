// Vitest global setup: with TEST_DATABASE=postgresql, one migrated template database per run,
// which every test's database is copied from (a copy takes milliseconds, migrating takes seconds).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { applyMigrations, postgresAdmin, withDatabase } from "../../src/db/migrate.js";
import { TEST_POSTGRES_SERVER, TEST_PROVIDER, templateName, testDatabasePrefix } from "./temp-db.js";

export async function setup(): Promise<void> {
  if (TEST_PROVIDER !== "postgresql") return;
  // The test processes start after this and inherit the run's id.
  const run = randomBytes(4).toString("hex");
  process.env.JEDIKIM_TEST_RUN = run;
  await postgresAdmin(TEST_POSTGRES_SERVER, `CREATE DATABASE "${templateName(run)}"`);
  await applyMigrations(withDatabase(TEST_POSTGRES_SERVER, templateName(run)));
}

/** Drops the template and the run's test databases (a scenario does not drop its own). */
export async function teardown(): Promise<void> {
  const run = process.env.JEDIKIM_TEST_RUN;
  if (TEST_PROVIDER !== "postgresql" || !run) return;
  const client = new pg.Client({ connectionString: TEST_POSTGRES_SERVER });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1) OR datname = $2", [
      testDatabasePrefix(run),
      templateName(run),
    ]);
    for (const r of rows) await client.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
