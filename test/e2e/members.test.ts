// Members meet no dead ends: a picker that lists only what can be chosen, answers that never
// point at a command that would refuse them, corrections linked to what they correct.
import { afterEach, describe, expect, it } from "vitest";
import { ADMIN, ADMIN_GROUP, buttonWith, startScenario, submitAs, textOf, waitForCard, type Scenario } from "../support/harness.js";
import { importRegistry } from "../../src/domain/registry.js";

let s: Scenario | undefined;
afterEach(async () => {
  await s?.stop();
  await s?.tg.stop();
  s = undefined;
});

describe("members", () => {
  it("choose only among kecamatan that have KIMs, and hear which have none", async () => {
    s = await startScenario();
    const { tg } = s;
    await importRegistry(s.app.db, "kecamatan,desa,nama_kim\nBenua Lima,,\n");
    tg.addUser({ id: 491, first_name: "Sri" });
    tg.userSendsText(491, "/start");
    const picker = await tg.waitForBotMessage(491, (m) => textOf(m).includes("Pilih kecamatan"));
    const buttons = (picker.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.text);
    expect(buttons).toEqual(["Dusun Timur", "Paju Epat"]);
    expect(textOf(picker)).toContain("Belum ada KIM terdaftar di: Benua Lima");
  });

  it("who are not registered are never sent to a command that refuses them", async () => {
    s = await startScenario();
    const { tg } = s;
    tg.addUser({ id: 492, first_name: "Tamu" });
    for (const command of ["/status", "/kirim", "/bantuan"]) {
      const before = tg.botMessages(492).length;
      tg.userSendsText(492, command);
      const answer = await tg.waitForNewBotMessage(492, before);
      expect(textOf(answer)).not.toContain("/kirim");
      expect(textOf(answer)).toMatch(/tautan undangan/);
    }
  });

  it("link a correction sent as an album to the submission it revises, and never label a later unrelated post", async () => {
    s = await startScenario();
    const sc = s;
    const { tg } = sc;
    const member = { id: 493, first_name: "Agus" };
    await sc.joinMember(member);
    const askRevision = async (card: Parameters<typeof buttonWith>[0], number: number, note: string) => {
      tg.userPresses(ADMIN.id, card, buttonWith(card, "Minta revisi"));
      const ask = await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("catatan revisi") && textOf(m).includes(`#${number}`));
      tg.userSendsText(ADMIN.id, note, { chatId: ADMIN_GROUP, replyTo: ask.message_id });
      const request = await tg.waitForBotMessage(member.id, (m) => textOf(m).includes("meminta perbaikan") && textOf(m).includes(note));
      tg.userPresses(member.id, request, buttonWith(request, "Kirim perbaikan"));
      await tg.waitForBotMessage(member.id, (m) => textOf(m).includes("versi perbaikan"));
    };

    const first = await submitAs(sc, member.id, () => tg.userSendsText(member.id, "Foto kegiatan posyandu."));
    await askRevision(first.card, first.number, "Tolong kirim fotonya");
    // The correction: a 3-photo album.
    const album = await submitAs(sc, member.id, () =>
      tg.userSendsAlbum(member.id, [{ caption: "Posyandu balita Desa Jaar, 3 foto" }, {}, {}].map((x) => ({ type: "photo" as const, width: 1280, height: 960, ...x }))),
    );
    expect(textOf(album.card)).toContain(`Revisi dari #${first.number}`);
    // A second round on the album.
    const albumCard = await waitForCard(sc, album.number);
    await askRevision(albumCard, album.number, "Tambahkan jumlah balita");
    const third = await submitAs(sc, member.id, () => tg.userSendsText(member.id, "Posyandu balita Desa Jaar: 42 balita ditimbang."));
    expect(textOf(third.card)).toContain(`Revisi dari #${album.number}`);
    // The next unrelated post is no revision of anything.
    const unrelated = await submitAs(sc, member.id, () => tg.userSendsText(member.id, "Kerja bakti di balai desa hari Minggu."));
    expect(textOf(unrelated.card)).not.toContain("Revisi dari");
  }, 60_000);
});
