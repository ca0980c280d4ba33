// Prometheus metrics of one app, in a registry of its own (not prom-client's global one), so that
// tests and several apps in one process do not clash. Counters move as things happen; the gauges
// that describe the database (submissions by state, the job queue, reminder runs) are read from
// it when Prometheus scrapes, with three grouped queries.
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Db } from "../db/client.js";
import type { TelegramCallObserver } from "../telegram/observe.js";

export type UpdateOutcome = "handled" | "duplicate" | "malformed" | "failed";

export class AppMetrics implements TelegramCallObserver {
  readonly registry = new Registry();
  readonly updates: Counter<"outcome">;
  readonly telegramErrors: Counter<"method" | "code">;
  readonly screeningSeconds: Histogram;

  constructor(db: Db, now: () => number = Date.now) {
    const registers = [this.registry];
    this.updates = new Counter({ name: "jedikim_updates_total", help: "Telegram updates received, by outcome", labelNames: ["outcome"], registers });
    for (const outcome of ["handled", "duplicate", "malformed", "failed"]) this.updates.inc({ outcome }, 0);
    this.telegramErrors = new Counter({
      name: "jedikim_telegram_api_errors_total",
      help: "Bot API calls that failed, by method and error code (network: no answer)",
      labelNames: ["method", "code"],
      registers,
    });
    this.screeningSeconds = new Histogram({
      name: "jedikim_screening_duration_seconds",
      help: "Time to screen one submission (text, links and photos)",
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    // One collect for all four gauges: the queries run once per scrape.
    let collecting: Promise<void> | undefined;
    const collect = () => collectAll();
    const submissions = new Gauge({ name: "jedikim_submissions", help: "Submissions by state", labelNames: ["state"], registers, collect });
    const depth = new Gauge({ name: "jedikim_jobs_queued", help: "Jobs pending or running, by kind", labelNames: ["kind"], registers, collect });
    const oldest = new Gauge({ name: "jedikim_jobs_oldest_age_seconds", help: "Age of the oldest job that waits or runs, by kind", labelNames: ["kind"], registers, collect });
    const reminderRuns = new Gauge({ name: "jedikim_reminder_runs", help: "Weekly reminder runs recorded", registers, collect });
    const collectAll = (): Promise<void> =>
      (collecting ??= (async () => {
        const nowDate = new Date(now());
        const [byState, jobs, runs] = await Promise.all([
          db.submission.groupBy({ by: ["status"], _count: { _all: true } }),
          db.job.groupBy({ by: ["kind"], where: { status: { in: ["pending", "running"] } }, _count: { _all: true }, _min: { runAt: true } }),
          db.reminderRun.count(),
        ]);
        submissions.reset();
        for (const s of byState) submissions.set({ state: s.status }, s._count._all);
        depth.reset();
        oldest.reset();
        for (const j of jobs) {
          depth.set({ kind: j.kind }, j._count._all);
          const first = j._min.runAt;
          oldest.set({ kind: j.kind }, first ? Math.max(0, (nowDate.getTime() - first.getTime()) / 1000) : 0);
        }
        reminderRuns.set(runs);
      })().finally(() => (collecting = undefined)));
  }

  onCall(method: string, outcome: { ok: true } | { ok: false; errorCode: string }): void {
    if (!outcome.ok) this.telegramErrors.inc({ method, code: outcome.errorCode });
  }

  countUpdate(outcome: UpdateOutcome, n = 1): void {
    if (n > 0) this.updates.inc({ outcome }, n);
  }

  async text(): Promise<string> {
    return this.registry.metrics();
  }
}
