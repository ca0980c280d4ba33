import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { createI18n } from "../../../src/bot/i18n.js";
import {
  FONT_FAMILY,
  FONT_FILES,
  LABEL_CHARS,
  MIN_TEXT_PX,
  PHONE_WIDTH,
  renderSvg,
  scaleFor,
  scoreChart,
  scoreSpec,
  svgToPng,
  svgWidth,
  TELEGRAM_PHOTO_WIDTH,
  weeklyPublishedChart,
  weeklyPublishedSpec,
  type ScorePoint,
  type WeeklyPoint,
} from "../../../src/reports/chart.js";
import type { IndicatorReport } from "../../../src/domain/activity/indicators.js";
import { fakeKim, fakeReport } from "./fake-report.js";

const i18n = createI18n("id");
const t = (k: string, v?: Record<string, string | number>) => i18n.t("id", k, v);

function pngSize(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.toString("latin1", 12, 16)).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function darkPixels(svg: string, fontFiles: string[]): number {
  const img = new Resvg(svg, { background: "white", font: { loadSystemFonts: false, fontFiles, defaultFontFamily: FONT_FAMILY } }).render();
  let dark = 0;
  for (let i = 0; i < img.pixels.length; i += 4) if (img.pixels[i]! < 128) dark++;
  return dark;
}

const valuesOf = <T>(spec: unknown) => (spec as { data: { values: T[] } }).data.values;
/** Every text the SVG draws (tspans of multi-line labels included). */
const texts = (svg: string) => [...svg.matchAll(/<(?:text|tspan)[^>]*>([^<]*)(?=<)/g)].map((m) => m[1]!).filter((x) => x.trim() !== "");
const fontSizes = (svg: string) => [...svg.matchAll(/font-size="([\d.]+)px"/g)].map((m) => Number(m[1]));

const kims = Array.from({ length: 40 }, (_, i) =>
  fakeKim({
    kimId: i + 1,
    kimName: i === 0 ? "KIM <Maju> & Jaya" : i === 1 ? "KIM Maju Bersama Desa Tamiang Layang Kota Lama Sekali Sejak Dulu" : `KIM Desa ${i + 1}`,
    kecamatanId: 1 + (i % 12),
    kecamatanName: i % 12 === 0 ? "Kec & <Utara>" : i % 12 === 1 ? "Kecamatan Dengan Nama Yang Panjang Sekali" : `Kecamatan ${1 + (i % 12)}`,
    submissions: 40 - i,
    published: 30 - (i % 30),
    score: i >= 37 ? 0 : 100 - 2 * i,
    group: i < 15 ? "aktif" : i < 30 ? "perlu-pembinaan" : "tidak-aktif",
  }),
);

/** Font sizes × the scale the PNG is made at, against the width Telegram shows it at. */
async function expectReadable(spec: Parameters<typeof renderSvg>[0], png: Buffer) {
  const svg = await renderSvg(spec);
  const width = svgWidth(svg);
  expect(width).toBeLessThanOrEqual(PHONE_WIDTH);
  const { width: pngWidth } = pngSize(png);
  expect(pngWidth).toBe(Math.round(width * scaleFor(width)));
  expect(pngWidth).toBeLessThanOrEqual(TELEGRAM_PHOTO_WIDTH);
  const shown = Math.min(pngWidth, TELEGRAM_PHOTO_WIDTH) / width;
  const sizes = fontSizes(svg);
  expect(sizes.length).toBeGreaterThan(10);
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(MIN_TEXT_PX);
  expect(Math.min(...sizes) * shown).toBeGreaterThanOrEqual(2 * MIN_TEXT_PX);
  return svg;
}

