import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client.js";
import { withStatementCache } from "./sqlite-connection.js";

export type Db = PrismaClient;
export { PrismaClient };

/** The SQLite adapter resolves `file:./x.db` relative to the working directory. */
export function createSqliteAdapterFactory(databaseUrl: string): PrismaBetterSqlite3 {
  return new PrismaBetterSqlite3({ url: databaseUrl }, { timestampFormat: "unixepoch-ms" });
}

/**
 * Opens the database. WAL mode lets the update processor, the job worker and reports read
 * while one of them writes; busy_timeout makes concurrent writers wait instead of failing.
 */
export async function openDatabase(databaseUrl: string): Promise<Db> {
  const db = new PrismaClient({ adapter: withStatementCache(createSqliteAdapterFactory(databaseUrl)) });
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
  await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  return db;
}
