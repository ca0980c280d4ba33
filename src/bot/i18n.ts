import path from "node:path";
import { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
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
