// Public feeds of what the channel shows (issue 13), for the KIM.id pages and the district's
// website: RSS 2.0 and JSON Feed of the district (/feed.xml, /feed.json) and of one KIM
// (/kim/<slug>/feed.xml, /kim/<slug>/feed.json). Only published posts are in them (a withdrawn
// or removed post leaves at the next read); no member names, nothing under review. Each answer
// carries an ETag of its bytes, and a reader that sends it back gets 304 without a body.
import { createHash } from "node:crypto";
import type { Context, Hono } from "hono";
import { generateJsonFeed, generateRssFeed } from "feedsmith";
import type { Db } from "../db/client.js";
import { escapeHtml } from "../html.js";
import { kimIdOfSlug, kimSlug, publishedPosts, type PublishedPost } from "../reports/published.js";

export interface FeedDeps {
  db: Db;
  /** Where people reach this server; the request's own origin when unset. */
  publicUrl: string | undefined;
  channel: string | undefined;
  /** Feed texts in the bot's default language. */
  t(key: string, vars?: Record<string, string | number>): string;
  /** How long a built feed is reused (default 60 s): a busy website must not query every time. */
  cacheMs?: number;
}

interface BuiltFeed {
  body: string;
  etag: string;
  type: string;
}

/** Longest item title, from the start of the text. */
const TITLE_CHARS = 90;

function titleOf(post: PublishedPost, photo: string): string {
  const first = post.text.split("\n").find((l) => l.trim() !== "")?.trim() ?? "";
  const text = first || `${photo} ${post.kimName}`;
  return [...text].length <= TITLE_CHARS ? text : `${[...text].slice(0, TITLE_CHARS - 1).join("").trimEnd()}…`;
}

/** The post's text as HTML (every character escaped, lines kept), with its photos' channel links. */
function contentHtml(post: PublishedPost, photo: string): string {
  const text = post.text ? `<p>${escapeHtml(post.text).replace(/\r?\n/g, "<br>")}</p>` : "";
  const photos = post.photoUrls.map((u, i) => `<a href="${escapeHtml(u)}">${escapeHtml(`${photo} ${i + 1}`)}</a>`);
  const place = `<p>${escapeHtml(post.kimName)} · Kec. ${escapeHtml(post.kecamatanName)}</p>`;
  return text + (photos.length > 0 ? `<p>${photos.join(" · ")}</p>` : "") + place;
}

function rss(posts: PublishedPost[], meta: { title: string; description: string; link: string; self: string }, photo: string): string {
  return generateRssFeed({
    title: meta.title,
    link: meta.link,
    description: meta.description,
    language: "id",
    lastBuildDate: posts[0]?.publishedAt,
    atom: { links: [{ href: meta.self, rel: "self", type: "application/rss+xml" }] },
    items: posts.map((p) => ({
      title: titleOf(p, photo),
      link: p.url,
      guid: { value: p.url, isPermaLink: true },
      description: contentHtml(p, photo),
      pubDate: p.publishedAt,
      categories: [{ name: p.kimName, domain: "kim" }, { name: p.kecamatanName, domain: "kecamatan" }],
    })),
  } as Parameters<typeof generateRssFeed>[0]);
}

function jsonFeed(posts: PublishedPost[], meta: { title: string; description: string; link: string; self: string }, photo: string): string {
  const feed = generateJsonFeed({
    title: meta.title,
    home_page_url: meta.link,
    feed_url: meta.self,
    description: meta.description,
    language: "id",
    items: posts.map((p) => ({
      id: p.url,
      url: p.url,
      title: titleOf(p, photo),
      content_text: p.text,
      content_html: contentHtml(p, photo),
      date_published: p.publishedAt,
      tags: [p.kimName, `Kec. ${p.kecamatanName}`],
      // JSON Feed extensions start with "_": the KIM, its kecamatan and the photos' posts, as data.
      _kim: { kim: p.kimName, kecamatan: p.kecamatanName, photos: p.photoUrls },
    })),
  } as Parameters<typeof generateJsonFeed>[0]);
  return JSON.stringify(feed);
}

function etagOf(body: string): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === etag || t.trim() === "*");
}

export function feedRoutes(app: Hono, deps: FeedDeps): void {
  const cache = new Map<string, { at: number; feed: BuiltFeed }>();
  const cacheMs = deps.cacheMs ?? 60_000;
  const channelLink = deps.channel?.startsWith("@") ? `https://t.me/${deps.channel.slice(1)}` : undefined;

  const build = async (c: Context, format: "rss" | "json", kimId: number | undefined): Promise<BuiltFeed | undefined> => {
    const base = deps.publicUrl ?? new URL(c.req.url).origin;
    const photo = deps.t("feed-photo");
    let title = deps.t("feed-title");
    let path = "";
    if (kimId !== undefined) {
      const kim = await deps.db.kim.findUnique({ where: { id: kimId }, include: { kecamatan: { select: { name: true } } } });
      if (!kim) return undefined;
      title = deps.t("feed-title-kim", { kim: kim.name, kecamatan: kim.kecamatan.name });
      path = `/kim/${kimSlug(kim)}`;
    }
    const posts = await publishedPosts(deps.db, kimId === undefined ? {} : { kimId });
    const meta = {
      title,
      description: deps.t("feed-description", { channel: deps.channel ?? "" }),
      link: posts[0]?.url.replace(/\/\d+$/, "") ?? channelLink ?? base,
      self: `${base}${path}/feed.${format === "rss" ? "xml" : "json"}`,
    };
    const body = format === "rss" ? rss(posts, meta, photo) : jsonFeed(posts, meta, photo);
    return { body, etag: etagOf(body), type: format === "rss" ? "application/rss+xml; charset=utf-8" : "application/feed+json; charset=utf-8" };
  };

  const serve = (format: "rss" | "json", kimOf: (c: Context) => number | undefined | null) => async (c: Context) => {
    const kimId = kimOf(c);
    if (kimId === null) return c.text("not found\n", 404);
    const key = `${format}:${kimId ?? "all"}:${deps.publicUrl ? "" : new URL(c.req.url).origin}`;
    const hit = cache.get(key);
    let feed = hit && Date.now() - hit.at < cacheMs ? hit.feed : undefined;
    if (!feed) {
      feed = await build(c, format, kimId);
      if (!feed) return c.text("not found\n", 404);
      cache.set(key, { at: Date.now(), feed });
    }
    const headers = { ETag: feed.etag, "Cache-Control": `public, max-age=${Math.round(cacheMs / 1000)}`, "X-Content-Type-Options": "nosniff" };
    if (matches(c.req.header("If-None-Match"), feed.etag)) return c.body(null, 304, headers);
    return c.body(feed.body, 200, { ...headers, "Content-Type": feed.type });
  };

  const slug = (c: Context) => kimIdOfSlug(c.req.param("slug") ?? "") ?? null;
  app.get("/feed.xml", serve("rss", () => undefined));
  app.get("/feed.json", serve("json", () => undefined));
  app.get("/kim/:slug/feed.xml", serve("rss", slug));
  app.get("/kim/:slug/feed.json", serve("json", slug));
}
