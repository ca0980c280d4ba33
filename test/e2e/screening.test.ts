import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { ADMIN, ADMIN_GROUP, CHANNEL, buttonWith, startScenario, textOf, submitAs, type Scenario } from "../support/harness.js";
import { syntheticPicture } from "../unit/screening/synthetic-image.js";
import type { Message } from "grammy/types";

let s: Scenario | undefined;
afterEach(async () => {
  await s?.stop();
  await s?.tg.stop();
  s = undefined;
});

const MEMBER = { id: 501, first_name: "Eka" };

function submit(sc: Scenario, send: () => unknown): Promise<{ id: number; number: number; card: Message }> {
  return submitAs(sc, MEMBER.id, send);
}

describe("disinformation screening in the bot", () => {
  it("flags a resubmitted hoax photo, resized and re-compressed, on the review card", async () => {
    s = await startScenario();
    const sc = s;
    await sc.joinMember(MEMBER);
    const { tg } = sc;
    const original = await syntheticPicture(11, 1200, 900);
    const first = await submit(sc, () => tg.userSendsPhoto(MEMBER.id, { bytes: original, caption: "Foto jembatan runtuh di Tamiang Layang tadi malam" }));
    expect(textOf(first.card)).not.toContain("mirip gambar hoaks");
    tg.userPresses(ADMIN.id, first.card, buttonWith(first.card, "Hoaks"));
    const confirm = await tg.waitFor(() => {
      const c = tg.message(ADMIN_GROUP, first.card.message_id)!;
      return (c.reply_markup?.inline_keyboard ?? []).flat().some((b) => b.text.includes("Ya, tandai hoaks")) && c;
    });
    tg.userPresses(ADMIN.id, confirm, buttonWith(confirm, "Ya, tandai hoaks"));
    await tg.waitForBotMessage(MEMBER.id, (m) => textOf(m).includes("tidak diterbitkan"));
    expect(await sc.app.db.falseImage.count()).toBe(1);

    const recycled = await sharp(original).resize(840, 630).jpeg({ quality: 40 }).toBuffer();
    const second = await submit(sc, () => tg.userSendsPhoto(MEMBER.id, { bytes: recycled, caption: "Kiriman warga" }));
    expect(textOf(second.card)).toContain("Gambar mirip gambar hoaks yang sudah dikenal");
    expect(textOf(second.card)).toMatch(/🔴|🟠/);
    const sub = await sc.app.db.submission.findUniqueOrThrow({ where: { id: second.id } });
    expect(["medium", "high"]).toContain(sub.riskLevel);

    // A different picture is not flagged for its image.
    const otherPicture = await syntheticPicture(99, 1200, 900);
    const other = await submit(sc, () => tg.userSendsPhoto(MEMBER.id, { bytes: otherPicture, caption: "Panen jagung" }));
    expect(textOf(other.card)).not.toContain("mirip gambar hoaks");
  }, 40_000);

  it("checks a photo that Telegram would not hand over at first, once it does", async () => {
    s = await startScenario();
    await s.joinMember(MEMBER);
    const { tg } = s;
    // The first try of the card's job gives up after its in-place retries; the next one gets the photo.
    tg.failNext("getFile", { error_code: 500, description: "Internal Server Error" }, 4);
    const bytes = await syntheticPicture(5, 1200, 900);
    const { id, card } = await submit(s, () => tg.userSendsPhoto(MEMBER.id, { bytes, caption: "Gotong royong" }));
    expect(textOf(card)).not.toContain("belum bisa diperiksa");
    const media = await s.app.db.submissionMedia.findFirstOrThrow({ where: { submissionId: id } });
    expect(media.perceptualHash).not.toBeNull();
  }, 40_000);

  it("posts the card after a few tries with the photos it could not check marked so", async () => {
    s = await startScenario();
    await s.joinMember(MEMBER);
    const { tg } = s;
    tg.failNext("getFile", { error_code: 500, description: "Internal Server Error" }, 1000);
    const bytes = await syntheticPicture(6, 1200, 900);
    const { card } = await submit(s, () => tg.userSendsPhoto(MEMBER.id, { bytes, caption: "Pasar murah" }));
    expect(textOf(card)).toContain("1 foto belum bisa diperiksa");
  }, 60_000);

  it("flags a hoax-like chain message with its reasons, and needs a second tap to approve it", async () => {
    s = await startScenario();
    const sc = s;
    await sc.joinMember(MEMBER);
    const { tg } = sc;
    const { card } = await submit(sc, () =>
      tg.userSendsText(
        MEMBER.id,
        "PENTING!!! SEBARKAN SEBELUM DIHAPUS!!! Info dari grup sebelah, bantuan tunai Rp 5 juta untuk semua warga, klik link bit.ly/bansos-cair sekarang juga!!!",
      ),
    );
    const text = textOf(card);
    expect(text).toMatch(/Risiko sedang: mohon diperiksa · peluang hoaks \d+ %/);
    // What the flag rests on, in words, strongest first, and where the chance starts from.
    expect(text).toMatch(/Dasar: gaya pesan berantai: ajakan menyebarkan, /);
    expect(text).toContain("Titik awal: perkiraan 5 % kiriman adalah hoaks");
    expect(text).toContain("Ajakan menyebarkan");
    expect(text).toContain("bit.ly");
    tg.userPresses(ADMIN.id, card, buttonWith(card, "Setujui"));
    await tg.waitFor(() => (tg.message(ADMIN_GROUP, card.message_id)!.reply_markup?.inline_keyboard ?? []).flat().some((b) => b.text.includes("tetap setujui")));
  });

  it("does not flag a genuine flood warning that asks to be forwarded", async () => {
    s = await startScenario();
    const sc = s;
    await sc.joinMember(MEMBER);
    const { card } = await submit(sc, () =>
      sc.tg.userSendsText(
        MEMBER.id,
        "PENTING!!! Air Sungai Karau naik sejak subuh. Warga bantaran sungai mohon waspada dan amankan dokumen ke tempat tinggi. Posko BPBD di kantor desa, hubungi 0812-5xxx-1100. Mohon diteruskan.",
      ),
    );
    expect(textOf(card)).toContain("Skrining: Risiko rendah");
    expect(textOf(card)).toContain("Ajakan menyebarkan");
  });

  it("keeps the calibration current as the admins decide", async () => {
    s = await startScenario({ env: { SCREENING_MIN_DECISIONS: "2" } });
    const sc = s;
    await sc.joinMember(MEMBER);
    const { tg } = sc;
    const check = async (text: string) => {
      const since = tg.botMessages(ADMIN_GROUP).length;
      tg.userSendsText(ADMIN.id, `/cek ${text}`, { chatId: ADMIN_GROUP });
      return textOf(await tg.waitForNewBotMessage(ADMIN_GROUP, since));
    };
    const probe = "Kabarnya air sumur di desa tercemar racun dari pabrik, jangan diminum";
    const before = await check(probe);
    expect(before).toContain("Titik awal: perkiraan 5 %");
    expect(before).toContain("Model belajar belum aktif");

    const hoaxes = [
      "Air PDAM sudah dicampur racun oleh orang tak dikenal, jangan diminum, info dari grup sebelah",
      "Sumur warga tercemar racun limbah pabrik, banyak yang keracunan tapi ditutup-tutupi",
    ];
    for (const text of hoaxes) {
      const { card } = await submit(sc, () => tg.userSendsText(MEMBER.id, text));
      tg.userPresses(ADMIN.id, card, buttonWith(card, "Hoaks"));
      const confirm = await tg.waitFor(() => {
        const c = tg.message(ADMIN_GROUP, card.message_id)!;
        return (c.reply_markup?.inline_keyboard ?? []).flat().some((b) => b.text.includes("Ya, tandai hoaks")) && c;
      });
      tg.userPresses(ADMIN.id, confirm, buttonWith(confirm, "Ya, tandai hoaks"));
      await tg.waitFor(() => (tg.message(ADMIN_GROUP, card.message_id)!.reply_markup?.inline_keyboard ?? []).length === 0);
    }
    for (const text of ["Posyandu balita hari Kamis di rumah kader RT 2", "Gotong royong membersihkan parit hari Minggu pagi"]) {
      const { card } = await submit(sc, () => tg.userSendsText(MEMBER.id, text));
      const since = tg.botMessages(CHANNEL).length;
      tg.userPresses(ADMIN.id, card, buttonWith(card, "Setujui"));
      await tg.waitForNewBotMessage(CHANNEL, since);
    }
    // Four decisions later the classifier is calibrated on them, without a restart.
    const after = await check(probe);
    expect(after).toContain("Titik awal:");
    expect(after).toContain("(4 keputusan admin)");
    expect(after).toContain("Model belajar dari 4 keputusan admin");
  }, 40_000);

  it("answers /cek for a member in private, and lets admins add, list, import and remove known claims", async () => {
    s = await startScenario();
    const sc = s;
    const { tg } = sc;
    tg.userSendsText(ADMIN.id, "/hoaks tambah Vaksin campak menyebabkan kemandulan pada anak perempuan | https://cekfakta.example/vaksin", { chatId: ADMIN_GROUP });
    const added = await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("ditambahkan"));
    const claimId = Number(/#(\d+)/.exec(textOf(added))![1]);

    tg.addUser({ id: 502, first_name: "Warga" });
    tg.userSendsText(502, "/cek katanya vaksin campak bikin anak perempuan mandul ya? sebarkan ke grup keluarga");
    const answer = await tg.waitForBotMessage(502, (m) => textOf(m).includes("Hasil pemeriksaan"));
    expect(textOf(answer)).toContain("Vaksin campak menyebabkan kemandulan");
    expect(textOf(answer)).toContain("https://cekfakta.example/vaksin");
    expect(textOf(answer)).toContain("bukan putusan");
    // The model's training figures are for admins; a member reads the risk in words.
    expect(textOf(answer)).not.toMatch(/keputusan admin|Titik awal|peluang hoaks|#\d/);
    tg.userSendsText(ADMIN.id, "/cek katanya vaksin campak bikin anak perempuan mandul ya?", { chatId: ADMIN_GROUP });
    const forAdmins = await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("Hasil pemeriksaan"));
    expect(textOf(forAdmins)).toContain(`#${claimId}`);
    expect(textOf(forAdmins)).toContain("keputusan admin");

    const csv = "klaim,status,sumber\nMinum air garam hangat menyembuhkan virus corona dalam sehari,hoaks,https://cekfakta.example/garam\npendek,hoaks,\n";
    tg.userSendsDocument(ADMIN.id, { chatId: ADMIN_GROUP, bytes: Buffer.from(csv), fileName: "klaim.csv", mimeType: "text/csv", caption: "/hoaks impor" });
    const report = await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("Impor klaim selesai"));
    expect(textOf(report)).toContain("Baru: 1 · Sudah ada: 0 · Ditolak: 1");

    tg.userSendsText(ADMIN.id, "/hoaks", { chatId: ADMIN_GROUP });
    const list = await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("Klaim hoaks yang dikenal"));
    expect(textOf(list)).toContain("air garam hangat");

    tg.userSendsText(ADMIN.id, `/hoaks hapus ${claimId}`, { chatId: ADMIN_GROUP });
    await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes(`Klaim #${claimId} dihapus`));
    const since = tg.botMessages(502).length;
    tg.userSendsText(502, "/cek vaksin campak menyebabkan kemandulan pada anak perempuan");
    const after = await tg.waitForNewBotMessage(502, since);
    expect(textOf(after)).not.toContain(`#${claimId}`);
    const actions = (await sc.app.db.auditEvent.findMany({ where: { action: { startsWith: "claim." } } })).map((e) => e.action);
    expect(actions).toEqual(["claim.added", "claim.imported", "claim.removed"]);
  });
});
