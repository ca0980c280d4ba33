// npm run db:schema:pg [-- <name>] [--check] [--server postgresql://postgres@127.0.0.1:5432/postgres]
//
// Derives prisma/postgresql/schema.prisma from prisma/schema.prisma and writes the PostgreSQL
// migration for whatever changed (`db:migrate:create` runs it too). --check writes nothing and
// exits 1 when the PostgreSQL schema or migrations lag behind the source. The engine replays the
// migrations in a throwaway database on --server (its role needs CREATEDB).
import { parseArgs } from "node:util";
import { postgresSchemaDrift, syncPostgresSchema } from "../db/postgres-schema.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { check: { type: "boolean" }, server: { type: "string" } },
});
const server = values.server ?? process.env.POSTGRES_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function main(): Promise<number> {
  if (values.check) {
    const drift = await postgresSchemaDrift(server);
    if (drift.schemaFile) console.log("prisma/postgresql/schema.prisma is stale: run npm run db:schema:pg");
    else if (drift.missingSql) console.log(`prisma/postgresql/migrations lack:\n${drift.missingSql}\nrun npm run db:schema:pg -- <name>`);
    else console.log("prisma/postgresql is current with prisma/schema.prisma");
    return drift.schemaFile || drift.missingSql ? 1 : 0;
  }
  const created = await syncPostgresSchema(server, positionals[0] ?? "schema");
  console.log(created ? `Created: prisma/postgresql/migrations/${created}/migration.sql` : "The PostgreSQL schema is current: no new migration.");
  return 0;
}

// The engine leaves a timer pending: exit explicitly.
main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
