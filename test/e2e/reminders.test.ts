import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { parseCsv } from "../../src/reports/csv.js";
import { importRegistry } from "../../src/domain/registry.js";
import { ADMIN, ADMIN_GROUP, buttonWith, REGISTRY_CSV, startScenario, textOf, type Scenario } from "../support/harness.js";

let s: Scenario | undefined;
afterEach(async () => {
  await s?.stop();
  await s?.tg.stop();
  s = undefined;
});

// Monday 06:00 in Jakarta is Sunday 23:00 UTC: the run must follow Jakarta's calendar.
const CRON = "0 6 * * 1";
const SUNDAY_2259_UTC = "2026-11-29T22:59:00Z";
const MONDAY_0600_WIB = "2026-11-29T23:00:00Z";

const RINA = { id: 801, first_name: "Rina" };
const BUDI = { id: 802, first_name: "Budi" };
const SITI = { id: 803, first_name: "Siti" };
const DODI = { id: 804, first_name: "Dodi" };

/** Three KIMs with members: Hapau Habar (Rina, Budi) never posted, Pawawara (Siti) posted two weeks ago, Netampin (Dodi) posted this week. */
async function reminderScenario(clock: ManualClock) {
  s = await startScenario({ clock, env: { REMINDER_CRON: CRON, INACTIVE_DAYS: "7", REMINDERS: "off" } });
  const sc = s;
  await sc.joinMember(RINA, "KIM Hapau Habar");
  await sc.joinMember(BUDI, "KIM Hapau Habar");
  await sc.joinMember(SITI, "KIM Pawawara");
  await sc.joinMember(DODI, "KIM Netampin Bersinar");
  const db = sc.app.db;
  // KIMs registered long ago: a KIM created within the inactivity window is new, not inactive.
  await db.kim.updateMany({ data: { createdAt: new Date("2026-10-01T00:00:00Z") } });
  const post = async (name: string, at: string) => {
    const member = await db.member.findFirstOrThrow({ where: { kim: { name } } });
    await db.submission.create({ data: { memberId: member.id, kimId: member.kimId!, kind: "text", text: "Berita", status: "published", confirmedAt: new Date(at) } });
  };
  await post("KIM Pawawara", "2026-11-16T03:00:00Z");
  await post("KIM Netampin Bersinar", "2026-11-27T03:00:00Z");
  return sc;
}

const reminders = (sc: Scenario, userId: number) => sc.tg.botMessages(userId).filter((m) => textOf(m).includes("belum"));

