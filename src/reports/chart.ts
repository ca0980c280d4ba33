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
import { formatDate } from "../dates.js";
import type { ReportLocale, ReportTranslate } from "./format.js";
import { periodLabel } from "./summary.js";

export const FONT_FAMILY = "DejaVu Sans";
export const FONT_FILES = [
  path.join(PROJECT_ROOT, "assets/fonts/DejaVuSans.ttf"),
  path.join(PROJECT_ROOT, "assets/fonts/DejaVuSans-Bold.ttf"),
];

/**
 * Charts are drawn for a phone: at most PHONE_WIDTH SVG pixels wide with text of at least
 * MIN_TEXT_PX, then rendered at 2× but never wider than Telegram shows a photo without scaling it
 * (TELEGRAM_PHOTO_WIDTH), so every label is at least 2 × 14 = 28 px in the picture people see.
 */
export const PHONE_WIDTH = 640;
export const MIN_TEXT_PX = 14;
export const TELEGRAM_PHOTO_WIDTH = 1280;
export const DEFAULT_SCALE = 2;

/** The scale a chart of this SVG width is rendered at: 2×, or less to stay within Telegram's width. */
export function scaleFor(svgWidth: number, scale = DEFAULT_SCALE): number {
  return Math.min(scale, TELEGRAM_PHOTO_WIDTH / svgWidth);
}

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
    padding: 12,
    title: { fontSize: 20, subtitleFontSize: 15, subtitleColor: "#555", anchor: "start", offset: 12 },
    axis: { labelFontSize: 15, titleFontSize: 15, titleFontWeight: "normal", gridColor: "#e6e6e6" },
    legend: { labelFontSize: 15, titleFontSize: 15, titleFontWeight: "normal", labelLimit: 260, symbolSize: 160 },
    text: { fontSize: 14 },
    view: { stroke: null },
    ...(locale === "id" ? { locale: { time: ID_TIME_LOCALE, number: { decimal: ",", thousands: ".", grouping: [3], currency: ["Rp", ""] } } } : {}),
  } as NonNullable<TopLevelSpec["config"]>;
}

/** SVG → PNG with the bundled fonts only, at `scale` output pixels per SVG pixel. */
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

/** The width attribute of an SVG document, in SVG pixels. */
export function svgWidth(svg: string): number {
  return Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? PHONE_WIDTH);
}

/** A spec as the PNG that is sent, at scaleFor(its width). */
export async function renderPng(spec: TopLevelSpec, scale = DEFAULT_SCALE): Promise<Buffer> {
  const svg = await renderSvg(spec);
  return svgToPng(svg, scaleFor(svgWidth(svg), scale));
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

export interface WeeklyPoint {
  /** Monday of the week, YYYY-MM-DD. */
  week: string;
  series: string;
  published: number;
}

/**
 * Published items per week and kecamatan over every week of the report, the running week
 * included (by the week they were confirmed, as in the table), one line per kecamatan. With more
 * than `maxSeries` kecamatan, the ones with the most published items are drawn and the subtitle
 * says so; when the last week is still running the subtitle says up to when it counts.
 */
export function weeklyPublishedSpec(report: IndicatorReport, opts: ChartOptions & { maxSeries?: number }): TopLevelSpec {
  const { t, locale } = opts;
  const maxSeries = Math.max(1, opts.maxSeries ?? 6);
  const ranked = [...report.kecamatan].sort(
    (a, b) => b.published - a.published || b.submissions - a.submissions || a.kecamatanId - b.kecamatanId,
  );
  const shown = ranked.slice(0, maxSeries);
  const weeks = report.weeks;
  const published = new Map<string, number>();
  for (const p of report.weekly) published.set(`${p.weekIndex}|${p.kecamatanId}`, p.published);
  const values: WeeklyPoint[] = weeks.flatMap((w) =>
    shown.map((k) => ({ week: formatCivil(w.monday), series: k.kecamatanName, published: published.get(`${w.index}|${k.kecamatanId}`) ?? 0 })),
  );
  const top = Math.max(1, ...values.map((v) => v.published));
  const many = weeks.length > 10;
  const sub = [subtitle(report, locale)];
  if (ranked.length > shown.length) sub.unshift(t("report-chart-weekly-top", { shown: shown.length, total: ranked.length }));
  const last = weeks[weeks.length - 1];
  if (last && report.asOf.getTime() < Math.min(last.end.getTime(), report.to.getTime())) {
    sub.push(t("report-chart-running-week", { date: formatDate(report.asOf, report.timeZone, locale, { month: "short", year: false }) }));
  }
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 520,
    height: 300,
    title: { text: t("report-chart-weekly-title"), subtitle: sub },
    data: { values },
    mark: { type: "line", point: !many, strokeWidth: many ? 2 : 3 },
    encoding: {
      x: {
        field: "week",
        type: "temporal",
        scale: { type: "utc" },
        title: t("report-chart-week"),
        axis: many
          ? { format: "%b %y", labelAngle: 0, tickCount: 6, labelOverlap: "greedy" }
          : { format: "%-d %b", labelAngle: 0, values: weeks.map((w) => formatCivil(w.monday)), labelOverlap: "greedy" },
      },
      y: {
        field: "published",
        type: "quantitative",
        title: t("report-chart-published"),
        // Counts: whole numbers on the axis, and a visible scale when everything is 0.
        scale: { domain: [0, top], nice: true },
        axis: { format: "d", tickMinStep: 1 },
      },
      color: {
        field: "series",
        type: "nominal",
        title: t("report-chart-kecamatan"),
        sort: shown.map((k) => k.kecamatanName),
        scale: { scheme: "tableau10" },
        legend: { orient: "bottom", columns: 2, symbolType: "stroke", symbolStrokeWidth: 3 },
      },
    },
    config: baseConfig(locale),
  };
}

