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
}

const sqlite: Dialect = {
  provider: "sqlite",
  timestamp: (value) => Prisma.sql`${value.getTime()}`,
  epochMs: (column) => column,
  stringAgg: (value, separator) => Prisma.sql`group_concat(${value}, ${separator})`,
};

const postgresql: Dialect = {
  provider: "postgresql",
  timestamp: (value) => Prisma.sql`${value.toISOString()}::timestamp`,
  // A timestamp without time zone holds UTC here; EXTRACT reads it as such.
  epochMs: (column) => Prisma.sql`(EXTRACT(EPOCH FROM ${column}) * 1000)::bigint`,
  stringAgg: (value, separator) => Prisma.sql`string_agg((${value})::text, ${separator})`,
};

/** The dialect of an open client or of a transaction taken from it. */
export function dialectOf(db: DbOrTx): Dialect {
  const provider = (db as unknown as { _activeProvider?: string })._activeProvider;
  return provider === "postgresql" ? postgresql : sqlite;
}
