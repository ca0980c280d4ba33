// Telegram's HTML parse mode, as the Bot API server implements it (tdlib's parse_html).
//
// The bot formats almost every message with parse_mode "HTML", and Telegram rejects the whole
// message when the markup is wrong (an unescaped "<" in a user's name, a <br>, a stray </b>).
// The emulator runs this parser so such bugs fail in tests exactly as they would in production,
// with Telegram's own error text. Offsets in errors are UTF-8 byte offsets, as Telegram reports;
// entity offsets are UTF-16 code units, as the Bot API returns them.
import type { MessageEntity, User } from "grammy/types";

export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

export interface HtmlParseOptions {
  /** Resolves `tg://user?id=…` links to a user; without it they stay plain text links. */
  resolveUser?: (id: number) => User | undefined;
}

/** A markup error; `message` is the Bot API description ("Bad Request: can't parse entities: …"). */
export class TelegramHtmlError extends Error {
  override name = "TelegramHtmlError";
  constructor(readonly reason: string) {
    super(`Bad Request: can't parse entities: ${reason}`);
  }
}

const SUPPORTED_TAGS = new Set([
  "a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins",
  "tg-spoiler", "tg-emoji", "span", "pre", "code", "blockquote",
]);

const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

/** Telegram accepts these link schemes; anything else in href silently loses its link. */
const LINK_SCHEMES = new Set(["http", "https", "tg", "ton", "ftp"]);

/** Parses Telegram HTML into plain text and entities, or throws TelegramHtmlError. */
export function parseTelegramHtml(html: string, options: HtmlParseOptions = {}): FormattedText {
  return new HtmlParser(html, options).parse();
}

interface OpenTag {
  tag: string;
  argument: string;
  /** UTF-16 offset in the output where the tag's content starts. */
  offset: number;
}

type EntityDraft = MessageEntity & { language?: string };

class HtmlParser {
  private pos = 0;
  private out = "";
  private readonly entities: EntityDraft[] = [];
  private readonly open: OpenTag[] = [];

  constructor(
    private readonly src: string,
    private readonly options: HtmlParseOptions,
  ) {}

  parse(): FormattedText {
    while (this.pos < this.src.length) {
      const c = this.src.charAt(this.pos);
      if (c === "&") {
        const decoded = decodeEntity(this.src, this.pos);
        if (decoded) {
          this.out += decoded.value;
          this.pos = decoded.next;
          continue;
        }
      }
      if (c !== "<") {
        // Copying UTF-16 units one by one keeps surrogate pairs intact and out.length an entity offset.
        this.out += c;
        this.pos++;
      } else if (this.at(this.pos + 1) === "/") {
        this.readEndTag();
      } else {
        this.readStartTag();
      }
    }
    const unclosed = this.open.at(-1);
    if (unclosed) throw new TelegramHtmlError(`Can't find end tag corresponding to start tag "${unclosed.tag}"`);
    return { text: this.out, entities: finishEntities(this.entities) };
  }

  /** The character at i; past the end it is "\0", the terminator tdlib's parser sees there. */
  private at(i: number): string {
    return i < this.src.length ? this.src.charAt(i) : "\0";
  }

  private atEnd(i: number): boolean {
    return i >= this.src.length || this.src.charAt(i) === "\0";
  }

  private byteOffset(i: number): number {
    return Buffer.byteLength(this.src.slice(0, i), "utf8");
  }

  private fail(reason: string): never {
    throw new TelegramHtmlError(reason);
  }

  private skipSpaces(): void {
    while (!this.atEnd(this.pos) && isSpace(this.at(this.pos))) this.pos++;
  }

  private readStartTag(): void {
    const begin = this.pos++;
    while (!isSpace(this.at(this.pos)) && this.at(this.pos) !== ">") this.pos++;
    if (this.atEnd(this.pos)) this.fail(`Unclosed start tag at byte offset ${this.byteOffset(begin)}`);
    const tag = this.src.slice(begin + 1, this.pos).toLowerCase();
    if (!SUPPORTED_TAGS.has(tag)) this.fail(`Unsupported start tag "${tag}" at byte offset ${this.byteOffset(begin)}`);

    let argument = "";
    while (this.at(this.pos) !== ">") {
      const attribute = this.readAttribute(tag, begin);
      if (attribute) argument = tagArgument(tag, attribute.name, attribute.value) ?? argument;
    }
    this.pos++; // the ">"
    if (tag === "span" && argument !== "spoiler") {
      this.fail(`Tag "span" must have class "tg-spoiler" at byte offset ${this.byteOffset(begin)}`);
    }
    this.open.push({ tag, argument, offset: this.out.length });
  }

