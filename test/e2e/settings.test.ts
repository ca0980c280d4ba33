// The operator is never left guessing: the start-up checks say what is wrong in plain words, and
// nothing a member sent is lost while a setting is wrong.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/paths.js";
import { spawnBot, type ChildBot } from "../support/child-bot.js";
import { ADMIN, ADMIN_GROUP, CHANNEL, buttonWith, startScenario, submitAs, textOf, waitUntil, type Scenario } from "../support/harness.js";

const run = promisify(execFile);
let s: Scenario | undefined;
const children: ChildBot[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.process.exitCode === null) await c.kill();
  await s?.stop();
  await s?.tg.stop();
  s = undefined;
});

const MEMBER = { id: 471, first_name: "Yanti" };
const WRONG_GROUP = "-1009999999999";

function doctor(env: Record<string, string>) {
  return run(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "src/cli/doctor.ts")], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
  }).then(
    (r) => ({ code: 0, out: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
  );
}

function scenarioEnv(sc: Scenario, extra: Record<string, string> = {}) {
  return { BOT_TOKEN: sc.tg.token, TELEGRAM_API_ROOT: sc.tg.apiRoot, ADMIN_CHAT_ID: String(ADMIN_GROUP), CHANNEL_ID: String(CHANNEL), DATABASE_URL: sc.config.databaseUrl, ...extra };
}

describe("start-up checks", () => {
  it("names a wrong ADMIN_CHAT_ID; the member's submission waits and gets its card once the setting is fixed", async () => {
    s = await startScenario({ captureLogs: true, env: { ADMIN_CHAT_ID: WRONG_GROUP } });
    const sc = s;
    const { tg } = sc;
    const problem = sc.logs.find((l) => l.check === "admin-chat");
    expect(problem?.level).toBe(50);
    expect(problem?.msg).toContain(`ADMIN_CHAT_ID ${WRONG_GROUP} tidak ditemukan`);
    expect(problem?.msg).toContain("/id");

    await sc.joinMember(MEMBER);
    const since = tg.botMessages(MEMBER.id).length;
    tg.userSendsText(MEMBER.id, "Pelatihan kader posyandu di Desa Jaar.");
    const prompt = await tg.waitFor(() => tg.botMessages(MEMBER.id).slice(since).find((m) => textOf(m).includes("Pratinjau")));
    tg.userPresses(MEMBER.id, prompt, buttonWith(prompt, "Kirim"));
    await tg.waitFor(() => textOf(tg.message(MEMBER.id, prompt.message_id)).includes("Terkirim"));
    await waitUntil(async () => (await sc.app.db.job.count({ where: { kind: "review.card", status: "waiting" } })) === 1);

    const wrong = await doctor(scenarioEnv(sc, { ADMIN_CHAT_ID: WRONG_GROUP }));
    expect(wrong.code).toBe(1);
    expect(wrong.out).toContain(`ADMIN_CHAT_ID ${WRONG_GROUP} tidak ditemukan`);

    // The operator puts the right id in .env and restarts: nobody sends anything again.
    await sc.restart({ ADMIN_CHAT_ID: String(ADMIN_GROUP) });
    const card = await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("Pelatihan kader posyandu") && !!m.reply_markup, 15_000);
    expect(textOf(card)).toContain("Kiriman #");
    const right = await doctor(scenarioEnv(sc));
    expect(right.out).toContain("Semua pemeriksaan lulus");
    expect(right.code).toBe(0);
  }, 90_000);

  it("publishes an approved item once the bot is made administrator of the channel, without another tap", async () => {
    s = await startScenario();
    const sc = s;
    const { tg } = sc;
    await sc.joinMember(MEMBER);
    tg.botAddedTo(CHANNEL, "member");
    await sc.settled();
    const { id, card } = await submitAs(sc, MEMBER.id, () => tg.userSendsText(MEMBER.id, "Jadwal vaksinasi anak di Puskesmas Ampah."));
    tg.userPresses(ADMIN.id, card, buttonWith(card, "Setujui"));
    await waitUntil(async () => (await sc.app.db.job.count({ where: { kind: "submission.publish", status: "waiting" } })) === 1);
    await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("tertahan karena pengaturan bot"));
    expect(tg.botMessages(CHANNEL)).toHaveLength(0);

    tg.botAddedTo(CHANNEL, "administrator");
    await tg.waitForBotMessage(CHANNEL, (m) => textOf(m).includes("Jadwal vaksinasi"), 15_000);
    await waitUntil(async () => (await sc.app.db.submission.findUniqueOrThrow({ where: { id } })).status === "published");
  }, 60_000);

  it("answers /periksa with every check, and /antrian sends again a card that never arrived", async () => {
    s = await startScenario();
    const sc = s;
    const { tg } = sc;
    tg.userSendsText(ADMIN.id, "/periksa", { chatId: ADMIN_GROUP });
    const report = await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).startsWith("🩺") && textOf(m).includes("Kanal"));
    expect(textOf(report)).toContain("✅ Token bot diterima Telegram");
    expect(textOf(report)).toContain("✅ Grup admin");
    expect(textOf(report)).toContain("✅ Kanal");

    await sc.joinMember(MEMBER);
    const { id } = await submitAs(sc, MEMBER.id, () => tg.userSendsText(MEMBER.id, "Bazar UMKM di lapangan kecamatan."));
    await sc.settled();
    // As if the card had been lost (an earlier version gave up on it).
    await sc.app.db.submission.update({ where: { id }, data: { reviewMessageId: null } });
    await sc.app.db.job.updateMany({ where: { dedupeKey: `review-card:${id}` }, data: { status: "failed" } });
    const before = tg.botMessages(ADMIN_GROUP).filter((m) => textOf(m).includes(`Kiriman #${id}`)).length;
    tg.userSendsText(ADMIN.id, "/antrian", { chatId: ADMIN_GROUP });
    await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("dikirim ulang"));
    await tg.waitFor(() => tg.botMessages(ADMIN_GROUP).filter((m) => textOf(m).includes(`Kiriman #${id}`) && !!m.reply_markup).length === before + 1);
  }, 60_000);

  it("says in one line that the token was refused, and stops", async () => {
    s = await startScenario();
    await s.stop();
    const child = spawnBot({ ...scenarioEnv(s), BOT_TOKEN: "999999:WRONG-TOKEN", LOG_LEVEL: "silent" });
    children.push(child);
    expect(await child.exited).toBe(1);
    expect(child.output().trim()).toBe(
      "BOT_TOKEN ditolak Telegram: periksa token dari @BotFather (ketik /mybots di sana) lalu isi ulang BOT_TOKEN di .env.",
    );
  }, 30_000);

  it("keeps warning, with the cause, while Telegram cannot be reached, instead of crashing", async () => {
    s = await startScenario();
    await s.stop();
    const child = spawnBot({ ...scenarioEnv(s), TELEGRAM_API_ROOT: "http://127.0.0.1:9" });
    children.push(child);
    await waitUntil(async () => child.output().includes("Telegram tidak terjangkau"), 20_000);
    expect(child.process.exitCode).toBeNull();
    expect(child.output()).toMatch(/Telegram tidak terjangkau \([^)]+\)/);
  }, 30_000);
});
