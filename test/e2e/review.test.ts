import { afterEach, describe, expect, it } from "vitest";
import type { Message } from "grammy/types";
import { ADMIN, ADMIN_2, ADMIN_GROUP, CHANNEL, CHANNEL_USERNAME, buttonWith, startScenario, textOf, waitUntil, submitAs, type Scenario } from "../support/harness.js";
import { callbackData } from "../../src/bot/callback-data.js";

let s: Scenario | undefined;
afterEach(async () => {
  await s?.stop();
  await s?.tg.stop();
  s = undefined;
});

const MEMBER = { id: 401, first_name: "Lina", username: "lina_kim" };

async function reviewScenario(env?: Record<string, string>) {
  s = await startScenario({ env });
  await s.joinMember(MEMBER);
  return s;
}

function submit(sc: Scenario, send: () => unknown): Promise<{ id: number; number: number; card: Message }> {
  return submitAs(sc, MEMBER.id, send);
}

function channelPosts(sc: Scenario): Message[] {
  return sc.tg.botMessages(CHANNEL);
}

function cardNow(sc: Scenario, card: Message): Message {
  return sc.tg.message(ADMIN_GROUP, card.message_id)!;
}

/** Waits until the card offers a button whose label contains `label`. */
function cardOffering(sc: Scenario, card: Message, label: string): Promise<Message> {
  return sc.tg.waitFor(() => {
    const c = cardNow(sc, card);
    return (c.reply_markup?.inline_keyboard ?? []).flat().some((b) => b.text.includes(label)) && c;
  });
}

