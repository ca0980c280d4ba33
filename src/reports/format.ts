// Shared bits of the report renderers: the translate function they receive and locale-aware
// numbers (dates are src/dates.ts, the same as in the bot's messages).

/** Translates a Fluent key of locales/{id,en}/reports.ftl for one locale (bound by the caller). */
export type ReportTranslate = (key: string, vars?: Record<string, string | number>) => string;

export type ReportLocale = "id" | "en";

/** The last instant a report counts: the end of its period, or now when the period runs past now. */
export function lastCountedInstant(report: { from: Date; to: Date; now: Date }): Date {
  return new Date(Math.max(report.from.getTime(), Math.min(report.to.getTime() - 1, report.now.getTime())));
}

const intlLocale = (locale: ReportLocale) => (locale === "en" ? "en-GB" : "id-ID");

/** A number with the locale's separators and at most `digits` decimals: id "1.234,5", en "1,234.5". */
export function formatNumber(value: number, locale: ReportLocale, digits = 1): string {
  return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: digits }).format(value);
}
