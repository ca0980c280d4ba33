// Keeps prisma/postgresql (schema and migrations) derived from prisma/schema.prisma.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { createMigration, pendingSchemaChange } from "./migrate.js";
import { postgresSchemaFrom, SCHEMA_TARGETS } from "./schema-variants.js";

export interface PostgresSchemaDrift {
  /** prisma/postgresql/schema.prisma is not what the source gives. */
  schemaFile: boolean;
  /** SQL the PostgreSQL migrations lack to reach the schema ("" when none). */
  missingSql: string;
}

const pg = SCHEMA_TARGETS.postgresql;

function expectedSchema(): string {
  return postgresSchemaFrom(readFileSync(SCHEMA_TARGETS.sqlite.schemaPath, "utf8"));
}

/** Compares without writing. `server`: a PostgreSQL server where a throwaway database may be made. */
export async function postgresSchemaDrift(server: string): Promise<PostgresSchemaDrift> {
  const current = existsSync(pg.schemaPath) ? readFileSync(pg.schemaPath, "utf8") : "";
  const schemaFile = current !== expectedSchema();
  // The migrations are compared with the schema the source gives, not with a stale file.
  if (schemaFile) return { schemaFile, missingSql: "(the schema file is stale)" };
  return { schemaFile, missingSql: await pendingSchemaChange("postgresql", { pgUrl: server }) };
}

/** Writes the PostgreSQL schema and, when the model changed, its migration. Returns the new migration's name. */
export async function syncPostgresSchema(server: string, name: string, now = new Date()): Promise<string | undefined> {
  mkdirSync(path.dirname(pg.schemaPath), { recursive: true });
  writeFileSync(pg.schemaPath, expectedSchema());
  mkdirSync(pg.migrationsDir, { recursive: true });
  return createMigration(name, pg.migrationsDir, now, "postgresql", server);
}
