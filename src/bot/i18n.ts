import path from "node:path";
import { I18n } from "@grammyjs/i18n";
import type { Context, MiddlewareFn } from "grammy";
import type { I18nFlavor } from "@grammyjs/i18n";
import { PROJECT_ROOT } from "../paths.js";
import { localeFor, type Locale } from "../locale.js";
import { escapeVars, textVars, translated, type Html, type HtmlTranslate, type TranslateVars } from "../html.js";

export const LOCALES_DIR = path.join(PROJECT_ROOT, "locales");
export type { TranslateVars };
export { localeFor, type Locale };

/**
 * The locale an update is answered in, ctx.t's and every date's: groups (the admin group) read
 * one language, private chats follow the user's Telegram.
 */
export function updateLocale(ctx: Pick<Context, "chat" | "from">, defaultLocale: Locale): Locale {
  return ctx.chat && ctx.chat.type !== "private" ? defaultLocale : localeFor(ctx.from?.language_code, defaultLocale);
}

export function createI18n<C extends Context>(defaultLocale: Locale): I18n<C> {
  return new I18n<C>({
    defaultLocale,
    directory: LOCALES_DIR,
    // Fluent wraps variables in Unicode isolation marks by default; in chat they show up as junk.
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => updateLocale(ctx, defaultLocale),
  });
}

/**
 * Translation outside an update (queued messages, reports): the locale is passed explicitly.
 * Called directly it writes Telegram HTML: every text variable is escaped, an `Html` fragment
 * goes in as it is. `html` gives the same as a fragment (for a translation inside another),
 * `text` writes plain text for what is not HTML (alerts, plain messages, the dashboard's data).
 */
export interface Translate {
  (locale: Locale, key: string, vars?: TranslateVars): string;
  html(locale: Locale, key: string, vars?: TranslateVars): Html;
  text(locale: Locale, key: string, vars?: TranslateVars): string;
}

/** The same bound to one locale: ctx.t, and inLocale(translate, locale) outside an update. */
export type LocaleTranslate = HtmlTranslate;

/** Variables that name something (#1234, a chat id): never written with thousand separators. */
const IDENTIFIER = /^(id|number|ref)$|Id$/;

/**
 * Fluent writes numbers the locale's way, 1.234 in Indonesian: right for counts, wrong for
 * reference numbers that people type back (#1234). Identifier variables go in as text.
 */
export function plainIdentifiers<V extends Record<string, unknown> | undefined>(vars: V): V {
  if (!vars) return vars;
  let out: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(vars)) {
    if (typeof v === "number" && IDENTIFIER.test(k)) (out ??= { ...vars })[k] = String(v);
  }
  return (out ?? vars) as V;
}

type Raw = (key: string, vars?: Record<string, string | number>) => string;

function bound(raw: Raw): LocaleTranslate {
  const markup = (key: string, vars?: TranslateVars) => raw(key, escapeVars(plainIdentifiers(vars)));
  return Object.assign(markup, {
    html: (key: string, vars?: TranslateVars) => translated(markup(key, vars)),
    text: (key: string, vars?: TranslateVars) => raw(key, textVars(plainIdentifiers(vars))),
  });
}

/** The one way to translate outside an update. */
export function translator(i18n: I18n<never> | I18n<Context>): Translate {
  const of = (locale: Locale) => bound((key, vars) => i18n.t(locale, key, vars));
  return Object.assign((locale: Locale, key: string, vars?: TranslateVars) => of(locale)(key, vars), {
    html: (locale: Locale, key: string, vars?: TranslateVars) => of(locale).html(key, vars),
    text: (locale: Locale, key: string, vars?: TranslateVars) => of(locale).text(key, vars),
  });
}

/** For a console (the doctor): called directly it writes plain text too, nothing is escaped. */
export function textTranslator(i18n: I18n<never> | I18n<Context>): Translate {
  const translate = translator(i18n);
  return Object.assign((locale: Locale, key: string, vars?: TranslateVars) => translate.text(locale, key, vars), {
    html: translate.html,
    text: translate.text,
  });
}

/** Bound to one locale (reports, a queued notice): t(key, vars) with its html and text forms. */
export function inLocale(translate: Translate, locale: Locale): LocaleTranslate {
  return Object.assign((key: string, vars?: TranslateVars) => translate(locale, key, vars), {
    html: (key: string, vars?: TranslateVars) => translate.html(locale, key, vars),
    text: (key: string, vars?: TranslateVars) => translate.text(locale, key, vars),
  });
}

/**
 * The i18n plugin, then ctx.t in its place: it escapes its variables and writes identifiers as
 * they are. One middleware, so that no handler ever sees the plugin's own ctx.t.
 */
export function translations<C extends Context>(defaultLocale: Locale): MiddlewareFn<C> {
  const plugin = createI18n<Context>(defaultLocale).middleware();
  return (ctx, next) => {
    const flavored = ctx as unknown as I18nFlavor & Context;
    return plugin(flavored, async () => {
      const translate = flavored.t;
      const t = bound((key, vars) => translate(key, vars));
      (flavored as unknown as { t: LocaleTranslate; translate: LocaleTranslate }).t = t;
      (flavored as unknown as { translate: LocaleTranslate }).translate = t;
      await next();
    });
  };
}
