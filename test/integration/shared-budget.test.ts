// Several instances stay under Telegram's flood limits together: their sends share one budget in
// Redis (127.0.0.1:6379 on these machines; TEST_REDIS_URL names another).
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { RedisSendBudget } from "../../src/telegram/shared-budget.js";
import { SendThrottle, type ThrottleLimits } from "../../src/telegram/throttle.js";

const REDIS = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const budgets: RedisSendBudget[] = [];
afterEach(async () => {
  for (const b of budgets.splice(0)) await b.close();
});

function budget(limits: ThrottleLimits, prefix: string, onUnavailable?: (err: unknown) => void, url = REDIS): RedisSendBudget {
  const b = new RedisSendBudget({ url, limits, prefix, onUnavailable });
  budgets.push(b);
  return b;
}

/** A throttle whose own limits are far above the shared ones: only the shared budget holds it back. */
function instance(shared: RedisSendBudget): SendThrottle {
  return new SendThrottle({ globalPerSecond: 1000, groupPerMinute: 60_000, privatePerSecond: 1000, privateBurst: 1000 }, undefined, shared);
}

/** Sends through the throttle's transformer, recording when each reached "Telegram". */
function sender(throttle: SendThrottle, sentAt: number[]) {
  const call = throttle.transformer();
  return (chatId: number) =>
    call(
      async () => {
        sentAt.push(Date.now());
        return { ok: true, result: true } as never;
      },
      "sendMessage",
      { chat_id: chatId, text: "x" } as never,
    );
}

describe("the send budget shared by instances (Redis)", () => {
  it("keeps two instances together under the global limit per second", async () => {
    const limits = { globalPerSecond: 8, groupPerMinute: 20, privatePerSecond: 1, privateBurst: 3 };
    const prefix = `test:${randomUUID()}`;
    const sentAt: number[] = [];
    const a = sender(instance(budget(limits, prefix)), sentAt);
    const b = sender(instance(budget(limits, prefix)), sentAt);
    // Each instance sends 12 messages into 12 different private chats at once: 24 in all.
    await Promise.all(Array.from({ length: 12 }, (_, i) => [a(1000 + i), b(2000 + i)]).flat());
    expect(sentAt).toHaveLength(24);
    sentAt.sort((x, y) => x - y);
    // Whatever second one looks at, at most 8 went out in it (alone, each would have sent 12 at once).
    for (let i = 0; i + 8 < sentAt.length; i++) expect(sentAt[i + 8]! - sentAt[i]!).toBeGreaterThanOrEqual(1000);
  });

  it("counts one group's sends across instances, and tells how long the next must wait", async () => {
    const limits = { globalPerSecond: 30, groupPerMinute: 2, privatePerSecond: 1, privateBurst: 3 };
    const prefix = `test:${randomUUID()}`;
    const a = budget(limits, prefix);
    const b = budget(limits, prefix);
    expect(await a.reserve("-100123", false, 1)).toBe(0);
    expect(await b.reserve("-100123", false, 1)).toBe(0);
    const wait = await a.reserve("-100123", false, 1);
    expect(wait).toBeGreaterThan(55_000);
    expect(wait).toBeLessThanOrEqual(63_000);
    // Another group has its own budget; another bot (prefix) its own too.
    expect(await b.reserve("-100999", false, 1)).toBe(0);
    expect(await budget(limits, `test:${randomUUID()}`).reserve("-100123", false, 1)).toBe(0);
  });

  it("lets sends go by the local limits when Redis cannot be reached, and says so", async () => {
    const complaints: unknown[] = [];
    const limits = { globalPerSecond: 1, groupPerMinute: 1, privatePerSecond: 1, privateBurst: 1 };
    const down = budget(limits, `test:${randomUUID()}`, (err) => complaints.push(err), "redis://127.0.0.1:1");
    const sentAt: number[] = [];
    const send = sender(instance(down), sentAt);
    await Promise.all([send(1), send(2), send(3)]);
    expect(sentAt).toHaveLength(3);
    expect(complaints).toHaveLength(1);
  });
});
