import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeIndicators, currentStreaks, type IndicatorReport } from "../../../src/domain/activity/indicators.js";
import { inactiveKims, inactivityCutoff, isInactive } from "../../../src/domain/activity/inactive.js";
import { parsePeriod } from "../../../src/domain/activity/periods.js";
import { addKim, addMember, addSubmission, buildFixture, freshDb, NOW, PERIOD_FROM, PERIOD_TO, TZ, wib, type Fixture } from "./fixture.js";

let f: Fixture;
let report: IndicatorReport;

beforeAll(async () => {
  f = await buildFixture();
  const p = parsePeriod("4-minggu", NOW, TZ);
  expect([p.from, p.to]).toEqual([PERIOD_FROM, PERIOD_TO]);
  report = await computeIndicators(f.db, { from: p.from, to: p.to, now: NOW, timeZone: TZ });
});
afterAll(async () => {
  await f.cleanup();
});

const kimOf = (id: number) => report.kims.find((k) => k.kimId === id)!;

describe("computeIndicators on the fixture (4 weeks, W45-W48)", () => {
  it("lists every KIM, also those that never sent anything, sorted by kecamatan and name", () => {
    expect(report.kims.map((k) => k.kimName)).toEqual(["Delta", "Epsilon", "Eta", "Zeta", "Alpha", "Beta", "Gamma"]);
    expect(report.weeks.map((w) => w.key)).toEqual(["2026-W45", "2026-W46", "2026-W47", "2026-W48"]);
    expect(report.currentWeekKey).toBe("2026-W48");
  });

  it("counts Alpha by hand: UTC-boundary submissions in the right weeks, the draft and October left out", () => {
    expect(kimOf(f.kim.alpha)).toMatchObject({
      submissions: 5,
      published: 2,
      articles: 3,
      photos: 3, // 1 photo + 2 photos of the album (its video is not a photo)
      decided: 4,
      rejected: 2,
      rejectionRate: 0.5,
      flagged: 2,
      weeksActive: 4,
      weeksCounted: 4,
      consistency: 1,
      streakWeeks: 5, // W44-W48
      lastSubmissionAt: new Date("2026-11-22T17:30:00Z"),
      daysSinceLast: 2,
      medianDecisionHours: 3, // 60, 120, 240, 360 minutes
      score: 81, // 100 × (0.4×1 + 0.25×5/8 + 0.2×0.5 + 0.15×1)
      group: "aktif",
      paused: false,
    });
  });

  it("gives Beta, active only in an earlier week, a low consistency and no streak", () => {
    const beta = kimOf(f.kim.beta);
    expect(beta).toMatchObject({
      submissions: 1,
      published: 1,
      photos: 1,
      articles: 0,
      weeksActive: 1,
      weeksCounted: 3, // the running week W48 does not count yet: Beta has nothing in it
      streakWeeks: 0,
      lastSubmissionAt: wib(11, 3, 10),
      daysSinceLast: 22,
      medianDecisionHours: 2,
      score: 42,
      group: "perlu-pembinaan",
    });
    expect(beta.consistency).toBeCloseTo(1 / 3);
  });

  it("shows KIMs without submissions with zeros", () => {
    for (const id of [f.kim.gamma, f.kim.eta]) {
      expect(kimOf(id)).toMatchObject({
        submissions: 0,
        published: 0,
        photos: 0,
        rejectionRate: null,
        weeksActive: 0,
        weeksCounted: 3,
        consistency: 0,
        streakWeeks: 0,
        lastSubmissionAt: null,
        medianDecisionHours: null,
        score: 0,
        group: "tidak-aktif",
      });
    }
    // Zeta was created on 20 November: only W47 and W48 exist for it, and W48 is still running.
    expect(kimOf(f.kim.zeta)).toMatchObject({ weeksCounted: 1, score: 0 });
  });

  it("marks the paused KIM and keeps its last submission from before the period", () => {
    expect(kimOf(f.kim.delta)).toMatchObject({ paused: true, submissions: 0, lastSubmissionAt: wib(9, 1, 9), group: "tidak-aktif" });
    expect(kimOf(f.kim.epsilon)).toMatchObject({
      submissions: 1,
      decided: 0,
      rejectionRate: null,
      score: 33, // undecided work counts as half accepted
      group: "perlu-pembinaan",
    });
  });

  it("adds up per kecamatan and for the district", () => {
    const [mekarsari, sukamaju] = report.kecamatan;
    expect(sukamaju).toMatchObject({
      kecamatanName: "Sukamaju",
      kims: 3,
      activeKims: 2,
      submissions: 6,
      published: 3,
      articles: 3,
      photos: 4,
      decided: 5,
      rejected: 2,
      rejectionRate: 0.4,
      flagged: 2,
      consistency: 0.5, // (4 + 1 + 0) / (4 + 3 + 3)
      medianDecisionHours: 2, // 60, 120, 120, 240, 360 minutes
      averageScore: 41,
      groups: { aktif: 1, "perlu-pembinaan": 1, "tidak-aktif": 1 },
      lastSubmissionAt: new Date("2026-11-22T17:30:00Z"),
    });
    expect(mekarsari).toMatchObject({ kecamatanName: "Mekarsari", kims: 4, activeKims: 1, submissions: 1, medianDecisionHours: null });
    expect(mekarsari!.consistency).toBeCloseTo(1 / 10);
    expect(report.district).toMatchObject({
      kims: 7,
      activeKims: 3,
      submissions: 7,
      published: 3,
      photos: 4,
      medianDecisionHours: 2,
      groups: { aktif: 1, "perlu-pembinaan": 2, "tidak-aktif": 4 },
    });
    expect(report.district.consistency).toBeCloseTo(6 / 20);
  });

  it("builds the weekly series per kecamatan by local week", () => {
    // Sorted by week, then kecamatan id (Sukamaju was created first).
    expect(f.kecamatan.sukamaju).toBeLessThan(f.kecamatan.mekarsari);
    const name = (id: number) => (id === f.kecamatan.sukamaju ? "Sukamaju" : "Mekarsari");
    expect(report.weekly.map((p) => [p.weekKey, name(p.kecamatanId), p.submissions, p.published, p.activeKims])).toEqual([
      ["2026-W45", "Sukamaju", 2, 2, 2],
      ["2026-W45", "Mekarsari", 1, 0, 1],
      ["2026-W46", "Sukamaju", 1, 1, 1],
      ["2026-W47", "Sukamaju", 2, 0, 1],
      ["2026-W48", "Sukamaju", 1, 0, 1],
    ]);
  });

  it("counts only this week for 'minggu-ini' and keeps the streak independent of the period", async () => {
    const p = parsePeriod("minggu-ini", NOW, TZ);
    const week = await computeIndicators(f.db, { from: p.from, to: p.to, now: NOW, timeZone: TZ });
    const alpha = week.kims.find((k) => k.kimId === f.kim.alpha)!;
    expect(alpha).toMatchObject({ submissions: 1, weeksActive: 1, weeksCounted: 1, streakWeeks: 5 });
    expect(week.kims.find((k) => k.kimId === f.kim.beta)).toMatchObject({ submissions: 0, weeksCounted: 0, consistency: 0 });
  });

  it("reports a past month as it was, ignoring what came later", async () => {
    const p = parsePeriod("2026-10", NOW, TZ);
    const oct = await computeIndicators(f.db, { from: p.from, to: p.to, now: NOW, timeZone: TZ });
    const alpha = oct.kims.find((k) => k.kimId === f.kim.alpha)!;
    expect(alpha).toMatchObject({ submissions: 1, lastSubmissionAt: wib(10, 28, 10) });
    expect(oct.kims.find((k) => k.kimId === f.kim.beta)).toMatchObject({ submissions: 1, weeksActive: 1 });
    // October 2026 touches the ISO weeks W40 (from Thursday 1 Oct) to W44.
    expect(oct.weeks.map((w) => w.key)).toEqual(["2026-W40", "2026-W41", "2026-W42", "2026-W43", "2026-W44"]);
  });

  it("gives the same streaks from a 12-month period as from the streak queries", async () => {
    const year = parsePeriod("12-bulan", NOW, TZ);
    const r = await computeIndicators(f.db, { from: year.from, to: year.to, now: NOW, timeZone: TZ });
    const queried = await currentStreaks(f.db, NOW, TZ);
    expect(r.kims.map((k) => [k.kimName, k.streakWeeks])).toEqual(r.kims.map((k) => [k.kimName, queried.get(k.kimId) ?? 0]));
    expect(r.kims.find((k) => k.kimId === f.kim.alpha)!.streakWeeks).toBe(5);
  });

  it("applies custom weights", async () => {
    const r = await computeIndicators(f.db, {
      from: PERIOD_FROM,
      to: PERIOD_TO,
      now: NOW,
      timeZone: TZ,
      weights: { consistency: 1, volume: 0, acceptance: 0, recency: 0 },
    });
    expect(r.kims.find((k) => k.kimId === f.kim.alpha)!.score).toBe(100);
    expect(r.kims.find((k) => k.kimId === f.kim.beta)!.score).toBe(33);
  });
});

