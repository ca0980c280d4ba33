import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A fresh SQLite file per test: tests run in parallel and never share a database. */
export function tempDatabase(): { url: string; file: string; dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), "jedikim-test-"));
  const file = path.join(dir, "test.db");
  return { url: `file:${file}`, file, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
