// A throwaway SQLite file for benchmarks, in its own temporary folder.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export function scratchDatabase(prefix = "jedikim-bench-"): { url: string; file: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const file = path.join(dir, "bench.db");
  return { url: `file:${file}`, file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
