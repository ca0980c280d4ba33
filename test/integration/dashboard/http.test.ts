// The dashboard's HTTP side over a small district: who may read the API, one-time sign-in links,
// and that the table, its CSV and the /laporan CSV are the same figures.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Hono } from "hono";
import { parseConfig } from "../../../src/config.js";
import { createRoutes } from "../../../src/http/server.js";
import { signInitData } from "../../../src/http/dashboard/init-data.js";
import { issueSession, issueSignInLink, pruneDashboardTokens, SESSION_TTL_MS, SIGN_IN_TTL_MS } from "../../../src/db/dashboard-tokens.js";
import { computeIndicators } from "../../../src/domain/activity/indicators.js";
import { parsePeriod } from "../../../src/domain/activity/periods.js";
import { csvStyleFor, kimCsv, parseCsv } from "../../../src/reports/csv.js";
import { createI18n, translator, type Translate } from "../../../src/bot/i18n.js";
import { buildFixture, NOW, TZ, type Fixture } from "../activity/fixture.js";

const TOKEN = "123456:AAdashboard-test";
const ADMIN = 5001;
const LEFT_ADMIN = 5002;
const i18n = createI18n("id");
const translate: Translate = translator(i18n);

let f: Fixture;
let app: Hono;
let now: Date;

beforeEach(async () => {
  f = await buildFixture();
  now = NOW;
  const config = parseConfig({ BOT_TOKEN: TOKEN, BOT_TIMEZONE: TZ, PUBLIC_URL: "https://kim.example.go.id" });
  app = createRoutes({
    readiness: { database: async () => undefined, migrations: async () => true, telegram: async () => true },
    dashboard: {
      db: f.db,
      config,
      translate,
      botToken: TOKEN,
      now: () => now,
      isAdmin: async (id) => id === ADMIN,
      report: (period) => computeIndicators(f.db, { from: period.from, to: period.to, now, timeZone: TZ }),
    },
  });
});
afterEach(async () => {
  await f.cleanup();
});

const tma = (id: number, authDate = now) => ({ Authorization: `tma ${signInitData({ user: { id, first_name: "Sari", language_code: "id" }, authDate }, TOKEN)}` });

const API = ["/api/me", "/api/overview", "/api/kims", "/api/kims.csv", "/api/charts/weekly.svg", "/api/charts/score.svg"];

