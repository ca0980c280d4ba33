/**
 * Telegram's HTML parse mode, one rule: text is escaped exactly once, when it meets markup.
 * Markup our own code wrote is an `Html`; only this module makes one, and only from escaped
 * parts, so a fragment can go into a message (or a translation) as it is and a string never can.
 */

const MADE_HERE = Symbol("html");

/** Markup written by our own code (a link, a bold name, a translated line): never escaped again. */
export class Html {
  readonly #markup: string;

  constructor(markup: string, key: symbol) {
    if (key !== MADE_HERE) throw new TypeError("Html is made by html`…`, joinHtml or a translation");
    this.#markup = markup;
  }

  toString(): string {
    return this.#markup;
  }
}

/** What may be written into markup: text and numbers are escaped, fragments go in as they are. */
export type HtmlPart = string | number | Html | readonly Html[];

/**
 * Escapes text for Telegram's HTML parse mode. Messages get it through `html` and the
 * translations; the feeds and the dashboard page call it for their own markup.
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function markupOf(part: HtmlPart): string {
  if (part instanceof Html) return part.toString();
  if (typeof part === "number") return String(part);
  if (typeof part === "string") return escapeHtml(part);
  return part.map(String).join("");
}

/** html`<b>${name}</b>`: the template is markup, every interpolated string is escaped. */
export function html(strings: TemplateStringsArray, ...parts: HtmlPart[]): Html {
  let out = strings[0]!;
  parts.forEach((part, i) => (out += markupOf(part) + strings[i + 1]!));
  return new Html(out, MADE_HERE);
}

/** Lines or list items into one fragment; text parts are escaped, the separator is markup. */
export function joinHtml(parts: readonly HtmlPart[], separator = ""): Html {
  return new Html(parts.map(markupOf).join(separator), MADE_HERE);
}

/**
 * The output of a translation: Fluent text is ours (markup), its variables were escaped by
 * `escapeVars`. Only the translate functions of src/bot/i18n.ts call this.
 */
export function translated(markup: string): Html {
  return new Html(markup, MADE_HERE);
}

export type TranslateVars = Record<string, string | number | Html>;

/**
 * A translation bound to a locale (src/bot/i18n.ts makes them): called directly it writes
 * Telegram HTML with its text variables escaped; `html` gives the same as a fragment, `text`
 * plain text for what is not HTML. Asking for this type, not a bare function, is what keeps a
 * translation that does not escape out of a message.
 */
export interface HtmlTranslate {
  (key: string, vars?: TranslateVars): string;
  html(key: string, vars?: TranslateVars): Html;
  text(key: string, vars?: TranslateVars): string;
}

/** The variables of a translation into markup: text escaped, numbers left to Fluent, fragments as they are. */
export function escapeVars(vars: TranslateVars | undefined): Record<string, string | number> | undefined {
  if (!vars) return vars;
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(vars)) out[k] = typeof v === "number" ? v : markupOf(v);
  return out;
}

/** The variables of a plain-text translation (alerts, plain messages, the dashboard's data): fragments are refused. */
export function textVars(vars: TranslateVars | undefined): Record<string, string | number> | undefined {
  if (!vars) return vars;
  for (const [k, v] of Object.entries(vars)) {
    if (v instanceof Html) throw new TypeError(`plain-text translation got markup in ${k}`);
  }
  return vars as Record<string, string | number>;
}
