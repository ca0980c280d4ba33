// Smoke test of `npm run bench:reports` at a small size: it ran on a database migrated only up to
// the activity summary, and broke unseen when a later migration added a column. The figures are
// printed, not asserted; what is asserted is that it runs and that its own equality checks hold.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/paths.js";

const run = promisify(execFile);

describe("npm run bench:reports (small)", () => {
  it("prints one JSON object whose summary and direct reports agree", async () => {
    const { stdout } = await run(
      process.execPath,
      ["--import", "tsx", path.join(PROJECT_ROOT, "src/cli/bench-reports.ts"), "--kims", "40", "--submissions", "800", "--runs", "1"],
      { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp" }, maxBuffer: 10 * 2 ** 20 },
    );
    const result = JSON.parse(stdout.trim().split("\n").at(-1)!) as { kims: number; summaryRows: number; summaryExact: boolean; periods: Record<string, { equal: boolean }> };
    expect(result.kims).toBe(40);
    expect(result.summaryRows).toBeGreaterThan(0);
    expect(result.summaryExact).toBe(true);
    expect(Object.values(result.periods).length).toBeGreaterThan(3);
    for (const [period, p] of Object.entries(result.periods)) expect(p.equal, period).toBe(true);
  }, 120_000);
});
