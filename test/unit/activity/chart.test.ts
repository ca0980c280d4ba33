import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { createI18n } from "../../../src/bot/i18n.js";
import {
  FONT_FAMILY,
  FONT_FILES,
  renderSvg,
  scoreChart,
  scoreSpec,
  svgToPng,
  weeklyPublishedChart,
  weeklyPublishedSpec,
} from "../../../src/reports/chart.js";
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

const kims = Array.from({ length: 40 }, (_, i) =>
  fakeKim({
    kimId: i + 1,
    kimName: i === 0 ? "KIM <Maju> & Jaya" : `KIM Desa ${i + 1}`,
    kecamatanId: 1 + (i % 12),
    kecamatanName: i % 12 === 0 ? "Kec & <Utara>" : `Kecamatan ${1 + (i % 12)}`,
    submissions: 40 - i,
    published: 30 - (i % 30),
    score: 100 - 2 * i,
    group: i < 15 ? "aktif" : i < 30 ? "perlu-pembinaan" : "tidak-aktif",
  }),
);

describe("charts", () => {
  it("renders the weekly published chart as a sensible PNG, even with & and < in names", async () => {
    const png = await weeklyPublishedChart(fakeReport(kims), { t, locale: "id" });
    const { width, height } = pngSize(png);
    expect(width).toBeGreaterThanOrEqual(600);
    expect(width).toBeLessThanOrEqual(2000);
    expect(height).toBeGreaterThanOrEqual(400);
    expect(height).toBeLessThanOrEqual(2000);
    expect(png.length).toBeGreaterThan(10_000);
  });

  it("draws one line per kecamatan, at most maxSeries, and says how many were left out", async () => {
    const spec = weeklyPublishedSpec(fakeReport(kims), { t, locale: "id", maxSeries: 5 });
    const values = (spec as { data: { values: Array<{ series: string; week: string }> } }).data.values;
    expect(new Set(values.map((v) => v.series)).size).toBe(5);
    expect(new Set(values.map((v) => v.week))).toEqual(new Set(["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]));
    const svg = await renderSvg(spec);
    expect(svg).toContain("5 kecamatan teratas dari 12");
    expect(svg).toContain("Kec &amp; &lt;Utara&gt;");
    expect(svg).toContain(`font-family="${FONT_FAMILY}"`);
  });

  it("renders the score chart with the top N KIMs, best first", async () => {
    const report = fakeReport(kims);
    const spec = scoreSpec(report, { t, locale: "id", top: 25 });
    const values = (spec as { data: { values: Array<{ kim: string; score: number }> } }).data.values;
    expect(values).toHaveLength(25);
    expect(values[0]).toMatchObject({ kim: "KIM <Maju> & Jaya (Kec & <Utara>)", score: 100 });
    expect(values.map((v) => v.score)).toEqual([...values.map((v) => v.score)].sort((a, b) => b - a));
    const { width, height } = pngSize(await scoreChart(report, { t, locale: "id", top: 25 }));
    expect(width).toBeGreaterThanOrEqual(600);
    expect(width).toBeLessThanOrEqual(2000);
    expect(height).toBeGreaterThan(600); // 25 bars
    expect(height).toBeLessThanOrEqual(2000);
  });

  it("draws text with the bundled font only (no system fonts)", () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="5" y="30" font-family="${FONT_FAMILY}" font-size="24">Halo KIM</text></svg>`;
    expect(darkPixels(svg, FONT_FILES)).toBeGreaterThan(50);
    expect(darkPixels(svg, [])).toBe(0);
    expect(pngSize(svgToPng(svg, 2))).toEqual({ width: 400, height: 80 });
  });

  it("renders an empty report without failing", async () => {
    const png = await weeklyPublishedChart(fakeReport([]), { t, locale: "en" });
    expect(pngSize(png).width).toBeGreaterThanOrEqual(600);
  });
});
