// The HTTP routes without a network: hono's fetch handler called directly.
import { describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import { createRoutes, type HttpServerOptions } from "../../src/http/server.js";
import { secretMatches, SECRET_HEADER } from "../../src/http/webhook.js";
import { TelegramReachability } from "../../src/telegram/observe.js";

const okReadiness = { database: () => Promise.resolve(), migrations: () => Promise.resolve(true), telegram: () => Promise.resolve(true) };

function routes(over: Partial<HttpServerOptions> & { received?: Update[][]; fail?: unknown; accepting?: boolean } = {}) {
  const received = over.received ?? [];
  return createRoutes({
    readiness: over.readiness ?? okReadiness,
    metrics: { text: () => Promise.resolve("jedikim_updates_total 1\n"), contentType: "text/plain; version=0.0.4" },
    webhook: {
      path: "/tg/hook",
      secret: "s3cret",
      target: {
        receive: (u) => {
          if (over.fail) return Promise.reject(over.fail instanceof Error ? over.fail : new Error(String(over.fail)));
          received.push(u);
          return Promise.resolve();
        },
        accepting: () => over.accepting ?? true,
      },
    },
  });
}

const post = (app: ReturnType<typeof routes>, body: string, secret?: string) =>
  app.request("/tg/hook", { method: "POST", body, headers: { "Content-Type": "application/json", ...(secret !== undefined ? { [SECRET_HEADER]: secret } : {}) } });

const update = JSON.stringify({ update_id: 5, message: { message_id: 1, date: 1, chat: { id: 1, type: "private" }, text: "x" } });

describe("health routes", () => {
  it("/healthz answers 200 with a tiny JSON", async () => {
    const res = await routes().request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("/readyz is 200 when every check passes and 503 naming the one that failed", async () => {
    expect((await routes().request("/readyz")).status).toBe(200);
    const noDb = await routes({ readiness: { ...okReadiness, database: () => Promise.reject(new Error("SQLITE_CANTOPEN /secret/path")) } }).request("/readyz");
    expect(noDb.status).toBe(503);
    const body = JSON.stringify(await noDb.json());
    expect(body).toContain("the database does not answer");
    expect(body).not.toContain("/secret/path");
    const oldMigrations = await routes({ readiness: { ...okReadiness, migrations: () => Promise.resolve(false) } }).request("/readyz");
    expect(await oldMigrations.json()).toMatchObject({ checks: { database: "ok", migrations: "migrations are not current", telegram: "ok" } });
    const noTelegram = await routes({ readiness: { ...okReadiness, telegram: () => Promise.reject(new Error("ECONNREFUSED")) } }).request("/readyz");
    expect(noTelegram.status).toBe(503);
    expect(await noTelegram.json()).toMatchObject({ checks: { telegram: "Telegram was not reachable recently" } });
  });

  it("/metrics serves the registry's text with its content type", async () => {
    const res = await routes().request("/metrics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    expect(await res.text()).toContain("jedikim_updates_total 1");
  });
});

describe("webhook route", () => {
  it("refuses a missing or wrong secret without storing anything", async () => {
    const received: Update[][] = [];
    const app = routes({ received });
    expect((await post(app, update)).status).toBe(401);
    expect((await post(app, update, "s3cre")).status).toBe(401);
    expect((await post(app, update, "s3cret-but-longer")).status).toBe(401);
    expect(received).toEqual([]);
  });

  it("stores an update and answers 200", async () => {
    const received: Update[][] = [];
    const res = await post(routes({ received }), update, "s3cret");
    expect(res.status).toBe(200);
    expect(received).toHaveLength(1);
    expect(received[0]![0]!.update_id).toBe(5);
  });

  it("answers 400 to a body that is not an update, and 503 when it cannot store or is not running", async () => {
    expect((await post(routes(), "not json", "s3cret")).status).toBe(400);
    expect((await post(routes(), JSON.stringify({ message: {} }), "s3cret")).status).toBe(400);
    const full = Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" });
    expect((await post(routes({ fail: full }), update, "s3cret")).status).toBe(503);
    expect((await post(routes({ accepting: false }), update, "s3cret")).status).toBe(503);
  });

  it("compares secrets exactly", () => {
    expect(secretMatches("abc", "abc")).toBe(true);
    expect(secretMatches("abd", "abc")).toBe(false);
    expect(secretMatches(undefined, "abc")).toBe(false);
    expect(secretMatches("", "abc")).toBe(false);
  });
});

describe("Telegram reachability", () => {
  it("is recent after an answer, and not after a call that got none", () => {
    let now = 1_000;
    const r = new TelegramReachability(() => now);
    expect(r.recentlyReachable(60_000)).toBe(false);
    r.onCall("getMe", { ok: true });
    expect(r.recentlyReachable(60_000)).toBe(true);
    // An error answer is still an answer.
    now += 10;
    r.onCall("sendMessage", { ok: false, errorCode: "403" });
    expect(r.recentlyReachable(60_000)).toBe(true);
    now += 10;
    r.onCall("getUpdates", { ok: false, errorCode: "network" });
    expect(r.recentlyReachable(60_000)).toBe(false);
    now += 10;
    r.onCall("getUpdates", { ok: true });
    now += 61_000;
    expect(r.recentlyReachable(60_000)).toBe(false);
  });
});