describe("the dashboard API", () => {
  it("answers 401 without credentials or with bad init data, 403 to someone not in the admin group, and no data either way", async () => {
    for (const path of [...API, `/api/kim/${f.kim.alpha}`]) {
      const cases: Array<[Record<string, string>, number]> = [
        [{}, 401],
        [{ Authorization: "tma garbage" }, 401],
        [{ Authorization: "Bearer x" }, 401],
        [tma(ADMIN, new Date(now.getTime() - 2 * 60 * 60 * 1000)), 401],
        [{ Authorization: tma(ADMIN).Authorization.replace("5001", "5003") }, 401],
        [tma(LEFT_ADMIN), 403],
      ];
      for (const [headers, status] of cases) {
        const res = await app.request(path, { headers });
        expect(res.status, `${path} ${JSON.stringify(headers).slice(0, 40)}`).toBe(status);
        const body = await res.text();
        expect(JSON.parse(body)).toEqual({ ok: false, error: status === 401 ? "unauthorized" : "forbidden" });
        for (const name of ["Alpha", "Sukamaju"]) expect(body).not.toContain(name);
      }
    }
  });

  it("names the admin and serves every endpoint to them, with a strict CSP", async () => {
    const me = await app.request("/api/me", { headers: tma(ADMIN) });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { name: string } }).user.name).toBe("Sari");
    expect(me.headers.get("Content-Security-Policy")).toContain("script-src 'self'");
    for (const path of API) expect((await app.request(`${path}?periode=4-minggu`, { headers: tma(ADMIN) })).status, path).toBe(200);
    const svg = await (await app.request("/api/charts/score.svg", { headers: tma(ADMIN) })).text();
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain("Alpha");
    expect((await app.request("/api/overview?periode=kemarin", { headers: tma(ADMIN) })).status).toBe(400);
  });

  it("speaks English to an admin whose Telegram is in English, Indonesian otherwise", async () => {
    const en = { Authorization: `tma ${signInitData({ user: { id: ADMIN, first_name: "Sari", language_code: "en" }, authDate: now }, TOKEN)}` };
    const me = (await (await app.request("/api/me", { headers: en })).json()) as { locale: string; strings: Record<string, string> };
    expect(me.locale).toBe("en");
    expect(me.strings["dash-title"]).toBe("KIM dashboard");
    const table = (await (await app.request("/api/kims", { headers: en })).json()) as { header: string[]; decimal: string };
    expect(table.header[3]).toBe("Score");
    expect(table.decimal).toBe(".");
    const csv = await (await app.request("/api/kims.csv", { headers: en })).text();
    expect(csv.split("\r\n")[0]).toContain("Kecamatan,KIM,KIM ID,Score");
    const id = (await (await app.request("/api/me", { headers: tma(ADMIN) })).json()) as { locale: string; strings: Record<string, string> };
    expect(id.locale).toBe("id");
    expect(id.strings["dash-title"]).toBe("Dasbor KIM");
  });

  it("gives the table's cells and a CSV equal to the /laporan CSV, filtered and sorted the same way", async () => {
    const period = parsePeriod("4-minggu", now, TZ);
    const report = await computeIndicators(f.db, { from: period.from, to: period.to, now, timeZone: TZ });
    const t = (k: string) => translate("id", k);
    const laporan = parseCsv(kimCsv(report, { style: csvStyleFor("id"), t }));
    const table = (await (await app.request("/api/kims?periode=4-minggu", { headers: tma(ADMIN) })).json()) as { header: string[]; rows: unknown[][]; decimal: string };
    expect(table.header).toEqual(laporan[0]);
    const asCsv = (cell: unknown) => (cell === null ? "" : typeof cell === "number" ? String(cell).replace(".", table.decimal) : String(cell));
    expect(table.rows.map((r) => r.map(asCsv))).toEqual(laporan.slice(1));

    const csv = parseCsv(await (await app.request("/api/kims.csv?periode=4-minggu", { headers: tma(ADMIN) })).text());
    expect(csv).toEqual(laporan);

    // Filtered to one kecamatan and group, sorted by score descending: the CSV has the same rows.
    const q = `periode=4-minggu&kecamatan=${f.kecamatan.mekarsari}&grup=tidak-aktif&urut=score&arah=turun`;
    const filtered = (await (await app.request(`/api/kims?${q}`, { headers: tma(ADMIN) })).json()) as { rows: unknown[][] };
    const filteredCsv = parseCsv(await (await app.request(`/api/kims.csv?${q}`, { headers: tma(ADMIN) })).text());
    expect(filtered.rows.length).toBeGreaterThan(0);
    expect(filtered.rows.every((r) => r[0] === "Mekarsari")).toBe(true);
    expect(filteredCsv.slice(1)).toEqual(filtered.rows.map((r) => r.map(asCsv)));
    const scores = filtered.rows.map((r) => r[3] as number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("pages the table: pages of the same selection add up to the whole table", async () => {
    const all = (await (await app.request("/api/kims?urut=kim", { headers: tma(ADMIN) })).json()) as { rows: unknown[][]; matching: number };
    expect(all.matching).toBe(7);
    const pages: unknown[][] = [];
    for (let offset = 0; offset < all.matching; offset += 3) {
      const page = (await (await app.request(`/api/kims?urut=kim&offset=${offset}&limit=3`, { headers: tma(ADMIN) })).json()) as { rows: unknown[][]; matching: number };
      expect(page.matching).toBe(7);
      expect(page.rows.length).toBe(Math.min(3, 7 - offset));
      pages.push(...page.rows);
    }
    expect(pages).toEqual(all.rows);
  });

  it("shows a KIM's page: members, weekly activity, last submissions with their state", async () => {
    const res = await app.request(`/api/kim/${f.kim.gamma}?periode=4-minggu`, { headers: tma(ADMIN) });
    const page = (await res.json()) as { name: string; members: Array<{ name: string }>; weekly: unknown[]; submissions: unknown[] };
    expect(page.name).toBe("Gamma");
    expect(page.members.length).toBe(2);
    expect(page.weekly.length).toBe(4);
    const alpha = (await (await app.request(`/api/kim/${f.kim.alpha}?periode=4-minggu`, { headers: tma(ADMIN) })).json()) as {
      submissions: Array<{ status: string }>;
      weekly: Array<{ submissions: number }>;
    };
    expect(alpha.submissions.map((s) => s.status)).toContain("hoax");
    expect(alpha.weekly.every((w) => w.submissions > 0)).toBe(true);
    expect((await app.request("/api/kim/999999", { headers: tma(ADMIN) })).status).toBe(404);
  });
});

describe("one-time sign-in links", () => {
  const signIn = (token: string) => app.request("/dasbor/masuk", { method: "POST", body: new URLSearchParams({ t: token }), headers: { "Content-Type": "application/x-www-form-urlencoded" } });
  const cookieOf = (res: Response) => /kim_dasbor=([^;]+)/.exec(res.headers.get("Set-Cookie") ?? "")?.[1];

  it("signs in once with a session cookie (HttpOnly, SameSite=Strict, Secure on https) that the API accepts", async () => {
    const token = await issueSignInLink(f.db, { userId: ADMIN, name: "Sari Admin" }, now);
    // Opening the link only shows the button: a link preview uses nothing up.
    expect(await (await app.request(`/dasbor/masuk?t=${token}`)).text()).toContain('name="t"');
    const res = await signIn(token);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/dasbor");
    const setCookie = res.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Secure/);
    const cookie = cookieOf(res)!;
    const me = await app.request("/api/me", { headers: { Cookie: `kim_dasbor=${cookie}` } });
    expect(((await me.json()) as { user: { name: string } }).user.name).toBe("Sari Admin");
    // The token itself is not in the database, only its hash.
    const rows = await f.db.keyValue.findMany();
    expect(rows.some((r) => r.key.includes(token) || r.value.includes(token) || r.key.includes(cookie))).toBe(false);

    const again = await signIn(token);
    expect(again.status).toBe(401);
    expect(cookieOf(again)).toBeUndefined();
  });

  it("refuses an expired link, an unknown one, and the link of someone who left the admin group", async () => {
    const expired = await issueSignInLink(f.db, { userId: ADMIN, name: "Sari" }, now);
    now = new Date(now.getTime() + SIGN_IN_TTL_MS + 1000);
    expect((await signIn(expired)).status).toBe(401);
    expect((await signIn("not-a-token")).status).toBe(401);
    const left = await issueSignInLink(f.db, { userId: LEFT_ADMIN, name: "Yudi" }, now);
    expect((await signIn(left)).status).toBe(403);
    // A forged cookie is no session.
    expect((await app.request("/api/me", { headers: { Cookie: "kim_dasbor=forged" } })).status).toBe(401);
  });
});

describe("housekeeping of links and sessions", () => {
  it("drops expired links and sessions only, and leaves other stored values alone", async () => {
    await issueSignInLink(f.db, { userId: ADMIN, name: "Sari" }, now);
    await issueSession(f.db, { userId: ADMIN, name: "Sari" }, now);
    await f.db.keyValue.create({ data: { key: "conversation:1", value: "{}" } });
    expect(await pruneDashboardTokens(f.db, new Date(now.getTime() + SIGN_IN_TTL_MS - 1000))).toBe(0);
    expect(await pruneDashboardTokens(f.db, new Date(now.getTime() + SIGN_IN_TTL_MS + 1000))).toBe(1);
    expect(await pruneDashboardTokens(f.db, new Date(now.getTime() + SESSION_TTL_MS + 1000))).toBe(1);
    expect((await f.db.keyValue.findMany()).map((r) => r.key)).toContain("conversation:1");
    expect(await f.db.keyValue.count({ where: { key: { startsWith: "dashboard-" } } })).toBe(0);
  });
});