  /** Reads one attribute of a start tag; undefined when only spaces were left before ">". */
  private readAttribute(tag: string, begin: number): { name: string; value: string } | undefined {
    this.skipSpaces();
    if (this.at(this.pos) === ">") return undefined;
    const nameStart = this.pos;
    while (!isSpace(this.at(this.pos)) && this.at(this.pos) !== "=" && this.at(this.pos) !== ">") this.pos++;
    const name = this.src.slice(nameStart, this.pos);
    if (name === "") this.fail(`Empty attribute name in the tag "${tag}" at byte offset ${this.byteOffset(begin)}`);
    this.skipSpaces();
    if (this.at(this.pos) !== "=") {
      if (this.atEnd(this.pos)) this.fail(`Unclosed start tag "${tag}" at byte offset ${this.byteOffset(begin)}`);
      // The only attribute Telegram accepts without a value.
      if (tag === "blockquote" && name === "expandable") return { name, value: "" };
      this.fail(`Expected equal sign in declaration of an attribute of the tag "${tag}" at byte offset ${this.byteOffset(begin)}`);
    }
    this.pos++;
    this.skipSpaces();
    if (this.atEnd(this.pos)) this.fail(`Unclosed start tag "${tag}" at byte offset ${this.byteOffset(begin)}`);
    const value = this.at(this.pos) === '"' || this.at(this.pos) === "'" ? this.readQuotedValue() : this.readNameToken();
    if (this.atEnd(this.pos)) this.fail(`Unclosed start tag at byte offset ${this.byteOffset(begin)}`);
    return { name, value };
  }

  /** An unquoted value is an HTML "name token": letters, digits, "." and "-" only, lowercased. */
  private readNameToken(): string {
    const start = this.pos;
    while (/^[A-Za-z0-9.-]$/.test(this.at(this.pos))) this.pos++;
    const c = this.at(this.pos);
    if (!isSpace(c) && c !== ">") this.fail(`Unexpected end of name token at byte offset ${this.byteOffset(start)}`);
    return this.src.slice(start, this.pos).toLowerCase();
  }

  private readQuotedValue(): string {
    const quote = this.at(this.pos++);
    let value = "";
    while (!this.atEnd(this.pos) && this.at(this.pos) !== quote) {
      const decoded = this.at(this.pos) === "&" ? decodeEntity(this.src, this.pos) : undefined;
      if (decoded) {
        value += decoded.value;
        this.pos = decoded.next;
      } else {
        value += this.at(this.pos++);
      }
    }
    if (this.at(this.pos) === quote) this.pos++;
    return value;
  }

  private readEndTag(): void {
    const begin = this.pos;
    this.pos += 2;
    const open = this.open.pop();
    if (!open) this.fail(`Unexpected end tag at byte offset ${this.byteOffset(begin)}`);
    while (!isSpace(this.at(this.pos)) && this.at(this.pos) !== ">") this.pos++;
    const name = this.src.slice(begin + 2, this.pos);
    this.skipSpaces();
    if (this.at(this.pos) !== ">") this.fail(`Unclosed end tag at byte offset ${this.byteOffset(begin)}`);
    this.pos++;
    // Telegram compares the end tag as written: </B> does not close <b>.
    if (name !== "" && name !== open.tag) {
      this.fail(`Unmatched end tag at byte offset ${this.byteOffset(begin)}, expected "</${open.tag}>", found "</${name}>"`);
    }
    this.closeEntity(open);
  }

  private closeEntity(open: OpenTag): void {
    const offset = open.offset;
    const length = this.out.length - offset;
    if (length <= 0) return; // <b></b> produces nothing
    const simple = SIMPLE_ENTITY[open.tag];
    if (simple) {
      this.entities.push({ type: simple, offset, length } as EntityDraft);
      return;
    }
    switch (open.tag) {
      case "tg-emoji":
        if (!/^[1-9]\d*$/.test(open.argument)) this.fail("Invalid custom emoji identifier specified");
        this.entities.push({ type: "custom_emoji", offset, length, custom_emoji_id: open.argument });
        return;
      case "a":
        this.closeLink(open);
        return;
      case "pre":
      case "code":
        this.closeCode(open, length);
        return;
      case "blockquote":
        this.entities.push({ type: open.argument === "expandable" ? "expandable_blockquote" : "blockquote", offset, length });
        return;
    }
  }

