// Nobody outside the admin group steers the bot, and no button decides more than it shows.
import { afterEach, describe, expect, it } from "vitest";
import type { Message } from "grammy/types";
import { ADMIN, ADMIN_2, ADMIN_GROUP, CHANNEL, buttonWith, startScenario, submitAs, textOf, type Scenario } from "../support/harness.js";
import { callbackData } from "../../src/bot/callback-data.js";

let s: Scenario | undefined;
afterEach(async () => {
  await s?.stop();
  await s?.tg.stop();
  s = undefined;
});

const MEMBER = { id: 431, first_name: "Wati" };

async function scenarioWithMember() {
  s = await startScenario();
  await s.joinMember(MEMBER);
  return s;
}

function submit(sc: Scenario, text: string) {
  return submitAs(sc, MEMBER.id, () => sc.tg.userSendsText(MEMBER.id, text));
}

/** The answer the bot gave to a tap, once it gave one. */
function answerTo(sc: Scenario, queryId: string) {
  return sc.tg.waitFor(() => sc.tg.callbackAnswer(queryId));
}

function leftTheGroup(sc: Scenario, userId: number, first_name: string) {
  sc.tg.removeMember(ADMIN_GROUP, userId);
  // What Telegram sends a bot that is administrator of the group.
  sc.tg.injectUpdate({
    chat_member: {
      chat: { id: ADMIN_GROUP, type: "supergroup", title: "Admin KIM Bartim" },
      from: { id: userId, is_bot: false, first_name },
      date: Math.floor(Date.now() / 1000),
      old_chat_member: { status: "member", user: { id: userId, is_bot: false, first_name } },
      new_chat_member: { status: "left", user: { id: userId, is_bot: false, first_name } },
    },
  });
}

describe("only current members of the admin group decide", () => {
  it("refuses an approval from an admin removed a moment ago, although the bot just saw them as a member", async () => {
    const sc = await scenarioWithMember();
    const { tg } = sc;
    const first = await submit(sc, "Kerja bakti membersihkan parit di RT 04.");
    // Yudi opens the reject menu: the bot checks (and briefly remembers) that he is a member.
    tg.userPresses(ADMIN_2.id, first.card, buttonWith(first.card, "Tolak"));
    await tg.waitFor(() => (tg.message(ADMIN_GROUP, first.card.message_id)?.reply_markup?.inline_keyboard ?? []).flat().some((b) => b.text.includes("Kembali")));
    const second = await submit(sc, "Pembagian sembako untuk lansia di Desa Jaar.");
    tg.removeMember(ADMIN_GROUP, ADMIN_2.id); // no update: Telegram's answer to getChatMember is all the bot can know
    const q = tg.userPresses(ADMIN_2.id, second.card, buttonWith(second.card, "Setujui"));
    expect((await answerTo(sc, q.id)).text).toContain("Hanya anggota grup admin");
    await sc.settled();
    expect((await sc.app.db.submission.findUniqueOrThrow({ where: { id: second.id } })).status).toBe("pending");
    expect(tg.botMessages(CHANNEL)).toHaveLength(0);
  });

  it("drops a member from the remembered ones as soon as a chat_member update says they left", async () => {
    const sc = await scenarioWithMember();
    const { tg } = sc;
    const { id, card } = await submit(sc, "Lomba mewarnai untuk anak PAUD se-kecamatan.");
    tg.userPresses(ADMIN_2.id, card, buttonWith(card, "Tolak"));
    const menu = await tg.waitFor(() => {
      const c = tg.message(ADMIN_GROUP, card.message_id)!;
      return (c.reply_markup?.inline_keyboard ?? []).flat().some((b) => b.text.includes("Kembali")) && c;
    });
    leftTheGroup(sc, ADMIN_2.id, ADMIN_2.first_name);
    await sc.settled();
    const q = tg.userPresses(ADMIN_2.id, menu, callbackData.rejectPreset(0, id));
    expect((await answerTo(sc, q.id)).text).toContain("Hanya anggota grup admin");
    expect((await sc.app.db.submission.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
  });

  it("refuses admin commands from someone who is no longer in the admin group", async () => {
    const sc = await scenarioWithMember();
    const { tg } = sc;
    tg.userSendsText(ADMIN_2.id, "/kim", { chatId: ADMIN_GROUP });
    await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("Daftar KIM") || textOf(m).includes("KIM Hapau Habar"));
    leftTheGroup(sc, ADMIN_2.id, ADMIN_2.first_name);
    await sc.settled();
    const before = await sc.app.db.falseClaim.count();
    // Written while still a member, it reaches the bot after the removal.
    const text = "/hoaks tambah Vaksin mengandung chip pelacak untuk warga desa | https://cekfakta.example/1";
    tg.injectUpdate({
      message: {
        message_id: 9001,
        date: Math.floor(Date.now() / 1000),
        chat: { id: ADMIN_GROUP, type: "supergroup", title: "Admin KIM Bartim" },
        from: { id: ADMIN_2.id, is_bot: false, first_name: ADMIN_2.first_name },
        text,
        entities: [{ type: "bot_command", offset: 0, length: 6 }],
      },
    });
    await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("Hanya anggota grup admin"));
    expect(await sc.app.db.falseClaim.count()).toBe(before);
  });
});

