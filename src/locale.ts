/** The languages of the texts in locales/. */
export type Locale = "id" | "en";

/**
 * The one locale rule: Indonesian unless the user's Telegram is set to English (any "en…" tag).
 * Telegram's language_code and the member's stored languageCode both go through it.
 */
export function localeFor(languageCode: string | undefined | null, fallback: Locale = "id"): Locale {
  if (!languageCode) return fallback;
  return languageCode.toLowerCase().startsWith("en") ? "en" : "id";
}
