// Telegram lets a bot send about 20 messages a minute into one group. What counts is messages:
// the edits of cards after decisions and the membership look-ups must not delay the next card.
import { afterEach, describe, expect, it } from "vitest";
import { ADMIN, ADMIN_GROUP, buttonWith, startScenario, submitAs, textOf, type Scenario } from "../support/harness.js";

let s: Scenario | undefined;
afterEach(async () => {
  await s?.stop();
  await s?.tg.stop();
  s = undefined;
});

const MEMBER = { id: 451, first_name: "Sinta" };

describe("the admin group's send budget", () => {
  it("spends it on messages only: a busy minute of edits does not hold back the next cards, and Telegram refuses nothing there", async () => {
    s = await startScenario({
      env: { GROUP_SENDS_PER_MINUTE: "20", PRIVATE_SENDS_PER_SECOND: "1" },
      emulator: { limits: { enabled: true, perGroupPerMinute: 20 } },
    });
    await s.joinMember(MEMBER);
    const { tg } = s;
    const first = await submitAs(s, MEMBER.id, () => tg.userSendsText(MEMBER.id, "Musyawarah perencanaan pembangunan desa tahun depan."));
    // Twelve times the reject menu and back: 24 edits of the card, 24 answers, look-ups.
    for (let i = 0; i < 12; i++) {
      const card = tg.message(ADMIN_GROUP, first.card.message_id)!;
      const menuShown = () => (tg.message(ADMIN_GROUP, first.card.message_id)?.reply_markup?.inline_keyboard ?? []).flat().some((b) => b.text.includes("Kembali"));
      tg.userPresses(ADMIN.id, card, buttonWith(card, "Tolak"));
      await tg.waitFor(menuShown);
      const menu = tg.message(ADMIN_GROUP, first.card.message_id)!;
      tg.userPresses(ADMIN.id, menu, buttonWith(menu, "Kembali"));
      await tg.waitFor(() => !menuShown());
    }
    for (let i = 0; i < 5; i++) {
      const { card } = await submitAs(s, MEMBER.id, () => tg.userSendsText(MEMBER.id, `Kabar kegiatan warga ke-${i + 1} di Desa Jaar.`));
      expect(textOf(card)).toContain("Kiriman #");
    }
    expect(tg.calls.filter((c) => c.params.chat_id === ADMIN_GROUP && c.error?.error_code === 429)).toEqual([]);
  }, 60_000);
});