describe("inactive KIMs", () => {
  it("lists KIMs without a confirmed submission in the last 14 days, with paused and new ones marked", async () => {
    const list = await inactiveKims(f.db, { now: NOW, inactiveDays: 14, timeZone: TZ });
    expect(list.map((k) => [k.kimName, k.paused, k.isNew, k.lastSubmissionAt?.toISOString() ?? null])).toEqual([
      ["Delta", true, false, wib(9, 1, 9).toISOString()],
      ["Epsilon", false, false, wib(11, 5, 14).toISOString()],
      ["Eta", false, false, null],
      ["Zeta", false, true, null],
      ["Beta", false, false, wib(11, 3, 10).toISOString()],
      ["Gamma", false, false, null],
    ]);
    expect(list.find((k) => k.kimName === "Beta")!.daysSinceLast).toBe(22);
  });

  it("uses local calendar days: the cutoff is midnight WIB 14 days before today", () => {
    expect(inactivityCutoff(NOW, 14, TZ).toISOString()).toBe("2026-11-10T17:00:00.000Z");
    // 16:59Z on the 25th is still the 25th in Jakarta; 17:00Z is the 26th.
    expect(inactivityCutoff(new Date("2026-11-25T16:59:00Z"), 1, TZ).toISOString()).toBe("2026-11-23T17:00:00.000Z");
    expect(inactivityCutoff(new Date("2026-11-25T17:00:00Z"), 1, TZ).toISOString()).toBe("2026-11-24T17:00:00.000Z");
    expect(() => inactivityCutoff(NOW, 0, TZ)).toThrow(RangeError);
  });

  it("agrees with the indicators: the same last submission and the same rule", async () => {
    const cutoff = inactivityCutoff(NOW, 14, TZ);
    const list = await inactiveKims(f.db, { now: NOW, inactiveDays: 14, timeZone: TZ });
    const inactiveIds = new Set(list.map((k) => k.kimId));
    for (const k of report.kims) {
      expect(isInactive(k.lastSubmissionAt, cutoff), k.kimName).toBe(inactiveIds.has(k.kimId));
      const match = list.find((x) => x.kimId === k.kimId);
      if (match) expect(match.lastSubmissionAt).toEqual(k.lastSubmissionAt);
    }
  });

  it("a submission after the cutoff makes a KIM active again", async () => {
    await addSubmission(f.db, { kimId: f.kim.gamma, memberId: f.member.gamma, kind: "text", status: "pending", confirmedAt: wib(11, 11, 0, 0) });
    const list = await inactiveKims(f.db, { now: NOW, inactiveDays: 14, timeZone: TZ });
    expect(list.map((k) => k.kimName)).not.toContain("Gamma");
    expect(list.map((k) => k.kimName)).toContain("Beta");
    await f.db.submission.deleteMany({ where: { kimId: f.kim.gamma } });
  });
});

