// Offline migrations with Prisma's own schema engine compiled to WebAssembly.
//
// The Prisma CLI's native schema engine is downloaded from Prisma's binary host at first use,
// which these machines cannot reach. The same engine ships as WebAssembly on npm and talks to
// the database through the driver adapter, so the bot applies `prisma/migrations` itself at
// start. It writes the standard `_prisma_migrations` table (checksum = sha256 of migration.sql),
// so an operator with internet can still run the stock `prisma migrate deploy` / `migrate status`.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import type {
  MigrationList,
  SchemaFilter,
  SchemaEngine as SchemaEngineType,
  DiagnoseMigrationHistoryOutput,
} from "@prisma/schema-engine-wasm";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import Database from "better-sqlite3";
import { createSqliteAdapterFactory } from "./client.js";
import { PROJECT_ROOT } from "../paths.js";

export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, "prisma/migrations");
export const SCHEMA_PATH = path.join(PROJECT_ROOT, "prisma/schema.prisma");
const LOCKFILE = "migration_lock.toml";
const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

let engineClass: typeof SchemaEngineType | undefined;

/** Loads the wasm engine once; a plain `import` of a .wasm file fails on Node 20. */
async function loadEngineClass(): Promise<typeof SchemaEngineType> {
  if (engineClass) return engineClass;
  const wasmPath = createRequire(import.meta.url)
    .resolve("@prisma/schema-engine-wasm/schema_engine_bg")
    .replace(/\.js$/, ".wasm");
  const { instance } = await wasmRuntime().instantiate(readFileSync(wasmPath), { "./schema_engine_bg.js": bg });
  (bg as unknown as { __wbg_set_wasm(e: unknown): void }).__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  engineClass = (bg as unknown as { SchemaEngine: typeof SchemaEngineType }).SchemaEngine;
  return engineClass;
}

/** Node's WebAssembly global; typed here because the project does not load the DOM typings. */
function wasmRuntime() {
  return (globalThis as unknown as {
    WebAssembly: { instantiate(bytes: Buffer, imports: object): Promise<{ instance: { exports: unknown } }> };
  }).WebAssembly;
}

/**
 * The engine replays migration.sql through a parameterless executeRaw, which better-sqlite3
 * rejects when the file holds several statements; those calls go to executeScript instead.
 */
function scriptFriendly(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (query.args.length === 0 && query.sql.includes(";")) {
      await adapter.executeScript(query.sql);
      return 0;
    }
    return executeRaw(query);
  };
  return adapter;
}

/** Wraps the adapter factory so every connection is tracked and can be closed afterwards. */
function trackingFactory(factory: SqlMigrationAwareDriverAdapterFactory) {
  const opened: SqlDriverAdapter[] = [];
  const wrapped: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const a = scriptFriendly(await factory.connect());
      opened.push(a);
      return a;
    },
    connectToShadowDb: async () => {
      const a = scriptFriendly(await factory.connectToShadowDb());
      opened.push(a);
      return a;
    },
  };
  const dispose = async () => {
    // engine.free() does not close the adapter's connections.
    for (const a of opened.splice(0)) await a.dispose().catch(() => undefined);
  };
  return { wrapped, dispose };
}

export function readMigrationList(dir = MIGRATIONS_DIR): MigrationList {
  const lockPath = path.join(dir, LOCKFILE);
  const lockfile = { path: LOCKFILE, content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null };
  const dirs = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  return {
    baseDir: dir,
    // The engine needs the connector even before the first migration exists.
    lockfile: lockfile.content === null ? { path: LOCKFILE, content: lockfileText("sqlite") } : lockfile,
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => {
      const file = path.join(dir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: existsSync(file)
            ? { tag: "ok" as const, value: readFileSync(file, "utf8") }
            : { tag: "error" as const, value: "migration.sql is missing" },
        },
      };
    }),
  };
}

function lockfileText(provider: string): string {
  return (
    "# Please do not edit this file manually\n" +
    "# It should be added in your version-control system (e.g., Git)\n" +
    `provider = "${provider}"\n`
  );
}

async function withEngine<T>(databaseUrl: string, fn: (engine: SchemaEngineType) => Promise<T>): Promise<T> {
  const SchemaEngine = await loadEngineClass();
  const { wrapped, dispose } = trackingFactory(createSqliteAdapterFactory(databaseUrl));
  const schema = readFileSync(SCHEMA_PATH, "utf8");
  const engine = await SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schema]] },
    () => undefined,
    bindMigrationAwareSqlAdapterFactory(wrapped),
  );
  try {
    return await fn(engine);
  } finally {
    engine.free();
    await dispose();
  }
}

