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
import { enqueue, sendMessageJob } from "../queue/jobs.js";
import { PRIORITY } from "../queue/priority.js";
import { recordRun, runDueReminders, planReminders, type PlannedKim, type ReminderPlan, type RecordRunResult } from "../domain/reminders/plan.js";
import { inactiveKims } from "../domain/activity/inactive.js";
import { ensureActivitySummary } from "../domain/activity/summary.js";
import { escapeHtml } from "./html.js";
import { formatDate } from "./format.js";
import type { Translate } from "./i18n.js";
import { START_GUIDED } from "./features/guided-submission.js";

export const DIGEST_JOB = "report.digest";

export interface ReminderDeps {
  db: Db;
  config: Config;
  clock: Clock;
  logger: Logger;
  translate: Translate;
  wakeJobs(): void;
}

/** The member's reminder: the KIM, when it last sent something, and a button into /kirim. */
export function reminderMessage(deps: Pick<ReminderDeps, "translate" | "config">, kim: PlannedKim, member: PlannedKim["members"][number]) {
  const locale = member.languageCode === "en" ? "en" : "id";
  const t = (k: string, v?: Record<string, string | number>) => deps.translate(locale, k, v);
  const vars = {
    name: escapeHtml(member.displayName),
    kim: escapeHtml(kim.kimName),
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
        sendMessageJob(
          { chatId: String(member.telegramId), text: m.text, replyMarkup: m.replyMarkup as never, memberId: member.memberId },
          { dedupeKey: `reminder:${weekKey}:${member.memberId}`, priority: PRIORITY.broadcast },
        ),
      );
    }
  };
}

export class ReminderScheduler {
  private task: ScheduledTask | undefined;
  private running: Promise<unknown> = Promise.resolve();

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

  /** One scheduler check; checks never overlap, and the database makes a week run once. */
  tick(): Promise<RecordRunResult | undefined> {
    const next = this.running.then(() => this.check());
    this.running = next.catch(() => undefined);
    return next;
  }

  private async check(): Promise<RecordRunResult | undefined> {
    const { db, config, clock, logger } = this.deps;
    try {
      const due = await runDueReminders(db, {
        now: clock.now(),
        timeZone: config.timeZone,
        inactiveDays: config.reminders.inactiveDays,
        schedule: { cron: config.reminders.cron, timeZone: config.timeZone },
        enqueue: enqueueReminders(this.deps),
      });
      if (!due.result || !due.plan || due.result.alreadyFinished) return due.result;
      await this.afterRun(due.plan, due.result, `weekly:${due.result.weekKey}`);
      logger.info({ week: due.result.weekKey, sent: due.result.sent.length, catchUp: due.decision.catchUp }, "weekly reminders queued");
      return due.result;
    } catch (err) {
      logger.error({ err }, "weekly reminder run failed");
      return undefined;
    }
  }

  /** /pengingat kirim: reminds the KIMs inactive now that were not reminded this week yet. */
  async sendNow(): Promise<{ plan: ReminderPlan; result: RecordRunResult }> {
    const { db, config, clock } = this.deps;
    const now = clock.now();
    const plan = await planReminders(db, { now, timeZone: config.timeZone, inactiveDays: config.reminders.inactiveDays });
    const result = await recordRun(db, { plan, now, enqueue: enqueueReminders(this.deps), manual: true });
    await this.afterRun(plan, result, `manual:${now.getTime()}`);
    return { plan, result };
  }

  /** The admins' summary of the run, then the weekly digest with the same figures. */
  private async afterRun(plan: ReminderPlan, result: RecordRunResult, key: string): Promise<void> {
    const { db, config } = this.deps;
    if (config.adminChatId === undefined) return;
    const text = await this.summaryText(plan, result);
    await db.$transaction(async (tx) => {
      await enqueue(tx, {
        ...sendMessageJob({ chatId: String(config.adminChatId), text, disablePreview: true }),
        dedupeKey: `reminder-summary:${key}`,
        priority: PRIORITY.report,
      });
      if (key.startsWith("weekly:")) await enqueue(tx, { kind: DIGEST_JOB, payload: { period: "4-minggu" }, dedupeKey: `digest:${key}` });
    });
    this.deps.wakeJobs();
  }

  private async summaryText(plan: ReminderPlan, result: RecordRunResult): Promise<string> {
    const { db, config, translate, clock } = this.deps;
    const t = (k: string, v?: Record<string, string | number>) => translate(config.defaultLocale, k, v);
    const kecamatan = await db.kecamatan.findMany({ orderBy: { name: "asc" }, include: { _count: { select: { kims: true } } } });
    const inactive = await inactiveKims(db, { now: clock.now(), inactiveDays: config.reminders.inactiveDays, timeZone: config.timeZone });
    const inactiveBy = new Map<number, number>();
    for (const k of inactive) inactiveBy.set(k.kecamatanId, (inactiveBy.get(k.kecamatanId) ?? 0) + 1);
    const reminded = plan.kims.filter((k) => result.sent.includes(k.kimId));
    const remindedMembers = reminded.reduce((n, k) => n + k.members.length, 0);
    const blocked = await db.member.count({
      where: { status: "active", blockedAt: { not: null }, kimId: { in: inactive.map((k) => k.kimId) } },
    });
    const noMembers = await db.kim.findMany({ where: { id: { in: plan.skipped.noMembers } }, select: { name: true } });
    const lines = [t("reminder-summary-title", { week: result.weekKey, catchup: result.summary?.catchUp ? ` ${t("reminder-summary-catchup")}` : "" })];
    for (const kec of kecamatan.filter((k) => k._count.kims > 0)) {
      const inactiveCount = inactiveBy.get(kec.id) ?? 0;
      lines.push(t("reminder-summary-kecamatan", { kecamatan: escapeHtml(kec.name), active: kec._count.kims - inactiveCount, inactive: inactiveCount }));
    }
    if (reminded.length === 0) lines.push("", t("reminder-summary-none"));
    else {
      lines.push("", t("reminder-summary-reminded", { kims: reminded.length, members: remindedMembers }));
      lines.push(t("reminder-summary-reminded-list", { list: reminded.slice(0, 40).map((k) => escapeHtml(k.kimName)).join(", ") }));
    }
    const list = noMembers.length > 0 ? `: ${noMembers.slice(0, 20).map((k) => escapeHtml(k.name)).join(", ")}` : "";
    lines.push(t("reminder-summary-unreachable", { blocked, nomembers: noMembers.length, list }));
    if (plan.skipped.paused.length > 0) lines.push(t("reminder-summary-paused", { count: plan.skipped.paused.length }));
    return lines.join("\n").slice(0, 4000);
  }
}
