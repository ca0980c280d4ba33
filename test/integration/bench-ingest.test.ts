// Smoke test of `npm run bench:ingest` in its smallest configuration, and of the CPU profile
// summary: the figures are printed, not asserted (speed is not a test's business); the shape is.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/paths.js";
import { summariseProfile } from "../../src/cli/cpuprofile-summary.js";

const run = promisify(execFile);

const latency = { median: expect.any(Number), p99: expect.any(Number) };

describe("npm run bench:ingest --quick", () => {
  it("prints one JSON object with every figure on its last line", async () => {
    const { stdout } = await run(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "src/cli/bench-ingest.ts"), "--quick", "--members", "3"], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp" },
      maxBuffer: 10 * 2 ** 20,
    });
    const lines = stdout.trim().split("\n");
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.slice(0, -1).join("\n")).toContain("of the mean ceiling");
    const result = JSON.parse(lines.at(-1)!) as Record<string, unknown>;
    expect(result).toMatchObject({
      members: 3,
      ceiling: { updatesPerSecond: expect.any(Number), before: expect.any(Number), after: expect.any(Number), cpuMsPerUpdate: expect.any(Number) },
      memberPath: { updatesPerSecond: expect.any(Number), ratioOfCeiling: expect.any(Number), cpuMsPerUpdate: expect.any(Number) },
      cards: { delivered: expect.any(Number), perSecond: expect.any(Number), perSecondDraining: expect.any(Number) },
      cpuMsPerUpdate: expect.any(Number),
      idleRssMb: expect.any(Number),
      peakRssMb: expect.any(Number),
      statements: { text: { message: expect.any(Number), tap: expect.any(Number), card: expect.any(Number) } },
      loadAverage1m: expect.any(Array),
    });
    const steps = result.latency as Array<Record<string, unknown>>;
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ rate: 20, submissions: 20, tapToTerkirimMs: latency, tapToCardMs: latency, missingTerkirim: 0, missingCard: 0 });
    // Every submission of the run reached its member and its card.
    expect(result.cards).toMatchObject({ delivered: (result.cards as { of: number }).of });
  }, 240_000);
});

describe("cpuprofile-summary", () => {
  it("splits a real profile into groups whose self shares add up to the busy time", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "jedikim-prof-"));
    try {
      const busy = "const t = Date.now(); let x = 0; while (Date.now() - t < 200) x += JSON.stringify({ a: x }).length;";
      await run(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${dir}`, "-e", busy]);
      const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"))!;
      const summary = summariseProfile(path.join(dir, file));
      expect(summary.shares.busyMs).toBeGreaterThan(0);
      const total = Object.values(summary.shares.self).reduce((a, b) => a + b, 0);
      expect(total).toBeGreaterThan(99);
      expect(total).toBeLessThan(101);
      expect(summary.lines.join("\n")).toContain("top functions by self time");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
