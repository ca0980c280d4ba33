/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The dashboard in a real browser (headless Chromium): signing in as a Mini App and with a
// one-time link, the refusals, the table against the CSV of /laporan, sorting, filtering, the CSV
// download, the KIM page, and the phone layout (screenshots in test-artifacts/dashboard/).
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { Message } from "grammy/types";
import { ADMIN, ADMIN_GROUP, CHANNEL, buttonWith, submitAs, type Scenario } from "../support/harness.js";
import { dashboardScenario, signInLink } from "../support/dashboard.js";
import { artifactPath, launchChromium } from "../support/browser.js";
import { signInitData } from "../../src/http/dashboard/init-data.js";
import { issueSignInLink } from "../../src/db/dashboard-tokens.js";
import { parseCsv } from "../../src/reports/csv.js";

let sc: Scenario;
let base: string;
let browser: Browser;
/** The CSV /laporan sent to the admin group, parsed. */
let laporan: string[][];

const ADMIN_USER = { id: ADMIN.id, first_name: ADMIN.first_name, last_name: ADMIN.last_name, language_code: "id" };

function initDataFor(user: object, authDate = new Date()): string {
  return signInitData({ user, authDate, queryId: "AAHdF6IQAAAAAN0XohDhrOrc" }, sc.config.botToken!);
}

/** The page as Telegram opens a Mini App: the init data in the URL hash. */
function miniAppUrl(initData: string): string {
  return `${base}/dasbor#tgWebAppData=${encodeURIComponent(initData)}&tgWebAppVersion=8.0&tgWebAppPlatform=android`;
}

async function newPage(width: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 844 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on("pageerror", (err) => {
    throw err;
  });
  return { context, page };
}

const tableRows = (page: Page) =>
  page.$$eval("#kim-table tbody tr", (rows) => rows.map((r) => [...(r as HTMLTableRowElement).cells].map((c) => c.textContent ?? "")));
const tableHeader = (page: Page) => page.$$eval("#kim-table thead button", (bs) => bs.map((b) => (b.textContent ?? "").replace(/ [▲▼]$/, "")));
const noSideScroll = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth);

beforeAll(async () => {
  browser = await launchChromium();
  ({ sc, base } = await dashboardScenario());
  const { tg } = sc;
  // A little activity: two members, one item published, one waiting.
  const nia = { id: 481, first_name: "Nia" };
  const dedi = { id: 482, first_name: "Dedi" };
  await sc.joinMember(nia, "KIM Hapau Habar");
  await sc.joinMember(dedi, "KIM Netampin Bersinar");
  const first = await submitAs(sc, nia.id, () => tg.userSendsText(nia.id, "Posyandu lansia <b>Desa Jaar</b> & kerja bakti."));
  tg.userPresses(ADMIN.id, first.card, buttonWith(first.card, "Setujui"));
  await tg.waitForBotMessage(CHANNEL, (m) => (m.text ?? "").includes("Posyandu lansia"));
  await submitAs(sc, dedi.id, () => tg.userSendsText(dedi.id, "Lomba kebersihan antar-RT."));
  await sc.settled();
  // The same period as the page's default (4-minggu).
  const before = tg.botMessages(ADMIN_GROUP).length;
  tg.userSendsText(ADMIN.id, "/laporan", { chatId: ADMIN_GROUP });
  const doc: Message = await tg.waitFor(() => tg.botMessages(ADMIN_GROUP).slice(before).find((m) => m.document), 30_000);
  laporan = parseCsv(tg.fileBytes(doc.document!.file_id).toString("utf8"));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await sc?.stop();
  await sc?.tg.stop();
});

