// PNG charts without a browser: Vega-Lite spec → Vega → SVG (renderer "none") → resvg PNG.
//
// Text is drawn with the DejaVu Sans files in assets/fonts (see assets/fonts/LICENSE) and never
// with system fonts, so the charts look the same on every server.
import path from "node:path";
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import type { IndicatorReport } from "../domain/activity/indicators.js";
import type { ActivityGroup } from "../domain/activity/score.js";
import { formatCivil } from "../domain/activity/zoned.js";
import { PROJECT_ROOT } from "../paths.js";
import type { ReportLocale, ReportTranslate } from "./format.js";
import { periodLabel } from "./summary.js";

export const FONT_FAMILY = "DejaVu Sans";
export const FONT_FILES = [
  path.join(PROJECT_ROOT, "assets/fonts/DejaVuSans.ttf"),
  path.join(PROJECT_ROOT, "assets/fonts/DejaVuSans-Bold.ttf"),
];

/** Output pixels per SVG pixel: an 800 px wide chart becomes about 1300 px, sharp on phones. */
export const DEFAULT_SCALE = 1.6;

export const GROUP_COLORS: Record<ActivityGroup, string> = {
  aktif: "#2e7d32",
  "perlu-pembinaan": "#f9a825",
  "tidak-aktif": "#c62828",
};

/** Indonesian names for Vega's date formatting (d3-time-format locale). */
const ID_TIME_LOCALE = {
  dateTime: "%A, %e %B %Y %X",
  date: "%d/%m/%Y",
  time: "%H.%M.%S",
  periods: ["AM", "PM"],
  days: ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"],
  shortDays: ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"],
  months: ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"],
  shortMonths: ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
};

function baseConfig(locale: ReportLocale): NonNullable<TopLevelSpec["config"]> {
  return {
    font: FONT_FAMILY,
    background: "white",
    padding: 16,
    title: { fontSize: 17, subtitleFontSize: 12, subtitleColor: "#555", anchor: "start", offset: 12 },
    axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal", gridColor: "#e6e6e6" },
    legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal", labelLimit: 220 },
    view: { stroke: null },
    ...(locale === "id" ? { locale: { time: ID_TIME_LOCALE, number: { decimal: ",", thousands: ".", grouping: [3], currency: ["Rp", ""] } } } : {}),
  } as NonNullable<TopLevelSpec["config"]>;
}

