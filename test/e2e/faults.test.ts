// The short version of `npm run test:faults` (test/faults/): 40 submissions with approvals,
// rejections and revision requests while the emulator fails 5 % of calls and the bot process is
// killed with SIGKILL three times. It checks the same things as the full run (every confirmed item
// has its card, every approved item is published once, every member is told once, the same update
// delivered twice is handled once) and fails with the list of what did not hold.
import { describe, expect, it } from "vitest";
import { runFaultSuite } from "../faults/suite.js";

describe("faults: Telegram failing calls and SIGKILLs during a small load", () => {
  it("loses nothing, publishes and tells once, handles a duplicated update once", async () => {
    const result = await runFaultSuite({
      submissions: 40,
      members: 10,
      kills: 3,
      maxKills: 3,
      killGapMs: [1500, 4000],
      faultRate: 0.05,
      seed: 4040,
      photoShare: 0.1,
      // People as patient as in the full suite: this test is about what is lost, and inside npm test
      // it shares two cores with the other files, where a restart under tsx can take seconds.
      patience: { waitMs: 8000, maxSends: 3, maxTaps: 4 },
      settleTimeoutMs: 15_000,
      settleCapMs: 20_000,
      duplicateWaitMs: 5000,
      disk: false,
    });
    expect(result.failures, result.lines.join("\n")).toEqual([]);
  }, 180_000);
});