describe("the dashboard in a browser", () => {
  it("opens as a Mini App with valid init data, sent as Authorization: tma, and shows the figures of /laporan", async () => {
    const { context, page } = await newPage(390);
    const auth: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).pathname.startsWith("/api/")) auth.push(r.headers()["authorization"] ?? "");
    });
    await page.goto(miniAppUrl(initDataFor(ADMIN_USER)));
    await page.waitForSelector("body[data-ready=district]");
    expect(await page.textContent("#me")).toBe("Sari Admin");
    expect(auth.length).toBeGreaterThan(3);
    expect(auth.every((a) => a.startsWith("tma ") && a.includes("auth_date"))).toBe(true);
    // The init data leaves the address bar.
    expect(new URL(page.url()).hash).toBe("");

    expect(await tableHeader(page)).toEqual(laporan[0]);
    expect(await tableRows(page)).toEqual(laporan.slice(1));
    expect(await page.textContent("[data-stat=published] .card-value")).toBe("1");
    expect(await page.textContent("#kecamatan-table")).toContain("Dusun Timur");
    // Both charts arrived as images drawn from the chart specifications.
    const charts = await page.$$eval("img.chart", (imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
    expect(charts.length).toBe(2);
    expect(charts.every((w) => w > 100)).toBe(true);

    expect(await noSideScroll(page)).toBe(true);
    // The per-kecamatan table fits whole on the phone: no column cut off behind its scroll box.
    for (const table of ["#kecamatan-table", "#kim-table"]) {
      expect(await page.$eval(table, (t) => t.scrollWidth <= (t.parentElement as HTMLElement).clientWidth), table).toBe(true);
    }
    await page.screenshot({ path: artifactPath("dashboard", "district-390.png"), fullPage: true });
    // The narrowest phones the district's admins use.
    await page.setViewportSize({ width: 360, height: 780 });
    expect(await noSideScroll(page)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: artifactPath("dashboard", "district-1280.png"), fullPage: true });
    await context.close();
  }, 60_000);

  it("sorts, filters, downloads exactly the table as CSV, and opens a KIM's page", async () => {
    const { context, page } = await newPage(390);
    await page.goto(miniAppUrl(initDataFor(ADMIN_USER)));
    await page.waitForSelector("body[data-interactive=district]");
    const column = (rows: string[][], id: string) => rows.map((r) => r[laporan[0]!.indexOf(id)]!);
    const scoreHeader = laporan[0]![3]!;

    await page.click("button[data-sort=score]");
    await page.waitForSelector("th[aria-sort=ascending] button[data-sort=score]");
    const up = column(await tableRows(page), scoreHeader).map(Number);
    expect(up).toEqual([...up].sort((a, b) => a - b));
    await page.click("button[data-sort=score]");
    await page.waitForSelector("th[aria-sort=descending] button[data-sort=score]");
    const down = column(await tableRows(page), scoreHeader).map(Number);
    expect(down).toEqual([...up].sort((a, b) => b - a));
    expect(down[0]).toBeGreaterThan(down[down.length - 1]!);

    await page.selectOption("#filter-kecamatan", { label: "Dusun Timur" });
    await page.waitForFunction(() => document.querySelector("#kim-count")?.textContent?.startsWith("2 /"));
    const filtered = await tableRows(page);
    expect(filtered.map((r) => r[0])).toEqual(["Dusun Timur", "Dusun Timur"]);
    expect(filtered.map((r) => r[1]).sort()).toEqual(laporan.filter((r) => r[0] === "Dusun Timur").map((r) => r[1]).sort());

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-csv")]);
    expect(download.suggestedFilename()).toMatch(/^keaktifan-kim-.*\.csv$/);
    const csv = parseCsv(readFileSync((await download.path())!, "utf8"));
    expect(csv).toEqual([laporan[0], ...filtered]);

    await page.click("#kim-table a:text('KIM Hapau Habar')");
    await page.waitForSelector("body[data-ready=kim]");
    expect(await page.textContent("#kim-page h2")).toBe("KIM Hapau Habar");
    const kimPage = (await page.textContent("#kim-page")) ?? "";
    expect(kimPage).toContain("Nia");
    expect(kimPage).toContain("terbit");
    expect(await page.$$eval("#kim-page a[href^='https://t.me/']", (as) => as.length)).toBe(1);
    // The member's text is shown as text: its "<b>" is visible, never an element.
    expect(kimPage).toContain("Posyandu lansia <b>Desa Jaar</b> & kerja bakti.");
    expect(await page.$("#kim-page b")).toBeNull();
    expect(await noSideScroll(page)).toBe(true);
    await page.screenshot({ path: artifactPath("dashboard", "kim-390.png"), fullPage: true });
    await page.goBack();
    await page.waitForSelector("body[data-ready=district]");
    await context.close();
  }, 60_000);

  it("refuses tampered, expired and non-admin init data, and a visit without any, showing no figures", async () => {
    const good = new URLSearchParams(initDataFor(ADMIN_USER));
    good.set("user", JSON.stringify({ ...ADMIN_USER, id: 777 }));
    const stranger = { id: 777, first_name: "Budi" };
    sc.tg.addUser(stranger);
    const cases: Array<[string, string]> = [
      [miniAppUrl(good.toString()), "dash-unauthorized"],
      [miniAppUrl(initDataFor(ADMIN_USER, new Date(Date.now() - 2 * 60 * 60 * 1000))), "dash-unauthorized"],
      [miniAppUrl(initDataFor(stranger)), "dash-forbidden"],
      [`${base}/dasbor`, "dash-unauthorized"],
    ];
    for (const [url, error] of cases) {
      const { context, page } = await newPage(390);
      await page.goto(url);
      await page.waitForSelector("body[data-ready=refused]");
      expect(await page.getAttribute("[role=alert]", "data-error")).toBe(error);
      expect(await page.$("#kim-table")).toBeNull();
      expect(await page.textContent("body")).not.toContain("KIM Hapau Habar");
      await context.close();
    }
  }, 60_000);

  it("signs in with a one-time link from /dasbor in private, and refuses it used again or expired", async () => {
    const before = sc.tg.botMessages(ADMIN.id).length;
    sc.tg.userSendsText(ADMIN.id, "/dasbor");
    const link = signInLink(await sc.tg.waitForNewBotMessage(ADMIN.id, before));

    const { context, page } = await newPage(1280);
    await page.goto(link);
    await Promise.all([page.waitForURL(`${base}/dasbor`), page.click("#sign-in")]);
    await page.waitForSelector("body[data-ready=district]");
    expect(await page.textContent("#me")).toBe("Sari Admin");
    const cookie = (await context.cookies()).find((c) => c.name === "kim_dasbor")!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe("Strict");
    await context.close();

    const expired = await issueSignInLink(sc.app.db, { userId: ADMIN.id, name: "Sari Admin" }, new Date(Date.now() - 11 * 60 * 1000));
    for (const url of [link, `${base}/dasbor/masuk?t=${expired}`]) {
      const other = await newPage(390);
      await other.page.goto(url);
      await other.page.click("#sign-in");
      await other.page.waitForSelector("[data-error=dash-link-invalid]");
      expect((await other.context.cookies()).some((c) => c.name === "kim_dasbor")).toBe(false);
      await other.context.close();
    }
  }, 60_000);

  // The time is printed, not asserted (the project measures speed, it does not time tests); the
  // figure of the runs is in BENCHMARKS.md.
  it("becomes interactive on a throttled phone (4× slower CPU, a slow mobile network) and says how fast", async () => {
    const { context, page } = await newPage(390);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
    const start = Date.now();
    await page.goto(miniAppUrl(initDataFor(ADMIN_USER)));
    await page.waitForSelector("body[data-interactive=district]");
    const ms = Date.now() - start;
    console.log(JSON.stringify({ dashboardInteractiveMs: ms, cpuThrottling: 4, latencyMs: 150 }));
    expect(await page.locator("table tbody tr").count()).toBeGreaterThan(0);
    await context.close();
  }, 60_000);
});
