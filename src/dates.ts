// Dates as people read them, in a given time zone: the one place for the bot's messages and the
// reports alike, so one date never comes out two ways.
import type { Locale } from "./locale.js";

const intlLocale = (locale: Locale | string) => (locale === "en" ? "en-GB" : "id-ID");

const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: Locale | string, options: Intl.DateTimeFormatOptions & { timeZone: string }): Intl.DateTimeFormat {
  const key = `${intlLocale(locale)}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(intlLocale(locale), options)));
  return f;
}

export interface DateStyle {
  /** "27 November 2026" (the default, in messages) or "27 Nov 2026" (reports, charts). */
  month?: "long" | "short";
  /** Without the year for a date inside a period that names it. Default true. */
  year?: boolean;
}

/** "27 November 2026" (id and en), or the style asked for, in the zone. */
export function formatDate(date: Date, timeZone: string, locale: Locale | string, style: DateStyle = {}): string {
  return format(locale, {
    timeZone,
    day: "numeric",
    month: style.month ?? "long",
    ...(style.year === false ? {} : { year: "numeric" }),
  }).format(date);
}

/** "27 Nov 2026, 10.31" in Indonesian, "27 Nov 2026, 10:31" in English, in the zone. */
export function formatDateTime(date: Date, timeZone: string, locale: Locale | string): string {
  return format(locale, { timeZone, day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" }).format(date);
}
