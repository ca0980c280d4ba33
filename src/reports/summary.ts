// A short text summary of an indicator report for a chat message (HTML, under Telegram's 4096
// characters): district totals, the most active KIMs, those that need support or are inactive,
// and per-kecamatan totals. Telegram-free: the caller passes t() bound to a locale, which escapes
// the names it is given.
import type { IndicatorReport, KimIndicators } from "../domain/activity/indicators.js";
import { compareNames } from "../domain/activity/definitions.js";
import { html, type HtmlTranslate } from "../html.js";
import { formatDate } from "../dates.js";
import { formatNumber, lastCountedInstant, type ReportLocale } from "./format.js";

/** Reports write months short: "30 Nov 2026". */
const SHORT = { month: "short" } as const;

export interface SummaryOptions {
  t: HtmlTranslate;
  locale: ReportLocale;
  /** How many KIMs per list (top, needs support, inactive). Default 5. */
  listSize?: number;
  /** How many kecamatan lines. Default 10. */
  kecamatanSize?: number;
  /** Hard limit on the length; lists are shortened to fit. Default 4000 (Telegram allows 4096). */
  maxLength?: number;
}

/**
 * "1 Nov 2026" – "30 Nov 2026": the report's period in the zone, ending today when it runs past
 * now (the CSV's file name names the same days, csv.ts kimCsvFileName).
 */
export function periodLabel(report: IndicatorReport, locale: ReportLocale): { from: string; to: string } {
  return { from: formatDate(report.from, report.timeZone, locale, SHORT), to: formatDate(lastCountedInstant(report), report.timeZone, locale, SHORT) };
}

const byName = (a: KimIndicators, b: KimIndicators) => compareNames(a.kimName, b.kimName) || a.kimId - b.kimId;

/** Renders the summary; every name is HTML-escaped (by t). */
export function renderSummary(report: IndicatorReport, opts: SummaryOptions): string {
  const { t, locale } = opts;
  const maxLength = opts.maxLength ?? 4000;
  const d = report.district;
  const kim = (k: KimIndicators) => k.kimName;
  const kec = (name: string) => name;

  const head: string[] = [t("report-title"), t("report-period", periodLabel(report, locale))];
  if (d.kims === 0) return [...head, "", t("report-empty")].join("\n");
  head.push(
    t("report-overview", { active: d.activeKims, kims: d.kims, submissions: d.submissions, published: d.published }),
    d.medianDecisionHours === null
      ? t("report-content-no-decisions", { articles: d.articles, photos: d.photos })
      : t("report-content", { articles: d.articles, photos: d.photos, hours: formatNumber(d.medianDecisionHours, locale) }),
    t("report-groups", { aktif: d.groups.aktif, pembinaan: d.groups["perlu-pembinaan"], tidak: d.groups["tidak-aktif"] }),
  );

  // Only KIMs of the "aktif" group: a KIM is never both among the most active and in need of support.
  const top = report.kims
    .filter((k) => k.group === "aktif")
    .sort((a, b) => b.score - a.score || b.submissions - a.submissions || byName(a, b));
  const improve = report.kims.filter((k) => k.group === "perlu-pembinaan").sort((a, b) => a.score - b.score || byName(a, b));
  const inactive = report.kims
    .filter((k) => k.group === "tidak-aktif")
    .sort((a, b) => (a.lastSubmissionAt?.getTime() ?? -1) - (b.lastSubmissionAt?.getTime() ?? -1) || byName(a, b));
  const kecamatan = [...report.kecamatan].sort(
    (a, b) => b.submissions - a.submissions || compareNames(a.kecamatanName, b.kecamatanName),
  );
  const paused = (k: KimIndicators) => (k.paused ? html` ${t.html("report-paused")}` : "");

  const render = (n: number, nKec: number): string => {
    const lines = [...head];
    const section = <T>(title: string, items: T[], limit: number, line: (item: T, i: number) => string, more = true) => {
      if (items.length === 0 || limit <= 0) return;
      lines.push("", t(title), ...items.slice(0, limit).map(line));
      if (more && items.length > limit) lines.push(t("report-more", { count: items.length - limit }));
    };
    section(
      "report-top-title",
      top,
      n,
      (k, i) =>
        t("report-top-item", { rank: i + 1, kim: kim(k), kecamatan: kec(k.kecamatanName), score: k.score, submissions: k.submissions }),
      false,
    );
    section("report-improve-title", improve, n, (k) =>
      t("report-improve-item", { kim: kim(k), kecamatan: kec(k.kecamatanName), score: k.score, weeks: k.weeksActive, total: k.weeksCounted }) +
        paused(k),
    );
    section("report-inactive-title", inactive, n, (k) =>
      (k.lastSubmissionAt
        ? t("report-inactive-item", { kim: kim(k), kecamatan: kec(k.kecamatanName), last: formatDate(k.lastSubmissionAt, report.timeZone, locale, SHORT) })
        : t("report-inactive-never", { kim: kim(k), kecamatan: kec(k.kecamatanName) })) + paused(k),
    );
    section("report-kecamatan-title", kecamatan, nKec, (k) =>
      t("report-kecamatan-item", {
        kecamatan: kec(k.kecamatanName),
        active: k.activeKims,
        kims: k.kims,
        submissions: k.submissions,
        published: k.published,
        score: formatNumber(k.averageScore, locale),
      }),
    );
    const w = report.scoreConfig.weights;
    const pct = (x: number) => Math.round(x * 100);
    lines.push(
      "",
      `<i>${t("report-score-note", { consistency: pct(w.consistency), volume: pct(w.volume), acceptance: pct(w.acceptance), recency: pct(w.recency) })}</i>`,
    );
    return lines.join("\n");
  };

  let n = opts.listSize ?? 5;
  let nKec = opts.kecamatanSize ?? 10;
  let text = render(n, nKec);
  // Shorten the lists until the message fits (long names can make lines long).
  while (text.length > maxLength && (n > 0 || nKec > 0)) {
    if (nKec > n) nKec--;
    else n--;
    text = render(n, nKec);
  }
  return text;
}
