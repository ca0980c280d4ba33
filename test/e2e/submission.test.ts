import { afterEach, describe, expect, it } from "vitest";
import type { Message } from "grammy/types";
import { ADMIN_GROUP, buttonWith, startScenario, textOf, waitForCard, waitUntil, type Scenario } from "../support/harness.js";

let s: Scenario | undefined;
afterEach(async () => {
  await s?.stop();
  await s?.tg.stop();
  s = undefined;
});

const MEMBER = { id: 301, first_name: "Rudi", username: "rudi_kim" };

async function memberScenario(env?: Record<string, string>) {
  s = await startScenario({ env });
  await s.joinMember(MEMBER);
  return s;
}

/** Waits for the draft prompt (the message with a "Kirim" button) that follows `since` messages. */
async function promptAfter(sc: Scenario, since: number): Promise<Message> {
  return sc.tg.waitFor(() => sc.tg.botMessages(MEMBER.id).slice(since).find((m) => textOf(m).includes("Pratinjau kiriman")));
}

async function confirm(sc: Scenario, prompt: Message): Promise<number> {
  sc.tg.userPresses(MEMBER.id, prompt, buttonWith(prompt, "Kirim"));
  const done = await sc.tg.waitFor(() => {
    const m = sc.tg.message(MEMBER.id, prompt.message_id);
    return textOf(m).includes("Terkirim") && m;
  });
  return Number(/#(\d+)/.exec(textOf(done))![1]);
}

describe("submitting content", () => {
  it("stores a text post as a draft, and sends it to review only after confirmation", async () => {
    const sc = await memberScenario();
    const { tg } = sc;
    const since = tg.botMessages(MEMBER.id).length;
    tg.userSendsText(MEMBER.id, "Kerja bakti warga Desa Jaar membersihkan saluran air, Sabtu pagi.");
    const prompt = await promptAfter(sc, since);
    expect(textOf(prompt)).toContain("Jenis: Teks");
    const draft = await sc.app.db.submission.findFirstOrThrow({ where: { memberId: { not: undefined } } });
    expect(draft.status).toBe("draft");
    await sc.idle();
    expect(tg.botMessages(ADMIN_GROUP).some((m) => textOf(m).includes("Kerja bakti"))).toBe(false);

    const id = await confirm(sc, prompt);
    const card = await waitForCard(sc, id);
    expect(textOf(card)).toContain("Kerja bakti warga Desa Jaar");
    expect(textOf(card)).toContain("KIM Hapau Habar");
    expect((await sc.app.db.submission.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
  });

  it("takes a photo with a caption and warns when the photo is small", async () => {
    const sc = await memberScenario();
    const { tg } = sc;
    let since = tg.botMessages(MEMBER.id).length;
    await tg.userSendsPhoto(MEMBER.id, { width: 1600, height: 1200, caption: "Posyandu balita di Telang" });
    const big = await promptAfter(sc, since);
    expect(textOf(big)).toContain("Jenis: Foto");
    expect(textOf(big)).not.toContain("terlalu kecil");
    const id = await confirm(sc, big);
    const card = await waitForCard(sc, id);
    expect(card.photo).toBeDefined();

    since = tg.botMessages(MEMBER.id).length;
    await tg.userSendsPhoto(MEMBER.id, { width: 640, height: 480, caption: "Foto kecil" });
    const small = await promptAfter(sc, since);
    expect(textOf(small)).toContain("640×480");
    expect(textOf(small)).toContain("terlalu kecil");
  });

  it("collects a 3-photo album arriving as 3 updates into one submission", async () => {
    const sc = await memberScenario();
    const { tg } = sc;
    const since = tg.botMessages(MEMBER.id).length;
    await tg.userSendsAlbum(MEMBER.id, [
      { caption: "Gotong royong membangun jembatan desa" },
      { width: 1280, height: 960 },
      { width: 1024, height: 768 },
    ]);
    const prompt = await promptAfter(sc, since);
    expect(textOf(prompt)).toContain("Album (3 foto/video)");
    await sc.idle();
    expect(tg.botMessages(MEMBER.id).slice(since).filter((m) => textOf(m).includes("Pratinjau"))).toHaveLength(1);
    const id = await confirm(sc, prompt);
    const sub = await sc.app.db.submission.findUniqueOrThrow({ where: { id }, include: { media: true } });
    expect(sub.kind).toBe("album");
    expect(sub.media).toHaveLength(3);
    expect(sub.text).toBe("Gotong royong membangun jembatan desa");
    await waitForCard(sc, id);
    expect(tg.botMessages(ADMIN_GROUP).filter((m) => m.media_group_id).length).toBe(3);
  });

  it("guides /kirim step by step, survives a restart in the middle, and completes after it", async () => {
    const sc = await memberScenario();
    const { tg } = sc;
    tg.userSendsText(MEMBER.id, "/kirim");
    await tg.waitForBotMessage(MEMBER.id, (m) => textOf(m).includes("Apa yang terjadi"));
    tg.userSendsText(MEMBER.id, "Penyaluran bantuan bibit padi untuk kelompok tani");
    await tg.waitForBotMessage(MEMBER.id, (m) => textOf(m).includes("Di mana"));

    await sc.restart();

    tg.userSendsText(MEMBER.id, "Balai Desa Telang");
    const when = await tg.waitForBotMessage(MEMBER.id, (m) => textOf(m).includes("Kapan"));
    tg.userPresses(MEMBER.id, when, buttonWith(when, "Hari ini"));
    const photos = await tg.waitForBotMessage(MEMBER.id, (m) => textOf(m).includes("Foto"));
    await tg.userSendsPhoto(MEMBER.id, { width: 1600, height: 1200 });
    const received = await tg.waitForBotMessage(MEMBER.id, (m) => textOf(m).includes("Foto 1 diterima"));
    tg.userPresses(MEMBER.id, received, buttonWith(photos, "Selesai"));
    const prompt = await tg.waitForBotMessage(MEMBER.id, (m) => textOf(m).includes("Pratinjau kiriman"));
    expect(textOf(prompt)).toContain("Penyaluran bantuan bibit padi");
    expect(textOf(prompt)).toContain("📍 Balai Desa Telang");
    const id = await confirm(sc, prompt);
    const sub = await sc.app.db.submission.findUniqueOrThrow({ where: { id }, include: { media: true } });
    expect(sub.media).toHaveLength(1);
    expect(sub.text).toMatch(/🗓️ \d{1,2} \w+ 20\d\d/);
  });

  it("/batal leaves /kirim at any step and nothing is stored", async () => {
    const sc = await memberScenario();
    const { tg } = sc;
    tg.userSendsText(MEMBER.id, "/kirim");
    await tg.waitForBotMessage(MEMBER.id, (m) => textOf(m).includes("Apa yang terjadi"));
    tg.userSendsText(MEMBER.id, "Sesuatu terjadi");
    await tg.waitForBotMessage(MEMBER.id, (m) => textOf(m).includes("Di mana"));
    tg.userSendsText(MEMBER.id, "/batal");
    await tg.waitForBotMessage(MEMBER.id, (m) => textOf(m).includes("Dibatalkan"));
    // The next text is an ordinary post again, not the answer to "where?".
    const since = tg.botMessages(MEMBER.id).length;
    tg.userSendsText(MEMBER.id, "Info jadwal vaksinasi");
    await promptAfter(sc, since);
    expect(await sc.app.db.submission.count({ where: { text: { contains: "Sesuatu terjadi" } } })).toBe(0);
  });

  it("shows /status and lets the member withdraw a pending submission", async () => {
    const sc = await memberScenario();
    const { tg } = sc;
    const since = tg.botMessages(MEMBER.id).length;
    tg.userSendsText(MEMBER.id, "Lomba 17 Agustus tingkat desa");
    const id = await confirm(sc, await promptAfter(sc, since));
    const card = await waitForCard(sc, id);

    tg.userSendsText(MEMBER.id, "/status");
    const status = await tg.waitForBotMessage(MEMBER.id, (m) => textOf(m).includes("Kiriman terakhir"));
    expect(textOf(status)).toContain(`#${id}`);
    expect(textOf(status)).toContain("menunggu pemeriksaan");
    tg.userPresses(MEMBER.id, status, buttonWith(status, `Tarik #${id}`));
    const ask = await tg.waitForBotMessage(MEMBER.id, (m) => textOf(m).includes("Tarik kembali"));
    tg.userPresses(MEMBER.id, ask, buttonWith(ask, "Ya, tarik"));
    await tg.waitFor(() => textOf(tg.message(MEMBER.id, ask.message_id)).includes("sudah ditarik"));
    expect((await sc.app.db.submission.findUniqueOrThrow({ where: { id } })).status).toBe("withdrawn");
    await tg.waitFor(() => textOf(tg.message(ADMIN_GROUP, card.message_id)).includes("Ditarik kembali"));
    expect(tg.message(ADMIN_GROUP, card.message_id)?.reply_markup?.inline_keyboard ?? []).toHaveLength(0);
  });

  it("tells an unregistered sender how to join", async () => {
    s = await startScenario();
    const { tg } = s;
    tg.addUser({ id: 399, first_name: "Tamu" });
    tg.userSendsText(399, "Halo, ini berita dari desa kami");
    await tg.waitForBotMessage(399, (m) => textOf(m).includes("belum terdaftar"));
    await tg.userSendsPhoto(399, { caption: "foto" });
    await tg.waitFor(() => tg.botMessages(399).filter((m) => textOf(m).includes("belum terdaftar")).length === 2);
    expect(await s.app.db.submission.count()).toBe(0);
  });

  it("explains each kind of unsupported input, and refuses big files and channel forwards", async () => {
    const sc = await memberScenario();
    const { tg } = sc;
    const cases: Array<[Partial<Message>, string]> = [
      [{ sticker: { file_id: "s1", file_unique_id: "s1", type: "regular", width: 512, height: 512, is_animated: false, is_video: false } }, "stiker"],
      [{ voice: { file_id: "v1", file_unique_id: "v1", duration: 3 } }, "pesan suara"],
      [{ video_note: { file_id: "n1", file_unique_id: "n1", length: 240, duration: 5 } }, "video bulat"],
      [{ location: { latitude: -2.06, longitude: 115.19 } }, "lokasi"],
      [{ contact: { phone_number: "+62811", first_name: "Pak RT" } }, "kontak"],
      [{ audio: { file_id: "a1", file_unique_id: "a1", duration: 60 } }, "audio"],
      [{ dice: { emoji: "🎲", value: 3 } }, "dadu"],
      [{ animation: { file_id: "g1", file_unique_id: "g1", width: 320, height: 240, duration: 2 } }, "GIF"],
      [{ poll: { id: "p1", question: "Setuju?", options: [], total_voter_count: 0, is_closed: false, is_anonymous: true, type: "regular", allows_multiple_answers: false } as unknown as Message["poll"] }, "polling"],
    ];
    for (const [content, word] of cases) {
      const since = tg.botMessages(MEMBER.id).length;
      tg.userSends(MEMBER.id, content);
      const reply = await tg.waitForNewBotMessage(MEMBER.id, since);
      expect(textOf(reply)).toContain(`belum bisa menerima ${word}`);
    }
    let since = tg.botMessages(MEMBER.id).length;
    tg.userSendsDocument(MEMBER.id, { fileName: "video-besar.mp4", mimeType: "video/mp4", fileSize: 30 * 1024 * 1024 });
    expect(textOf(await tg.waitForNewBotMessage(MEMBER.id, since))).toContain("lebih besar dari batas 20 MB");

    since = tg.botMessages(MEMBER.id).length;
    tg.userSendsText(MEMBER.id, "Berita dari kanal lain", {
      forwardOrigin: { type: "channel", chat: { id: -1009, type: "channel", title: "Kanal Lain" }, message_id: 5, date: 0 },
    });
    expect(textOf(await tg.waitForNewBotMessage(MEMBER.id, since))).toContain("terusan dari kanal");
    expect(await sc.app.db.submission.count()).toBe(0);
  });

  it("keeps the first 10 items of an album and explains why the 11th is left out", async () => {
    const sc = await memberScenario();
    const { tg } = sc;
    const since = tg.botMessages(MEMBER.id).length;
    // Telegram's clients send at most 10; an 11th item with the same media_group_id is forged or buggy.
    const album = await tg.userSendsAlbum(MEMBER.id, Array.from({ length: 10 }, (_, i) => (i === 0 ? { caption: "Sebelas foto" } : {})));
    await tg.userSendsPhoto(MEMBER.id, { mediaGroupId: album[0]!.media_group_id });
    await tg.waitForBotMessage(MEMBER.id, (m) => textOf(m).includes("Album paling banyak 10 foto"));
    const prompt = await promptAfter(sc, since);
    expect(textOf(prompt)).toContain("Album (10 foto/video)");
    const sub = await sc.app.db.submission.findFirstOrThrow({ where: { text: "Sebelas foto" }, include: { media: true } });
    expect(sub.media).toHaveLength(10);
  });

  it("limits submissions per hour with a clear message, keeping the draft", async () => {
    const sc = await memberScenario({ SUBMISSIONS_PER_HOUR: "1" });
    const { tg } = sc;
    let since = tg.botMessages(MEMBER.id).length;
    tg.userSendsText(MEMBER.id, "Berita pertama");
    await confirm(sc, await promptAfter(sc, since));
    since = tg.botMessages(MEMBER.id).length;
    tg.userSendsText(MEMBER.id, "Berita kedua");
    const prompt = await promptAfter(sc, since);
    tg.userPresses(MEMBER.id, prompt, buttonWith(prompt, "Kirim"));
    await tg.waitForBotMessage(MEMBER.id, (m) => textOf(m).includes("1 kiriman dalam satu jam"));
    const db = sc.app.db;
    await waitUntil(async () => (await db.submission.count({ where: { status: "draft" } })) === 1);
  });
});
