// A hand-made IndicatorReport for the renderer tests (no database).
import type { IndicatorReport, KimIndicators, KecamatanIndicators } from "../../../src/domain/activity/indicators.js";
import { weeksInRange } from "../../../src/domain/activity/periods.js";
import { DEFAULT_SCORE_CONFIG } from "../../../src/domain/activity/score.js";

export const TZ = "Asia/Jakarta";

export function fakeKim(over: Partial<KimIndicators> & Pick<KimIndicators, "kimId" | "kimName">): KimIndicators {
  return {
    kecamatanId: 1,
    kecamatanName: "Sukamaju",
    isSample: false,
    paused: false,
    submissions: 0,
    published: 0,
    articles: 0,
    photos: 0,
    decided: 0,
    rejected: 0,
    flagged: 0,
    rejectionRate: null,
    weeksActive: 0,
    weeksCounted: 4,
    consistency: 0,
    streakWeeks: 0,
    lastSubmissionAt: null,
    daysSinceLast: null,
    medianDecisionHours: null,
    score: 0,
    scoreParts: { consistency: 0, volume: 0, acceptance: 0, recency: 0 },
    group: "tidak-aktif",
    ...over,
  };
}

/**
 * A 4-week report (Monday 2026-11-02 to Monday 2026-11-30, Jakarta) over the given KIMs; with
 * `now` inside the last week, that week is still running.
 */
export function fakeReport(kims: KimIndicators[], at: { now?: Date; to?: Date } = {}): IndicatorReport {
  const from = new Date("2026-11-01T17:00:00Z");
  const to = at.to ?? new Date("2026-11-29T17:00:00Z");
  const now = at.now ?? new Date("2026-11-30T03:00:00Z");
  const weeks = weeksInRange(from, to, TZ);
  const byKec = new Map<number, KimIndicators[]>();
  for (const k of kims) byKec.set(k.kecamatanId, [...(byKec.get(k.kecamatanId) ?? []), k]);
  const area = (list: KimIndicators[]) => ({
    kims: list.length,
    activeKims: list.filter((k) => k.submissions > 0).length,
    submissions: list.reduce((n, k) => n + k.submissions, 0),
    published: list.reduce((n, k) => n + k.published, 0),
    articles: list.reduce((n, k) => n + k.articles, 0),
    photos: list.reduce((n, k) => n + k.photos, 0),
    decided: list.reduce((n, k) => n + k.decided, 0),
    rejected: list.reduce((n, k) => n + k.rejected, 0),
    flagged: list.reduce((n, k) => n + k.flagged, 0),
    rejectionRate: null,
    consistency: 0.5,
    lastSubmissionAt: null,
    medianDecisionHours: 3.5,
    averageScore: list.length ? list.reduce((n, k) => n + k.score, 0) / list.length : 0,
    groups: {
      aktif: list.filter((k) => k.group === "aktif").length,
      "perlu-pembinaan": list.filter((k) => k.group === "perlu-pembinaan").length,
      "tidak-aktif": list.filter((k) => k.group === "tidak-aktif").length,
    },
  });
  const kecamatan: KecamatanIndicators[] = [...byKec.entries()].map(([id, list]) => ({
    kecamatanId: id,
    kecamatanName: list[0]!.kecamatanName,
    ...area(list),
  }));
  const weekly = weeks.flatMap((w, i) =>
    kecamatan.map((k) => ({
      weekKey: w.key,
      weekIndex: w.index,
      weekStart: w.start,
      kecamatanId: k.kecamatanId,
      submissions: 3 + i + k.kecamatanId,
      published: 2 + ((i * k.kecamatanId) % 4),
      activeKims: 1,
    })),
  );
  return {
    from,
    to,
    now,
    asOf: new Date(Math.min(to.getTime(), now.getTime())),
    timeZone: TZ,
    weeks,
    currentWeekKey: now.getTime() < to.getTime() ? weeks[weeks.length - 1]!.key : "2026-W49",
    scoreConfig: DEFAULT_SCORE_CONFIG,
    kims,
    kecamatan,
    district: area(kims),
    weekly,
  };
}
