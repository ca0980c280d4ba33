// What the dashboard shows of an indicator report (issue 13): the overview, the kecamatan rows,
// and the KIM table filtered and sorted. Telegram-free and HTTP-free: the HTTP layer turns these
// into JSON, and the CSV download writes the very same selection with kimCsv.
import type { IndicatorReport, KimIndicators } from "../domain/activity/indicators.js";
import { ACTIVITY_GROUPS, type ActivityGroup } from "../domain/activity/score.js";
import { compareNames } from "../domain/activity/definitions.js";
import { KIM_CSV_COLUMNS, kimTable, type CsvCell, type KimCsvColumn } from "./csv.js";
import { lastCountedInstant } from "./format.js";
import { formatLocalDateTime } from "../domain/activity/zoned.js";

export interface DashboardOverview {
  from: string;
  /** The last day counted (today when the period runs past now), local "YYYY-MM-DD". */
  to: string;
  kims: number;
  activeKims: number;
  submissions: number;
  published: number;
  articles: number;
  photos: number;
  medianDecisionHours: number | null;
  groups: Record<ActivityGroup, number>;
  kecamatan: Array<{
    kecamatanId: number;
    name: string;
    kims: number;
    activeKims: number;
    /** activeKims / kims, 0 without KIMs. */
    activeShare: number;
    submissions: number;
    published: number;
    averageScore: number;
  }>;
}

const day = (d: Date, timeZone: string) => formatLocalDateTime(d, timeZone).slice(0, 10);

export function dashboardOverview(report: IndicatorReport): DashboardOverview {
  const d = report.district;
  return {
    from: day(report.from, report.timeZone),
    to: day(lastCountedInstant(report), report.timeZone),
    kims: d.kims,
    activeKims: d.activeKims,
    submissions: d.submissions,
    published: d.published,
    articles: d.articles,
    photos: d.photos,
    medianDecisionHours: d.medianDecisionHours,
    groups: { ...d.groups },
    kecamatan: report.kecamatan.map((k) => ({
      kecamatanId: k.kecamatanId,
      name: k.kecamatanName,
      kims: k.kims,
      activeKims: k.activeKims,
      activeShare: k.kims === 0 ? 0 : k.activeKims / k.kims,
      submissions: k.submissions,
      published: k.published,
      averageScore: k.averageScore,
    })),
  };
}

export interface KimSelection {
  kecamatanId?: number;
  group?: ActivityGroup;
  /** A column of the CSV; the report's order (kecamatan, then name) without one. */
  sort?: KimCsvColumn;
  descending?: boolean;
}

export function isKimColumn(value: string): value is KimCsvColumn {
  return (KIM_CSV_COLUMNS as readonly string[]).includes(value);
}

export function isActivityGroup(value: string): value is ActivityGroup {
  return (ACTIVITY_GROUPS as readonly string[]).includes(value);
}

/** Empty cells (no decision yet, never submitted) sort last in both directions. */
function compareCells(a: CsvCell, b: CsvCell, descending: boolean): number {
  const emptyA = a === null || a === undefined || a === "";
  const emptyB = b === null || b === undefined || b === "";
  if (emptyA || emptyB) return emptyA === emptyB ? 0 : emptyA ? 1 : -1;
  const order = typeof a === "number" && typeof b === "number" ? a - b : compareNames(String(a), String(b));
  return descending ? -order : order;
}

/** The KIMs the table shows: filtered, then sorted by the column's cell (ties keep the report's order). */
export function selectKims(report: IndicatorReport, selection: KimSelection): KimIndicators[] {
  const kims = report.kims.filter(
    (k) => (selection.kecamatanId === undefined || k.kecamatanId === selection.kecamatanId) && (selection.group === undefined || k.group === selection.group),
  );
  const sort = selection.sort;
  if (!sort) return kims;
  const column = KIM_CSV_COLUMNS.indexOf(sort);
  // Sorted by the raw cells (the group's id, 0/1 for paused): the same values the CSV shows as numbers.
  const { rows } = kimTable(report, { kims, spreadsheet: false });
  const order = kims.map((k, i) => ({ k, i, cell: rows[i]![column] }));
  order.sort((a, b) => compareCells(a.cell, b.cell, selection.descending === true) || a.i - b.i);
  return order.map((o) => o.k);
}