describe("weekly reminders", () => {
  it("runs at Monday 06:00 Jakarta time across the UTC date boundary, once even if fired twice", async () => {
    const clock = new ManualClock(SUNDAY_2259_UTC);
    const sc = await reminderScenario(clock);
    expect(await sc.app.reminders.tick()).toBeUndefined();
    await sc.idle();
    expect(reminders(sc, RINA.id)).toHaveLength(0);

    clock.set(MONDAY_0600_WIB);
    await sc.app.reminders.tick();
    await sc.app.reminders.tick();
    await sc.idle();
    const rina = reminders(sc, RINA.id);
    expect(rina).toHaveLength(1);
    expect(textOf(rina[0])).toContain("KIM Hapau Habar belum pernah mengirim berita");
    expect(reminders(sc, BUDI.id)).toHaveLength(1);
    const siti = reminders(sc, SITI.id);
    expect(siti).toHaveLength(1);
    expect(textOf(siti[0])).toContain("belum mengirim berita sejak 16 November 2026");
    expect(reminders(sc, DODI.id)).toHaveLength(0);

    // The button starts the guided flow.
    sc.tg.userPresses(RINA.id, rina[0]!, buttonWith(rina[0]!, "Kirim berita"));
    await sc.tg.waitForBotMessage(RINA.id, (m) => textOf(m).includes("Apa yang terjadi"));

    const summary = await sc.tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("Pengingat mingguan 2026-W49"));
    expect(textOf(summary)).toContain("Dusun Timur: 0 aktif · 2 tidak aktif");
    expect(textOf(summary)).toContain("Paju Epat: 1 aktif\n");
    expect(textOf(summary)).toContain("Diingatkan: 2 KIM, 3 anggota");
    await sc.tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("Laporan keaktifan KIM"), 15_000);
  }, 40_000);

  it("catches up a run missed while the bot was down, once, and skips blocked members and paused KIMs", async () => {
    const clock = new ManualClock("2026-11-27T03:00:00Z");
    const sc = await reminderScenario(clock);
    sc.tg.userBlocksBot(BUDI.id);
    sc.tg.userSendsText(ADMIN.id, "/jeda KIM Pawawara | 2026-12-31", { chatId: ADMIN_GROUP });
    await sc.tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("dijeda sampai 2026-12-31"));
    await sc.idle();
    await sc.stop();

    // Down over Monday 06:00; back on Tuesday with reminders on.
    clock.set("2026-12-01T02:00:00Z");
    s = sc;
    (sc.config.reminders as { enabled: boolean }).enabled = true;
    await sc.start();
    await sc.idle();
    const summary = await sc.tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("Pengingat mingguan 2026-W49"));
    expect(textOf(summary)).toContain("(susulan)");
    expect(textOf(summary)).toContain("1 anggota memblokir bot");
    expect(textOf(summary)).toContain("Dijeda: 1 KIM");
    expect(reminders(sc, RINA.id)).toHaveLength(1);
    expect(reminders(sc, BUDI.id)).toHaveLength(0);
    expect(reminders(sc, SITI.id)).toHaveLength(0);

    await sc.restart();
    await sc.idle();
    expect(reminders(sc, RINA.id)).toHaveLength(1);
  }, 40_000);

  it("lets admins preview and send now with /pengingat", async () => {
    const clock = new ManualClock("2026-11-27T03:00:00Z");
    const sc = await reminderScenario(clock);
    sc.tg.userSendsText(ADMIN.id, "/pengingat cek", { chatId: ADMIN_GROUP });
    const preview = await sc.tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("Pratinjau pengingat"));
    expect(textOf(preview)).toContain("KIM Hapau Habar (Kec. Dusun Timur): 2 anggota · terakhir belum pernah");
    expect(textOf(preview)).toContain("Setiap Senin pukul 06.00");
    await sc.idle();
    expect(reminders(sc, RINA.id)).toHaveLength(0);
    sc.tg.userSendsText(ADMIN.id, "/pengingat kirim", { chatId: ADMIN_GROUP });
    // One confirmation that says how many members of how many KIMs; nothing is sent before it.
    const ask = await sc.tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("Kirim pengingat sekarang"));
    expect(textOf(ask)).toContain("ke 3 anggota di 2 KIM");
    await sc.idle();
    expect(reminders(sc, RINA.id)).toHaveLength(0);
    sc.tg.userPresses(ADMIN.id, ask, buttonWith(ask, "Kirim ke 3 anggota di 2 KIM"));
    await sc.tg.waitFor(() => textOf(sc.tg.message(ADMIN_GROUP, ask.message_id)).includes("Pengingat dikirim ke 3 anggota dari 2 KIM"));
    await sc.idle();
    expect(reminders(sc, RINA.id)).toHaveLength(1);
  }, 40_000);

  it("sends once when the confirmation is tapped twice, and a cancelled one sends nothing", async () => {
    const clock = new ManualClock("2026-11-27T03:00:00Z");
    const sc = await reminderScenario(clock);
    sc.tg.userSendsText(ADMIN.id, "/pengingat kirim", { chatId: ADMIN_GROUP });
    const ask = await sc.tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("Kirim pengingat sekarang"));
    const data = buttonWith(ask, "Kirim ke");
    const first = sc.tg.userPresses(ADMIN.id, ask, data);
    const second = sc.tg.userPresses(ADMIN.id, ask, data);
    await sc.tg.waitFor(() => sc.tg.callbackAnswer(first.id) && sc.tg.callbackAnswer(second.id));
    await sc.idle();
    expect(reminders(sc, RINA.id)).toHaveLength(1);
    expect(reminders(sc, BUDI.id)).toHaveLength(1);
    expect(sc.tg.botMessages(ADMIN_GROUP).filter((m) => textOf(m).includes("Pengingat mingguan"))).toHaveLength(1);
    expect([first, second].map((q) => sc.tg.callbackAnswer(q.id)?.text ?? "")).toContain("Pengingat ini sudah dikirim.");

    // Cancelled: the question is answered and nobody new is reminded.
    await sc.app.db.reminderSent.deleteMany({});
    sc.tg.userSendsText(ADMIN.id, "/pengingat kirim", { chatId: ADMIN_GROUP });
    const again = await sc.tg.waitForBotMessage(ADMIN_GROUP, (m) => m.message_id !== ask.message_id && textOf(m).includes("Kirim pengingat sekarang"));
    sc.tg.userPresses(ADMIN.id, again, buttonWith(again, "Batal"));
    await sc.tg.waitFor(() => textOf(sc.tg.message(ADMIN_GROUP, again.message_id)).includes("tidak jadi dikirim"));
    await sc.idle();
    expect(reminders(sc, RINA.id)).toHaveLength(1);
  }, 40_000);

  it("gives KIMs registered this week a grace week, but /pengingat kirim reaches them; the summary counts every KIM once", async () => {
    const clock = new ManualClock(SUNDAY_2259_UTC);
    s = await startScenario({ clock, env: { REMINDER_CRON: CRON, INACTIVE_DAYS: "7", REMINDERS: "off" } });
    const sc = s;
    await sc.joinMember(RINA, "KIM Hapau Habar");
    await sc.joinMember(DODI, "KIM Netampin Bersinar");
    const db = sc.app.db;
    // Hapau Habar was registered two days ago (new); the others long ago. Pawawara has no member.
    await db.kim.updateMany({ data: { createdAt: new Date("2026-10-01T00:00:00Z") } });
    await db.kim.updateMany({ where: { name: "KIM Hapau Habar" }, data: { createdAt: new Date("2026-11-27T00:00:00Z") } });
    clock.set(MONDAY_0600_WIB);
    await sc.app.reminders.tick();
    await sc.idle();
    expect(reminders(sc, DODI.id)).toHaveLength(1);
    expect(reminders(sc, RINA.id)).toHaveLength(0);
    const summary = textOf(await sc.tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("Pengingat mingguan 2026-W49")));
    expect(summary).toContain("Dusun Timur: 0 aktif · 1 tidak aktif · 1 baru");
    expect(summary).toContain("Paju Epat: 0 aktif · 1 tidak aktif");
    expect(summary).toContain("Diingatkan: 1 KIM, 1 anggota");
    expect(summary).toContain("Baru terdaftar, belum diingatkan pada minggu pertamanya: 1 KIM: KIM Hapau Habar");
    expect(summary).toContain("Tanpa anggota aktif yang bisa dihubungi: 1 KIM: KIM Pawawara");
    expect(summary).not.toContain("Semua");

    // The admin's explicit request reaches the new KIM too (Dodi was reminded this week already).
    sc.tg.userSendsText(ADMIN.id, "/pengingat kirim", { chatId: ADMIN_GROUP });
    const ask = await sc.tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("Kirim pengingat sekarang"));
    expect(textOf(ask)).toContain("ke 1 anggota di 1 KIM");
    expect(textOf(ask)).toContain("termasuk 1 KIM baru");
    sc.tg.userPresses(ADMIN.id, ask, buttonWith(ask, "Kirim ke 1 anggota di 1 KIM"));
    await sc.tg.waitForBotMessage(RINA.id, (m) => textOf(m).includes("KIM Hapau Habar belum pernah mengirim berita"));
    await sc.idle();
    expect(reminders(sc, DODI.id)).toHaveLength(1);
  }, 40_000);

  it("says every KIM is active only when every KIM is", async () => {
    const clock = new ManualClock("2026-11-27T03:00:00Z");
    const sc = await reminderScenario(clock);
    const db = sc.app.db;
    const post = async (name: string) => {
      const member = await db.member.findFirstOrThrow({ where: { kim: { name } } });
      await db.submission.create({ data: { memberId: member.id, kimId: member.kimId!, kind: "text", text: "Berita", status: "pending", confirmedAt: new Date("2026-11-26T03:00:00Z") } });
    };
    await post("KIM Hapau Habar");
    await post("KIM Pawawara");
    sc.tg.userSendsText(ADMIN.id, "/pengingat kirim", { chatId: ADMIN_GROUP });
    await sc.tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("Tidak ada KIM yang perlu diingatkan sekarang"));
    (sc.config.reminders as { enabled: boolean }).enabled = true;
    await sc.app.reminders.tick();
    clock.set("2026-11-29T23:30:00Z"); // Monday 06:30 in Jakarta: the week's run
    await sc.app.reminders.tick();
    await sc.idle();
    const summary = textOf(await sc.tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("Pengingat mingguan")));
    expect(summary).toContain("Semua 3 KIM aktif minggu ini");
    expect(summary).not.toContain("tidak aktif");

    // Next week one KIM has no member left and nothing to show: no reminder, and no "all active".
    await db.member.updateMany({ where: { kim: { name: "KIM Pawawara" } }, data: { status: "removed" } });
    await db.submission.updateMany({ data: { confirmedAt: new Date("2026-12-02T03:00:00Z") } });
    await db.submission.updateMany({ where: { kim: { name: "KIM Pawawara" } }, data: { confirmedAt: new Date("2026-11-20T03:00:00Z") } });
    clock.set("2026-12-06T23:30:00Z");
    await sc.app.reminders.tick();
    await sc.idle();
    const next = textOf(await sc.tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("Pengingat mingguan 2026-W50")));
    expect(next).toContain("Dusun Timur: 1 aktif · 1 tidak aktif");
    expect(next).toContain("Tidak ada pengingat yang terkirim.");
    expect(next).toContain("Tanpa anggota aktif yang bisa dihubungi: 1 KIM: KIM Pawawara");
    expect(next).not.toContain("Semua");
  }, 40_000);

  it("posts no summary and no digest on the first start of a fresh install without KIMs", async () => {
    // Monday 09:00 in Jakarta, past this week's 06:00 run: a catch-up would be due at start.
    const clock = new ManualClock("2026-11-30T02:00:00Z");
    s = await startScenario({ clock, seed: false, env: { REMINDER_CRON: CRON, REMINDERS: "on" } });
    const sc = s;
    await sc.app.reminders.tick();
    await sc.idle();
    const said = sc.tg.botMessages(ADMIN_GROUP).map(textOf);
    expect(said.filter((t) => t.includes("Pengingat mingguan") || t.includes("Laporan keaktifan"))).toEqual([]);
    expect(await sc.app.db.reminderRun.count()).toBe(0);
    // Once the registry has KIMs, the week's run happens.
    await importRegistry(sc.app.db, REGISTRY_CSV);
    await sc.app.reminders.tick();
    await sc.tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("Pengingat mingguan 2026-W49"));
  }, 40_000);

  it("answers /laporan with a summary, two PNG charts and a CSV that parses back to the same figures", async () => {
    const clock = new ManualClock("2026-11-28T03:00:00Z");
    const sc = await reminderScenario(clock);
    const before = sc.tg.botMessages(ADMIN_GROUP).length;
    sc.tg.userSendsText(ADMIN.id, "/laporan 2026-11-01..2026-11-30", { chatId: ADMIN_GROUP });
    const csvMessage = await sc.tg.waitFor(() => sc.tg.botMessages(ADMIN_GROUP).slice(before).find((m) => m.document), 20_000);
    const sent = sc.tg.botMessages(ADMIN_GROUP).slice(before);
    const summary = textOf(sent[0]);
    expect(summary).toContain("Laporan keaktifan KIM");
    expect(summary).toContain("2 dari 3 KIM mengirim");
    // The header and the CSV's file name name the same days: counting stops today, 28 Nov.
    expect(summary).toContain("🗓 1 Nov 2026 – 28 Nov 2026");
    expect(csvMessage.document!.file_name).toBe("keaktifan-kim-2026-11-01_2026-11-28.csv");
    const charts = sent.filter((m) => m.photo);
    expect(charts).toHaveLength(2);
    for (const chart of charts) {
      const largest = chart.photo!.at(-1)!;
      const png = sc.tg.fileBytes(largest.file_id);
      expect(png.length).toBeGreaterThan(1000);
      // Sent at the width Telegram shows without scaling (charts are laid out for a phone).
      expect(largest.width).toBeGreaterThanOrEqual(600);
      expect(largest.width).toBeLessThanOrEqual(1280);
    }
    const rows = parseCsv(sc.tg.fileBytes(csvMessage.document!.file_id).toString("utf8"));
    const header = rows[0]!;
    const byKim = new Map(rows.slice(1).map((r) => [r[header.indexOf("KIM")], r]));
    expect(byKim.get("KIM Pawawara")?.[header.indexOf("Kiriman")]).toBe("1");
    expect(byKim.get("KIM Netampin Bersinar")?.[header.indexOf("Terbit")]).toBe("1");
    expect(byKim.get("KIM Hapau Habar")?.[header.indexOf("Kiriman")]).toBe("0");
  }, 40_000);
});