describe("a button decides only what its own card shows", () => {
  it("refuses another card's approve button pressed on this card", async () => {
    const sc = await scenarioWithMember();
    const { tg } = sc;
    const a = await submit(sc, "Rapat koordinasi pengurus KIM di balai desa.");
    const b = await submit(sc, "Penyuluhan pertanian organik untuk petani muda.");
    // The approve payload of card B, placed on card A.
    const q = tg.userPresses(ADMIN.id, a.card, callbackData.review("a", b.id), { allowMissingButton: true });
    expect((await answerTo(sc, q.id)).text).toContain("tidak berlaku");
    await sc.settled();
    for (const id of [a.id, b.id]) expect((await sc.app.db.submission.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
    expect(tg.botMessages(CHANNEL)).toHaveLength(0);
  });

  it("decides from either copy of a card the bot posted twice (a crash the instant Telegram accepted the first)", async () => {
    const sc = await scenarioWithMember();
    const { tg } = sc;
    const { id, card } = await submit(sc, "Gotong royong memperbaiki jembatan desa.");
    // The job's first send was accepted but never recorded; its retry posted this copy and recorded it.
    const copy = await sc.app.bot.api.sendMessage(ADMIN_GROUP, textOf(card), { reply_markup: card.reply_markup });
    await sc.app.db.submission.update({ where: { id }, data: { reviewMessageId: copy.message_id } });
    // The admin taps the first copy: the menu opens there, on the card the admin is looking at.
    const menu = tg.userPresses(ADMIN.id, card, buttonWith(card, "Tolak"));
    await answerTo(sc, menu.id);
    const opened = await tg.waitFor(() => {
      const c = tg.message(ADMIN_GROUP, card.message_id)!;
      return (c.reply_markup?.inline_keyboard ?? []).flat().some((b) => b.text.includes("Kembali")) && c;
    });
    tg.userPresses(ADMIN.id, opened, buttonWith(opened, "Kembali"));
    const back = await tg.waitFor(() => {
      const c = tg.message(ADMIN_GROUP, card.message_id)!;
      return (c.reply_markup?.inline_keyboard ?? []).flat().some((b) => b.text.includes("Setujui")) && c;
    });
    const approve = tg.userPresses(ADMIN.id, back, buttonWith(back, "Setujui"));
    expect((await answerTo(sc, approve.id)).text).toContain("Disetujui");
    await tg.waitForBotMessage(CHANNEL);
    await sc.settled();
    expect((await sc.app.db.submission.findUniqueOrThrow({ where: { id } })).status).toBe("published");
    expect(tg.botMessages(CHANNEL)).toHaveLength(1);
    // The other copy decides nothing more: it says who decided.
    const late = tg.userPresses(ADMIN_2.id, copy, buttonWith(copy, "Setujui"));
    expect((await answerTo(sc, late.id)).text).toContain("Sari");
    await sc.settled();
    expect(tg.botMessages(CHANNEL)).toHaveLength(1);
  });

  it("never publishes a high-risk item on one tap, even when the confirming button is sent directly", async () => {
    const sc = await scenarioWithMember();
    const { tg } = sc;
    const { id, card } = await submit(sc, "Info penting soal jadwal posyandu bulan depan.");
    await sc.app.db.submission.update({ where: { id }, data: { riskLevel: "high" } });
    const forged = tg.userPresses(ADMIN.id, card, callbackData.review("A", id), { allowMissingButton: true });
    expect((await answerTo(sc, forged.id)).text).toContain("ditandai berisiko");
    await sc.settled();
    expect((await sc.app.db.submission.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
    expect(tg.botMessages(CHANNEL)).toHaveLength(0);

    // The warning was shown on this card now: the confirming tap counts.
    const warned: Message = tg.message(ADMIN_GROUP, card.message_id)!;
    tg.userPresses(ADMIN.id, warned, buttonWith(warned, "Ya, tetap setujui"));
    await tg.waitForBotMessage(CHANNEL);
    expect((await sc.app.db.submission.findUniqueOrThrow({ where: { id } })).status).not.toBe("pending");
  });

  it("refuses a hoax mark sent without its confirmation", async () => {
    const sc = await scenarioWithMember();
    const { tg } = sc;
    const { id, card } = await submit(sc, "Pengumuman lomba kebersihan kampung.");
    const q = tg.userPresses(ADMIN.id, card, callbackData.review("H", id), { allowMissingButton: true });
    await answerTo(sc, q.id);
    await sc.settled();
    expect((await sc.app.db.submission.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
    expect(await sc.app.db.falseClaim.count()).toBe(0);
  });
});

describe("what people type reaches Telegram escaped, and secrets stay secret", () => {
  it("shows names, KIM names, captions and reasons literally everywhere, with no call Telegram refuses", async () => {
    s = await startScenario({ captureLogs: true, seed: false });
    const { tg } = s;
    const csv = "kecamatan,desa,nama_kim\nDusun <Timur> & Co,Jaar \"Baru\",<b>KIM</b> & <i>Kita</i>\n";
    tg.userSendsDocument(ADMIN.id, { chatId: ADMIN_GROUP, bytes: Buffer.from(csv), fileName: "kim.csv", mimeType: "text/csv", caption: "/impor" });
    await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("Impor daftar KIM selesai"));
    const member = { id: 461, first_name: "<b>Budi</b>", last_name: "& \"Ani\"", username: "budi_ani" };
    await s.joinMember(member, "<b>KIM</b> & <i>Kita</i>");
    const { id, card } = await submitAs(s, member.id, () => tg.userSendsPhoto(member.id, { width: 1600, height: 1200, caption: "Foto <script>alert(1)</script> & <a href=x>tautan</a>" }));
    expect(textOf(card)).toContain("<b>Budi</b> & \"Ani\"");
    expect(textOf(card)).toContain("<b>KIM</b> & <i>Kita</i>");
    expect(textOf(card)).toContain("<script>alert(1)</script>");
    // A typed rejection reason with markup of its own.
    tg.userPresses(ADMIN.id, card, buttonWith(card, "Tolak"));
    const menu = await tg.waitFor(() => {
      const c = tg.message(ADMIN_GROUP, card.message_id)!;
      return (c.reply_markup?.inline_keyboard ?? []).flat().some((b) => b.text.includes("Tulis alasan")) && c;
    });
    tg.userPresses(ADMIN.id, menu, buttonWith(menu, "Tulis alasan"));
    const ask = await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("alasan penolakan"));
    tg.userSendsText(ADMIN.id, "Foto <u>buram</u> & tidak jelas </b>", { chatId: ADMIN_GROUP, replyTo: ask.message_id });
    const told = await tg.waitForBotMessage(member.id, (m) => textOf(m).includes("belum bisa diterbitkan"));
    expect(textOf(told)).toContain("Foto <u>buram</u> & tidak jelas </b>");
    await s.settled();
    expect(textOf(tg.message(ADMIN_GROUP, card.message_id))).toContain("Foto <u>buram</u> & tidak jelas </b>");
    tg.userSendsText(ADMIN.id, `/riwayat ${id}`, { chatId: ADMIN_GROUP });
    tg.userSendsText(ADMIN.id, "/anggota Kita", { chatId: ADMIN_GROUP });
    tg.userSendsText(ADMIN.id, "/kim", { chatId: ADMIN_GROUP });
    tg.userSendsText(ADMIN.id, "/antrian", { chatId: ADMIN_GROUP });
    tg.userSendsText(member.id, "/status");
    tg.userSendsText(member.id, "/profil");
    await s.settled();
    expect(tg.calls.filter((c) => !c.ok && c.method !== "getUpdates")).toEqual([]);
    const logs = JSON.stringify(s.logs);
    expect(logs).not.toContain(tg.token);
    for (const chat of [ADMIN_GROUP, member.id]) for (const m of tg.messages(chat)) expect(textOf(m)).not.toContain(tg.token);
  }, 60_000);

  it("gives every KIM its own invite code of at least 96 random bits (renewal: registration.test.ts)", async () => {
    s = await startScenario();
    const codes = (await s.app.db.kim.findMany()).map((k) => k.inviteCode);
    for (const code of codes) {
      expect(code).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(code.length * 6).toBeGreaterThanOrEqual(96);
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("refuses an oversized file without downloading it", async () => {
    const sc = await scenarioWithMember();
    const { tg } = sc;
    const before = tg.calls.filter((c) => c.method === "getFile").length;
    const since = tg.botMessages(MEMBER.id).length;
    tg.userSendsDocument(MEMBER.id, { fileName: "rekaman.mp4", mimeType: "video/mp4", fileSize: 60 * 1024 * 1024 });
    expect(textOf(await tg.waitForNewBotMessage(MEMBER.id, since))).toContain("lebih besar dari batas");
    tg.userSendsDocument(ADMIN.id, { chatId: ADMIN_GROUP, fileName: "besar.csv", mimeType: "text/csv", fileSize: 30 * 1024 * 1024, caption: "/impor" });
    await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("CSV"));
    await sc.settled();
    expect(tg.calls.filter((c) => c.method === "getFile").length).toBe(before);
  });
});
