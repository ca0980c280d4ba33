import path from "node:path";
import { I18n } from "@grammyjs/i18n";
import type { Context, MiddlewareFn } from "grammy";
import type { I18nFlavor } from "@grammyjs/i18n";
import { PROJECT_ROOT } from "../paths.js";

export type Locale = "id" | "en";
export const LOCALES_DIR = path.join(PROJECT_ROOT, "locales");

/** Indonesian unless the user's Telegram is set to English. */
export function localeFor(languageCode: string | undefined, fallback: Locale = "id"): Locale {
  if (!languageCode) return fallback;
  return languageCode.toLowerCase().startsWith("en") ? "en" : "id";
}

export function createI18n<C extends Context>(defaultLocale: Locale): I18n<C> {
  return new I18n<C>({
    defaultLocale,
    directory: LOCALES_DIR,
    // Fluent wraps variables in Unicode isolation marks by default; in chat they show up as junk.
    fluentBundleOptions: { useIsolating: false },
    // Groups (the admin group) read one language; private chats follow the user's Telegram.
    localeNegotiator: (ctx) =>
      ctx.chat && ctx.chat.type !== "private" ? defaultLocale : localeFor(ctx.from?.language_code, defaultLocale),
  });
}

/** Translation outside an update (queued messages, reports): the locale is passed explicitly. */
export type Translate = (locale: Locale, key: string, vars?: Record<string, string | number>) => string;

/** Variables that name something (#1234, a chat id): never written with thousand separators. */
const IDENTIFIER = /^(id|number|ref)$|Id$/;

/**
 * Fluent writes numbers the locale's way, 1.234 in Indonesian: right for counts, wrong for
 * reference numbers that people type back (#1234). Identifier variables go in as text.
 */
export function plainIdentifiers<V extends Record<string, string | number> | undefined>(vars: V): V {
  if (!vars) return vars;
  let out: Record<string, string | number> | undefined;
  for (const [k, v] of Object.entries(vars)) {
    if (typeof v === "number" && IDENTIFIER.test(k)) (out ??= { ...vars })[k] = String(v);
  }
  return (out ?? vars) as V;
}

/** Installed right after the i18n plugin: ctx.t writes identifiers as they are. */
export function identifiersAsText<C extends Context & I18nFlavor>(): MiddlewareFn<C> {
  return async (ctx, next) => {
    const translate = ctx.t;
    ctx.t = ctx.translate = (key, vars) => translate(key, plainIdentifiers(vars as Record<string, string | number> | undefined));
    await next();
  };
}