/** Longest KIM or kecamatan name on a score label line (longer ones are shortened with "…"). */
export const LABEL_CHARS = 26;

/** A name cut to `max` characters at a word boundary where possible, with "…". */
export function shorten(name: string, max = LABEL_CHARS): string {
  const chars = [...name];
  if (chars.length <= max) return name;
  const cut = chars.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export interface ScorePoint {
  /** Two lines: the KIM (shortened), then its kecamatan (shortened); unique per bar. */
  label: string[];
  key: string;
  kimId: number;
  score: number;
  group: string;
}

/**
 * The score of each KIM as horizontal bars, best first, at most `top` bars. Each bar carries its
 * score as a number, so a KIM at 0 is seen too; labels are the KIM's name and, below it, its
 * kecamatan, both shortened to fit.
 */
export function scoreSpec(report: IndicatorReport, opts: ChartOptions & { top?: number }): TopLevelSpec {
  const { t, locale } = opts;
  const top = Math.max(1, opts.top ?? 25);
  const sorted = [...report.kims].sort((a, b) => b.score - a.score || b.submissions - a.submissions || a.kimId - b.kimId);
  const shown = sorted.slice(0, top);
  const values: ScorePoint[] = shown.map((k) => ({
    label: [shorten(k.kimName), `Kec. ${shorten(k.kecamatanName, LABEL_CHARS - 5)}`],
    key: String(k.kimId),
    kimId: k.kimId,
    score: k.score,
    group: t(`report-group-${k.group}`),
  }));
  const groups: ActivityGroup[] = ["aktif", "perlu-pembinaan", "tidak-aktif"];
  const sub = [subtitle(report, locale)];
  if (sorted.length > shown.length) sub.unshift(t("report-chart-score-top", { shown: shown.length, total: sorted.length }));
  const labels = new Map(values.map((v) => [v.key, v.label]));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 300,
    height: { step: 44 },
    title: { text: t("report-chart-score-title"), subtitle: sub },
    data: { values },
    encoding: {
      y: {
        field: "key",
        type: "nominal",
        sort: values.map((v) => v.key),
        title: null,
        axis: {
          // The key keeps bars of KIMs with the same name apart; the label shows name and kecamatan.
          labelExpr: `${JSON.stringify(Object.fromEntries(labels))}[datum.value]`,
          labelLimit: 0,
          labelFontSize: 14,
          labelLineHeight: 17,
        },
      },
      x: { field: "score", type: "quantitative", scale: { domain: [0, 100] }, title: t("report-chart-score"), axis: { format: "d", tickCount: 5 } },
    },
    layer: [
      {
        mark: { type: "bar", cornerRadiusEnd: 2, height: { band: 0.7 } },
        encoding: {
          color: {
            field: "group",
            type: "nominal",
            title: t("report-chart-group"),
            scale: { domain: groups.map((g) => t(`report-group-${g}`)), range: groups.map((g) => GROUP_COLORS[g]) },
            legend: { orient: "bottom", columns: 1 },
          },
        },
      },
      // The score as a number after the bar: also where the bar has no length (score 0).
      { mark: { type: "text", align: "left", dx: 5, fontSize: 15, fontWeight: "bold" }, encoding: { text: { field: "score", type: "quantitative", format: "d" } } },
    ],
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
