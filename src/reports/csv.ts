// The per-KIM indicator table as CSV that opens correctly in a spreadsheet, and a parser (used
// by the tests to read it back).
//
// Format choices:
// - UTF-8 with a byte order mark: Excel reads the file as UTF-8 only when the BOM is there (names
//   such as "Tanjung Selor – Hulu" keep their characters). Lines end with CRLF (RFC 4180).
// - Indonesian style by default: `;` between fields and `,` as the decimal mark. Windows set to
//   the Indonesian region (id-ID) uses exactly these as list separator and decimal symbol, and
//   Excel opens a double-clicked CSV with them: with `,` fields everything lands in column A, and
//   "12.5" would be read as 125 (the `.` is the id-ID thousands separator). The English style
//   (`,` and `.`) is there for English-language admins (csvStyleFor("en")).
// - Numbers are plain: no thousands separator; percentages are whole numbers; the only decimal
//   column (median decision hours) uses the style's decimal mark. Dates are "YYYY-MM-DD HH:MM" in
//   the configured zone, which spreadsheets in every locale recognise.
// - Fields are quoted when they contain the separator, a quote, a line break or leading/trailing
//   spaces; quotes are doubled. Text that starts with = + - @ (or a tab/CR) gets a leading
//   apostrophe so a spreadsheet never runs it as a formula (CSV injection).
import { parseCsv as parseCsvRecords } from "../domain/csv.js";
import type { IndicatorReport, KimIndicators } from "../domain/activity/indicators.js";
import { formatLocalDateTime } from "../domain/activity/zoned.js";
import { lastCountedInstant, type ReportTranslate } from "./format.js";

export interface CsvStyle {
  delimiter: ";" | ",";
  decimal: "," | ".";
}

export const CSV_STYLE_ID: CsvStyle = Object.freeze({ delimiter: ";", decimal: "," });
export const CSV_STYLE_EN: CsvStyle = Object.freeze({ delimiter: ",", decimal: "." });

export function csvStyleFor(locale: "id" | "en"): CsvStyle {
  return locale === "en" ? CSV_STYLE_EN : CSV_STYLE_ID;
}

const BOM = "\uFEFF";

export type CsvCell = string | number | null | undefined;

/** A text cell that must never be read as a formula. */
export function protectFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function formatCell(cell: CsvCell, style: CsvStyle): string {
  if (cell === null || cell === undefined) return "";
  let text: string;
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return "";
    text = String(cell);
    if (style.decimal === ",") text = text.replace(".", ",");
  } else {
    text = cell;
  }
  if (text.includes(style.delimiter) || /["\r\n]/.test(text) || /^\s|\s$/.test(text)) {
    return `"${text.replace(/"/g, '""')}"`;
  }
  return text;
}

/** Rows to CSV text: BOM, the style's separator, CRLF line ends. */
export function toCsv(rows: CsvCell[][], style: CsvStyle = CSV_STYLE_ID): string {
  return BOM + rows.map((r) => r.map((c) => formatCell(c, style)).join(style.delimiter)).join("\r\n") + "\r\n";
}

/** Reads a CSV back (tests, re-imports): the same reader as the registry import. */
export function parseCsv(text: string): string[][] {
  return parseCsvRecords(text).map((r) => r.fields);
}

/** Column ids of the per-KIM table, in order; headers are t(`report-csv-${id}`). */
export const KIM_CSV_COLUMNS = [
  "kecamatan",
  "kim",
  "kim-id",
  "score",
  "group",
  "submissions",
  "published",
  "articles",
  "photos",
  "decided",
  "rejected",
  "rejection-pct",
  "flagged",
  "weeks-active",
  "weeks-counted",
  "consistency-pct",
  "streak-weeks",
  "last-submission",
  "median-decision-hours",
  "paused",
] as const;

export type KimCsvColumn = (typeof KIM_CSV_COLUMNS)[number];

export interface KimCsvOptions {
  style?: CsvStyle;
  /** Translated headers, group names and yes/no; without it the column ids and raw values are used. */
  t?: ReportTranslate;
}

const pct = (x: number | null): number | null => (x === null ? null : Math.round(x * 100));

function kimCells(k: KimIndicators, timeZone: string, t: ReportTranslate | undefined, protect: (text: string) => string): Record<KimCsvColumn, CsvCell> {
  return {
    kecamatan: protect(k.kecamatanName),
    kim: protect(k.kimName),
    "kim-id": k.kimId,
    score: k.score,
    group: t ? t(`report-group-${k.group}`) : k.group,
    submissions: k.submissions,
    published: k.published,
    articles: k.articles,
    photos: k.photos,
    decided: k.decided,
    rejected: k.rejected,
    "rejection-pct": pct(k.rejectionRate),
    flagged: k.flagged,
    "weeks-active": k.weeksActive,
    "weeks-counted": k.weeksCounted,
    "consistency-pct": pct(k.consistency),
    "streak-weeks": k.streakWeeks,
    "last-submission": k.lastSubmissionAt ? formatLocalDateTime(k.lastSubmissionAt, timeZone) : null,
    "median-decision-hours": k.medianDecisionHours,
    paused: t ? t(k.paused ? "report-yes" : "report-no") : k.paused ? 1 : 0,
  };
}

/** t() that translates each key once: the same few labels are on every row. */
function cachedTranslate(t: ReportTranslate | undefined): ReportTranslate | undefined {
  if (!t) return undefined;
  const cache = new Map<string, string>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined) cache.set(key, (v = t(key)));
    return v;
  };
}

export interface KimTable {
  header: string[];
  rows: CsvCell[][];
}

/**
 * The per-KIM table as cells, for `kims` (default: every KIM of the report, sorted by kecamatan
 * and name). The CSV writes these cells; the dashboard shows the same ones with `spreadsheet:
 * false` (names as they are, since a web page runs no formulas), so both always agree.
 */
export function kimTable(report: IndicatorReport, opts: KimCsvOptions & { kims?: KimIndicators[]; spreadsheet?: boolean } = {}): KimTable {
  const header = KIM_CSV_COLUMNS.map((c) => (opts.t ? opts.t(`report-csv-${c}`) : c));
  const t = cachedTranslate(opts.t);
  const protect = opts.spreadsheet === false ? (text: string) => text : protectFormula;
  const rows = (opts.kims ?? report.kims).map((k) => {
    const cells = kimCells(k, report.timeZone, t, protect);
    return KIM_CSV_COLUMNS.map((c) => cells[c]);
  });
  return { header, rows };
}

/** The full per-KIM table of a report (every KIM, sorted by kecamatan and name), or of `kims`. */
export function kimCsv(report: IndicatorReport, opts: KimCsvOptions & { kims?: KimIndicators[] } = {}): string {
  const { header, rows } = kimTable(report, opts);
  return toCsv([header, ...rows], opts.style ?? CSV_STYLE_ID);
}

/**
 * A file name such as "keaktifan-kim-2026-11-01_2026-11-30.csv": the days of the summary's header
 * (ending today when the period runs past now).
 */
export function kimCsvFileName(report: IndicatorReport): string {
  const day = (d: Date) => formatLocalDateTime(d, report.timeZone).slice(0, 10);
  return `keaktifan-kim-${day(report.from)}_${day(lastCountedInstant(report))}.csv`;
}
