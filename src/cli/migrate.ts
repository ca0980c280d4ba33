// npm run db:migrate            apply pending migrations (the bot also does this at start)
// npm run db:migrate:create X   write prisma/migrations/<stamp>_X from schema changes
// npm run db:migrate:status     exit 1 when the database is behind or a migration failed
import { applyMigrations, createMigration, migrationStatus } from "../db/migrate.js";
import { loadDotEnv } from "../config.js";

loadDotEnv();
const databaseUrl = process.env.DATABASE_URL?.trim() || "file:./data/jedikim.db";
const [command, name] = process.argv.slice(2);

async function main(): Promise<number> {
  switch (command) {
    case "deploy": {
      const applied = await applyMigrations(databaseUrl);
      console.log(applied.length ? `Applied: ${applied.join(", ")}` : "No pending migrations.");
      return 0;
    }
    case "create": {
      if (!name) {
        console.error("Usage: npm run db:migrate:create <name>");
        return 2;
      }
      const created = await createMigration(name);
      console.log(created ? `Created prisma/migrations/${created}/migration.sql` : "No schema changes.");
      return 0;
    }
    case "status": {
      const s = await migrationStatus(databaseUrl);
      const behind = s.history !== null || s.failedMigrationNames.length > 0 || s.editedMigrationNames.length > 0;
      console.log(JSON.stringify(s, null, 2));
      return behind ? 1 : 0;
    }
    default:
      console.error("Usage: migrate deploy | create <name> | status");
      return 2;
  }
}

// The engine leaves a timer pending after applyMigrations: exit explicitly.
main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
