// /dasbor: a button in the admin group, a one-time sign-in link for an admin in private, and a
// polite refusal for anyone else; the link opens the running bot's dashboard once.
import { afterEach, describe, expect, it } from "vitest";
import { ADMIN, ADMIN_GROUP, startScenario, textOf, type Scenario } from "../support/harness.js";
import { dashboardScenario, signInLink, urlButtons } from "../support/dashboard.js";

let sc: Scenario | undefined;
afterEach(async () => {
  await sc?.stop();
  await sc?.tg.stop();
  sc = undefined;
});

async function ask(s: Scenario, chatId: number, userId: number) {
  const before = s.tg.botMessages(chatId).length;
  s.tg.userSendsText(userId, "/dasbor", chatId === userId ? undefined : { chatId });
  return s.tg.waitForNewBotMessage(chatId, before);
}

describe("/dasbor", () => {
  it("answers in the admin group with a button to the dashboard's address", async () => {
    const { sc: s, base } = await dashboardScenario();
    sc = s;
    const answer = await ask(s, ADMIN_GROUP, ADMIN.id);
    expect(textOf(answer)).toContain("Dasbor KIM");
    expect(urlButtons(answer)).toEqual([{ text: "📊 Buka dasbor", url: `${base}/dasbor` }]);
    // The address is the running bot's page.
    const page = await fetch(`${base}/dasbor`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script src="/dasbor/app.js"');
  });

  it("links the group's button to the bot's Main Mini App when one is set in BotFather, so it opens inside Telegram", async () => {
    const { sc: s } = await dashboardScenario({}, { bot: { username: "jedikim_bot", has_main_web_app: true } });
    sc = s;
    const answer = await ask(s, ADMIN_GROUP, ADMIN.id);
    expect(urlButtons(answer)).toEqual([{ text: "📊 Buka dasbor", url: "https://t.me/jedikim_bot?startapp=dasbor" }]);
  });

  it("gives an admin on https a Web App button in private too, beside the sign-in link", async () => {
    const { sc: s } = await dashboardScenario({ PUBLIC_URL: "https://kim.example.go.id" });
    sc = s;
    s.tg.addUser(ADMIN);
    const answer = await ask(s, ADMIN.id, ADMIN.id);
    const buttons = urlButtons(answer);
    expect(buttons[0]!.url).toMatch(/^https:\/\/kim\.example\.go\.id\/dasbor\/masuk\?t=[\w-]{43}$/);
    expect(buttons[1]).toEqual({ text: "📊 Buka dasbor", webApp: "https://kim.example.go.id/dasbor" });
  });

  it("gives an admin in private a one-time link that signs in once", async () => {
    const { sc: s, base } = await dashboardScenario();
    sc = s;
    s.tg.addUser(ADMIN);
    const answer = await ask(s, ADMIN.id, ADMIN.id);
    expect(textOf(answer)).toContain("Berlaku 10 menit dan hanya sekali");
    const link = signInLink(answer);
    expect(link.startsWith(`${base}/dasbor/masuk?t=`)).toBe(true);
    // http: no Web App button (Telegram opens Web Apps from https only).
    expect(urlButtons(answer).some((b) => b.webApp)).toBe(false);
    const token = new URL(link).searchParams.get("t")!;
    const post = () => fetch(`${base}/dasbor/masuk`, { method: "POST", body: new URLSearchParams({ t: token }), redirect: "manual" });
    const first = await post();
    expect(first.status).toBe(303);
    const cookie = /kim_dasbor=[^;]+/.exec(first.headers.get("set-cookie") ?? "")![0];
    const me = (await (await fetch(`${base}/api/me`, { headers: { Cookie: cookie } })).json()) as { user: { name: string } };
    expect(me.user.name).toBe("Sari Admin");
    expect((await post()).status).toBe(401);
  });

  it("refuses a member who is not in the admin group, politely and without a link", async () => {
    const { sc: s } = await dashboardScenario();
    sc = s;
    const stranger = { id: 777, first_name: "Budi" };
    s.tg.addUser(stranger);
    const answer = await ask(s, stranger.id, stranger.id);
    expect(textOf(answer)).toBe("Maaf, dasbor hanya untuk anggota grup admin. 🙏");
    expect(urlButtons(answer)).toEqual([]);
    expect(await s.app.db.keyValue.count({ where: { key: { startsWith: "dashboard-link:" } } })).toBe(0);
  });

  it("says plainly that the dashboard needs PUBLIC_URL when it is not set", async () => {
    sc = await startScenario();
    const answer = await ask(sc, ADMIN_GROUP, ADMIN.id);
    expect(textOf(answer)).toContain("Dasbor perlu PUBLIC_URL");
    expect(urlButtons(answer)).toEqual([]);
  });
});
