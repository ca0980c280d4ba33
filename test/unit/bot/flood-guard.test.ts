// The flood guard of one instance (no Redis): a sliding minute per chat, and one "terlalu cepat"
// a minute. test/integration/flood-guard.test.ts checks that the Redis guard decides the same.
import { describe, expect, it } from "vitest";
import { MemoryFloodGuard } from "../../../src/bot/flood-guard.js";

describe("the flood guard of one instance", () => {
  it("lets a chat through up to its limit in any minute, counting what was refused too", async () => {
    let now = 0;
    const g = new MemoryFloodGuard({ updatesPerMinute: 3, draftsPerMinute: 1 }, () => now);
    const allowed = async (n: number) => {
      const out: boolean[] = [];
      for (let i = 0; i < n; i++) out.push(await g.allowUpdate(7));
      return out;
    };
    expect(await allowed(4)).toEqual([true, true, true, false]);
    expect(await g.allowUpdate(8)).toBe(true);
    // 59.999 s later the four are still in the window; a minute after them they are gone.
    now = 59_999;
    expect(await allowed(1)).toEqual([false]);
    now = 60_000;
    expect(await allowed(3)).toEqual([true, true, false]);
  });

  it("says 'terlalu cepat' once a minute per chat", async () => {
    let now = 0;
    const g = new MemoryFloodGuard({ updatesPerMinute: 3, draftsPerMinute: 1 }, () => now);
    expect(await g.shouldTell(7)).toBe(true);
    expect(await g.shouldTell(7)).toBe(false);
    expect(await g.shouldTell(8)).toBe(true);
    now = 59_999;
    expect(await g.shouldTell(7)).toBe(false);
    now = 60_000;
    expect(await g.shouldTell(7)).toBe(true);
  });
});
