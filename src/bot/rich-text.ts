// A member's text with its Telegram entities (bold, links, …), rendered to Telegram HTML with every
// character escaped, and split into parts that fit a caption or a message without cutting a word,
// a link or a tag in half.
import type { MessageEntity } from "grammy/types";
import { escapeHtml } from "../html.js";

/** Telegram's limits in visible characters: a message's text, and a photo's, video's or document's caption. */
export const TEXT_MAX = 4096;
export const CAPTION_MAX = 1024;

/**
 * A member's content as the messages that carry it, in Telegram HTML: the first is a caption when
 * there is media, the rest are texts; `reserve` keeps room in each for what follows the content
 * (the channel post's attribution).
 */
export function contentParts(rt: RichText, opts: { media: boolean; reserve?: number }): string[] {
  const reserve = opts.reserve ?? 0;
  return splitRichText(rt, (opts.media ? CAPTION_MAX : TEXT_MAX) - reserve, TEXT_MAX - reserve).map(toHtml);
}

/** Entity types worth keeping in a public post; the rest (mentions, hashtags, …) stay plain text. */
const KEPT = new Set(["bold", "italic", "underline", "strikethrough", "spoiler", "code", "pre", "text_link", "blockquote"]);

export interface RichText {
  text: string;
  entities: MessageEntity[];
}

function openTag(e: MessageEntity): string {
  switch (e.type) {
    case "bold":
      return "<b>";
    case "italic":
      return "<i>";
    case "underline":
      return "<u>";
    case "strikethrough":
      return "<s>";
    case "spoiler":
      return "<tg-spoiler>";
    case "code":
      return "<code>";
    case "pre":
      return "<pre>";
    case "blockquote":
      return "<blockquote>";
    case "text_link":
      return `<a href="${escapeHtml(e.url)}">`;
    default:
      return "";
  }
}

function closeTag(e: MessageEntity): string {
  const tags: Record<string, string> = {
    bold: "</b>",
    italic: "</i>",
    underline: "</u>",
    strikethrough: "</s>",
    spoiler: "</tg-spoiler>",
    code: "</code>",
    pre: "</pre>",
    blockquote: "</blockquote>",
    text_link: "</a>",
  };
  return tags[e.type] ?? "";
}

/** Only well-formed, kept entities that nest properly; overlapping ones are dropped rather than mis-rendered. */
function usableEntities(rt: RichText): MessageEntity[] {
  const sorted = rt.entities
    .filter((e) => KEPT.has(e.type) && e.length > 0 && e.offset >= 0 && e.offset + e.length <= rt.text.length)
    .filter((e) => e.type !== "text_link" || /^(https?:\/\/|tg:\/\/)/i.test(e.url))
    .sort((a, b) => a.offset - b.offset || b.length - a.length);
  const kept: MessageEntity[] = [];
  const open: MessageEntity[] = [];
  for (const e of sorted) {
    while (open.length > 0 && open[open.length - 1]!.offset + open[open.length - 1]!.length <= e.offset) open.pop();
    const parent = open[open.length - 1];
    if (parent && e.offset + e.length > parent.offset + parent.length) continue;
    kept.push(e);
    open.push(e);
  }
  return kept;
}

/** Renders text and entities to HTML. Offsets are UTF-16 code units, as Telegram counts them. */
export function toHtml(rt: RichText): string {
  const entities = usableEntities(rt);
  const opens = new Map<number, MessageEntity[]>();
  const closes = new Map<number, MessageEntity[]>();
  for (const e of entities) {
    opens.set(e.offset, [...(opens.get(e.offset) ?? []), e]);
    closes.set(e.offset + e.length, [e, ...(closes.get(e.offset + e.length) ?? [])]);
  }
  let out = "";
  for (let i = 0; i <= rt.text.length; i++) {
    for (const e of closes.get(i) ?? []) out += closeTag(e);
    if (i === rt.text.length) break;
    for (const e of opens.get(i) ?? []) out += openTag(e);
    out += escapeHtml(rt.text[i]!);
  }
  return out;
}

/** The part of a rich text between two offsets, with its entities clipped to it. */
export function slice(rt: RichText, start: number, end: number): RichText {
  const entities: MessageEntity[] = [];
  for (const e of usableEntities(rt)) {
    const s = Math.max(e.offset, start);
    const t = Math.min(e.offset + e.length, end);
    if (t > s) entities.push({ ...e, offset: s - start, length: t - s });
  }
  return { text: rt.text.slice(start, end), entities };
}

/**
 * Splits into parts of at most `firstMax` then `restMax` visible characters, at a paragraph,
 * line or word boundary where possible and never inside a link's text or a surrogate pair.
 */
export function splitRichText(rt: RichText, firstMax: number, restMax: number): RichText[] {
  const links = usableEntities(rt).filter((e) => e.type === "text_link");
  const parts: RichText[] = [];
  let start = 0;
  while (start < rt.text.length) {
    const max = parts.length === 0 ? firstMax : restMax;
    if (rt.text.length - start <= max) {
      parts.push(slice(rt, start, rt.text.length));
      break;
    }
    let cut = bestCut(rt.text, start, start + max);
    // Do not split a link's visible text: cut before the link instead, when that leaves something.
    const inside = links.find((l) => l.offset < cut && l.offset + l.length > cut);
    if (inside && inside.offset > start) cut = inside.offset;
    parts.push(trimRich(slice(rt, start, cut)));
    start = cut;
    while (start < rt.text.length && /\s/.test(rt.text[start]!)) start++;
  }
  return parts.filter((p) => p.text.length > 0);
}

function bestCut(text: string, start: number, limit: number): number {
  const window = text.slice(start, limit);
  const minGood = Math.floor(window.length * 0.5);
  for (const sep of ["\n\n", "\n", ". ", " "]) {
    const at = window.lastIndexOf(sep);
    if (at >= minGood) return start + at + (sep === ". " ? 1 : 0);
  }
  // No boundary: cut hard, but never between the two halves of an emoji.
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

function trimRich(rt: RichText): RichText {
  const end = rt.text.replace(/\s+$/, "").length;
  return end === rt.text.length ? rt : slice(rt, 0, end);
}
