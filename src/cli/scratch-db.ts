// A throwaway database for benchmarks: a SQLite file in its own temporary folder, or a database
// of its own on a PostgreSQL server.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { postgresAdmin, withDatabase } from "../db/migrate.js";

export function scratchDatabase(prefix = "jedikim-bench-"): { url: string; file: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const file = path.join(dir, "bench.db");
  return { url: `file:${file}`, file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `server`: a PostgreSQL URL whose role may create databases; the scratch one is dropped by cleanup(). */
export async function scratchPostgresDatabase(server: string): Promise<{ url: string; cleanup(): Promise<void> }> {
  const name = `jedikim_bench_${randomBytes(6).toString("hex")}`;
  await postgresAdmin(server, `CREATE DATABASE "${name}"`);
  return { url: withDatabase(server, name), cleanup: () => postgresAdmin(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** A SQLite scratch file, or a PostgreSQL scratch database when `postgresServer` is given. */
export async function scratchDatabaseOn(postgresServer: string | undefined, prefix: string): Promise<{ url: string; cleanup(): Promise<void> }> {
  if (postgresServer) return scratchPostgresDatabase(postgresServer);
  const s = scratchDatabase(prefix);
  return { url: s.url, cleanup: async () => s.cleanup() };
}
