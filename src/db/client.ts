import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client.js";
import { PrismaClient as PostgresPrismaClient } from "../generated/prisma-pg/client.js";
import { withStatementCache } from "./sqlite-connection.js";
import { providerOf } from "./schema-variants.js";

/**
 * Both generated clients come from one data model (src/db/schema-variants.ts) and have the same
 * types; the SQLite client's type stands for both.
 */
export type Db = PrismaClient;
export { PrismaClient };

/** The SQLite adapter resolves `file:./x.db` relative to the working directory. */
export function createSqliteAdapterFactory(databaseUrl: string): PrismaBetterSqlite3 {
  return new PrismaBetterSqlite3({ url: databaseUrl }, { timestampFormat: "unixepoch-ms" });
}


/**
 * Opens the database. On SQLite, WAL mode lets the update processor, the job worker and reports
 * read while one of them writes; busy_timeout makes concurrent writers wait instead of failing.
 */
export async function openDatabase(databaseUrl: string, opts: { poolSize?: number } = {}): Promise<Db> {
  if (providerOf(databaseUrl) === "postgresql") {
    const adapter = new PrismaPg({ connectionString: databaseUrl, max: opts.poolSize ?? 10 });
    const db = new PostgresPrismaClient({ adapter }) as unknown as Db;
    await db.$queryRawUnsafe("SELECT 1");
    return db;
  }
  const db = new PrismaClient({ adapter: withStatementCache(createSqliteAdapterFactory(databaseUrl)) });
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
  await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  return db;
}
