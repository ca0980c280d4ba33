// Validation of what the bot sends: formatted text, captions and inline keyboards, with
// Telegram's limits and error texts.
import type { InlineKeyboardButton, InlineKeyboardMarkup, Message, MessageEntity, User } from "grammy/types";
import { parseTelegramHtml, TelegramHtmlError, normalizeLink, type FormattedText } from "../html.js";
import { ApiError, badRequest } from "./errors.js";
import type { Params } from "./params.js";

export const MAX_TEXT_LENGTH = 4096;
export const MAX_CAPTION_LENGTH = 1024;
const MAX_CALLBACK_DATA_BYTES = 64;

/** Parses text in the given parse mode (or takes the explicit entities) and normalizes it as Telegram does. */
export function formatText(
  raw: string,
  parseMode: string | undefined,
  entities: unknown,
  resolveUser?: (id: number) => User | undefined,
): FormattedText {
  const mode = (parseMode ?? "").toLowerCase();
  if (mode === "html") {
    try {
      return normalize(parseTelegramHtml(raw, { resolveUser }));
    } catch (err) {
      if (err instanceof TelegramHtmlError) throw new ApiError(400, err.message);
      throw err;
    }
  }
  if (mode !== "") throw badRequest("unsupported parse_mode");
  return normalize({ text: raw, entities: explicitEntities(entities) });
}

/** The text of sendMessage/editMessageText after parsing, checked against 1–4096 UTF-16 units. */
export function messageText(p: Params, resolveUser?: (id: number) => User | undefined): FormattedText {
  const raw = p.string("text") ?? "";
  const formatted = formatText(raw, p.string("parse_mode"), p.json("entities", "can't parse entities JSON object"), resolveUser);
  if (formatted.text.length === 0) throw badRequest("message text is empty");
  if (formatted.text.length > MAX_TEXT_LENGTH) throw badRequest("message is too long");
  return formatted;
}

/** A caption (possibly absent) from `caption`/`parse_mode`/`caption_entities`, at most 1024 units. */
export function captionOf(
  source: { caption?: unknown; parse_mode?: unknown; caption_entities?: unknown },
  resolveUser?: (id: number) => User | undefined,
): Pick<Message, "caption" | "caption_entities"> {
  if (typeof source.caption !== "string") return {};
  const mode = typeof source.parse_mode === "string" ? source.parse_mode : undefined;
  const formatted = formatText(source.caption, mode, source.caption_entities, resolveUser);
  if (formatted.text.length > MAX_CAPTION_LENGTH) throw badRequest("message caption is too long");
  if (formatted.text.length === 0) return {};
  return formatted.entities.length > 0 ? { caption: formatted.text, caption_entities: formatted.entities } : { caption: formatted.text };
}

/** The caption parameters of a send or edit request. */
export function captionParams(p: Params): { caption?: unknown; parse_mode?: unknown; caption_entities?: unknown } {
  return { caption: p.get("caption"), parse_mode: p.get("parse_mode"), caption_entities: p.json("caption_entities", "can't parse entities JSON object") };
}

function explicitEntities(value: unknown): MessageEntity[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badRequest("can't parse entities JSON object");
  return value.filter((e): e is MessageEntity => {
    const entity = e as Partial<MessageEntity> | null;
    return typeof entity?.type === "string" && Number.isInteger(entity.offset) && Number.isInteger(entity.length);
  });
}

/**
 * What Telegram does to every formatted text: leading and trailing whitespace goes, entities are
 * clipped to the remaining text, empty ones vanish, and nothing may be nested inside code or pre.
 */
export function normalize({ text, entities }: FormattedText): FormattedText {
  const start = text.length - text.trimStart().length;
  const trimmed = text.trim();
  const clipped = entities
    .map((e) => {
      const from = Math.max(e.offset - start, 0);
      const to = Math.min(e.offset + e.length - start, trimmed.length);
      return { ...e, offset: from, length: to - from };
    })
    .filter((e) => e.length > 0);
  const sorted = clipped.sort((a, b) => a.offset - b.offset || b.length - a.length || codeRank(a) - codeRank(b));
  // Outer entities come first, so a code span only meets the code spans around it.
  const kept: MessageEntity[] = [];
  for (const entity of sorted) {
    const insideCode = kept.some((k) => isCode(k) && contains(k, entity));
    if (!insideCode || entity.type.endsWith("blockquote")) kept.push(entity);
  }
  return { text: trimmed, entities: kept };
}

