// The weekly reminder run in the bot: node-cron fires in BOT_TIMEZONE, the domain decides whether
// the week is due (also catching up a run missed while the bot was down) and records it once; this
// module turns the plan into messages (durable jobs, paced by the throttle), the admins' summary
// and the weekly digest.
import cron, { type ScheduledTask } from "node-cron";
import { InlineKeyboard } from "grammy";
import type { Db } from "../db/client.js";
import type { Config } from "../config.js";
import type { Clock } from "../clock.js";
import type { Logger } from "../logger.js";
import type { Prisma } from "../db/types.js";
import { enqueue } from "../queue/jobs.js";
import { jobs } from "../queue/kinds.js";
import { PRIORITY } from "../queue/priority.js";
import {
  planReminders,
  recordRun,
  reminderOverview,
  runDueReminders,
  type PlannedKim,
  type RecordRunResult,
  type ReminderPlan,
} from "../domain/reminders/plan.js";
import { ensureActivitySummary } from "../domain/activity/summary.js";
import { html, joinHtml } from "../html.js";
import { formatDate } from "./format.js";
import { inLocale, localeFor, type Translate } from "./i18n.js";
import { START_GUIDED } from "./features/guided-submission.js";
import { storedKeyboard } from "./notices.js";
import type { ChatTurns } from "../db/chat-turns.js";


export interface ReminderDeps {
  db: Db;
  config: Config;
  clock: Clock;
  logger: Logger;
  translate: Translate;
  wakeJobs(): void;
  /** Other instances on the database: one of them runs a check at a time (the database makes it once). */
  turns?: ChatTurns;
}

/** The member's reminder: the KIM, when it last sent something, and a button into /kirim. */
export function reminderMessage(deps: Pick<ReminderDeps, "translate" | "config">, kim: PlannedKim, member: PlannedKim["members"][number]) {
  const locale = localeFor(member.languageCode);
  const t = inLocale(deps.translate, locale);
  const vars = {
    name: member.displayName,
    kim: kim.kimName,
    last: kim.lastSubmissionAt ? formatDate(kim.lastSubmissionAt, deps.config.timeZone, locale) : "",
  };
  return {
    text: t(kim.lastSubmissionAt ? "reminder-text" : "reminder-text-never", vars),
    replyMarkup: new InlineKeyboard().text(t("reminder-button"), START_GUIDED),
  };
}

/** Queues one reminder per member, in the transaction that records the KIM's reminder for the week. */
function enqueueReminders(deps: ReminderDeps) {
  return async (tx: Prisma.TransactionClient, kim: PlannedKim, weekKey: string) => {
    for (const member of kim.members) {
      const m = reminderMessage(deps, kim, member);
      await enqueue(
        tx,
        jobs.sendMessage,
        { chatId: String(member.telegramId), text: m.text, replyMarkup: storedKeyboard(m.replyMarkup), memberId: member.memberId },
        { dedupeKey: `reminder:${weekKey}:${member.memberId}`, priority: PRIORITY.broadcast },
      );
    }
  };
}

export class ReminderScheduler {
  private task: ScheduledTask | undefined;
  private running: Promise<unknown> = Promise.resolve();
  /** "Belum ada KIM" is logged once, not at every check. */
  private saidEmpty = false;

  constructor(private readonly deps: ReminderDeps) {}

  /** Starts the cron and runs one check at once: a week missed while the bot was down is caught up. */
  async start(): Promise<void> {
    const { config, db, logger } = this.deps;
    const rebuilt = await ensureActivitySummary(db, config.timeZone);
    if (rebuilt) logger.info(rebuilt, "activity summary rebuilt for BOT_TIMEZONE");
    this.task = cron.schedule(config.reminders.cron, () => void this.tick(), { timezone: config.timeZone, name: "weekly-reminders" });
    await this.tick();
  }

  stop(): void {
    void this.task?.stop();
  }

  /**
   * One scheduler check; checks never overlap, not even across instances, and the database makes
   * a week run once (an instance whose check comes second finds the week done).
   */
  tick(): Promise<RecordRunResult | undefined> {
    const next = this.running.then(() => this.checkInTurn());
    this.running = next.catch(() => undefined);
    return next;
  }

  private async checkInTurn(): Promise<RecordRunResult | undefined> {
    const turns = this.deps.turns;
    if (!turns) return this.check();
    let result: RecordRunResult | undefined;
    const ran = await turns.tryTake("schedule:weekly-reminders", async () => (result = await this.check())).catch((err: unknown) => {
      this.deps.logger.error({ err }, "weekly reminder check: the shared turn failed");
      return false;
    });
    if (!ran) this.deps.logger.debug("weekly reminder check under way on another instance");
    return result;
  }

