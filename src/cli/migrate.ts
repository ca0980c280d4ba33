// npm run db:migrate            apply pending migrations (the bot also does this at start)
// npm run db:migrate:create X   write prisma/migrations/<stamp>_X from schema changes
// npm run db:migrate:status     say whether the database is current; exit 1 when it is behind
//
// In the operator's language, one sentence per outcome. `status` only reads: it never creates a
// database file.
import { existsSync } from "node:fs";
import { applyMigrations, createMigration, migrationStatus, migrationsDirFor, readMigrationList, sqliteFilePath } from "../db/migrate.js";
import { loadDotEnv } from "../config.js";
import { syncPostgresSchema } from "../db/postgres-schema.js";
import { describeDatabase } from "../db/schema-variants.js";
import { createI18n } from "../bot/i18n.js";

loadDotEnv();
const databaseUrl = process.env.DATABASE_URL?.trim() || "file:./data/jedikim.db";
const locale = process.env.DEFAULT_LOCALE?.trim() === "en" ? "en" : "id";
const i18n = createI18n(locale);
const t = (k: string, v?: Record<string, string | number>) => i18n.t(locale, k, v);
const [command, name] = process.argv.slice(2);

async function main(): Promise<number> {
  switch (command) {
    case "deploy": {
      const applied = await applyMigrations(databaseUrl);
      console.log(applied.length ? t("cli-migrate-applied", { names: applied.join(", ") }) : t("cli-migrate-none"));
      return 0;
    }
    case "create": {
      if (!name) {
        console.error(t("cli-migrate-name-needed"));
        return 2;
      }
      const created = await createMigration(name);
      console.log(created ? t("cli-migrate-created", { name: created }) : t("cli-migrate-no-changes"));
      // The PostgreSQL schema and migration follow from the same change (it needs a server).
      const server = process.env.POSTGRES_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
      try {
        const pgCreated = await syncPostgresSchema(server, name);
        if (pgCreated) console.log(t("cli-migrate-created-pg", { name: pgCreated }));
      } catch (err) {
        console.log(t("cli-migrate-pg-later", { error: err instanceof Error ? err.message : String(err) }));
      }
      return 0;
    }
    case "status":
      return status();
    case "--help":
    case "-h":
    case "help":
      console.log(t("cli-migrate-usage"));
      return 0;
    default:
      console.error(t("cli-migrate-usage"));
      return 2;
  }
}

async function status(): Promise<number> {
  const file = sqliteFilePath(databaseUrl) ?? describeDatabase(databaseUrl);
  if (sqliteFilePath(databaseUrl) && !existsSync(file)) {
    console.log(t("cli-no-database", { file }));
    return 1;
  }
  const s = await migrationStatus(databaseUrl);
  if (s.failedMigrationNames.length > 0) {
    console.log(t("cli-status-failed", { file, names: s.failedMigrationNames.join(", ") }));
    return 1;
  }
  if (s.editedMigrationNames.length > 0) {
    console.log(t("cli-status-edited", { names: s.editedMigrationNames.join(", ") }));
    return 1;
  }
  const history = s.history as { diagnostic: string; unappliedMigrationNames?: string[] } | null;
  if (history?.diagnostic === "databaseIsBehind" && history.unappliedMigrationNames) {
    const names = history.unappliedMigrationNames;
    console.log(t("cli-status-behind", { file, count: names.length, names: names.join(", ") }));
    return 1;
  }
  if (history) {
    console.log(t("cli-status-drift", { file, diagnostic: history.diagnostic }));
    return 1;
  }
  console.log(t("cli-status-current", { file, count: readMigrationList(migrationsDirFor(databaseUrl)).migrationDirectories.length }));
  return 0;
}

// The engine leaves a timer pending after applyMigrations: exit explicitly.
main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
