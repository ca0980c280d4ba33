// The public feeds: valid RSS 2.0 and JSON Feed read back by a parser, text escaped, only what
// the channel shows, and ETag answers 304.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Hono } from "hono";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { createRoutes } from "../../../src/http/server.js";
import { kimSlug } from "../../../src/reports/published.js";
import { createI18n, plainIdentifiers } from "../../../src/bot/i18n.js";
import { addSubmission, buildFixture, wib, type Fixture } from "../activity/fixture.js";

const i18n = createI18n("id");
const HOSTILE = 'Kerja bakti <script>alert("x")</script> & ]]> "kutip"\nBaris kedua';

let f: Fixture;
let app: Hono;
let hostileId: number;
let albumId: number;

async function publish(id: number, messageIds: number[], at: Date) {
  await f.db.submission.update({
    where: { id },
    data: { status: "published", publishedAt: at, channelMessageId: messageIds[0], channelMessageIds: messageIds, publishedUrl: `https://t.me/infokim/${messageIds[0]}` },
  });
}

beforeEach(async () => {
  f = await buildFixture();
  const member = await f.db.member.findFirstOrThrow({ where: { kimId: f.kim.alpha } });
  hostileId = (await addSubmission(f.db, { kimId: f.kim.alpha, memberId: member.id, kind: "text", status: "approved", confirmedAt: wib(11, 24, 9), text: HOSTILE }));
  albumId = (await addSubmission(f.db, { kimId: f.kim.beta, memberId: (await f.db.member.findFirstOrThrow({ where: { kimId: f.kim.beta } })).id, kind: "album", status: "approved", confirmedAt: wib(11, 24, 10), media: ["photo", "photo"], text: "Posyandu" }));
  await publish(hostileId, [101], wib(11, 24, 11));
  await publish(albumId, [102, 103, 104], wib(11, 24, 12));
  app = createRoutes({
    readiness: { database: async () => undefined, migrations: async () => true, telegram: async () => true },
    feeds: { db: f.db, publicUrl: "https://kim.example.go.id", channel: "@infokim", t: (k, v) => i18n.t("id", k, plainIdentifiers(v)), cacheMs: 0 },
  });
});
afterEach(async () => {
  await f.cleanup();
});

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ["item", "category"].includes(name) });

async function rssItems(path: string) {
  const res = await app.request(path);
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toContain("application/rss+xml");
  const xml = await res.text();
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = parser.parse(xml) as { rss: { "@_version": string; channel: { title: string; item?: Array<Record<string, unknown>> } } };
  expect(doc.rss["@_version"]).toBe("2.0");
  return { xml, channel: doc.rss.channel, items: doc.rss.channel.item ?? [] };
}

describe("the public feeds", () => {
  it("publish the posts as RSS 2.0: escaped text, the KIM and kecamatan, the date and the photos' channel links", async () => {
    const { xml, items } = await rssItems("/feed.xml");
    const links = items.map((i) => i.link);
    expect(links).toContain("https://t.me/infokim/101");
    expect(links).toContain("https://t.me/infokim/102");
    // Only published posts: the fixture's pending, rejected and withdrawn items are not there.
    const published = await f.db.submission.count({ where: { status: "published", publishedUrl: { not: null } } });
    expect(items.length).toBe(published);
    const hostile = items.find((i) => i.link === "https://t.me/infokim/101")!;
    const description = String(hostile.description);
    expect(description).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ]]&gt;");
    expect(description).toContain("<br>Baris kedua");
    // The title is plain text (a reader shows it as it is): the first line, exactly, "]]>" included.
    expect(String(hostile.title).trim()).toBe('Kerja bakti <script>alert("x")</script> & ]]> "kutip"');
    // Outside the title's CDATA, no markup of the member's text reaches the XML.
    expect(xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, "")).not.toContain("<script>");
    expect((hostile.category as Array<{ "#text": string }>).map((c) => c["#text"])).toEqual(["Alpha", "Sukamaju"]);
    expect(new Date(String(hostile.pubDate)).toISOString()).toBe(wib(11, 24, 11).toISOString());
    const album = String(items.find((i) => i.link === "https://t.me/infokim/102")!.description);
    expect(album).toContain('href="https://t.me/infokim/102"');
    expect(album).toContain('href="https://t.me/infokim/103"');
    expect(album).not.toContain("/104");
  });

  it("publish a JSON Feed 1.1 with the same posts", async () => {
    const res = await app.request("/feed.json");
    expect(res.headers.get("Content-Type")).toContain("application/feed+json");
    const feed = (await res.json()) as { version: string; title: string; feed_url: string; items: Array<Record<string, unknown>> };
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.feed_url).toBe("https://kim.example.go.id/feed.json");
    const hostile = feed.items.find((i) => i.url === "https://t.me/infokim/101")!;
    expect(hostile.content_text).toBe(HOSTILE);
    expect(String(hostile.content_html)).not.toContain("<script>");
    expect(hostile.date_published).toBe(wib(11, 24, 11).toISOString());
    expect(hostile._kim).toEqual({ kim: "Alpha", kecamatan: "Sukamaju", photos: [] });
    const album = feed.items.find((i) => i.url === "https://t.me/infokim/102")!;
    expect((album._kim as { photos: string[] }).photos).toEqual(["https://t.me/infokim/102", "https://t.me/infokim/103"]);
  });

  it("has a feed per KIM under its slug, and 404 for an unknown KIM", async () => {
    const beta = await f.db.kim.findUniqueOrThrow({ where: { id: f.kim.beta } });
    const slug = kimSlug(beta);
    expect(slug).toBe(`${beta.id}-beta`);
    const { channel, items } = await rssItems(`/kim/${slug}/feed.xml`);
    expect(String(channel.title)).toContain("Beta");
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => (i.category as Array<{ "#text": string }>)[0]!["#text"] === "Beta")).toBe(true);
    expect((await app.request(`/kim/${slug}/feed.json`)).status).toBe(200);
    expect((await app.request("/kim/999999-nope/feed.xml")).status).toBe(404);
    expect((await app.request("/kim/bukan-kim/feed.xml")).status).toBe(404);
  });

  it("drops a withdrawn post at the next read", async () => {
    await f.db.submission.update({ where: { id: hostileId }, data: { status: "withdrawn" } });
    const { items } = await rssItems("/feed.xml");
    expect(items.map((i) => i.link)).not.toContain("https://t.me/infokim/101");
    const json = (await (await app.request("/feed.json")).json()) as { items: Array<{ url: string }> };
    expect(json.items.map((i) => i.url)).not.toContain("https://t.me/infokim/101");
  });

  it("answers 304 to the ETag it gave, and 200 with a new ETag once the feed changed", async () => {
    const first = await app.request("/feed.xml");
    const etag = first.headers.get("ETag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await app.request("/feed.xml", { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    await f.db.submission.update({ where: { id: albumId }, data: { status: "removed" } });
    const changed = await app.request("/feed.xml", { headers: { "If-None-Match": etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("ETag")).not.toBe(etag);
  });
});
