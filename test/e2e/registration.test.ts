import { afterEach, describe, expect, it } from "vitest";
import { ADMIN, ADMIN_GROUP, buttonData, buttonWith, startScenario, textOf, waitUntil, type Scenario } from "../support/harness.js";

let s: Scenario | undefined;
afterEach(async () => {
  await s?.stop();
  await s?.tg.stop();
  s = undefined;
});

describe("KIM registry and onboarding", () => {
  it("imports a CSV sent with /impor in the admin group, reporting a bad row, and re-imports without duplicates", async () => {
    s = await startScenario({ seed: false });
    const { tg } = s;
    const csv = "\uFEFFkecamatan;desa;nama_kim\nAwang;Bentot;KIM Bentot Maju\n;Desa X;KIM Tanpa Kecamatan\nPaku;Tampa;KIM Tampa\n";
    const before = tg.botMessages(ADMIN_GROUP).length;
    tg.userSendsDocument(ADMIN.id, { chatId: ADMIN_GROUP, bytes: Buffer.from(csv), fileName: "kim.csv", mimeType: "text/csv", caption: "/impor" });
    const report = await tg.waitForNewBotMessage(ADMIN_GROUP, before);
    expect(textOf(report)).toContain("Baru: 2 kecamatan, 2 desa, 2 KIM");
    expect(textOf(report)).toContain("Ditolak: 1 baris");
    expect(textOf(report)).toContain("baris 3: kecamatan kosong");

    tg.userSendsDocument(ADMIN.id, { chatId: ADMIN_GROUP, bytes: Buffer.from(csv), fileName: "kim.csv", mimeType: "text/csv", caption: "/impor" });
    const again = await tg.waitForNewBotMessage(ADMIN_GROUP, before + 1);
    expect(textOf(again)).toContain("Baru: 0 kecamatan, 0 desa, 0 KIM");
    expect(textOf(again)).toContain("Tidak berubah: 2 KIM");
    expect(await s.app.db.kim.count()).toBe(2);
  });

  it("registers a member through an invite link after they confirm their display name", async () => {
    s = await startScenario();
    const { tg } = s;
    tg.addUser({ id: 201, first_name: "Rina", last_name: "Wati" });
    const before = tg.botMessages(ADMIN_GROUP).length;
    tg.userSendsText(ADMIN.id, "/undangan hapau", { chatId: ADMIN_GROUP });
    const links = await tg.waitForNewBotMessage(ADMIN_GROUP, before);
    const code = await s.inviteCode("KIM Hapau Habar");
    expect(textOf(links)).toContain(`https://t.me/${tg.bot.username}?start=${code}`);

    tg.userSendsText(201, `/start ${code}`);
    const prompt = await tg.waitForBotMessage(201, (m) => textOf(m).includes("Bergabung ke KIM Hapau Habar"));
    expect(textOf(prompt)).toContain("Rina Wati");
    tg.userPresses(201, prompt, buttonWith(prompt, "Ganti nama"));
    await tg.waitForBotMessage(201, (m) => textOf(m).includes("Ketik nama"));
    tg.userSendsText(201, "Rina dari Tamiang");
    const renamed = await tg.waitForBotMessage(201, (m) => textOf(m).includes("Rina dari Tamiang") && !!m.reply_markup);
    tg.userPresses(201, renamed, buttonWith(renamed, "Ya, gabung"));
    await tg.waitForBotMessage(201, (m) => textOf(m).includes("Selamat bergabung di KIM Hapau Habar"));
    const member = await s.app.db.member.findUniqueOrThrow({ where: { telegramId: 201n }, include: { kim: true } });
    expect(member.status).toBe("active");
    expect(member.kim?.name).toBe("KIM Hapau Habar");
    expect(member.displayName).toBe("Rina dari Tamiang");

    tg.userSendsText(201, "/profil");
    const profile = await tg.waitForBotMessage(201, (m) => textOf(m).includes("Profil Anda"));
    expect(textOf(profile)).toContain("Dusun Timur");
  });

  it("refuses a revoked invite code", async () => {
    s = await startScenario();
    const { tg } = s;
    const old = await s.inviteCode("KIM Pawawara");
    tg.userSendsText(ADMIN.id, "/undangan_baru KIM Pawawara", { chatId: ADMIN_GROUP });
    await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("diganti"));
    tg.addUser({ id: 202, first_name: "Joko" });
    tg.userSendsText(202, `/start ${old}`);
    await tg.waitForBotMessage(202, (m) => textOf(m).includes("tidak berlaku"));
    expect(await s.app.db.member.count({ where: { status: "active" } })).toBe(0);
  });

  it("lets a user choose kecamatan and KIM, asks the admins, and tells the user the outcome", async () => {
    s = await startScenario();
    const { tg } = s;
    tg.addUser({ id: 203, first_name: "Siti" });
    tg.userSendsText(203, "/start");
    const picker = await tg.waitForBotMessage(203, (m) => textOf(m).includes("Pilih kecamatan"));
    tg.userPresses(203, picker, buttonWith(picker, "Paju Epat"));
    const kims = await tg.waitFor(() => textOf(tg.message(203, picker.message_id)).includes("Pilih KIM") && tg.message(203, picker.message_id));
    tg.userPresses(203, kims, buttonWith(kims, "KIM Netampin Bersinar"));
    const confirm = await tg.waitFor(() => textOf(tg.message(203, picker.message_id)).includes("Kirim permintaan") && tg.message(203, picker.message_id));
    const before = tg.botMessages(ADMIN_GROUP).length;
    tg.userPresses(203, confirm, buttonData(confirm, 0));
    await tg.waitFor(() => textOf(tg.message(203, picker.message_id)).includes("sudah dikirim"));

    const request = await tg.waitForNewBotMessage(ADMIN_GROUP, before);
    expect(textOf(request)).toContain("Permintaan bergabung");
    expect(textOf(request)).toContain("KIM Netampin Bersinar");
    tg.userSendsText(203, "/start");
    await tg.waitForBotMessage(203, (m) => textOf(m).includes("masih menunggu"));

    tg.userPresses(ADMIN.id, request, buttonWith(request, "Setujui"));
    await tg.waitForBotMessage(203, (m) => textOf(m).includes("disetujui"));
    await tg.waitFor(() => textOf(tg.message(ADMIN_GROUP, request.message_id)).includes("Disetujui oleh Sari Admin"));
    const member = await s.app.db.member.findUniqueOrThrow({ where: { telegramId: 203n }, include: { kim: true } });
    expect(member.status).toBe("active");
    expect(member.kim?.name).toBe("KIM Netampin Bersinar");
  });

  it("lists members, removes one, and stops messaging a member who blocked the bot", async () => {
    s = await startScenario();
    const { tg } = s;
    await s.joinMember({ id: 204, first_name: "Agus" });
    await s.joinMember({ id: 205, first_name: "Beni" });
    tg.userSendsText(ADMIN.id, "/anggota KIM Hapau Habar", { chatId: ADMIN_GROUP });
    const list = await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("Anggota KIM Hapau Habar"));
    expect(textOf(list)).toContain("Agus");
    expect(textOf(list)).toContain("205");

    tg.userBlocksBot(205);
    const db = s.app.db;
    await waitUntil(async () => (await db.member.findUniqueOrThrow({ where: { telegramId: 205n } })).blockedAt !== null);
    tg.userSendsText(ADMIN.id, "/keluarkan 204", { chatId: ADMIN_GROUP });
    await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("Agus dikeluarkan"));
    await tg.waitForBotMessage(204, (m) => textOf(m).includes("tidak lagi terdaftar"));
    expect((await db.member.findUniqueOrThrow({ where: { telegramId: 204n } })).status).toBe("removed");

    tg.userSendsText(ADMIN.id, "/keluarkan 205", { chatId: ADMIN_GROUP });
    await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("Beni dikeluarkan"));
    await s.idle();
    expect(tg.calls.filter((c) => c.method === "sendMessage" && c.params.chat_id === 205 && !c.ok)).toHaveLength(0);
  });
});
