// The admin group explains itself: every command listed and in the menu, a history in people's
// words, answers that say what happened, hints instead of silence.
import { afterEach, describe, expect, it } from "vitest";
import { ADMIN, ADMIN_GROUP, buttonWith, startScenario, submitAs, textOf, type Scenario } from "../support/harness.js";
import { ADMIN_COMMANDS } from "../../src/bot/commands.js";

let s: Scenario | undefined;
afterEach(async () => {
  await s?.stop();
  await s?.tg.stop();
  s = undefined;
});

describe("the admin group", () => {
  it("lists every admin command with /bantuan, /help and /start, and the menu holds all of them", async () => {
    s = await startScenario();
    const { tg } = s;
    for (const command of ["/bantuan", "/help", "/start"]) {
      const before = tg.botMessages(ADMIN_GROUP).length;
      tg.userSendsText(ADMIN.id, command, { chatId: ADMIN_GROUP });
      const help = await tg.waitForNewBotMessage(ADMIN_GROUP, before);
      for (const c of ADMIN_COMMANDS) expect(textOf(help)).toContain(`/${c}`);
    }
    await tg.waitFor(() => tg.myCommands({ type: "chat", chat_id: ADMIN_GROUP }));
    const menu = tg.myCommands({ type: "chat", chat_id: ADMIN_GROUP })!.map((c) => c.command);
    expect(menu).toEqual([...ADMIN_COMMANDS]);
    for (const c of ["impor", "undangan_baru", "keluarkan", "pindah", "jeda", "lanjut", "terbitkan_ulang", "id"]) expect(menu).toContain(c);
    const english = tg.myCommands({ type: "chat", chat_id: ADMIN_GROUP }, "en")!;
    expect(english.map((c) => c.command)).toEqual([...ADMIN_COMMANDS]);
  });

  it("numbers submissions without gaps from drafts never sent, and writes and reads them without separators", async () => {
    s = await startScenario();
    const sc = s;
    const { tg } = sc;
    const member = { id: 481, first_name: "Nia" };
    await sc.joinMember(member);
    const first = await submitAs(sc, member.id, () => tg.userSendsText(member.id, "Posyandu lansia di Desa Jaar."));
    // A draft cancelled in between takes no number.
    const since = tg.botMessages(member.id).length;
    tg.userSendsText(member.id, "Draf yang tidak jadi dikirim.");
    const prompt = await tg.waitFor(() => tg.botMessages(member.id).slice(since).find((m) => textOf(m).includes("Pratinjau")));
    tg.userPresses(member.id, prompt, buttonWith(prompt, "Batal"));
    await sc.settled();
    const second = await submitAs(sc, member.id, () => tg.userSendsText(member.id, "Lomba kebersihan antar-RT."));
    expect(second.number).toBe(first.number + 1);

    // A number past a thousand: written #1234, found by 1234, #1234 and 1.234.
    await sc.app.db.submission.update({ where: { id: second.id }, data: { number: 1234 } });
    for (const ref of ["1234", "#1234", "1.234"]) {
      const before = tg.botMessages(ADMIN_GROUP).length;
      tg.userSendsText(ADMIN.id, `/riwayat ${ref}`, { chatId: ADMIN_GROUP });
      const answer = await tg.waitForNewBotMessage(ADMIN_GROUP, before);
      expect(textOf(answer)).toContain("Riwayat kiriman #1234");
      expect(textOf(answer)).not.toContain("1.234");
    }
  });

  it("shows the revision chain in /riwayat, hints at a reason typed without replying, and answers decisions with what happened", async () => {
    s = await startScenario();
    const sc = s;
    const { tg } = sc;
    const member = { id: 482, first_name: "Dedi" };
    await sc.joinMember(member);
    const first = await submitAs(sc, member.id, () => tg.userSendsText(member.id, "Rapat RT kemarin."));
    tg.userPresses(ADMIN.id, first.card, buttonWith(first.card, "Minta revisi"));
    const ask = await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("catatan revisi"));
    // Typed as a plain message, not as a reply: a hint, not silence.
    tg.userSendsText(ADMIN.id, "Tolong tambahkan tanggal dan jumlah warga yang hadir", { chatId: ADMIN_GROUP });
    const hint = await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("balas (reply)"));
    expect(textOf(hint)).toContain(`#${first.number}`);
    tg.userSendsText(ADMIN.id, "Tolong tambahkan tanggal dan jumlah warga yang hadir", { chatId: ADMIN_GROUP, replyTo: ask.message_id });
    await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("Revisi diminta"));
    const request = await tg.waitForBotMessage(member.id, (m) => textOf(m).includes("meminta perbaikan"));
    tg.userPresses(member.id, request, buttonWith(request, "Kirim perbaikan"));
    await tg.waitForBotMessage(member.id, (m) => textOf(m).includes("versi perbaikan"));
    const second = await submitAs(sc, member.id, () => tg.userSendsText(member.id, "Rapat RT 03 pada Senin 24 November, dihadiri 35 warga."));
    const q = tg.userPresses(ADMIN.id, second.card, buttonWith(second.card, "Setujui"));
    expect((await tg.waitFor(() => tg.callbackAnswer(q.id))).text).toBe("✅ Disetujui, terbit sebentar lagi.");

    tg.userSendsText(ADMIN.id, `/riwayat ${first.number}`, { chatId: ADMIN_GROUP });
    const earlier = await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes(`Riwayat kiriman #${first.number}`));
    expect(textOf(earlier)).toContain("diminta revisi oleh Sari Admin: Tolong tambahkan tanggal");
    expect(textOf(earlier)).toContain(`Versi perbaikan: #${second.number}`);
    tg.userSendsText(ADMIN.id, `/riwayat ${second.number}`, { chatId: ADMIN_GROUP });
    const later = await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes(`Riwayat kiriman #${second.number}`));
    expect(textOf(later)).toContain(`Versi sebelumnya: #${first.number}`);
  });

  it("says on the card when the member could not be told, and tells an English member the preset reason in English", async () => {
    s = await startScenario();
    const sc = s;
    const { tg } = sc;
    const english = { id: 483, first_name: "John", language_code: "en" };
    await sc.joinMember(english);
    const a = await submitAs(sc, english.id, () => tg.userSendsText(english.id, "Village clean-up on Saturday morning."));
    tg.userPresses(ADMIN.id, a.card, buttonWith(a.card, "Tolak"));
    const menu = await tg.waitFor(() => {
      const c = tg.message(ADMIN_GROUP, a.card.message_id)!;
      return (c.reply_markup?.inline_keyboard ?? []).flat().some((b) => b.text.includes("Kurang layak")) && c;
    });
    tg.userPresses(ADMIN.id, menu, buttonWith(menu, "Kurang layak"));
    const told = await tg.waitForBotMessage(english.id, (m) => textOf(m).includes("cannot be published"));
    expect(textOf(told)).not.toContain("Kurang layak");

    const b = await submitAs(sc, english.id, () => tg.userSendsText(english.id, "Second post about the market."));
    tg.userBlocksBot(english.id);
    await sc.settled();
    tg.userPresses(ADMIN.id, b.card, buttonWith(b.card, "Tolak"));
    const menu2 = await tg.waitFor(() => {
      const c = tg.message(ADMIN_GROUP, b.card.message_id)!;
      return (c.reply_markup?.inline_keyboard ?? []).flat().some((x) => x.text.includes("Kurang layak")) && c;
    });
    tg.userPresses(ADMIN.id, menu2, buttonWith(menu2, "Kurang layak"));
    await tg.waitFor(() => textOf(tg.message(ADMIN_GROUP, b.card.message_id)).includes("Pengirim tidak bisa diberi tahu"), 10_000);
  });
});
