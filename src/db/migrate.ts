// Offline migrations with Prisma's own schema engine compiled to WebAssembly.
//
// The Prisma CLI's native schema engine is downloaded from Prisma's binary host at first use,
// which these machines cannot reach. The same engine ships as WebAssembly on npm and talks to
// the database through the driver adapter, so the bot applies `prisma/migrations` itself at
// start. It writes the standard `_prisma_migrations` table (checksum = sha256 of migration.sql),
// so an operator with internet can still run the stock `prisma migrate deploy` / `migrate status`.
import { createHash, randomBytes } from "node:crypto";
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
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { createSqliteAdapterFactory } from "./client.js";
import { providerOf, SCHEMA_TARGETS, type DatabaseProvider } from "./schema-variants.js";

/** The SQLite (source) migrations; PostgreSQL's are in prisma/postgresql/migrations. */
export const MIGRATIONS_DIR = SCHEMA_TARGETS.sqlite.migrationsDir;
export const SCHEMA_PATH = SCHEMA_TARGETS.sqlite.schemaPath;

/** The migrations folder of the database the URL names. */
export function migrationsDirFor(databaseUrl: string): string {
  return SCHEMA_TARGETS[providerOf(databaseUrl)].migrationsDir;
}
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
 * rejects when the file holds several statements; those calls go to executeScript instead. On
 * PostgreSQL the pg adapter's executeScript splits the text at every ";", also inside a function
 * body ($$ … $$), so a script runs there as one parameterless query: pg sends that as a simple
 * query, which may hold many statements.
 */