describe("streaks and weeks in a zone with DST", () => {
  it("looks back past 8 weeks for long streaks and stops at the lookback", async () => {
    const { db, cleanup } = await freshDb();
    try {
      const kec = (await db.kecamatan.create({ data: { name: "Panjang", normName: "panjang" } })).id;
      const kimId = await addKim(db, kec, "Rajin");
      const memberId = await addMember(db, kimId, "Rina");
      // One submission every week for 30 weeks, ending in the current week (W48).
      for (let i = 0; i < 30; i++) {
        await addSubmission(db, { kimId, memberId, kind: "text", status: "published", confirmedAt: new Date(wib(11, 24, 9).getTime() - i * 7 * 86_400_000) });
      }
      expect((await currentStreaks(db, NOW, TZ)).get(kimId)).toBe(30);
      expect((await currentStreaks(db, NOW, TZ, 20)).get(kimId)).toBe(20);
      // 12 months hold the whole lookback: the streak is taken from the period's own weeks.
      const year = parsePeriod("12-bulan", NOW, TZ);
      const yearReport = await computeIndicators(db, { from: year.from, to: year.to, now: NOW, timeZone: TZ });
      expect(yearReport.kims[0]!.streakWeeks).toBe(30);
      const short = await computeIndicators(db, { from: year.from, to: year.to, now: NOW, timeZone: TZ, streakLookbackWeeks: 20 });
      expect(short.kims[0]!.streakWeeks).toBe(20);
      // A gap 12 weeks back ends the streak there.
      await db.submission.deleteMany({ where: { kimId, confirmedAt: new Date(wib(11, 24, 9).getTime() - 12 * 7 * 86_400_000) } });
      expect((await currentStreaks(db, NOW, TZ)).get(kimId)).toBe(12);
      const after = await computeIndicators(db, { from: year.from, to: year.to, now: NOW, timeZone: TZ });
      expect(after.kims[0]!.streakWeeks).toBe(12);
    } finally {
      await cleanup();
    }
  });

  it("buckets by local week across the end of DST (Europe/Berlin)", async () => {
    const { db, cleanup } = await freshDb();
    try {
      const tz = "Europe/Berlin";
      const kec = (await db.kecamatan.create({ data: { name: "Berlin", normName: "berlin" } })).id;
      const kimId = await addKim(db, kec, "Mitte");
      const memberId = await addMember(db, kimId, "Max");
      const s = { kimId, memberId, kind: "text", status: "published" } as const;
      await addSubmission(db, { ...s, confirmedAt: new Date("2026-10-04T22:30:00Z") }); // Mon 5 Oct 00:30 CEST: W41
      await addSubmission(db, { ...s, confirmedAt: new Date("2026-11-01T22:30:00Z") }); // Sun 1 Nov 23:30 CET: W44
      const now = new Date("2026-12-01T12:00:00Z");
      const r = await computeIndicators(db, { from: new Date("2026-09-30T22:00:00Z"), to: new Date("2026-11-30T23:00:00Z"), now, timeZone: tz });
      expect(r.weekly.map((p) => p.weekKey)).toEqual(["2026-W41", "2026-W44"]);
      expect(r.kims[0]).toMatchObject({ submissions: 2, weeksActive: 2 });
    } finally {
      await cleanup();
    }
  });
});
