// What members and admins see when Telegram misbehaves for a moment: late callback answers,
// double taps, dropped connections and 5xx in the middle of a handler.
import { afterEach, describe, expect, it } from "vitest";
import { ADMIN_GROUP, buttonWith, startScenario, textOf, waitForCard, type Scenario } from "../support/harness.js";

let s: Scenario | undefined;
afterEach(async () => {
  await s?.stop();
  await s?.tg.stop();
  s = undefined;
});

const MEMBER = { id: 901, first_name: "Tini" };
const TOO_OLD = { error_code: 400, description: "Bad Request: query is too old and response timeout expired or query ID is invalid" };

async function preview(sc: Scenario, text: string) {
  const { tg } = sc;
  const since = tg.botMessages(MEMBER.id).length;
  tg.userSendsText(MEMBER.id, text);
  return tg.waitFor(() => tg.botMessages(MEMBER.id).slice(since).find((m) => textOf(m).includes("Pratinjau kiriman")));
}

describe("a member's answers survive a misbehaving Telegram", () => {
  it("shows Terkirim with the number even when the tap's answer is refused as too old", async () => {
    s = await startScenario();
    await s.joinMember(MEMBER);
    const { tg } = s;
    const prompt = await preview(s, "Posyandu balita di Desa Jaar setiap Rabu pagi.");
    tg.failNext("answerCallbackQuery", TOO_OLD);
    tg.userPresses(MEMBER.id, prompt, buttonWith(prompt, "Kirim"));
    const done = await tg.waitFor(() => textOf(tg.message(MEMBER.id, prompt.message_id)).includes("Terkirim") && tg.message(MEMBER.id, prompt.message_id));
    const id = Number(/#(\d+)/.exec(textOf(done))![1]);
    await waitForCard(s, id);
    expect(tg.botMessages(MEMBER.id).some((m) => textOf(m).includes("kesalahan"))).toBe(false);
  });

  it("answers a double tap on Kirim with the same number, never with an error", async () => {
    s = await startScenario();
    await s.joinMember(MEMBER);
    const { tg } = s;
    const prompt = await preview(s, "Lomba kebersihan antar-RT di Tamiang Layang.");
    const data = buttonWith(prompt, "Kirim");
    tg.userPresses(MEMBER.id, prompt, data);
    tg.userPresses(MEMBER.id, prompt, data);
    const done = await tg.waitFor(() => textOf(tg.message(MEMBER.id, prompt.message_id)).includes("Terkirim") && tg.message(MEMBER.id, prompt.message_id));
    const id = Number(/#(\d+)/.exec(textOf(done))![1]);
    await waitForCard(s, id);
    await s.settled();
    expect(tg.botMessages(MEMBER.id).some((m) => textOf(m).includes("kesalahan"))).toBe(false);
    expect(textOf(tg.message(MEMBER.id, prompt.message_id))).toContain(`#${id}`);
    const cards = tg.botMessages(ADMIN_GROUP).filter((m) => textOf(m).includes(`Kiriman #${id}`));
    expect(cards).toHaveLength(1);
  });

  it("still gets the preview when Telegram drops the connection and answers 500 on the way", async () => {
    s = await startScenario();
    await s.joinMember(MEMBER);
    const { tg } = s;
    tg.dropConnectionNext("sendMessage");
    tg.failNext("sendMessage", { error_code: 500, description: "Internal Server Error" }, 1, (p) => p.chat_id === MEMBER.id);
    const prompt = await preview(s, "Pembagian bibit karet untuk kelompok tani Paju Epat.");
    expect(textOf(prompt)).toContain("bibit karet");
    expect(await s.app.db.submission.count({ where: { text: { contains: "bibit karet" } } })).toBe(1);
  });
});
