import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SendThrottle, withSendPriority } from "../../../src/telegram/throttle.js";

const GROUP = "-1001000000001";

beforeEach(() => void vi.useFakeTimers({ now: 0 }));
afterEach(() => void vi.useRealTimers());

function throttle(limits: Partial<ConstructorParameters<typeof SendThrottle>[0]> = {}) {
  return new SendThrottle({ globalPerSecond: 30, groupPerMinute: 20, privatePerSecond: 1, privateBurst: 3, ...limits }, () => Date.now());
}

/** Runs calls through the throttle's transformer; records when each reached "Telegram". */
function through(t: SendThrottle) {
  const sent: Array<{ method: string; label: string; at: number }> = [];
  const transformer = t.transformer();
  const call = (method: string, payload: Record<string, unknown>, label = method) =>
    transformer(
      (async (m: string) => {
        sent.push({ method: m, label, at: Date.now() });
        return { ok: true, result: true };
      }) as never,
      method as never,
      payload as never,
    );
  return { sent, call };
}

describe("the send throttle", () => {
  it("lets 20 messages a minute into a group, then waits for the window", async () => {
    const t = throttle();
    const { sent, call } = through(t);
    for (let i = 0; i < 25; i++) void call("sendMessage", { chat_id: GROUP, text: `${i}` });
    await vi.advanceTimersByTimeAsync(10);
    expect(sent).toHaveLength(20);
    expect(t.waiting(GROUP)).toBe(5);
    await vi.advanceTimersByTimeAsync(64_000);
    expect(sent).toHaveLength(25);
    expect(sent[20]!.at).toBeGreaterThanOrEqual(60_000);
  });

  it("never makes edits, look-ups, chat actions or callback answers wait, nor count them", async () => {
    const t = throttle();
    const { sent, call } = through(t);
    for (let i = 0; i < 20; i++) void call("sendMessage", { chat_id: GROUP, text: `${i}` });
    await vi.advanceTimersByTimeAsync(1);
    await call("editMessageText", { chat_id: GROUP, message_id: 1, text: "x" });
    await call("getChatMember", { chat_id: GROUP, user_id: 5 });
    await call("sendChatAction", { chat_id: GROUP, action: "typing" });
    await call("answerCallbackQuery", { callback_query_id: "1" });
    expect(sent.map((s) => s.method).slice(20)).toEqual(["editMessageText", "getChatMember", "sendChatAction", "answerCallbackQuery"]);
  });

  it("sends a review card before a report that was waiting for the same group", async () => {
    const t = throttle({ groupPerMinute: 1 });
    const { sent, call } = through(t);
    void call("sendMessage", { chat_id: GROUP, text: "first" }, "first");
    await vi.advanceTimersByTimeAsync(1);
    void withSendPriority(8, () => call("sendDocument", { chat_id: GROUP }, "report"));
    void withSendPriority(8, () => call("sendPhoto", { chat_id: GROUP }, "chart"));
    void withSendPriority(1, () => call("sendMessage", { chat_id: GROUP, text: "card" }, "card"));
    await vi.advanceTimersByTimeAsync(3 * 65_000);
    expect(sent.map((s) => s.label)).toEqual(["first", "card", "report", "chart"]);
  });

  it("counts every item of an album against the group's minute", async () => {
    const t = throttle();
    const { sent, call } = through(t);
    void call("sendMediaGroup", { chat_id: GROUP, media: new Array(10).fill({ type: "photo" }) });
    void call("sendMediaGroup", { chat_id: GROUP, media: new Array(10).fill({ type: "photo" }) });
    void call("sendMessage", { chat_id: GROUP, text: "card" });
    await vi.advanceTimersByTimeAsync(10);
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(64_000);
    expect(sent).toHaveLength(3);
  });

  it("paces a private chat: a burst of three, then about one a second", async () => {
    const t = throttle();
    const { sent, call } = through(t);
    for (let i = 0; i < 6; i++) void call("sendMessage", { chat_id: 4242, text: `${i}` });
    await vi.advanceTimersByTimeAsync(10);
    expect(sent).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(3_300);
    expect(sent).toHaveLength(6);
    // Another chat is not held up by this one.
    void call("sendMessage", { chat_id: 4343, text: "other" });
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(7);
  });

  it("keeps the overall rate under the global limit", async () => {
    const t = throttle({ globalPerSecond: 30 });
    const { sent, call } = through(t);
    for (let i = 0; i < 90; i++) void call("sendMessage", { chat_id: 10_000 + i, text: "x" });
    await vi.advanceTimersByTimeAsync(10);
    expect(sent).toHaveLength(30);
    await vi.advanceTimersByTimeAsync(3_500);
    expect(sent).toHaveLength(90);
    for (const s of sent) {
      expect(sent.filter((x) => x.at > s.at - 1000 && x.at <= s.at).length).toBeLessThanOrEqual(30);
    }
  });
});