/** SVG → PNG with the bundled fonts only. */
export function svgToPng(svg: string, scale = DEFAULT_SCALE): Buffer {
  const resvg = new Resvg(svg, {
    background: "white",
    fitTo: { mode: "zoom", value: scale },
    font: {
      loadSystemFonts: false,
      fontFiles: FONT_FILES,
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
  });
  return resvg.render().asPng();
}

/** Renders any Vega-Lite spec to SVG text (no browser, no canvas). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export async function renderPng(spec: TopLevelSpec, scale = DEFAULT_SCALE): Promise<Buffer> {
  return svgToPng(await renderSvg(spec), scale);
}

export interface ChartOptions {
  t: ReportTranslate;
  locale: ReportLocale;
  scale?: number;
}

function subtitle(report: IndicatorReport, locale: ReportLocale): string {
  const p = periodLabel(report, locale);
  return `${p.from} – ${p.to}`;
}

/**
 * Published items per week and kecamatan over the report's weeks (by the week they were
 * confirmed, as in the table), one line per kecamatan. With more than `maxSeries` kecamatan, the
 * ones with the most published items are drawn and the subtitle says so. The current week is
 * left out while it is still running (its low count would read as a drop).
 */
export function weeklyPublishedSpec(report: IndicatorReport, opts: ChartOptions & { maxSeries?: number }): TopLevelSpec {
  const { t, locale } = opts;
  const maxSeries = Math.max(1, opts.maxSeries ?? 8);
  const ranked = [...report.kecamatan].sort(
    (a, b) => b.published - a.published || b.submissions - a.submissions || a.kecamatanId - b.kecamatanId,
  );
  const shown = ranked.slice(0, maxSeries);
  const names = new Map(shown.map((k) => [k.kecamatanId, k.kecamatanName]));
  const last = report.weeks[report.weeks.length - 1];
  const weeks =
    last && report.weeks.length > 1 && last.end.getTime() > report.now.getTime() && last.end.getTime() <= report.to.getTime()
      ? report.weeks.slice(0, -1)
      : report.weeks;

  const published = new Map<string, number>();
  for (const p of report.weekly) {
    if (names.has(p.kecamatanId)) published.set(`${p.weekIndex}|${p.kecamatanId}`, p.published);
  }
  const values = weeks.flatMap((w) =>
    shown.map((k) => ({ week: formatCivil(w.monday), series: k.kecamatanName, published: published.get(`${w.index}|${k.kecamatanId}`) ?? 0 })),
  );
  const many = weeks.length > 16;
  const sub = [subtitle(report, locale)];
  if (ranked.length > shown.length) sub.unshift(t("report-chart-weekly-top", { shown: shown.length, total: ranked.length }));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 820,
    height: 360,
    title: { text: t("report-chart-weekly-title"), subtitle: sub },
    data: { values },
    mark: { type: "line", point: !many, strokeWidth: 2 },
    encoding: {
      x: {
        field: "week",
        type: "temporal",
        scale: { type: "utc" },
        title: t("report-chart-week"),
        axis: many
          ? { format: "%b %Y", labelAngle: 0, tickCount: 12 }
          : { format: "%-d %b", labelAngle: 0, values: weeks.map((w) => formatCivil(w.monday)) },
      },
      y: { field: "published", type: "quantitative", title: t("report-chart-published"), axis: { tickMinStep: 1 } },
      color: {
        field: "series",
        type: "nominal",
        title: t("report-chart-kecamatan"),
        sort: shown.map((k) => k.kecamatanName),
        scale: { scheme: "tableau10" },
        legend: { orient: "bottom", columns: 4, symbolType: "stroke" },
      },
    },
    config: baseConfig(locale),
  };
}

/** The score of each KIM as horizontal bars, best first, at most `top` bars. */
export function scoreSpec(report: IndicatorReport, opts: ChartOptions & { top?: number }): TopLevelSpec {
  const { t, locale } = opts;
  const top = Math.max(1, opts.top ?? 30);
  const sorted = [...report.kims].sort((a, b) => b.score - a.score || b.submissions - a.submissions || a.kimId - b.kimId);
  const shown = sorted.slice(0, top);
  const seen = new Set<string>();
  const values = shown.map((k) => {
    let label = `${k.kimName} (${k.kecamatanName})`;
    if (seen.has(label)) label = `${label} #${k.kimId}`;
    seen.add(label);
    return { kim: label, score: k.score, group: t(`report-group-${k.group}`) };
  });
  const groups: ActivityGroup[] = ["aktif", "perlu-pembinaan", "tidak-aktif"];
  const sub = [subtitle(report, locale)];
  if (sorted.length > shown.length) sub.unshift(t("report-chart-score-top", { shown: shown.length, total: sorted.length }));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 560,
    height: { step: 20 },
    title: { text: t("report-chart-score-title"), subtitle: sub },
    data: { values },
    mark: { type: "bar", cornerRadiusEnd: 2 },
    encoding: {
      y: { field: "kim", type: "nominal", sort: values.map((v) => v.kim), title: null, axis: { labelLimit: 260 } },
      x: { field: "score", type: "quantitative", scale: { domain: [0, 100] }, title: t("report-chart-score") },
      color: {
        field: "group",
        type: "nominal",
        title: t("report-chart-group"),
        scale: { domain: groups.map((g) => t(`report-group-${g}`)), range: groups.map((g) => GROUP_COLORS[g]) },
        legend: { orient: "bottom" },
      },
    },
    config: baseConfig(locale),
  };
}

/** PNG of weeklyPublishedSpec. */
export async function weeklyPublishedChart(report: IndicatorReport, opts: ChartOptions & { maxSeries?: number }): Promise<Buffer> {
  return renderPng(weeklyPublishedSpec(report, opts), opts.scale);
}

/** PNG of scoreSpec. */
export async function scoreChart(report: IndicatorReport, opts: ChartOptions & { top?: number }): Promise<Buffer> {
  return renderPng(scoreSpec(report, opts), opts.scale);
}
