// What raw SQL must write differently on SQLite and PostgreSQL. Prisma's own queries need none of
// this; only the hand-written statements (the inbox's batch insert, the job claim, reminders,
// the activity indicators) do.
//
// DateTime columns: the SQLite adapter stores epoch milliseconds (src/db/client.ts), PostgreSQL
// a timestamp(3) in UTC. Comparing a column with a Date parameter works on both; arithmetic on a
// column goes through epochMs(), and a value written into a column through timestamp().
import { Prisma } from "../generated/prisma/client.js";
import type { DbOrTx } from "./types.js";
import type { DatabaseProvider } from "./schema-variants.js";

export interface Dialect {
  provider: DatabaseProvider;
  /** A DateTime value for a raw INSERT or UPDATE. */
  timestamp(value: Date): Prisma.Sql;
  /** A DateTime column (or expression) as epoch milliseconds, for arithmetic. */
  epochMs(column: Prisma.Sql): Prisma.Sql;
  /** A string aggregate joining values with the separator. */
  stringAgg(value: Prisma.Sql, separator: string): Prisma.Sql;
  /** The distinct values joined by ",". */
  distinctList(value: Prisma.Sql): Prisma.Sql;
  /** A value as text, for `||` (PostgreSQL has no `||` for two numbers). */
  text(value: Prisma.Sql): Prisma.Sql;
  /**
   * An integer expression as a 64-bit integer, truncating toward zero: SQLite's INTEGER is
   * 64-bit, PostgreSQL's 32-bit, and packed codes and epoch milliseconds need more.
   */
  int64(value: Prisma.Sql): Prisma.Sql;
  /** One JSON array (as text) with an array of `values` per row, in `order`. */
  jsonRows(values: Prisma.Sql[], order: Prisma.Sql): Prisma.Sql;
  /** A query of one text column "names": those of `names` that are triggers of this database, joined by ",". */
  triggersIn(names: readonly string[]): Prisma.Sql;
}

const sqlite: Dialect = {
  provider: "sqlite",
  timestamp: (value) => Prisma.sql`${value.getTime()}`,
  epochMs: (column) => column,
  stringAgg: (value, separator) => Prisma.sql`group_concat(${value}, ${separator})`,
  // group_concat takes no separator together with DISTINCT; its default is ",".
  distinctList: (value) => Prisma.sql`group_concat(DISTINCT ${value})`,
  text: (value) => value,
  int64: (value) => Prisma.sql`CAST(${value} AS INTEGER)`,
  // json_group_array keeps the order in which the rows come; the caller's subquery orders them.
  jsonRows: (values) => Prisma.sql`json_group_array(json_array(${Prisma.join(values)}))`,
  triggersIn: (names) =>
    Prisma.sql`SELECT group_concat("name") AS "names" FROM sqlite_master WHERE "type" = 'trigger' AND "name" IN (${Prisma.join([...names])})`,
};

const postgresql: Dialect = {
  provider: "postgresql",
  timestamp: (value) => Prisma.sql`${value.toISOString()}::timestamp`,
  // A timestamp without time zone holds UTC here; EXTRACT reads it as such.
  epochMs: (column) => Prisma.sql`(EXTRACT(EPOCH FROM ${column}) * 1000)::bigint`,
  stringAgg: (value, separator) => Prisma.sql`string_agg((${value})::text, ${separator})`,
  distinctList: (value) => Prisma.sql`string_agg(DISTINCT (${value})::text, ',')`,
  text: (value) => Prisma.sql`(${value})::text`,
  int64: (value) => Prisma.sql`CAST(${value} AS BIGINT)`,
  // json_agg returns json, which the driver would parse: the callers want the text.
  jsonRows: (values, order) => Prisma.sql`(json_agg(json_build_array(${Prisma.join(values)}) ORDER BY ${order}))::text`,
  // Disabled triggers (ALTER TABLE … DISABLE TRIGGER) keep nothing current: they count as missing.
  triggersIn: (names) =>
    Prisma.sql`SELECT string_agg(t."tgname"::text, ',') AS "names" FROM pg_trigger t
      WHERE NOT t."tgisinternal" AND t."tgenabled" <> 'D' AND t."tgname" IN (${Prisma.join([...names])})`,
};

/** The dialect of an open client or of a transaction taken from it. */
export function dialectOf(db: DbOrTx): Dialect {
  const provider = (db as unknown as { _activeProvider?: string })._activeProvider;
  return provider === "postgresql" ? postgresql : sqlite;
}
