// A fact-check feed's body (RSS 2.0, Atom, RDF or JSON Feed) turned into plain items.
//
// Parser: feedsmith (one parser for all four formats, typed, maintained, two small dependencies).
// It is deliberately forgiving, which suits odd but complete feeds; a feed that is not even
// well-formed XML, though, is most often a truncated or broken answer, so it is refused whole
// (fast-xml-parser's validator, which feedsmith itself is built on) rather than read in part.
import { parseFeed } from "feedsmith";
import { XMLValidator } from "fast-xml-parser";
import { decodeHTML } from "entities";

export interface FeedItem {
  guid?: string;
  link?: string;
  title: string;
  summary?: string;
  publishedAt?: Date;
}

export interface ParsedFeed {
  format: "rss" | "atom" | "rdf" | "json";
  title?: string;
  items: FeedItem[];
}

export class FeedParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FeedParseError";
  }
}

/** Items beyond this many are ignored: a fact-check feed lists its latest few dozen. */
const MAX_ITEMS = 500;
const MAX_SUMMARY = 600;

export function parseFactcheckFeed(body: string): ParsedFeed {
  const text = body.replace(/^\uFEFF/, "").trim();
  if (text === "") throw new FeedParseError("empty answer");
  let input: unknown = text;
  if (text.startsWith("{")) {
    try {
      input = JSON.parse(text);
    } catch (err) {
      throw new FeedParseError(`invalid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
  } else {
    const valid = XMLValidator.validate(text);
    if (valid !== true) throw new FeedParseError(`malformed XML (line ${valid.err.line}): ${valid.err.msg}`);
  }
  let parsed: ReturnType<typeof parseFeed<string>>;
  try {
    parsed = parseFeed<string>(input, { maxItems: MAX_ITEMS });
  } catch (err) {
    throw new FeedParseError(`not a feed: ${err instanceof Error ? err.message : String(err)}`);
  }
  switch (parsed.format) {
    case "rss":
      return {
        format: "rss",
        title: clean(parsed.feed.title),
        items: collect(parsed.feed.items, (i) => ({
          guid: i.guid?.value,
          link: i.link,
          title: i.title,
          summary: i.description ?? i.content?.encoded,
          date: i.pubDate ?? i.dc?.dates?.[0],
        })),
      };
    case "rdf":
      return {
        format: "rdf",
        title: clean(parsed.feed.title),
        items: collect(parsed.feed.items, (i) => ({ guid: i.rdf?.about, link: i.link, title: i.title, summary: i.description, date: i.dc?.dates?.[0] })),
      };
    case "atom":
      return {
        format: "atom",
        title: clean(textValue(parsed.feed.title)),
        items: collect(parsed.feed.entries, (e) => ({
          guid: e.id,
          link: (e.links ?? []).find((l) => !l.rel || l.rel === "alternate")?.href ?? e.links?.[0]?.href,
          title: textValue(e.title),
          summary: textValue(e.summary) ?? textValue(e.content),
          date: e.published ?? e.updated,
        })),
      };
    case "json":
      return {
        format: "json",
        title: clean(parsed.feed.title),
        items: collect(parsed.feed.items, (i) => ({
          guid: i.id,
          link: i.url ?? i.external_url,
          title: i.title,
          summary: i.summary ?? i.content_text ?? i.content_html,
          date: i.date_published ?? i.date_modified,
        })),
      };
  }
}

interface RawItem {
  guid?: string;
  link?: string;
  title?: string;
  summary?: string;
  date?: string;
}

function collect<T>(items: readonly T[] | undefined, read: (item: T) => RawItem): FeedItem[] {
  const out: FeedItem[] = [];
  for (const item of items ?? []) {
    const raw = read(item);
    const title = clean(raw.title);
    if (!title) continue;
    const summary = clean(raw.summary);
    out.push({
      title,
      guid: raw.guid?.trim() || undefined,
      link: httpLink(raw.link),
      summary: summary ? cut(summary, MAX_SUMMARY) : undefined,
      publishedAt: dateOf(raw.date),
    });
  }
  return out;
}

/** Atom text constructs are objects ({ value, type }); plain strings elsewhere. */
function textValue(t: unknown): string | undefined {
  if (typeof t === "string") return t;
  if (t && typeof t === "object" && "value" in t && typeof t.value === "string") return t.value;
  return undefined;
}

/** Plain text: tags dropped, HTML entities decoded (feeds escape twice), whitespace collapsed. */
export function clean(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const text = decodeHTML(
    value
      .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, " ")
      .replace(/<br\s*\/?>|<\/p>/gi, " ")
      .replace(/<[^>]*>/g, " "),
  )
    .replace(/\s+/g, " ")
    .trim();
  return text || undefined;
}

function httpLink(link: string | undefined): string | undefined {
  const l = link?.trim();
  return l && /^https?:\/\/\S+$/i.test(l) ? l : undefined;
}

function dateOf(raw: string | undefined): Date | undefined {
  if (!raw) return undefined;
  const t = Date.parse(raw.trim());
  return Number.isFinite(t) ? new Date(t) : undefined;
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