describe("weekly published chart", () => {
  it("draws every week of the period with the table's published counts per kecamatan", () => {
    const report = fakeReport(kims);
    const spec = weeklyPublishedSpec(report, { t, locale: "id", maxSeries: 5 });
    const values = valuesOf<WeeklyPoint>(spec);
    expect(new Set(values.map((v) => v.week))).toEqual(new Set(["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]));
    const names = new Set(values.map((v) => v.series));
    expect(names.size).toBe(5);
    for (const kec of report.kecamatan.filter((k) => names.has(k.kecamatanName))) {
      const weekly = report.weekly.filter((p) => p.kecamatanId === kec.kecamatanId).reduce((n, p) => n + p.published, 0);
      expect(values.filter((v) => v.series === kec.kecamatanName).reduce((n, v) => n + v.published, 0)).toBe(weekly);
    }
  });

  it("keeps the running week, says so, and counts what it has", async () => {
    // "Now" is Wednesday of the last week, W48: the week is running and has published items.
    const report = fakeReport(kims, { now: new Date("2026-11-25T05:00:00Z"), to: new Date("2026-11-29T17:00:00Z") });
    const spec = weeklyPublishedSpec(report, { t, locale: "id" });
    const values = valuesOf<WeeklyPoint>(spec);
    expect(values.filter((v) => v.week === "2026-11-23").reduce((n, v) => n + v.published, 0)).toBeGreaterThan(0);
    const svg = await renderSvg(spec);
    expect(texts(svg)).toContain("23 Nov");
    expect(svg).toContain("Minggu terakhir masih berjalan: dihitung sampai 25 Nov");
  });

  it("reads whole numbers on the axis, also when nothing was published", async () => {
    const quiet = fakeReport(kims.map((k) => ({ ...k, published: 0 })));
    for (const p of quiet.weekly) p.published = 0;
    const svg = await renderSvg(weeklyPublishedSpec(quiet, { t, locale: "id" }));
    const numbers = texts(svg).filter((x) => /^[\d.,]+$/.test(x));
    expect(numbers).toEqual(expect.arrayContaining(["0", "1"]));
    expect(numbers.every((x) => /^\d+$/.test(x))).toBe(true);
  });

  it("is readable on a phone: narrow, labels of 14 px or more at the size Telegram shows", async () => {
    const report = fakeReport(kims);
    const spec = weeklyPublishedSpec(report, { t, locale: "id" });
    const svg = await expectReadable(spec, await weeklyPublishedChart(report, { t, locale: "id" }));
    expect(svg).toContain("Kec &amp; &lt;Utara&gt;");
    expect(svg).toContain(`font-family="${FONT_FAMILY}"`);
  });

  it("renders an empty report without failing", async () => {
    const png = await weeklyPublishedChart(fakeReport([]), { t, locale: "en" });
    expect(pngSize(png).width).toBeGreaterThanOrEqual(600);
  });
});

describe("score chart", () => {
  const report: IndicatorReport = fakeReport(kims);

  it("shows the top N KIMs best first, each with its score written out, 0 included", async () => {
    const spec = scoreSpec(report, { t, locale: "id", top: 40 });
    const values = valuesOf<ScorePoint>(spec);
    expect(values).toHaveLength(40);
    expect(values.map((v) => v.score)).toEqual([...values.map((v) => v.score)].sort((a, b) => b - a));
    expect(values.filter((v) => v.score === 0)).toHaveLength(3);
    const svg = await renderSvg(spec);
    // A number drawn for every bar, so a KIM at 0 has a visible mark.
    const scoreMarks = [...svg.matchAll(/aria-roledescription="text mark"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(scoreMarks).toHaveLength(40);
    expect(scoreMarks.filter((x) => x === "0")).toHaveLength(3);
  });

  it("shortens long names but always shows the kecamatan", async () => {
    const spec = scoreSpec(report, { t, locale: "id", top: 40 });
    const values = valuesOf<ScorePoint>(spec);
    for (const v of values) {
      expect(v.label).toHaveLength(2);
      expect([...v.label[0]!].length).toBeLessThanOrEqual(LABEL_CHARS);
      expect(v.label[1]).toMatch(/^Kec\. /);
      expect([...v.label[1]!].length).toBeLessThanOrEqual(LABEL_CHARS);
    }
    const long = values.find((v) => v.kimId === 2)!;
    expect(long.label).toEqual(["KIM Maju Bersama Desa…", "Kec. Kecamatan Dengan…"]);
    expect(values.find((v) => v.kimId === 1)!.label).toEqual(["KIM <Maju> & Jaya", "Kec. Kec & <Utara>"]);
    const svg = await renderSvg(spec);
    expect(texts(svg)).toEqual(expect.arrayContaining(["KIM &lt;Maju&gt; &amp; Jaya", "Kec. Kec &amp; &lt;Utara&gt;", "KIM Maju Bersama Desa…"]));
  });

  it("is readable on a phone with 25 bars", async () => {
    const spec = scoreSpec(report, { t, locale: "id", top: 25 });
    await expectReadable(spec, await scoreChart(report, { t, locale: "id", top: 25 }));
    const { height } = pngSize(await scoreChart(report, { t, locale: "id", top: 25 }));
    expect(height).toBeGreaterThan(1000);
  });
});

describe("rendering", () => {
  it("draws text with the bundled font only (no system fonts)", () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="5" y="30" font-family="${FONT_FAMILY}" font-size="24">Halo KIM</text></svg>`;
    expect(darkPixels(svg, FONT_FILES)).toBeGreaterThan(50);
    expect(darkPixels(svg, [])).toBe(0);
    expect(pngSize(svgToPng(svg, 2))).toEqual({ width: 400, height: 80 });
  });
});
