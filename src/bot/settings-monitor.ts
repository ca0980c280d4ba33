// Runs the start-up checks and acts on them: each result is one log line; the admin group hears
// the report when it changed (or once a day); work that waited for the settings resumes as soon as
// they pass — at start, after /periksa, when the bot is added or promoted in the admin group or the
// channel, and every hour while anything waits.
import { createHash } from "node:crypto";
import { GrammyError, type Api } from "grammy";
import type { Config } from "../config.js";
import type { Db } from "../db/client.js";
import type { Logger } from "../logger.js";
import { enqueue } from "../queue/jobs.js";
import { jobs } from "../queue/kinds.js";
import { PRIORITY } from "../queue/priority.js";
import { checksPass, reportLines, runChecks, type CheckReport } from "./checks.js";
import { inLocale, type Translate } from "./i18n.js";

const REPORT_KEY = "settings:last-report";
const DAY_MS = 24 * 60 * 60 * 1000;
/** While Telegram cannot be reached at start, how often the log says so. */
const UNREACHABLE_WARN_MS = 30_000;

export interface SettingsMonitorDeps {
  api: Api;
  db: Db;
  config: Config;
  translate: Translate;
  logger: Logger;
  now: () => Date;
  /** Makes jobs that waited for the settings due again; returns how many. */
  resumeWaiting: () => Promise<number>;
  wakeJobs: () => void;
}

/** The token was refused: nothing will work until the operator fixes it. */
export class StartupError extends Error {
  override name = "StartupError";
}

export class SettingsMonitor {
  private stopped = false;

  constructor(private readonly deps: SettingsMonitorDeps) {}

  stop(): void {
    this.stopped = true;
  }

  /**
   * Waits until Telegram answers getMe, saying every 30 s why it does not; a refused token ends
   * the start with a StartupError whose message says what to do.
   */
  async waitForTelegram(init: () => Promise<void>): Promise<void> {
    const { logger, config, translate } = this.deps;
    let lastWarn = -Infinity;
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        await init();
        if (attempt > 0) logger.info("Telegram reachable again");
        return;
      } catch (err) {
        if (err instanceof GrammyError && err.error_code === 401) throw new StartupError(translate.text(config.defaultLocale, "check-token-rejected"));
        if (Date.now() - lastWarn >= UNREACHABLE_WARN_MS) {
          lastWarn = Date.now();
          const reason = err instanceof Error ? err.message : String(err);
          logger.warn({ check: "telegram", reason }, translate.text(config.defaultLocale, "check-unreachable", { reason, root: config.apiRoot }));
        }
        await new Promise((r) => setTimeout(r, Math.min(5_000, 500 * 2 ** attempt)));
      }
    }
  }

  /** Runs the checks, logs each result, resumes waiting work when they pass. */
  async check(opts: { announce?: boolean } = {}): Promise<{ report: CheckReport; resumed: number }> {
    const { api, config, translate, logger } = this.deps;
    const report = await runChecks(api, config, translate);
    if (report.unreachable) logger.warn({ check: "telegram" }, report.unreachable);
    for (const r of report.results) {
      const line = { check: r.id, ok: r.level === "ok" };
      if (r.level === "error") logger.error(line, r.text);
      else if (r.level === "warn") logger.warn(line, r.text);
      else logger.info(line, r.text);
    }
    const resumed = checksPass(report) ? await this.deps.resumeWaiting() : 0;
    if (opts.announce) await this.announce(report);
    return { report, resumed };
  }

  /** Every hour: if work waits for the settings, see whether they work now. */
  async checkIfWaiting(): Promise<void> {
    if ((await this.deps.db.job.count({ where: { status: "waiting" } })) === 0) return;
    await this.check();
  }

  /** The report as one message for the admin group. */
  text(report: CheckReport, resumed = 0): string {
    // Plain text: it goes out without parse mode.
    const t = inLocale(this.deps.translate, this.deps.config.defaultLocale).text;
    const lines = [t("check-report-title"), ...reportLines(report)];
    if (resumed > 0) lines.push("", t("check-resumed", { count: resumed }));
    if (!checksPass(report)) lines.push("", t("check-still-failing"));
    return lines.join("\n");
  }

  /** Posts the report in the admin group when it differs from the last one posted, or a day passed. */
  private async announce(report: CheckReport): Promise<void> {
    const { db, config } = this.deps;
    const adminOk = report.results.some((r) => r.id === "admin-chat" && r.level !== "error");
    if (!adminOk || config.adminChatId === undefined) return;
    const text = this.text(report);
    const digest = createHash("sha256").update(text).digest("hex");
    const now = this.deps.now();
    const last = await db.keyValue.findUnique({ where: { key: REPORT_KEY } });
    const previous = last ? (JSON.parse(last.value) as { digest: string; at: number }) : undefined;
    if (previous && previous.digest === digest && now.getTime() - previous.at < DAY_MS) return;
    const value = JSON.stringify({ digest, at: now.getTime() });
    await db.$transaction(async (tx) => {
      await tx.keyValue.upsert({ where: { key: REPORT_KEY }, create: { key: REPORT_KEY, value }, update: { value } });
      await enqueue(tx, jobs.sendMessage, { chatId: String(config.adminChatId), text, html: false, disablePreview: true }, { priority: PRIORITY.decision });
    });
    this.deps.wakeJobs();
  }
}
