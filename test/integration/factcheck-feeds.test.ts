import { createServer, type AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { feedHealth, formatFeedHealth, pollFeeds, type PollOptions } from "../../src/domain/factcheck/poll.js";
import { jobs as jobKinds } from "../../src/queue/kinds.js";
import { migratedDatabase } from "../support/db.js";
import { fixture, startFeedServer, type FeedServer } from "../support/feed-server.js";

let db: Db;
let close: () => Promise<void>;
let server: FeedServer;
let clock: Date;

const RSS = { kind: "feed", body: fixture("turnbackhoax.rss.xml"), contentType: "application/rss+xml; charset=UTF-8", etag: '"tbh-v1"', lastModified: "Mon, 30 Nov 2026 09:12:00 GMT" } as const;
const ATOM = { kind: "feed", body: fixture("cekfakta.atom.xml"), contentType: "application/atom+xml", lastModified: "Mon, 30 Nov 2026 10:00:00 GMT" } as const;
const JSON_FEED = { kind: "feed", body: fixture("kominfo.feed.json"), contentType: "application/feed+json" } as const;

/** A port that was free a moment ago and has nothing listening on it now. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function options(urls: string[], limits = { timeoutMs: 5_000, maxBytes: 5 * 1024 * 1024 }): PollOptions {
  return { urls, limits, now: () => clock };
}

beforeEach(async () => {
  ({ db, close } = await migratedDatabase());
  server = await startFeedServer({ "/tbh.xml": RSS, "/cekfakta.atom": ATOM, "/kominfo.json": JSON_FEED });
  clock = new Date("2026-11-30T12:00:00Z");
});

afterEach(async () => {
  await server.close();
  await close();
});

describe("fact-check feeds", () => {
  it("imports RSS, Atom and JSON Feed items as claims, once across feeds", async () => {
    const urls = [server.url("/tbh.xml"), server.url("/cekfakta.atom"), server.url("/kominfo.json")];
    const results = await pollFeeds(db, options(urls));
    expect(results.map((r) => r.outcome)).toEqual(["updated", "updated", "updated"]);
    // RSS: 3 false claims, 1 labelled true. Atom: its first two entries are the RSS feed's
    // articles (same link; same claim on another site), one is new. JSON: 2 claims, 1 too short.
    expect(results.map((r) => r.created.length)).toEqual([3, 1, 2]);
    expect(results[1]!.duplicates).toBe(2);
    expect(results[0]!.skipped).toBe(1);
    expect(results[2]!.skipped).toBe(1);

    const claims = await db.falseClaim.findMany({ orderBy: { id: "asc" } });
    expect(claims.every((c) => c.origin === "feed")).toBe(true);
    expect(claims.map((c) => c.text)).toContain("Pendaftaran Bantuan Sosial Tunai Rp 3 Juta Lewat Tautan WhatsApp");
    expect(claims.map((c) => c.text)).not.toContain("Jadwal Vaksinasi Campak Gratis di Puskesmas Bulan Desember");
    const bansos = claims.find((c) => c.text.startsWith("Pendaftaran Bantuan"))!;
    expect(bansos.verdict).toBe("salah");
    expect(bansos.sourceUrl).toBe("https://turnbackhoax.id/2026/11/30/salah-pendaftaran-bantuan-sosial-tunai-rp-3-juta-lewat-tautan-whatsapp/");

    const item = await db.factcheckItem.findFirstOrThrow({ where: { claimId: bansos.id } });
    expect(item.publisher).toBe("turnbackhoax.id");
    expect(item.summary).toMatch(/^Beredar pesan berantai .*tautan pesan berantai…$/);
    expect(item.publishedAt?.toISOString()).toBe("2026-11-30T08:30:00.000Z");
    const kuota = await db.factcheckItem.findFirstOrThrow({ where: { title: { contains: "Kuota Internet" } } });
    expect(kuota.publisher).toBe("komdigi.go.id");
    expect(kuota.publishedAt?.toISOString()).toBe("2026-11-29T20:00:00.000Z");
    const honorer = await db.factcheckItem.findFirstOrThrow({ where: { title: { contains: "Honorer" } } });
    expect(honorer.summary).toBe("Pemerintah kabupaten tidak memungut biaya apa pun dalam rekrutmen & tidak membuka lowongan tanpa tes.");

    // Each feed's new claims are re-checked against what is already out, queued with them.
    const jobs = await db.job.findMany({ where: { kind: jobKinds.recheck.name } });
    expect(jobs.flatMap((j) => (j.payload as { claimIds: number[] }).claimIds).sort((a, b) => a - b)).toEqual(claims.map((c) => c.id));
    const audit = await db.auditEvent.findMany({ where: { action: "claim.imported" } });
    expect(audit).toHaveLength(3);

    const feeds = await feedHealth(db, urls);
    expect(feeds.map((f) => [f.title, f.itemCount, f.claimsAdded, f.lastError])).toEqual([
      ["TURNBACKHOAX (contoh)", 4, 3, null],
      ["Cek Fakta (contoh)", 3, 1, null],
      ["Laporan Isu Hoaks (contoh)", 3, 2, null],
    ]);
    expect(feeds.every((f) => f.lastSuccessAt?.getTime() === clock.getTime())).toBe(true);
  });

  it("asks conditionally: a 304 leaves everything as it was, a changed feed adds only what is new", async () => {
    const url = server.url("/tbh.xml");
    await pollFeeds(db, options([url]));
    const before = await db.factcheckFeed.findUniqueOrThrow({ where: { url } });
    expect(before.etag).toBe('"tbh-v1"');
    expect(before.lastModified).toBe("Mon, 30 Nov 2026 09:12:00 GMT");
    const claimsBefore = await db.falseClaim.count();

    clock = new Date("2026-11-30T13:00:00Z");
    const [second] = await pollFeeds(db, options([url]));
    expect(second!.outcome).toBe("not-modified");
    const sent = server.requests("/tbh.xml").at(-1)!;
    expect(sent["if-none-match"]).toBe('"tbh-v1"');
    expect(sent["if-modified-since"]).toBe("Mon, 30 Nov 2026 09:12:00 GMT");
    const after = await db.factcheckFeed.findUniqueOrThrow({ where: { url } });
    expect({ ...after, lastAttemptAt: null, lastSuccessAt: null }).toEqual({ ...before, lastAttemptAt: null, lastSuccessAt: null });
    expect(after.lastSuccessAt?.toISOString()).toBe("2026-11-30T13:00:00.000Z");
    expect(await db.falseClaim.count()).toBe(claimsBefore);

    // The fact-checker publishes a new article: new ETag, one more item.
    const fresh = `<item><title>[SALAH] Pencairan BLT Desa Rp 900 Ribu Wajib Lewat Aplikasi Tak Resmi</title><link>https://turnbackhoax.id/2026/11/30/salah-pencairan-blt-desa/</link><guid isPermaLink="false">https://turnbackhoax.id/?p=90120</guid></item>`;
    server.set("/tbh.xml", { ...RSS, body: RSS.body.replace("<item>", `${fresh}\n<item>`), etag: '"tbh-v2"' });
    const [third] = await pollFeeds(db, options([url]));
    expect(third!.outcome).toBe("updated");
    expect(third!.created.map((c) => c.text)).toEqual(["Pencairan BLT Desa Rp 900 Ribu Wajib Lewat Aplikasi Tak Resmi"]);
    expect(third!.duplicates).toBe(4);
    expect((await db.factcheckFeed.findUniqueOrThrow({ where: { url } })).etag).toBe('"tbh-v2"');
  });

  it("does not add a claim twice when a feed is read again without validators, or an admin already has it", async () => {
    const url = server.url("/kominfo.json"); // no ETag or Last-Modified: every read is a full one
    await db.falseClaim.create({
      data: { text: "Rekrutmen Tenaga Honorer Kabupaten Tanpa Tes dengan Biaya Administrasi", normText: "rekrutmen tenaga honorer kabupaten tanpa tes dengan biaya administrasi", origin: "manual" },
    });
    const [first] = await pollFeeds(db, options([url]));
    expect(first!.created.map((c) => c.text)).toEqual(["Kuota Internet Gratis 100 GB dari Kementerian untuk Semua Pelajar"]);
    const [again] = await pollFeeds(db, options([url]));
    expect(again!.outcome).toBe("updated");
    expect(again!.created).toEqual([]);
    expect(again!.duplicates).toBe(3);
    expect(await db.falseClaim.count()).toBe(2);
  });

  it("records and skips feeds that are broken, slow, huge or failing, and still imports the others", async () => {
    server.set("/broken.xml", { kind: "feed", body: fixture("broken.rss.xml"), contentType: "application/rss+xml" });
    server.set("/slow.xml", { kind: "slow" });
    server.set("/huge.xml", { kind: "huge", bytes: 20 * 1024 * 1024 });
    server.set("/huge-declared.xml", { kind: "huge", bytes: 20 * 1024 * 1024, declared: true });
    server.set("/error.xml", { kind: "status", status: 500 });
    server.set("/page.html", { kind: "feed", body: "<html><body><p>Bukan feed</p></body></html>", contentType: "text/html" });
    const good = [server.url("/tbh.xml"), server.url("/kominfo.json")];
    const bad = ["/broken.xml", "/slow.xml", "/huge.xml", "/huge-declared.xml", "/error.xml", "/page.html", "/missing.xml"].map((r) => server.url(r));
    const refused = `http://127.0.0.1:${await closedPort()}/feed`; // nothing listens there
    const failures: string[] = [];
    const results = await pollFeeds(db, {
      ...options([bad[0]!, good[0]!, ...bad.slice(1), refused, good[1]!], { timeoutMs: 700, maxBytes: 5 * 1024 * 1024 }),
      onFailure: (u) => failures.push(u),
    });
    const byUrl = new Map(results.map((r) => [r.url, r]));
    expect(good.map((u) => byUrl.get(u)!.outcome)).toEqual(["updated", "updated"]);
    expect(await db.falseClaim.count()).toBe(5);
    expect(failures.sort()).toEqual([...bad, refused].sort());

    const errors = Object.fromEntries((await feedHealth(db, [...bad, refused])).map((f) => [new URL(f.url).pathname, f.lastError]));
    expect(errors["/broken.xml"]).toMatch(/^malformed XML/);
    expect(errors["/slow.xml"]).toMatch(/no complete answer within 1 s/);
    expect(errors["/huge.xml"]).toBe("larger than 5 MB, not read");
    expect(errors["/huge-declared.xml"]).toBe("larger than 5 MB, not read");
    expect(errors["/error.xml"]).toBe("HTTP 500 Internal Server Error");
    expect(errors["/page.html"]).toMatch(/^not a feed/);
    expect(errors["/missing.xml"]).toBe("HTTP 404 Not Found");
    expect(errors["/feed"]).toMatch(/ECONNREFUSED/);

    const health = await feedHealth(db, [good[0]!, bad[0]!]);
    const lines = formatFeedHealth(health);
    expect(lines[0]).toMatch(/^ok {3}http:\/\/127\.0\.0\.1:\d+\/tbh\.xml: last success 2026-11-30T12:00:00\.000Z, 4 items, 3 claims added$/);
    expect(lines[1]).toMatch(/^FAIL .*\/broken\.xml: never read successfully, 0 items, 0 claims added; last attempt 2026-11-30T12:00:00\.000Z failed: malformed XML/);

    // A feed that failed keeps its last success when it fails again later.
    clock = new Date("2026-11-30T14:00:00Z");
    server.set("/tbh.xml", { kind: "status", status: 503 });
    await pollFeeds(db, options([good[0]!]));
    const [tbh] = await feedHealth(db, [good[0]!]);
    expect(tbh!.lastSuccessAt?.toISOString()).toBe("2026-11-30T12:00:00.000Z");
    expect(tbh!.lastAttemptAt?.toISOString()).toBe("2026-11-30T14:00:00.000Z");
    expect(tbh!.lastError).toBe("HTTP 503 Service Unavailable");
    expect(tbh!.itemCount).toBe(4);
  });
});