  private async check(): Promise<RecordRunResult | undefined> {
    const { db, config, clock, logger } = this.deps;
    try {
      // A fresh install: no week is run (and none claimed) until the registry has KIMs.
      if ((await db.kim.count()) === 0) {
        if (!this.saidEmpty) logger.info("Belum ada KIM: pengingat mingguan menunggu daftar KIM (/impor)");
        this.saidEmpty = true;
        return undefined;
      }
      const due = await runDueReminders(db, {
        now: clock.now(),
        timeZone: config.timeZone,
        inactiveDays: config.reminders.inactiveDays,
        schedule: { cron: config.reminders.cron, timeZone: config.timeZone },
        enqueue: enqueueReminders(this.deps),
      });
      if (!due.result || !due.plan || due.result.alreadyFinished) return due.result;
      await this.afterRun(due.plan, due.result, `weekly:${due.result.weekKey}`, false);
      logger.info({ week: due.result.weekKey, sent: due.result.sent.length, catchUp: due.decision.catchUp }, "weekly reminders queued");
      return due.result;
    } catch (err) {
      logger.error({ err }, "weekly reminder run failed");
      return undefined;
    }
  }

  /**
   * What /pengingat kirim would do now: the KIMs inactive now that were not reminded this week,
   * new ones included (an admin asked; the weekly run gives new KIMs a week of grace).
   */
  manualPlan(): Promise<ReminderPlan> {
    const { db, config, clock } = this.deps;
    return planReminders(db, { now: clock.now(), timeZone: config.timeZone, inactiveDays: config.reminders.inactiveDays, includeNew: true });
  }

  /** /pengingat kirim, confirmed: sends the manual plan; `key` names the request (one summary per key). */
  async sendNow(key: string): Promise<{ plan: ReminderPlan; result: RecordRunResult }> {
    const plan = await this.manualPlan();
    const result = await recordRun(this.deps.db, { plan, now: plan.now, enqueue: enqueueReminders(this.deps), manual: true });
    await this.afterRun(plan, result, `manual:${key}`, true);
    return { plan, result };
  }

  /** The admins' summary of the run, then the weekly digest with the same figures. */
  private async afterRun(plan: ReminderPlan, result: RecordRunResult, key: string, manual: boolean): Promise<void> {
    const { db, config } = this.deps;
    if (config.adminChatId === undefined) return;
    const text = await this.summaryText(plan, result, manual);
    await db.$transaction(async (tx) => {
      await enqueue(
        tx,
        jobs.sendMessage,
        { chatId: String(config.adminChatId), text, disablePreview: true },
        { dedupeKey: `reminder-summary:${key}`, priority: PRIORITY.report },
      );
      if (!manual) await enqueue(tx, jobs.digest, { period: "4-minggu" }, { dedupeKey: `digest:${key}` });
    });
    this.deps.wakeJobs();
  }

  /** The admins' summary: every KIM counted once (active, inactive, new, paused), and who got what. */
  private async summaryText(plan: ReminderPlan, result: RecordRunResult, manual: boolean): Promise<string> {
    const { db, config, translate } = this.deps;
    const t = inLocale(translate, config.defaultLocale);
    const overview = await reminderOverview(db, {
      now: plan.now,
      timeZone: config.timeZone,
      inactiveDays: config.reminders.inactiveDays,
      includeNew: manual,
    });
    const names = (list: Array<{ kimName: string }>, max: number) =>
      html`${joinHtml(list.slice(0, max).map((k) => k.kimName), ", ")}${list.length > max ? html` ${t.html("reminder-summary-more", { count: list.length - max })}` : ""}`;
    const lines = [t("reminder-summary-title", { week: result.weekKey, catchup: result.summary?.catchUp ? html` ${t.html("reminder-summary-catchup")}` : "" })];
    for (const kec of overview.kecamatan) {
      const parts = [t.html("reminder-part-active", { count: kec.counts.active })];
      for (const state of ["inactive", "new", "paused"] as const) {
        if (kec.counts[state] > 0) parts.push(t.html(`reminder-part-${state}`, { count: kec.counts[state] }));
      }
      lines.push(t("reminder-summary-kecamatan", { kecamatan: kec.name, parts: joinHtml(parts, " · ") }));
    }
    const reminded = plan.kims.filter((k) => result.sent.includes(k.kimId));
    const kims = Object.values(overview.totals).reduce((a, b) => a + b, 0);
    lines.push("");
    if (overview.totals.active === kims) lines.push(t("reminder-summary-all-active", { count: kims }));
    else if (reminded.length === 0) lines.push(t("reminder-summary-none"));
    else {
      lines.push(t("reminder-summary-reminded", { kims: reminded.length, members: reminded.reduce((n, k) => n + k.members.length, 0) }));
      lines.push(t("reminder-summary-reminded-list", { list: names(reminded, 40) }));
    }
    if (overview.newKims.length > 0) {
      const key = manual ? "reminder-summary-new" : "reminder-summary-new-grace";
      lines.push(t(key, { count: overview.newKims.length, list: names(overview.newKims, 20) }));
    }
    if (overview.noMembers.length > 0) lines.push(t("reminder-summary-no-members", { count: overview.noMembers.length, list: names(overview.noMembers, 20) }));
    if (overview.blockedMembers > 0) lines.push(t("reminder-summary-blocked", { count: overview.blockedMembers }));
    const already = plan.skipped.alreadySent.length + result.alreadySent.length;
    if (already > 0) lines.push(t("reminder-summary-already", { count: already }));
    if (overview.totals.paused > 0) lines.push(t("reminder-summary-paused", { count: overview.totals.paused }));
    return lines.join("\n").slice(0, 4000);
  }
}