function scriptFriendly(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  if (adapter.provider !== "sqlite") {
    adapter.executeScript = async (script) => {
      await executeRaw({ sql: script, args: [], argTypes: [] });
    };
    return adapter;
  }
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

export function readMigrationList(dir = MIGRATIONS_DIR, provider: DatabaseProvider = "sqlite"): MigrationList {
  const lockPath = path.join(dir, LOCKFILE);
  const lockfile = { path: LOCKFILE, content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null };
  const dirs = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  return {
    baseDir: dir,
    // The engine needs the connector even before the first migration exists.
    lockfile: lockfile.content === null ? { path: LOCKFILE, content: lockfileText(provider) } : lockfile,
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

async function withEngine<T>(
  databaseUrl: string,
  fn: (engine: SchemaEngineType) => Promise<T>,
  provider: DatabaseProvider = providerOf(databaseUrl),
): Promise<T> {
  const SchemaEngine = await loadEngineClass();
  const { wrapped, dispose } = trackingFactory(provider === "postgresql" ? postgresFactory(databaseUrl) : createSqliteAdapterFactory(databaseUrl));
  const schemaPath = SCHEMA_TARGETS[provider].schemaPath;
  const schema = readFileSync(schemaPath, "utf8");
  const engine = await SchemaEngine.new(
    { datamodels: [[schemaPath, schema]] },
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
 * PostgreSQL through adapter-pg. Its own connectToShadowDb reuses the main database when given
 * a connection string, so a diff (creating a migration, the drift check) gets a throwaway
 * database of its own, dropped when the engine is done.
 */
function postgresFactory(databaseUrl: string): SqlMigrationAwareDriverAdapterFactory {
  const main = new PrismaPg({ connectionString: databaseUrl });
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: () => main.connect(),
    connectToShadowDb: async () => {
      const name = `jedikim_shadow_${randomBytes(6).toString("hex")}`;
      await postgresAdmin(databaseUrl, `CREATE DATABASE "${name}"`);
      const shadow = await new PrismaPg({ connectionString: withDatabase(databaseUrl, name) }).connect();
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await postgresAdmin(databaseUrl, `DROP DATABASE IF EXISTS "${name}"`);
      };
      return shadow;
    },
  };
}

/** The same server and credentials, another database. */
export function withDatabase(databaseUrl: string, database: string): string {
  const u = new URL(databaseUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

/** One statement on its own connection (CREATE/DROP DATABASE cannot run in a transaction). */
export async function postgresAdmin(databaseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * The engine's catalog queries (used by diff) return columns of type "char" (OID 18), which
 * adapter-pg cannot read; they are read as text. Only the diff needs it, so it is set then.
 */
let charPatched = false;
function readPostgresCharAsText(): void {
  if (charPatched) return;
  charPatched = true;
  const proto = (pg as unknown as { Result: { prototype: { addFields(fields: Array<{ dataTypeID: number }>): void } } }).Result.prototype;
  const addFields = proto.addFields;
  proto.addFields = function (fields) {
    for (const f of fields) if (f.dataTypeID === 18) f.dataTypeID = 25;
    return addFields.call(this, fields);
  };
}

/**
 * Applies every migration not yet applied; returns the names applied now (empty when up to date).
 *
 * The engine takes SQLite's exclusive locking mode while it works, which fails while any other
 * process has the database open (a report command, or the bot itself during an upgrade). So the
 * usual case, a database already up to date, is recognised first without the engine.
 */
export async function applyMigrations(databaseUrl: string, dir = migrationsDirFor(databaseUrl)): Promise<string[]> {
  ensureSqliteDirectory(databaseUrl);
  if (await isUpToDate(databaseUrl, dir)) return [];
  return withEngine(databaseUrl, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList: readMigrationList(dir, providerOf(databaseUrl)), filters: NO_FILTER });
    return out.appliedMigrationNames;
  });
}

export async function migrationStatus(databaseUrl: string, dir = migrationsDirFor(databaseUrl)): Promise<DiagnoseMigrationHistoryOutput> {
  const list = readMigrationList(dir, providerOf(databaseUrl));
  try {
    return await withEngine(databaseUrl, (engine) =>
      engine.diagnoseMigrationHistory({ migrationsList: list, optInToShadowDatabase: false, filters: NO_FILTER }),
    );
  } catch (err) {
    // A database never migrated has no history table; the engine reports that as an error.
    if (!/_prisma_migrations.{0,3} does not exist/.test(String(err))) throw err;
    return {
      editedMigrationNames: [],
      failedMigrationNames: [],
      hasMigrationsTable: false,
      history: { diagnostic: "databaseIsBehind", unappliedMigrationNames: list.migrationDirectories.map((d) => d.path) },
    };
  }
}

/**
 * The SQL that would bring the migrations folder to the schema: "" when nothing differs. On
 * PostgreSQL the engine replays the folder in a throwaway database on the server of `pgUrl`.
 */
export async function pendingSchemaChange(provider: DatabaseProvider, opts: { dir?: string; pgUrl?: string } = {}): Promise<string> {
  const target = SCHEMA_TARGETS[provider];
  const list = readMigrationList(opts.dir ?? target.migrationsDir, provider);
  const schema = readFileSync(target.schemaPath, "utf8");
  if (provider === "postgresql") readPostgresCharAsText();
  const url = provider === "postgresql" ? (opts.pgUrl ?? "postgresql://postgres@127.0.0.1:5432/postgres") : ":memory:";
  const script = await withEngine(
    url,
    async (engine) => {
      const result = await engine.diff({
        from: { tag: "migrations", ...list },
        to: { tag: "schemaDatamodel", files: [{ path: target.schemaPath, content: schema }] },
        script: true,
        exitCode: null,
        filters: NO_FILTER,
      });
      return (result as unknown as { stdout: string }).stdout;
    },
    provider,
  );
  return !script || script.includes("-- This is an empty migration.") ? "" : script;
}

/**
 * Writes a new migration with the difference between the migrations folder and the schema.
 * Returns the directory name, or undefined when the schema has not changed.
 */
export async function createMigration(
  name: string,
  dir = MIGRATIONS_DIR,
  now = new Date(),
  provider: DatabaseProvider = "sqlite",
  pgUrl?: string,
): Promise<string | undefined> {
  const script = await pendingSchemaChange(provider, { dir, pgUrl });
  if (script === "") return undefined;
  const stamp = now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const dirName = `${stamp}_${name.replace(/[^a-z0-9_]+/gi, "_").toLowerCase()}`;
  mkdirSync(path.join(dir, dirName), { recursive: true });
  writeFileSync(path.join(dir, dirName, "migration.sql"), script);
  writeFileSync(path.join(dir, LOCKFILE), lockfileText(provider));
  return dirName;
}

/** True when every migration in the folder is recorded as applied, unchanged, in `_prisma_migrations`. */
export async function isUpToDate(databaseUrl: string, dir = migrationsDirFor(databaseUrl)): Promise<boolean> {
  const rows = providerOf(databaseUrl) === "postgresql" ? await postgresHistory(databaseUrl) : sqliteHistory(databaseUrl);
  if (!rows) return false;
  if (rows.some((r) => r.finished === false && !r.rolledBack)) return false;
  const applied = new Map(rows.filter((r) => r.finished && !r.rolledBack).map((r) => [r.name, r.checksum]));
  return readMigrationList(dir).migrationDirectories.every((d) => {
    const content = d.migrationFile.content;
    return content.tag === "ok" && applied.get(d.path) === migrationChecksum(content.value);
  });
}

interface HistoryRow {
  name: string;
  checksum: string;
  finished: boolean;
  rolledBack: boolean;
}

const HISTORY_SQL = "SELECT migration_name, checksum, finished_at IS NOT NULL AS \"finished\", rolled_back_at IS NOT NULL AS \"rolled_back\" FROM _prisma_migrations";
type HistorySqlRow = { migration_name: string; checksum: string; finished: number | boolean; rolled_back: number | boolean };
const historyRow = (r: HistorySqlRow): HistoryRow => ({ name: r.migration_name, checksum: r.checksum, finished: Boolean(r.finished), rolledBack: Boolean(r.rolled_back) });

/** undefined: no database file, or never migrated. Read without the engine, which locks SQLite. */
function sqliteHistory(databaseUrl: string): HistoryRow[] | undefined {
  const file = sqliteFilePath(databaseUrl);
  if (!file || !existsSync(file)) return undefined;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) return undefined;
    return (db.prepare(HISTORY_SQL).all() as HistorySqlRow[]).map(historyRow);
  } finally {
    db.close();
  }
}

async function postgresHistory(databaseUrl: string): Promise<HistoryRow[] | undefined> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = await client.query("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS \"present\"");
    if (!(table.rows[0] as { present: boolean }).present) return undefined;
    return ((await client.query(HISTORY_SQL)).rows as HistorySqlRow[]).map(historyRow);
  } finally {
    await client.end();
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
  if (databaseUrl === ":memory:" || providerOf(databaseUrl) !== "sqlite") return undefined;
  const file = databaseUrl.replace(/^file:/, "").split("?")[0] ?? "";
  if (file === "" || file === ":memory:") return undefined;
  return path.resolve(process.cwd(), file);
}
