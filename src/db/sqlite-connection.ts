// The one SQLite connection the app uses, made cheaper per statement.
//
// Prisma's better-sqlite3 adapter compiles every statement again (`prepare`, a tenth of the bot's
// busy time on the member's path, measured by bench:ingest), although the same few dozen SQL
// texts come back on every update. Here the connection keeps one compiled statement per SQL
// text and binds each call's arguments to it, which better-sqlite3 allows for a statement run
// with arguments (`.run(...args)`, `.all(...args)`), unlike `.bind()`, which fixes them for good.
import type Database from "better-sqlite3";
import type { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";

type Statement = Database.Statement<unknown[]>;

/** How many distinct SQL texts stay compiled; the app uses far fewer. */
const MAX_CACHED = 1_000;

/** What the adapter does with a prepared statement: bind once and run, or run directly. */
interface PreparedLike {
  readonly reader: boolean;
  columns(): Database.ColumnDefinition[];
  bind(args: unknown[]): BoundLike;
  run(...args: unknown[]): Database.RunResult;
}

interface BoundLike {
  readonly reader: boolean;
  columns(): Database.ColumnDefinition[];
  run(): Database.RunResult;
  raw(): { all(): unknown[] };
  all(): unknown[];
}

function bound(stmt: Statement, args: unknown[]): BoundLike {
  return {
    reader: stmt.reader,
    columns: () => stmt.columns(),
    run: () => stmt.run(...args),
    raw: () => ({ all: () => stmt.raw(true).all(...args) }),
    all: () => stmt.raw(false).all(...args),
  };
}

/** Makes `client.prepare` return cached statements. */
export function cacheStatements(client: Database.Database): void {
  const compile = client.prepare.bind(client) as (sql: string) => Statement;
  const cache = new Map<string, Statement>();
  (client as unknown as { prepare(sql: string): PreparedLike }).prepare = (sql: string): PreparedLike => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = compile(sql);
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
      cache.set(sql, stmt);
    }
    const s = stmt;
    return {
      reader: s.reader,
      columns: () => s.columns(),
      bind: (args) => bound(s, args),
      run: (...args) => s.run(...args),
    };
  };
}

/** Wraps the adapter factory so the connection it opens caches its statements. */
export function withStatementCache(factory: PrismaBetterSqlite3): PrismaBetterSqlite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    cacheStatements((adapter as unknown as { client: Database.Database }).client);
    return adapter;
  };
  return factory;
}
