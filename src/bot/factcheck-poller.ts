// Reads the fact-check feeds (FACTCHECK_FEEDS) on a schedule (FACTCHECK_POLL_CRON, node-cron in
// BOT_TIMEZONE) and once shortly after start. New claims join the running screener at once;
// their re-check of what is already out was queued with them (src/domain/factcheck/poll.ts).
import cron, { type ScheduledTask } from "node-cron";
import type { Db } from "../db/client.js";
import type { Config } from "../config.js";
import type { Clock } from "../clock.js";
import type { Logger } from "../logger.js";
import { pollFeeds, type FeedPollResult } from "../domain/factcheck/poll.js";
import type { ScreeningService } from "./screening.js";

import type { ChatTurns } from "../db/chat-turns.js";

export interface FactcheckPollerDeps {
  db: Db;
  config: Config;
  clock: Clock;
  logger: Logger;
  screening: ScreeningService;
  wakeJobs(): void;
  /** Other instances on the database: one of them polls at a time. */
  turns?: ChatTurns;
}

export class FactcheckPoller {
  private task: ScheduledTask | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: FactcheckPollerDeps) {}

  get enabled(): boolean {
    return this.deps.config.factcheck.feeds.length > 0;
  }

  /** Starts the schedule and polls once in the background (start-up never waits for the network). */
  start(): void {
    if (!this.enabled) return;
    const { config } = this.deps;
    this.task = cron.schedule(config.factcheck.pollCron, () => void this.poll(), { timezone: config.timeZone, name: "factcheck-feeds" });
    void this.poll();
  }

  stop(): void {
    void this.task?.stop();
  }

  /** Waits for a poll under way (so stopping the app does not close the database under it). */
  async idle(): Promise<void> {
    await this.running;
  }

  /** One poll of every feed; polls never overlap. */
  poll(): Promise<FeedPollResult[]> {
    const next = this.running.then(() => this.pollInTurn());
    this.running = next.catch(() => undefined);
    return next;
  }

  /** With other instances, a poll that another one is running now is theirs (feeds are read once). */
  private async pollInTurn(): Promise<FeedPollResult[]> {
    const turns = this.deps.turns;
    if (!turns) return this.pollOnce();
    let results: FeedPollResult[] = [];
    await turns.tryTake("schedule:factcheck-feeds", async () => (results = await this.pollOnce())).catch((err: unknown) => {
      this.deps.logger.warn({ err: String(err) }, "fact-check poll: the shared turn failed");
    });
    return results;
  }

  private async pollOnce(): Promise<FeedPollResult[]> {
    const { db, config, clock, logger, screening } = this.deps;
    if (!this.enabled) return [];
    try {
      const results = await pollFeeds(db, {
        urls: config.factcheck.feeds,
        limits: { timeoutMs: config.factcheck.timeoutMs, maxBytes: config.factcheck.maxBytes },
        now: () => clock.now(),
        onFailure: (url, error) => logger.warn({ url, error }, "fact-check feed skipped"),
      });
      let created = 0;
      for (const r of results) {
        for (const c of r.created) screening.onClaimAdded(c.id, c.text);
        created += r.created.length;
      }
      if (created > 0) this.deps.wakeJobs();
      logger.info(
        { feeds: results.map((r) => ({ url: r.url, outcome: r.outcome, items: r.items, created: r.created.length, duplicates: r.duplicates })) },
        "fact-check feeds polled",
      );
      return results;
    } catch (err) {
      logger.error({ err }, "fact-check poll failed");
      return [];
    }
  }
}
