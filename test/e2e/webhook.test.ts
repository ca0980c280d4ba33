// Webhook mode over HTTP: the emulator POSTs updates to the bot's own server (standing in for the
// TLS proxy in front of it), the bot stores them in the inbox and answers at once.
import { renameSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { sqliteFilePath } from "../../src/db/migrate.js";
import { ADMIN, ADMIN_GROUP, CHANNEL, buttonWith, startScenario, submitAs, textOf, waitUntil, type Scenario } from "../support/harness.js";
import { tempDatabase } from "../support/temp-db.js";

const SECRET = "rahasia_KIM-123";
const URL_PATH = "/telegram/hook";

let sc: Scenario | undefined;
afterEach(async () => {
  await sc?.stop();
  await sc?.tg.stop();
  sc = undefined;
});

async function webhookScenario(): Promise<Scenario> {
  const holder: { sc?: Scenario; port?: number } = {};
  const s = await startScenario({
    env: { BOT_MODE: "webhook", WEBHOOK_URL: `https://bot.example.org${URL_PATH}`, WEBHOOK_SECRET: SECRET },
    emulator: { webhook: { target: (u) => `http://127.0.0.1:${holder.sc?.app.http?.port ?? holder.port ?? 1}${new URL(u).pathname}`, retryMs: 50, maxRetryMs: 200 } },
  });
  holder.sc = s;
  return s;
}

const base = (s: Scenario) => `http://127.0.0.1:${s.app.http!.port}`;
const metric = async (s: Scenario, line: RegExp) => {
  const text = await (await fetch(`${base(s)}/metrics`)).text();
  const m = text.split("\n").find((l) => line.test(l));
  return m === undefined ? undefined : Number(m.split(" ").pop());
};

describe("webhook mode", () => {
  it("registers the webhook, and a member's submission is approved and published", async () => {
    sc = await webhookScenario();
    const { tg } = sc;
    const api = sc.app.bot.api;
    const info = await api.getWebhookInfo();
    expect(info.url).toBe(`https://bot.example.org${URL_PATH}`);
    const member = { id: 7001, first_name: "Rina" };
    await sc.joinMember(member);
    const { card, id } = await submitAs(sc, member.id, () => tg.userSendsText(member.id, "Gotong royong membersihkan pasar Tamiang Layang"));
    tg.userPresses(ADMIN.id, card, buttonWith(card, "Setujui"));
    await tg.waitForBotMessage(CHANNEL, (m) => textOf(m).includes("Gotong royong"), 15_000);
    await waitUntil(async () => (await sc!.app.db.submission.findUniqueOrThrow({ where: { id } })).status === "published", 10_000);
    await sc.settled();

    // Health and metrics after the run.
    expect((await fetch(`${base(sc)}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base(sc)}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ checks: { database: "ok", migrations: "ok", telegram: "ok" } });
    expect(await metric(sc, /^jedikim_updates_total\{outcome="handled"\}/)).toBeGreaterThanOrEqual(3);
    expect(await metric(sc, /^jedikim_submissions\{state="published"\}/)).toBe(1);
    expect(await metric(sc, /^jedikim_screening_duration_seconds_count/)).toBeGreaterThanOrEqual(1);
    const text = await (await fetch(`${base(sc)}/metrics`)).text();
    for (const name of ["jedikim_jobs_queued", "jedikim_jobs_oldest_age_seconds", "jedikim_reminder_runs", "jedikim_telegram_api_errors_total"]) {
      expect(text).toContain(name);
    }
    expect(tg.botMessages(ADMIN_GROUP).length).toBeGreaterThan(0);
  });

  it("refuses a request without or with a wrong secret and stores nothing; a redelivered update is handled once", async () => {
    sc = await webhookScenario();
    const { tg } = sc;
    const member = { id: 7002, first_name: "Dedi" };
    await sc.joinMember(member);
    await sc.settled();
    const before = await sc.app.db.inboxUpdate.count();
    const update = {
      update_id: 900_001,
      message: { message_id: 90_001, date: Math.floor(Date.now() / 1000), chat: { id: member.id, type: "private", first_name: member.first_name }, from: { id: member.id, is_bot: false, first_name: member.first_name }, text: "/start" },
    };
    const post = (secret?: string) =>
      fetch(`${base(sc!)}${URL_PATH}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...(secret ? { "X-Telegram-Bot-Api-Secret-Token": secret } : {}) },
        body: JSON.stringify(update),
      });
    expect((await post()).status).toBe(401);
    expect((await post("salah")).status).toBe(401);
    expect(await sc.app.db.inboxUpdate.count()).toBe(before);

    const replies = tg.botMessages(member.id).length;
    const duplicatesBefore = (await metric(sc, /^jedikim_updates_total\{outcome="duplicate"\}/)) ?? 0;
    expect((await post(SECRET)).status).toBe(200);
    await sc.settled();
    await tg.waitFor(() => tg.botMessages(member.id).length > replies);
    expect((await post(SECRET)).status).toBe(200);
    await sc.settled();
    expect(tg.botMessages(member.id).length).toBe(replies + 1);
    expect(await metric(sc, /^jedikim_updates_total\{outcome="duplicate"\}/)).toBe(duplicatesBefore + 1);
    expect(await sc.app.db.inboxUpdate.count({ where: { updateId: 900_001n } })).toBe(1);
  });

  it("/readyz answers 503 naming the check when Telegram cannot be reached", async () => {
    sc = await startScenario({});
    const port = sc.app.http!.port;
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    await sc.tg.stop();
    // Polling fails at once without the emulator; readiness follows within a poll.
    await waitUntil(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 503, 10_000, "readyz 503");
    const body = (await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()) as { checks: Record<string, string> };
    expect(body.checks.telegram).not.toBe("ok");
    expect(body.checks.database).toBe("ok");
  });

  it("/readyz answers 503 naming the database when its file is gone, and 200 once it is back", async () => {
    // About a SQLite file, so on one whatever TEST_DATABASE says.
    sc = await startScenario({ env: { DATABASE_URL: tempDatabase().url } });
    const url = `http://127.0.0.1:${sc.app.http!.port}/readyz`;
    expect((await fetch(url)).status).toBe(200);
    const file = sqliteFilePath(sc.config.databaseUrl)!;
    renameSync(file, `${file}.moved`);
    try {
      const res = await fetch(url);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ checks: { database: "the database does not answer", migrations: "not checked: no database" } });
    } finally {
      renameSync(`${file}.moved`, file);
    }
    expect((await fetch(url)).status).toBe(200);
  });

  it("in polling mode deletes a webhook left set, keeping what waits", async () => {
    sc = await startScenario({});
    const member = { id: 7003, first_name: "Tono" };
    await sc.joinMember(member);
    await sc.settled();
    await sc.stop();
    await sc.app.bot.api.setWebhook("https://old.example.org/hook");
    const replies = sc.tg.botMessages(member.id).length;
    sc.tg.userSendsText(member.id, "/start");
    await sc.start();
    await sc.tg.waitFor(() => sc!.tg.botMessages(member.id).length > replies);
    expect((await sc.app.bot.api.getWebhookInfo()).url).toBe("");
    expect(sc.tg.calls.some((c) => c.method === "deleteWebhook" && c.params.drop_pending_updates !== true)).toBe(true);
  });
});