function isCode(entity: MessageEntity): boolean {
  return entity.type === "code" || entity.type === "pre";
}

/** On equal spans pre wraps code, as in <pre><code>…</code></pre>. */
function codeRank(entity: MessageEntity): number {
  return entity.type === "pre" ? 0 : entity.type === "code" ? 1 : 2;
}

function contains(outer: MessageEntity, inner: MessageEntity): boolean {
  return inner.offset >= outer.offset && inner.offset + inner.length <= outer.offset + outer.length;
}

export interface ParsedMarkup {
  /** The inline keyboard to show on the message; absent for reply keyboards and removals. */
  inline?: InlineKeyboardMarkup;
  /** reply_markup was given at all (editing without it removes the keyboard). */
  given: boolean;
}

/** Reads and validates reply_markup like Telegram; `inlineOnly` for edits, which take only inline keyboards. */
export function parseReplyMarkup(p: Params, inlineOnly = false): ParsedMarkup {
  if (!p.has("reply_markup")) return { given: false };
  const markup = p.json("reply_markup", "can't parse reply keyboard markup JSON object");
  if (!markup || typeof markup !== "object" || Array.isArray(markup)) throw badRequest("can't parse reply keyboard markup JSON object");
  const m = markup as Record<string, unknown>;
  if (m.inline_keyboard === undefined) {
    if (inlineOnly) throw badRequest("inline keyboard expected");
    if (m.keyboard !== undefined && !isArrayOfArrays(m.keyboard)) {
      throw badRequest('field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays');
    }
    return { given: true };
  }
  if (!isArrayOfArrays(m.inline_keyboard)) {
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays');
  }
  const rows = m.inline_keyboard.map((row) => row.map(checkButton)).filter((row) => row.length > 0);
  return rows.length > 0 ? { inline: { inline_keyboard: rows }, given: true } : { given: true };
}

function isArrayOfArrays(value: unknown): value is unknown[][] {
  return Array.isArray(value) && value.every((row) => Array.isArray(row));
}

const BUTTON_ACTIONS = [
  "url", "callback_data", "web_app", "login_url", "switch_inline_query", "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat", "copy_text", "callback_game", "pay",
];

function checkButton(value: unknown): InlineKeyboardButton {
  if (!value || typeof value !== "object") throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
  const button = value as Record<string, unknown>;
  if (typeof button.text !== "string") throw badRequest('can\'t parse inline keyboard button: Field "text" must be of type String');
  if (!BUTTON_ACTIONS.some((action) => button[action] !== undefined)) {
    throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  }
  if (button.callback_data !== undefined) {
    const data = button.callback_data;
    const bytes = typeof data === "string" ? Buffer.byteLength(data, "utf8") : 0;
    if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) throw badRequest("BUTTON_DATA_INVALID");
  }
  if (button.url !== undefined && (typeof button.url !== "string" || !normalizeLink(button.url))) {
    throw badRequest("BUTTON_URL_INVALID");
  }
  return value as InlineKeyboardButton;
}

/** The fields that make up a message's content, copied by copyMessage and forwardMessage. */
export const CONTENT_FIELDS = [
  "text", "entities", "link_preview_options", "photo", "video", "document", "audio", "voice", "animation",
  "sticker", "video_note", "caption", "caption_entities", "has_media_spoiler", "show_caption_above_media",
  "location", "venue", "contact", "poll", "dice",
] as const;

export function contentOf(message: Message): Partial<Message> {
  const content: Record<string, unknown> = {};
  for (const field of CONTENT_FIELDS) {
    if (message[field] !== undefined) content[field] = structuredClone(message[field]);
  }
  return content as Partial<Message>;
}

/** Content equality for "message is not modified": JSON of the same fields in the same order. */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
