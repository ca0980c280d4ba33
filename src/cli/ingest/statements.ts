// How many SQL statements one submission costs, per step: the member's message (inbox write,
// handler, preview), the tap on "Kirim" (confirmation, "Terkirim"), and the review-card job.
//
// The real app runs in this process against the emulator, one step at a time with the database
// otherwise quiet (the job worker is stopped during the tap, so the card job it would start counts
// as the card's). Every statement, BEGIN and COMMIT included, is run through one of
// better-sqlite3's Statement methods, so wrapping them counts them all: no change to the app.
import Database from "better-sqlite3";
import { createApp, type App } from "../../app.js";
import { createLogger } from "../../logger.js";
import { scratchDatabase } from "../scratch-db.js";
import { benchConfig, seedDatabase } from "./seed.js";
import { IngestWorld, sleep, waitUntil, type Submission } from "./traffic.js";

export type Step = "message" | "tap" | "card";

export interface StepCount {
  /** Median statements per step over the samples. */
  statements: number;
  /** By kind (first word of the SQL: SELECT, INSERT, UPDATE, BEGIN, COMMIT, …), of the median sample. */
  byKind: Record<string, number>;
  /** Different SQL texts in that sample: what a statement cache could reuse. */
  distinct: number;
}

export interface StatementReport {
  text: Record<Step, StepCount>;
  photo: Record<Step, StepCount>;
  /** The statements of one text submission, step by step, for reading. */
  sample: Record<Step, string[]>;
}

class StatementCounter {
  sql: string[] = [];
  private restore: Array<() => void> = [];

  /**
   * Counts every run of a statement, at the statement: the app's connection keeps compiled
   * statements (src/db/sqlite-connection.ts), so Database#prepare sees only the first run of each.
   */
  install(): void {
    const probe = new Database(":memory:");
    const proto = Object.getPrototypeOf(probe.prepare("SELECT 1")) as Record<string, (...args: unknown[]) => unknown>;
    probe.close();
    const record = (sql: string) => this.sql.push(sql);
    for (const name of ["run", "get", "all", "iterate"]) {
      const original = proto[name]!;
      proto[name] = function (this: { source: string }, ...args: unknown[]) {
        record(this.source);
        return original.apply(this, args);
      };
      this.restore.push(() => (proto[name] = original));
    }
  }

  uninstall(): void {
    for (const undo of this.restore.splice(0)) undo();
  }

  /** The statements since the last take, without the job worker's own registration (its stop and
   * start between the steps write the Instance table; a running bot does that once). */
  take(): string[] {
    const out = this.sql.filter((sql) => !/[`"]Instance[`"]/.test(sql));
    this.sql = [];
    return out;
  }

  /** Waits until no statement ran for `quietMs`. */
  async quiet(quietMs = 150): Promise<void> {
    let last = this.sql.length;
    for (;;) {
      await sleep(quietMs);
      if (this.sql.length === last) return;
      last = this.sql.length;
    }
  }
}

function kindOf(sql: string): string {
  return (/^\s*(\w+)/.exec(sql)?.[1] ?? "?").toUpperCase();
}

function summarise(samples: string[][]): StepCount {
  const sorted = [...samples].sort((a, b) => a.length - b.length);
  const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? [];
  const byKind: Record<string, number> = {};
  for (const sql of median) byKind[kindOf(sql)] = (byKind[kindOf(sql)] ?? 0) + 1;
  return { statements: median.length, byKind, distinct: new Set(median).size };
}

export async function countStatements(opts: { samples?: number } = {}): Promise<StatementReport> {
  const samples = opts.samples ?? 5;
  const world = await IngestWorld.start(samples * 2, 2);
  world.autoTap = false;
  const temp = scratchDatabase("jedikim-statements-");
  const counter = new StatementCounter();
  let app: App | undefined;
  try {
    await seedDatabase(temp.url, world.members);
    app = await createApp({
      config: benchConfig(world.tg, temp.url),
      logger: createLogger({ level: "silent" }),
      botInfo: world.tg.bot,
      pollTimeoutSeconds: 1,
      // The worker looks for jobs only when woken: no polling statements between the steps.
      jobPollMs: 3_600_000,
    });
    await app.start();
    counter.install();
    await counter.quiet();
    counter.take();

    const run = async (member: number, kind: "text" | "photo"): Promise<Record<Step, string[]>> => {
      const out = {} as Record<Step, string[]>;
      const sub: Submission = world.offer(member, kind);
      if (!(await waitUntil(() => sub.press !== undefined, 15_000))) throw new Error(`no preview for ${kind}`);
      await counter.quiet();
      out.message = counter.take();
      await app!.worker.stop();
      await counter.quiet();
      counter.take();
      sub.press!();
      if (!(await waitUntil(() => sub.doneAt !== undefined, 15_000))) throw new Error(`no "Terkirim" for ${kind}`);
      await counter.quiet();
      out.tap = counter.take();
      app!.worker.start();
      if (!(await waitUntil(() => sub.cardAt !== undefined, 15_000))) throw new Error(`no review card for ${kind}`);
      await counter.quiet();
      out.card = counter.take();
      return out;
    };

    const collect = async (kind: "text" | "photo", offset: number) => {
      const runs: Array<Record<Step, string[]>> = [];
      for (let i = 0; i < samples; i++) runs.push(await run(world.members[offset + i]!, kind));
      return runs;
    };
    const texts = await collect("text", 0);
    const photos = await collect("photo", samples);
    const per = (runs: Array<Record<Step, string[]>>) => ({
      message: summarise(runs.map((r) => r.message)),
      tap: summarise(runs.map((r) => r.tap)),
      card: summarise(runs.map((r) => r.card)),
    });
    // The first submission of a member is not typical (caches warm up): the last one is shown.
    return { text: per(texts), photo: per(photos), sample: texts.at(-1)! };
  } finally {
    counter.uninstall();
    if (app) await app.stop().catch(() => {});
    await world.stop();
    temp.cleanup();
  }
}
