// Vitest global setup: with TEST_DATABASE=postgresql, one migrated template database per run,
// which every test's database is copied from (a copy takes milliseconds, migrating takes seconds).
import pg from "pg";
import { applyMigrations, postgresAdmin, withDatabase } from "../../src/db/migrate.js";
import { TEST_POSTGRES_SERVER, TEST_PROVIDER, TEST_TEMPLATE } from "./temp-db.js";

export async function setup(): Promise<void> {
  if (TEST_PROVIDER !== "postgresql") return;
  await postgresAdmin(TEST_POSTGRES_SERVER, `DROP DATABASE IF EXISTS "${TEST_TEMPLATE}" WITH (FORCE)`);
  await postgresAdmin(TEST_POSTGRES_SERVER, `CREATE DATABASE "${TEST_TEMPLATE}"`);
  await applyMigrations(withDatabase(TEST_POSTGRES_SERVER, TEST_TEMPLATE));
}

/** Drops the template and whatever test databases were left (a scenario does not drop its own). */
export async function teardown(): Promise<void> {
  if (TEST_PROVIDER !== "postgresql") return;
  const client = new pg.Client({ connectionString: TEST_POSTGRES_SERVER });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'jedikim\\_t\\_%'");
    for (const r of rows) await client.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  await postgresAdmin(TEST_POSTGRES_SERVER, `DROP DATABASE IF EXISTS "${TEST_TEMPLATE}" WITH (FORCE)`);
}
