import { describe, expect, it } from "vitest";
import { createI18n, inLocale, translator } from "../../../src/bot/i18n.js";
import { CSV_STYLE_EN, KIM_CSV_COLUMNS, kimCsv, kimCsvFileName, parseCsv, toCsv } from "../../../src/reports/csv.js";
import { renderSummary } from "../../../src/reports/summary.js";
import { fakeKim, fakeReport } from "./fake-report.js";

const tricky = [
  fakeKim({
    kimId: 1,
    kimName: 'KIM "Maju"; Jaya, Sejahtera',
    kecamatanName: "Tanjung Selor – Hulu",
    submissions: 12345,
    published: 10000,
    decided: 11000,
    rejected: 1000,
    rejectionRate: 1000 / 11000,
    consistency: 2 / 3,
    weeksActive: 2,
    weeksCounted: 3,
    medianDecisionHours: 4.5,
    lastSubmissionAt: new Date("2026-11-29T17:30:00Z"),
    score: 71,
    group: "aktif",
    paused: true,
  }),
  fakeKim({ kimId: 2, kimName: "Baris\nbaru", kecamatanName: "Sukamaju" }),
  fakeKim({ kimId: 3, kimName: "=HYPERLINK(\"http://x\")", kecamatanName: " Spasi " }),
];

describe("CSV of the per-KIM table", () => {
  it("uses a UTF-8 BOM, semicolons, CRLF and the decimal comma by default (Indonesian Excel)", () => {
    const csv = kimCsv(fakeReport(tricky));
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe(KIM_CSV_COLUMNS.join(";"));
    expect(lines[1]).toBe(
      'Tanjung Selor – Hulu;"KIM ""Maju""; Jaya, Sejahtera";1;71;aktif;12345;10000;0;0;11000;1000;9;0;2;3;67;0;2026-11-30 00:30;4,5;1',
    );
  });

  it("reads back to the same values, quotes and line breaks included", () => {
    const report = fakeReport(tricky);
    const rows = parseCsv(kimCsv(report));
    expect(rows).toHaveLength(4);
    const col = (name: (typeof KIM_CSV_COLUMNS)[number]) => KIM_CSV_COLUMNS.indexOf(name);
    expect(rows[1]![col("kim")]).toBe('KIM "Maju"; Jaya, Sejahtera');
    expect(rows[1]![col("kecamatan")]).toBe("Tanjung Selor – Hulu");
    expect(Number(rows[1]![col("submissions")])).toBe(12345);
    expect(Number(rows[1]![col("median-decision-hours")]!.replace(",", "."))).toBe(4.5);
    expect(rows[2]![col("kim")]).toBe("Baris\nbaru");
    expect(rows[2]![col("last-submission")]).toBe("");
    // Text that a spreadsheet would run as a formula is defused with an apostrophe.
    expect(rows[3]![col("kim")]).toBe("'=HYPERLINK(\"http://x\")");
    expect(rows[3]![col("kecamatan")]).toBe(" Spasi ");
    expect(rows.every((r) => r.length === KIM_CSV_COLUMNS.length)).toBe(true);
  });

  it("has an English style with commas and the decimal point", () => {
    const csv = kimCsv(fakeReport(tricky), { style: CSV_STYLE_EN });
    const rows = parseCsv(csv);
    expect(csv.split("\r\n")[0]).toContain("kecamatan,kim,kim-id");
    expect(rows[1]![KIM_CSV_COLUMNS.indexOf("median-decision-hours")]).toBe("4.5");
    expect(rows[1]![KIM_CSV_COLUMNS.indexOf("kim")]).toBe('KIM "Maju"; Jaya, Sejahtera');
  });

  it("translates headers, groups and yes/no", () => {
    const i18n = createI18n("id");
    const rows = parseCsv(kimCsv(fakeReport(tricky), { t: (k, v) => i18n.t("id", k, v) }));
    expect(rows[0]!.slice(0, 5)).toEqual(["Kecamatan", "KIM", "ID KIM", "Skor", "Kelompok"]);
    expect(rows[1]![KIM_CSV_COLUMNS.indexOf("group")]).toBe("Aktif");
    expect(rows[1]![KIM_CSV_COLUMNS.indexOf("paused")]).toBe("ya");
    expect(kimCsvFileName(fakeReport(tricky))).toBe("keaktifan-kim-2026-11-02_2026-11-29.csv");
  });

  it("parses plain RFC 4180 input and detects the separator", () => {
    expect(parseCsv('a,b\r\n"x, ""y""",2\n')).toEqual([
      ["a", "b"],
      ['x, "y"', "2"],
    ]);
    expect(parseCsv("a;b\nc;")).toEqual([
      ["a", "b"],
      ["c", ""],
    ]);
    expect(toCsv([[1.25, null, "x"]], CSV_STYLE_EN)).toBe("\uFEFF1.25,,x\r\n");
  });

  it("names the same days as the summary's header, also for a period that runs past today", () => {
    // /laporan on Wednesday 25 Nov: the period ends on Sunday, counting stops today.
    const report = fakeReport([], { now: new Date("2026-11-25T05:00:00Z"), to: new Date("2026-11-29T17:00:00Z") });
    const i18n = createI18n("id");
    const header = renderSummary(report, { t: inLocale(translator(i18n), "id"), locale: "id" }).split("\n")[1];
    expect(header).toBe("🗓 2 Nov 2026 – 25 Nov 2026");
    expect(kimCsvFileName(report)).toBe("keaktifan-kim-2026-11-02_2026-11-25.csv");
  });
});
