// The charts sent with /laporan show the report's own figures: the spec that is rendered is
// checked against the table (per kecamatan and week), on reports computed from a database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createI18n } from "../../../src/bot/i18n.js";
import { computeIndicators, type IndicatorReport } from "../../../src/domain/activity/indicators.js";
import { parsePeriod } from "../../../src/domain/activity/periods.js";
import { formatCivil } from "../../../src/domain/activity/zoned.js";
import { scoreSpec, weeklyPublishedSpec, type ScorePoint, type WeeklyPoint } from "../../../src/reports/chart.js";
import { addSubmission, buildFixture, NOW, TZ, wib, type Fixture } from "./fixture.js";

const i18n = createI18n("id");
const t = (k: string, v?: Record<string, string | number>) => i18n.t("id", k, v);
let f: Fixture;

beforeAll(async () => {
  f = await buildFixture();
  // Published in the running week (W48), as in the demo where everything happened this week.
  await addSubmission(f.db, { kimId: f.kim.beta, memberId: f.member.beta, kind: "photo", status: "published", confirmedAt: wib(11, 24, 9), decidedAfterMinutes: 30, media: ["photo"] });
  await addSubmission(f.db, { kimId: f.kim.epsilon, memberId: f.member.epsilon, kind: "text", status: "published", confirmedAt: wib(11, 25, 8), decidedAfterMinutes: 30 });
});
afterAll(async () => {
  await f.cleanup();
});

async function report(spec: string): Promise<IndicatorReport> {
  const p = parsePeriod(spec, NOW, TZ);
  return computeIndicators(f.db, { from: p.from, to: p.to, now: NOW, timeZone: TZ });
}

describe("the weekly chart's data are the report's figures", () => {
  for (const spec of ["4-minggu", "12-bulan", "minggu-ini", "2026-11"]) {
    it(`${spec}: every week up to the running one, and per kecamatan the published count of the table`, async () => {
      const r = await report(spec);
      const values = (weeklyPublishedSpec(r, { t, locale: "id" }) as { data: { values: WeeklyPoint[] } }).data.values;
      expect(new Set(values.map((v) => v.week))).toEqual(new Set(r.weeks.map((w) => formatCivil(w.monday))));
      expect(values.map((v) => v.week)).toContain("2026-11-23"); // the running week
      for (const kec of r.kecamatan) {
        const drawn = values.filter((v) => v.series === kec.kecamatanName);
        expect(drawn).toHaveLength(r.weeks.length);
        expect(drawn.reduce((n, v) => n + v.published, 0), kec.kecamatanName).toBe(kec.published);
      }
      expect(values.reduce((n, v) => n + v.published, 0)).toBe(r.district.published);
      expect(r.district.published).toBeGreaterThan(0);
    });
  }
});

describe("the score chart's data are the report's scores", () => {
  it("has every KIM's score and group, best first", async () => {
    const r = await report("4-minggu");
    const values = (scoreSpec(r, { t, locale: "id" }) as { data: { values: ScorePoint[] } }).data.values;
    expect(values).toHaveLength(r.kims.length);
    for (const k of r.kims) {
      const v = values.find((x) => x.kimId === k.kimId)!;
      expect(v.score).toBe(k.score);
      expect(v.group).toBe(t(`report-group-${k.group}`));
      expect(v.label[1]).toBe(`Kec. ${k.kecamatanName}`);
    }
  });
});
