// The fault and fuzz suites' judgement of the emulator's call log: what counts as a duplicate
// the bot could not avoid, and what counts as a call Telegram would reject.
import { describe, expect, it } from "vitest";
import type { CallRecord } from "@jedikim/telegram-emulator";
import { explain, relatedTo, type SubmissionRow } from "../faults/analysis.js";
import type { KillRecord } from "../faults/supervisor.js";
import { classify } from "../fuzz/run.js";
import { numberPattern, shownNumber } from "../faults/screen.js";

const SUB: SubmissionRow = { id: 12, status: "published", marker: "FZ000012", confirmed: true, decided: true, telegramId: 7001 };
const CHANNEL = -1001000000002;

function call(method: string, at: number, params: Record<string, unknown>, extra: Partial<CallRecord> = {}): CallRecord {
  return { method, params, ok: true, at, ...extra };
}

const post = (at: number, extra: Partial<CallRecord> = {}) => call("sendMessage", at, { chat_id: CHANNEL, text: "Kerja bakti (ref FZ000012)" }, extra);
const kill = (at: number, process = 3): KillRecord => ({ at, exitedAt: at + 20, restartedAt: at + 30, process });

describe("explaining a post that appeared twice", () => {
  it("blames a lost answer when Telegram ran the first send but the bot never heard back", () => {
    const first = post(1000, { ok: false, fault: "drop-after", error: { error_code: 0, description: "dropped" } });
    const d = explain("channel post", SUB, 2, [first, post(3000)], [first], [], relatedTo(SUB));
    expect(d.reason).toBe("answer-lost");
  });

  it("blames the kill when the process died right after Telegram accepted the post, before any other call about it", () => {
    const first = post(1000);
    const again = post(5000);
    const calls = [first, call("sendMessage", 1010, { chat_id: 7005, text: "Kiriman #13 sudah terbit" }), again];
    const d = explain("channel post", SUB, 2, [first, again], calls, [kill(1030)], relatedTo(SUB));
    expect(d.reason).toBe("kill-window");
    expect(d.evidence).toContain("SIGKILL 30 ms later");
  });

  it("is unexplained when the bot made another call about the item to that chat before the kill, or nobody was killed", () => {
    const first = post(1000);
    const nextPart = call("sendMessage", 1010, { chat_id: CHANNEL, text: "… lanjutan (ref FZ000012)" });
    const cardEdit = call("editMessageText", 1010, { chat_id: -1001000000001, message_id: 40, text: "📥 Kiriman #12 · Teks … Terbit" });
    const again = post(5000);
    expect(explain("channel post", SUB, 2, [first, again], [first, nextPart, again], [kill(1030)], relatedTo(SUB)).reason).toBe("unexplained");
    // A card edit by another job meanwhile does not make the post's window longer.
    expect(explain("channel post", SUB, 2, [first, again], [first, cardEdit, again], [kill(1030)], relatedTo(SUB)).reason).toBe("kill-window");
    expect(explain("channel post", SUB, 2, [first, again], [first, again], [], relatedTo(SUB)).reason).toBe("unexplained");
  });

  it("does not take #120 for #12", () => {
    const related = relatedTo(SUB);
    expect(related(call("sendMessage", 1, { text: "Kiriman #120 sudah terbit" }))).toBe(false);
    expect(related(call("sendMessage", 1, { text: "Kiriman #12 sudah terbit" }))).toBe(true);
  });
});

describe("submission numbers as the bot shows them", () => {
  it("reads #12, #1002 and the locale's #1.002 or #1,002, and tells #1 from #1.002 and #12 from #120", () => {
    expect(shownNumber("✅ Terkirim! Nomor kiriman Anda #12.")).toBe(12);
    expect(shownNumber("Nomor kiriman Anda #1.002. Admin akan…")).toBe(1002);
    expect(shownNumber("📥 Kiriman #1,234,567 · Teks", "📥 Kiriman ")).toBe(1234567);
    expect(shownNumber("📥 Kiriman #1002 · Teks", "📥 Kiriman ")).toBe(1002);
    expect(new RegExp(`Kiriman ${numberPattern(1002)} sudah`).test("Kiriman #1.002 sudah terbit")).toBe(true);
    expect(new RegExp(`Kiriman ${numberPattern(1)} sudah`).test("Kiriman #1.002 sudah terbit")).toBe(false);
    expect(new RegExp(numberPattern(12)).test("kiriman #120:")).toBe(false);
    expect(new RegExp(numberPattern(12)).test("kiriman #12.")).toBe(true);
  });
});

describe("calls Telegram would reject", () => {
  const failed = (error_code: number, description: string, extra: Partial<CallRecord> = {}) =>
    call("sendMessage", 1, {}, { ok: false, error: { error_code, description }, ...extra });

  it("tolerates what the bot cannot know before trying, and nothing else", () => {
    expect(classify(failed(403, "Forbidden: bot can't initiate conversation with a user"))).toBe("forbidden");
    expect(classify(failed(403, "Forbidden: bot was blocked by the user"))).toBe("forbidden");
    expect(classify(failed(400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same"))).toBe("not-modified");
    expect(classify(failed(429, "Too Many Requests: retry after 1", { fault: "429" }))).toBe("fault");
    expect(classify(failed(400, "Bad Request: can't parse entities: Unsupported start tag \"b\" at byte offset 3"))).toBe("rejected");
    expect(classify(failed(400, "Bad Request: message is too long"))).toBe("rejected");
    expect(classify(failed(400, "Bad Request: chat not found"))).toBe("rejected");
    expect(classify(failed(400, "Bad Request: user not found", { method: "getChatMember" }))).toBe("unknown-user");
    expect(classify(failed(400, "Bad Request: user not found", { method: "sendMessage" }))).toBe("rejected");
    expect(classify(failed(400, "Bad Request: message to edit not found", { method: "editMessageText" }))).toBe("gone");
    expect(classify(failed(400, "Bad Request: message to delete not found", { method: "deleteMessage" }))).toBe("gone");
    expect(classify(failed(403, "Forbidden: bot was kicked from the supergroup chat"))).toBe("rejected");
    expect(classify(failed(500, "Internal Server Error"))).toBe("emulator");
  });
});
