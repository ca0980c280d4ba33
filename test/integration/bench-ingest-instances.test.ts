// Smoke test of `npm run bench:ingest --instances 2`: two bot processes in webhook mode on one
// PostgreSQL database (whatever TEST_DATABASE says: instances need one), the emulator spreading
// the updates over them and a shared Redis. The figures are printed, not asserted; the shape is,
// and that every submission reached its member and exactly one review card.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/paths.js";
import { TEST_POSTGRES_SERVER } from "../support/temp-db.js";

const run = promisify(execFile);

const latency = { median: expect.any(Number), p99: expect.any(Number) };

describe("npm run bench:ingest --quick --instances 2", () => {
  it("prints one JSON object naming the instances, and every submission got its one card", async () => {
    const args = ["--quick", "--members", "3", "--no-statements", "--postgres", TEST_POSTGRES_SERVER, "--instances", "2"];
    if (process.env.TEST_REDIS_URL) args.push("--redis", process.env.TEST_REDIS_URL);
    const { stdout } = await run(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "src/cli/bench-ingest.ts"), ...args], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp" },
      maxBuffer: 10 * 2 ** 20,
    });
    const lines = stdout.trim().split("\n");
    expect(lines.slice(0, -1).join("\n")).toContain("2 instances, webhook");
    const result = JSON.parse(lines.at(-1)!) as Record<string, unknown>;
    expect(result).toMatchObject({
      members: 3,
      instances: 2,
      mode: "webhook",
      database: "postgresql",
      ceiling: { updatesPerSecond: expect.any(Number), cpuMsPerUpdate: expect.any(Number) },
      memberPath: { updatesPerSecond: expect.any(Number), ratioOfCeiling: expect.any(Number), cpuMsPerUpdate: expect.any(Number) },
      cards: { delivered: expect.any(Number), of: expect.any(Number), perSecond: expect.any(Number) },
      cpuMsPerUpdate: expect.any(Number),
      idleRssMb: expect.any(Number),
      peakRssMb: expect.any(Number),
      loadAverage1m: expect.any(Array),
      botErrorLogLines: 0,
      apologies: 0,
    });
    const steps = result.latency as Array<Record<string, unknown>>;
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ rate: 20, submissions: 20, tapToTerkirimMs: latency, tapToCardMs: latency, missingTerkirim: 0, missingCard: 0 });
    const cards = result.cards as { delivered: number; of: number; duplicates: number };
    expect(cards.of).toBeGreaterThan(0);
    expect(cards.delivered).toBe(cards.of);
    // Exactly one: no card twice from two instances, none for a submission nobody sent.
    expect(cards.duplicates).toBe(0);
  }, 240_000);
});