describe("admin review and publishing", () => {
  it("approves a text post: one channel post with attribution and hashtags, the member gets the link, the card shows the decision", async () => {
    const sc = await reviewScenario();
    const { tg } = sc;
    const { id, number, card } = await submit(sc, () => tg.userSendsText(MEMBER.id, "Musyawarah desa membahas rencana pembangunan jalan usaha tani."));
    expect(textOf(card)).toContain("Skrining: Risiko rendah");
    expect(textOf(card)).toContain("Lina");
    tg.userPresses(ADMIN.id, card, buttonWith(card, "Setujui"));
    const post = await tg.waitForBotMessage(CHANNEL);
    expect(textOf(post)).toContain("Musyawarah desa membahas rencana pembangunan jalan usaha tani.");
    expect(textOf(post)).toContain("📍 KIM Hapau Habar · Kecamatan Dusun Timur");
    expect(textOf(post)).toContain("#DusunTimur #KIMHapauHabar");
    const link = `https://t.me/${CHANNEL_USERNAME}/${post.message_id}`;
    await tg.waitForBotMessage(MEMBER.id, (m) => textOf(m).includes(link));
    await tg.waitFor(() => textOf(cardNow(sc, card)).includes(link));
    expect(textOf(cardNow(sc, card))).toContain("Disetujui oleh Sari Admin");
    expect(cardNow(sc, card).reply_markup?.inline_keyboard ?? []).toHaveLength(0);
    const sub = await sc.app.db.submission.findUniqueOrThrow({ where: { id } });
    expect(sub.status).toBe("published");
    expect(sub.channelMessageId).toBe(post.message_id);
    await sc.idle();
    expect(channelPosts(sc)).toHaveLength(1);

    tg.userSendsText(ADMIN.id, `/riwayat ${number}`, { chatId: ADMIN_GROUP });
    const history = await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes(`Riwayat kiriman #${number}`));
    expect(textOf(history)).toContain("dikirim oleh Lina");
    expect(textOf(history)).toContain("disetujui oleh Sari Admin");
    expect(textOf(history)).toContain(`terbit di kanal: ${link}`);
    expect(textOf(history)).not.toMatch(/submission\.|pending|→/);
  });

  it("approves a photo and an album: the photo with its caption, the album as one media group", async () => {
    const sc = await reviewScenario();
    const { tg } = sc;
    const photo = await submit(sc, () => tg.userSendsPhoto(MEMBER.id, { width: 1600, height: 1200, caption: "Panen raya di Jaar" }));
    expect(photo.card.photo).toBeDefined();
    tg.userPresses(ADMIN.id, photo.card, buttonWith(photo.card, "Setujui"));
    const posted = await tg.waitForBotMessage(CHANNEL, (m) => !!m.photo);
    expect(textOf(posted)).toMatch(/^Panen raya di Jaar\n\n📍 KIM Hapau Habar/);

    const album = await submit(sc, () =>
      tg.userSendsAlbum(MEMBER.id, [{ caption: "Festival budaya Dusun Timur" }, {}, {}]),
    );
    tg.userPresses(ADMIN.id, album.card, buttonWith(album.card, "Setujui"));
    await tg.waitFor(() => channelPosts(sc).filter((m) => m.media_group_id).length === 3);
    const group = channelPosts(sc).filter((m) => m.media_group_id);
    expect(new Set(group.map((m) => m.media_group_id)).size).toBe(1);
    expect(textOf(group[0])).toContain("Festival budaya Dusun Timur");
    await waitUntil(async () => (await sc.app.db.submission.findUniqueOrThrow({ where: { id: album.id } })).status === "published");
  });

  it("rejects with a preset reason and with a typed reason; the member receives each", async () => {
    const sc = await reviewScenario();
    const { tg } = sc;
    const a = await submit(sc, () => tg.userSendsText(MEMBER.id, "Berita pertama"));
    tg.userPresses(ADMIN.id, a.card, buttonWith(a.card, "Tolak"));
    const presets = await cardOffering(sc, a.card, "Kualitas foto");
    tg.userPresses(ADMIN.id, presets, buttonWith(presets, "Kualitas foto kurang baik"));
    await tg.waitForBotMessage(MEMBER.id, (m) => textOf(m).includes(`Kiriman #${a.id} belum bisa diterbitkan`) && textOf(m).includes("Kualitas foto kurang baik"));
    await tg.waitFor(() => textOf(cardNow(sc, a.card)).includes("Ditolak oleh Sari Admin"));

    const b = await submit(sc, () => tg.userSendsText(MEMBER.id, "Berita kedua"));
    tg.userPresses(ADMIN.id, b.card, buttonWith(b.card, "Tolak"));
    const presets2 = await cardOffering(sc, b.card, "Tulis alasan");
    tg.userPresses(ADMIN.id, presets2, buttonWith(presets2, "Tulis alasan"));
    const ask = await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes(`alasan penolakan kiriman #${b.id}`));
    tg.userSendsText(ADMIN.id, "Lokasi & tanggal <belum> jelas", { chatId: ADMIN_GROUP, replyTo: ask.message_id });
    await tg.waitForBotMessage(MEMBER.id, (m) => textOf(m).includes("Lokasi & tanggal <belum> jelas"));
    expect((await sc.app.db.submission.findUniqueOrThrow({ where: { id: b.id } })).decisionReason).toBe("Lokasi & tanggal <belum> jelas");
    expect(channelPosts(sc)).toHaveLength(0);
  });

  it("a reason typed after another admin decided is answered with who decided, in the group", async () => {
    const sc = await reviewScenario();
    const { tg } = sc;
    const { id, card } = await submit(sc, () => tg.userSendsText(MEMBER.id, "Berita yang diputuskan dua admin"));
    tg.userPresses(ADMIN.id, card, buttonWith(card, "Tolak"));
    const presets = await cardOffering(sc, card, "Tulis alasan");
    tg.userPresses(ADMIN.id, presets, buttonWith(presets, "Tulis alasan"));
    const ask = await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes(`alasan penolakan kiriman #${id}`));
    tg.userPresses(ADMIN_2.id, presets, buttonWith(presets, "Kualitas foto kurang baik"));
    await waitUntil(async () => (await sc.app.db.submission.findUniqueOrThrow({ where: { id } })).status === "rejected");
    tg.userSendsText(ADMIN.id, "Alasan yang terlambat", { chatId: ADMIN_GROUP, replyTo: ask.message_id });
    const answer = await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).startsWith("Sudah diputuskan oleh"));
    expect(textOf(answer)).toContain(ADMIN_2.first_name);
    expect((await sc.app.db.submission.findUniqueOrThrow({ where: { id } })).decisionReason).toBe("Kualitas foto kurang baik");
  });

  it("asks for a revision; the member's corrected version returns to review linked to the first", async () => {
    const sc = await reviewScenario();
    const { tg } = sc;
    const first = await submit(sc, () => tg.userSendsText(MEMBER.id, "Rapat RT kemarin"));
    tg.userPresses(ADMIN.id, first.card, buttonWith(first.card, "Minta revisi"));
    const ask = await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes(`catatan revisi untuk kiriman #${first.id}`));
    tg.userSendsText(ADMIN.id, "Tambahkan tanggal dan jumlah peserta", { chatId: ADMIN_GROUP, replyTo: ask.message_id });
    const note = await tg.waitForBotMessage(MEMBER.id, (m) => textOf(m).includes("Tambahkan tanggal dan jumlah peserta"));
    tg.userPresses(MEMBER.id, note, buttonWith(note, "Kirim perbaikan"));
    await tg.waitForBotMessage(MEMBER.id, (m) => textOf(m).includes("Silakan kirim versi perbaikan"));
    const second = await submit(sc, () => tg.userSendsText(MEMBER.id, "Rapat RT 03 pada Senin 24 November, dihadiri 35 warga"));
    expect(textOf(second.card)).toContain(`Revisi dari #${first.id}`);
    const sub = await sc.app.db.submission.findUniqueOrThrow({ where: { id: second.id } });
    expect(sub.revisionOfId).toBe(first.id);
    expect((await sc.app.db.submission.findUniqueOrThrow({ where: { id: first.id } })).status).toBe("revision");
  });

  it("marks a hoax: the claim is stored and the member is told kindly", async () => {
    const sc = await reviewScenario();
    const { tg } = sc;
    const { id, card } = await submit(sc, () => tg.userSendsText(MEMBER.id, "SEBARKAN!!! Air rebusan daun sirsak sembuhkan semua penyakit"));
    tg.userPresses(ADMIN.id, card, buttonWith(card, "Hoaks"));
    const confirmHoax = await cardOffering(sc, card, "Ya, tandai hoaks");
    tg.userPresses(ADMIN.id, confirmHoax, buttonWith(confirmHoax, "Ya, tandai hoaks"));
    await tg.waitForBotMessage(MEMBER.id, (m) => textOf(m).includes("cekfakta.com"));
    const claim = await sc.app.db.falseClaim.findFirstOrThrow({ where: { submissionId: id } });
    expect(claim.text).toContain("daun sirsak");
    expect(claim.origin).toBe("hoax_mark");
    expect(channelPosts(sc)).toHaveLength(0);
  });

  it("needs a second confirmation to approve a flagged item", async () => {
    const sc = await reviewScenario();
    const { tg } = sc;
    const { id, card } = await submit(sc, () => tg.userSendsText(MEMBER.id, "Info penting"));
    await sc.app.db.submission.update({ where: { id }, data: { riskLevel: "high" } });
    tg.userPresses(ADMIN.id, card, buttonWith(card, "Setujui"));
    const warned = await cardOffering(sc, card, "tetap setujui");
    await sc.idle();
    expect(channelPosts(sc)).toHaveLength(0);
    expect((await sc.app.db.submission.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
    tg.userPresses(ADMIN.id, warned, buttonWith(warned, "tetap setujui"));
    await tg.waitForBotMessage(CHANNEL);
  });

  it("refuses decisions from another chat, forged data, and a user who left the admin group", async () => {
    const sc = await reviewScenario();
    const { tg } = sc;
    const { id, card } = await submit(sc, () => tg.userSendsText(MEMBER.id, "Pengumuman jadwal posyandu"));
    const memberChatMsg = tg.lastBotMessage(MEMBER.id)!;
    const fromPrivate = tg.userPresses(MEMBER.id, memberChatMsg, callbackData.review("a", id), { allowMissingButton: true });
    await tg.waitFor(() => tg.callbackAnswer(fromPrivate.id));
    expect(tg.callbackAnswer(fromPrivate.id)?.text).toContain("Hanya anggota grup admin");

    const forged = tg.userPresses(ADMIN.id, card, "v:a:99999999999", { allowMissingButton: true });
    const garbage = tg.userPresses(ADMIN.id, card, "v:zz:1", { allowMissingButton: true });
    await tg.waitFor(() => tg.callbackAnswer(forged.id) && tg.callbackAnswer(garbage.id));
    expect(tg.callbackAnswer(forged.id)?.text).toContain("tidak berlaku");
    expect(tg.callbackAnswer(garbage.id)?.text).toContain("tidak berlaku");

    tg.removeMember(ADMIN_GROUP, ADMIN_2.id);
    const left = tg.userPresses(ADMIN_2.id, card, buttonWith(card, "Setujui"));
    await tg.waitFor(() => tg.callbackAnswer(left.id));
    expect(tg.callbackAnswer(left.id)?.text).toContain("Hanya anggota grup admin");
    await sc.idle();
    expect((await sc.app.db.submission.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
    expect(channelPosts(sc)).toHaveLength(0);
  });

  it("gives exactly one decision and one publication when two admins approve at once", async () => {
    const sc = await reviewScenario();
    const { tg } = sc;
    const { id, card } = await submit(sc, () => tg.userSendsText(MEMBER.id, "Pelatihan menulis berita untuk anggota KIM"));
    const a = tg.userPresses(ADMIN.id, card, buttonWith(card, "Setujui"));
    const b = tg.userPresses(ADMIN_2.id, card, buttonWith(card, "Setujui"));
    await tg.waitFor(() => tg.callbackAnswer(a.id) && tg.callbackAnswer(b.id));
    const answers = [tg.callbackAnswer(a.id)?.text, tg.callbackAnswer(b.id)?.text];
    expect(answers.filter((t) => t?.includes("Sudah diputuskan oleh"))).toHaveLength(1);
    await tg.waitForBotMessage(CHANNEL);
    await sc.idle();
    await waitUntil(async () => (await sc.app.db.submission.findUniqueOrThrow({ where: { id } })).status === "published");
    expect(channelPosts(sc)).toHaveLength(1);
    expect(await sc.app.db.auditEvent.count({ where: { submissionId: id, action: "submission.approved" } })).toBe(1);
  });

  it("publishes once when the channel answers 429 and then 500 before succeeding", async () => {
    const sc = await reviewScenario();
    const { tg } = sc;
    const { id, card } = await submit(sc, () => tg.userSendsText(MEMBER.id, "Sosialisasi bahaya narkoba di sekolah"));
    const toChannel = (p: Record<string, unknown>) => p.chat_id === CHANNEL;
    tg.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", retry_after: 1 }, 1, toChannel);
    tg.failNext("sendMessage", { error_code: 500, description: "Internal Server Error" }, 1, toChannel);
    tg.userPresses(ADMIN.id, card, buttonWith(card, "Setujui"));
    await tg.waitForBotMessage(CHANNEL, () => true, 15_000);
    await waitUntil(async () => (await sc.app.db.submission.findUniqueOrThrow({ where: { id } })).status === "published", 5000);
    await sc.idle();
    const attempts = tg.calls.filter((c) => c.method === "sendMessage" && c.params.chat_id === CHANNEL);
    expect(attempts.map((c) => c.error?.error_code ?? 200)).toEqual([429, 500, 200]);
    expect(channelPosts(sc)).toHaveLength(1);
  }, 30_000);

  it("escapes a post full of <, > and & everywhere it appears", async () => {
    const sc = await reviewScenario();
    const { tg } = sc;
    const text = "Harga <cabai> naik & turun >> 5%: <b>bukan tag</b> &amp; bukan entitas <script>";
    const { card } = await submit(sc, () => tg.userSendsText(MEMBER.id, text));
    expect(textOf(card)).toContain(text);
    tg.userPresses(ADMIN.id, card, buttonWith(card, "Setujui"));
    const post = await tg.waitForBotMessage(CHANNEL);
    expect(textOf(post).startsWith(text)).toBe(true);
    expect(tg.calls.filter((c) => !c.ok && /parse entities/.test(c.error?.description ?? ""))).toHaveLength(0);
  });

  it("accepts a tap that arrives before the card's message id was recorded", async () => {
    const sc = await reviewScenario();
    const { tg } = sc;
    const { id, card } = await submit(sc, () => tg.userSendsAlbum(MEMBER.id, [{ caption: "Lomba perahu naga" }, {}]));
    // As if the job that posted the card had not written its message id yet.
    await sc.app.db.submission.update({ where: { id }, data: { reviewMessageId: null, reviewChatId: null } });
    tg.userPresses(ADMIN.id, card, buttonWith(card, "Setujui"));
    await tg.waitFor(() => channelPosts(sc).length === 2, 10_000);
    await tg.waitFor(() => textOf(cardNow(sc, card)).includes("Terbit: https://t.me/"), 10_000);
  });

  it("lists pending items oldest first with /antrian", async () => {
    const sc = await reviewScenario();
    const { tg } = sc;
    const a = await submit(sc, () => tg.userSendsText(MEMBER.id, "Kiriman A"));
    const b = await submit(sc, () => tg.userSendsText(MEMBER.id, "Kiriman B"));
    tg.userSendsText(ADMIN.id, "/antrian", { chatId: ADMIN_GROUP });
    const queue = await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("Antrian pemeriksaan"));
    const q = textOf(queue);
    expect(q).toContain("2 kiriman menunggu");
    expect(q.indexOf(`#${a.id}`)).toBeLessThan(q.indexOf(`#${b.id}`));
    expect(q).toContain(`https://t.me/c/1000000001/${a.card.message_id}`);
  });
});
