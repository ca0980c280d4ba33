// One data model, two databases. prisma/schema.prisma is the source (SQLite, the embedded
// default); the PostgreSQL schema is derived from it by `npm run db:schema:pg`, never edited by
// hand, and a test fails when the two drift apart.
import path from "node:path";
import { PROJECT_ROOT } from "../paths.js";

export type DatabaseProvider = "sqlite" | "postgresql";

export interface SchemaTarget {
  provider: DatabaseProvider;
  schemaPath: string;
  migrationsDir: string;
}

export const SCHEMA_TARGETS: Record<DatabaseProvider, SchemaTarget> = {
  sqlite: {
    provider: "sqlite",
    schemaPath: path.join(PROJECT_ROOT, "prisma/schema.prisma"),
    migrationsDir: path.join(PROJECT_ROOT, "prisma/migrations"),
  },
  postgresql: {
    provider: "postgresql",
    schemaPath: path.join(PROJECT_ROOT, "prisma/postgresql/schema.prisma"),
    migrationsDir: path.join(PROJECT_ROOT, "prisma/postgresql/migrations"),
  },
};

/** postgres:// or postgresql:// selects PostgreSQL; anything else is a SQLite file. */
export function providerOf(databaseUrl: string): DatabaseProvider {
  return /^postgres(ql)?:\/\//i.test(databaseUrl) ? "postgresql" : "sqlite";
}

const GENERATED_NOTE =
  "// GENERATED from prisma/schema.prisma by `npm run db:schema:pg`: do not edit; change the source\n" +
  "// schema and run the script again (it also writes the PostgreSQL migration).\n";

/**
 * The PostgreSQL schema for the source schema text: the same models, another provider and
 * another client output (both generated clients have the same types).
 */
export function postgresSchemaFrom(source: string): string {
  let out = source;
  const provider = /(datasource\s+db\s*\{[^}]*provider\s*=\s*)"sqlite"/;
  if (!provider.test(out)) throw new Error('prisma/schema.prisma: datasource db has no provider = "sqlite"');
  out = out.replace(provider, '$1"postgresql"');
  const output = /(generator\s+client\s*\{[^}]*output\s*=\s*)"\.\.\/src\/generated\/prisma"/;
  if (!output.test(out)) throw new Error('prisma/schema.prisma: generator client has no output = "../src/generated/prisma"');
  out = out.replace(output, '$1"../../src/generated/prisma-pg"');
  return GENERATED_NOTE + out;
}

/** The database as it may be printed or logged: a PostgreSQL URL without its password. */
export function describeDatabase(databaseUrl: string): string {
  if (providerOf(databaseUrl) !== "postgresql") return databaseUrl.replace(/^file:/, "");
  try {
    const u = new URL(databaseUrl);
    if (u.password) u.password = "***";
    u.search = "";
    return u.toString();
  } catch {
    return "postgresql://(unreadable URL)";
  }
}