  private closeLink(open: OpenTag): void {
    const offset = open.offset;
    const length = this.out.length - offset;
    // <a> without href links its own text, as Telegram does.
    const href = open.argument || this.out.slice(offset);
    const userId = /^tg:\/\/user\?id=(\d+)$/i.exec(href)?.[1];
    const user = userId ? this.options.resolveUser?.(Number(userId)) : undefined;
    if (user) {
      this.entities.push({ type: "text_mention", offset, length, user });
      return;
    }
    const url = normalizeLink(href);
    if (url) this.entities.push({ type: "text_link", offset, length, url });
  }

  /** <pre><code class="language-x"> becomes one pre entity with a language, whichever tag is inside. */
  private closeCode(open: OpenTag, length: number): void {
    const offset = open.offset;
    const last = this.entities.at(-1);
    const sameSpan = last !== undefined && last.offset === offset && last.length === length;
    if (open.tag === "pre" && sameSpan && last.type === "code" && last.language) {
      Object.assign(last, { type: "pre", language: last.language });
    } else if (open.tag === "code" && sameSpan && last.type === "pre" && open.argument) {
      Object.assign(last, { language: open.argument });
    } else if (open.tag === "pre") {
      this.entities.push({ type: "pre", offset, length });
    } else {
      this.entities.push({ type: "code", offset, length, language: open.argument || undefined } as EntityDraft);
    }
  }
}

const SIMPLE_ENTITY: Record<string, MessageEntity["type"]> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  u: "underline",
  ins: "underline",
  "tg-spoiler": "spoiler",
  span: "spoiler",
};

/** What an attribute contributes to its tag, as Telegram reads it; other attributes are ignored. */
function tagArgument(tag: string, name: string, value: string): string | undefined {
  if (tag === "a" && name === "href") return value;
  if (tag === "code" && name === "class" && value.startsWith("language-")) return value.slice("language-".length);
  if (tag === "span" && name === "class" && value.startsWith("tg-")) return value.slice("tg-".length);
  if (tag === "tg-emoji" && name === "emoji-id") return value;
  if (tag === "blockquote" && name === "expandable") return "expandable";
  return undefined;
}

/**
 * Decodes &lt; &gt; &amp; &quot; and numeric references at pos. Like Telegram, the ";" is
 * optional, and anything else (&nbsp;, a bare "&") is not an entity and stays literal text.
 */
function decodeEntity(src: string, pos: number): { value: string; next: number } | undefined {
  let end = pos + 1;
  let value: string | undefined;
  if (src.charAt(end) === "#") {
    end++;
    const hex = src.charAt(end) === "x";
    if (hex) end++;
    const digit = hex ? /^[0-9a-fA-F]$/ : /^[0-9]$/;
    let code = 0;
    while (end < src.length && digit.test(src.charAt(end))) {
      code = code * (hex ? 16 : 10) + parseInt(src.charAt(end), 16);
      end++;
      if (code >= 0x10ffff) return undefined;
    }
    if (code === 0 || (code >= 0xd800 && code <= 0xdfff)) return undefined;
    value = String.fromCodePoint(code);
  } else {
    while (end < src.length && /^[A-Za-z]$/.test(src.charAt(end))) end++;
    value = NAMED_ENTITIES[src.slice(pos + 1, end)];
    if (value === undefined) return undefined;
  }
  if (src.charAt(end) === ";") end++;
  return { value, next: end };
}

/** tdlib's is_space; "\0" counts because its parser reads a NUL terminator past the end. */
function isSpace(c: string): boolean {
  return c === " " || c === "\t" || c === "\r" || c === "\n" || c === "\0" || c === "\v" || c === "\f";
}

/** A link Telegram accepts, with "http://" added to a bare domain; undefined for anything else. */
export function normalizeLink(href: string): string | undefined {
  const url = href.trim();
  if (url === "" || /\s/.test(url)) return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme) return LINK_SCHEMES.has(scheme) && url.length > scheme.length + 3 ? url : undefined;
  return /^[\w-]+(\.[\w-]+)+(:\d+)?([/?#].*)?$/.test(url) ? `http://${url}` : undefined;
}

/** Sorted as the Bot API returns them: by offset, longer (outer) entities first. */
function finishEntities(drafts: EntityDraft[]): MessageEntity[] {
  const entities = drafts.map((e) => {
    // A language only survives on pre; a lone <code class="language-x"> is plain code.
    if (e.type !== "code") return e as MessageEntity;
    const { language: _language, ...rest } = e;
    return rest as MessageEntity;
  });
  return entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
}
