// The per-chat flood guard shared by instances through Redis (127.0.0.1:6379 on these machines;
// TEST_REDIS_URL names another): a chat whose updates are spread over several instances gets its
// limit once, and hears "terlalu cepat" once a minute, not once per instance.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryFloodGuard, RedisFloodGuard, type FloodGuard, type FloodLimits } from "../../src/bot/flood-guard.js";

const REDIS = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const guards: RedisFloodGuard[] = [];
afterEach(async () => {
  for (const g of guards.splice(0)) await g.close();
});

const LIMITS: FloodLimits = { updatesPerMinute: 5, draftsPerMinute: 3 };

/** One instance's guard; instances of one bot share a prefix (here unique to the test). */
function instance(prefix: string, now: () => number, opts: { url?: string; onUnavailable?: (err: unknown) => void } = {}): RedisFloodGuard {
  const g = new RedisFloodGuard({ url: opts.url ?? REDIS, limits: LIMITS, prefix, now, onUnavailable: opts.onUnavailable });
  guards.push(g);
  return g;
}

/** Updates of one chat handed to the guards in turn (a load balancer's round robin). */
async function roundRobin(gs: FloodGuard[], chatId: number, count: number): Promise<boolean[]> {
  const out: boolean[] = [];
  for (let i = 0; i < count; i++) out.push(await gs[i % gs.length]!.allowUpdate(chatId));
  return out;
}

describe("the flood guard shared by instances (Redis)", () => {
  it("lets a chat's updates spread over three instances through up to its limit once, not three times", async () => {
    let now = 1_000_000;
    const prefix = `test:flood:${randomUUID()}`;
    const gs = [instance(prefix, () => now), instance(prefix, () => now), instance(prefix, () => now)];
    const allowed = await roundRobin(gs, 431, 12);
    expect(allowed).toEqual([true, true, true, true, true, false, false, false, false, false, false, false]);
    // Another chat has its own window; so has another bot (prefix).
    expect(await gs[1]!.allowUpdate(977)).toBe(true);
    expect(await instance(`test:flood:${randomUUID()}`, () => now).allowUpdate(431)).toBe(true);
    // A minute after the last update, the window is empty again.
    now += 60_001;
    expect(await roundRobin(gs, 431, 6)).toEqual([true, true, true, true, true, false]);
  });

  it("tells a chat to slow down once a minute, whichever instance its updates reach", async () => {
    let now = 5_000_000;
    const prefix = `test:flood:${randomUUID()}`;
    const [a, b, c] = [instance(prefix, () => now), instance(prefix, () => now), instance(prefix, () => now)];
    expect(await a.shouldTell(431)).toBe(true);
    expect(await b.shouldTell(431)).toBe(false);
    expect(await c.shouldTell(431)).toBe(false);
    expect(await b.shouldTell(977)).toBe(true);
    now += 59_999;
    expect(await c.shouldTell(431)).toBe(false);
    now += 1;
    expect(await c.shouldTell(431)).toBe(true);
    expect(await a.shouldTell(431)).toBe(false);
  });

  it("decides as the memory guard does for one instance", async () => {
    let now = 9_000_000;
    const shared = instance(`test:flood:${randomUUID()}`, () => now);
    const memory = new MemoryFloodGuard(LIMITS, () => now);
    // Bursts and pauses: 4 now, 3 after 30 s (7 in the window), 2 after 61 s (the first 4 gone).
    const script = [4, 30_000, 3, 31_000, 2, 29_999, 4];
    const run = async (g: FloodGuard, start: number) => {
      now = start;
      const out: Array<boolean | string> = [];
      for (const [i, step] of script.entries()) {
        if (i % 2 === 1) now += step;
        else for (let k = 0; k < step; k++) out.push(await g.allowUpdate(431));
        out.push(`tell:${await g.shouldTell(431)}`);
      }
      return out;
    };
    const expected = await run(memory, 9_000_000);
    expect(await run(shared, 9_000_000)).toEqual(expected);
    expect(expected.filter((x) => x === false)).not.toHaveLength(0);
  });

  it("counts this instance's updates alone when Redis cannot be reached, and says so once", async () => {
    const complaints: unknown[] = [];
    const now = 1_000;
    const down = instance(`test:flood:${randomUUID()}`, () => now, { url: "redis://127.0.0.1:1", onUnavailable: (err) => complaints.push(err) });
    expect(await roundRobin([down], 431, 7)).toEqual([true, true, true, true, true, false, false]);
    expect(await down.shouldTell(431)).toBe(true);
    expect(await down.shouldTell(431)).toBe(false);
    expect(complaints).toHaveLength(1);
  });
});