/**
 * Applies every migration not yet applied; returns the names applied now (empty when up to date).
 *
 * The engine takes SQLite's exclusive locking mode while it works, which fails while any other
 * process has the database open (a report command, or the bot itself during an upgrade). So the
 * usual case, a database already up to date, is recognised first without the engine.
 */
export async function applyMigrations(databaseUrl: string, dir = MIGRATIONS_DIR): Promise<string[]> {
  ensureSqliteDirectory(databaseUrl);
  if (isUpToDate(databaseUrl, dir)) return [];
  return withEngine(databaseUrl, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList: readMigrationList(dir), filters: NO_FILTER });
    return out.appliedMigrationNames;
  });
}

export async function migrationStatus(databaseUrl: string, dir = MIGRATIONS_DIR): Promise<DiagnoseMigrationHistoryOutput> {
  const list = readMigrationList(dir);
  try {
    return await withEngine(databaseUrl, (engine) =>
      engine.diagnoseMigrationHistory({ migrationsList: list, optInToShadowDatabase: false, filters: NO_FILTER }),
    );
  } catch (err) {
    // A database never migrated has no history table; the engine reports that as an error.
    if (!String(err).includes("_prisma_migrations` does not exist")) throw err;
    return {
      editedMigrationNames: [],
      failedMigrationNames: [],
      hasMigrationsTable: false,
      history: { diagnostic: "databaseIsBehind", unappliedMigrationNames: list.migrationDirectories.map((d) => d.path) },
    };
  }
}

/**
 * Writes a new migration with the difference between the migrations folder and the schema.
 * Returns the directory name, or undefined when the schema has not changed.
 */
export async function createMigration(name: string, dir = MIGRATIONS_DIR, now = new Date()): Promise<string | undefined> {
  const list = readMigrationList(dir);
  const schema = readFileSync(SCHEMA_PATH, "utf8");
  const script = await withEngine(":memory:", async (engine) => {
    const result = await engine.diff({
      from: { tag: "migrations", ...list },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    return (result as unknown as { stdout: string }).stdout;
  });
  if (!script || script.includes("-- This is an empty migration.")) return undefined;
  const stamp = now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const dirName = `${stamp}_${name.replace(/[^a-z0-9_]+/gi, "_").toLowerCase()}`;
  mkdirSync(path.join(dir, dirName), { recursive: true });
  writeFileSync(path.join(dir, dirName, "migration.sql"), script);
  writeFileSync(path.join(dir, LOCKFILE), lockfileText("sqlite"));
  return dirName;
}

/** True when every migration in the folder is recorded as applied, unchanged, in `_prisma_migrations`. */
export function isUpToDate(databaseUrl: string, dir = MIGRATIONS_DIR): boolean {
  const file = sqliteFilePath(databaseUrl);
  if (!file || !existsSync(file)) return false;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) return false;
    const rows = db
      .prepare("SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL")
      .all() as Array<{ migration_name: string; checksum: string }>;
    const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    const failed = db.prepare("SELECT COUNT(*) AS n FROM _prisma_migrations WHERE finished_at IS NULL AND rolled_back_at IS NULL").get() as { n: number };
    if (failed.n > 0) return false;
    return readMigrationList(dir).migrationDirectories.every((d) => {
      const content = d.migrationFile.content;
      return content.tag === "ok" && applied.get(d.path) === migrationChecksum(content.value);
    });
  } finally {
    db.close();
  }
}

/** The checksum Prisma stores in `_prisma_migrations`. */
export function migrationChecksum(sql: string): string {
  return createHash("sha256").update(sql).digest("hex");
}

/** SQLite creates the file but not its folder; create `./data/` on first start. */
export function ensureSqliteDirectory(databaseUrl: string): void {
  const file = sqliteFilePath(databaseUrl);
  if (file) mkdirSync(path.dirname(file), { recursive: true });
}

export function sqliteFilePath(databaseUrl: string): string | undefined {
  if (databaseUrl === ":memory:") return undefined;
  const file = databaseUrl.replace(/^file:/, "").split("?")[0] ?? "";
  if (file === "" || file === ":memory:") return undefined;
  return path.resolve(process.cwd(), file);
}
