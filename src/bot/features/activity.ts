// Admin group: /pengingat cek|kirim (weekly reminders), /jeda and /lanjut (pause a KIM's
// reminders), /laporan [periode] (activity indicators with charts and the CSV table).
import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../html.js";
import { chunkLines, formatDate, formatDateTime } from "../format.js";
import { adminGroupOnly } from "../admin-guard.js";
import { sendReport } from "../report-sender.js";
import type { ReminderScheduler } from "../reminders.js";
import { oneKim } from "../kim-lookup.js";
import { planReminders } from "../../domain/reminders/plan.js";
import { formatSchedule, nextFireTimes } from "../../domain/reminders/schedule.js";
import { DEFAULT_PERIOD, PERIOD_EXAMPLES, PeriodError, parsePeriod } from "../../domain/activity/periods.js";
import { startOfLocalDay, addDays } from "../../domain/activity/zoned.js";

/** A pause without an end date lasts until /lanjut. */
const INDEFINITE = new Date("9999-12-31T00:00:00Z");

export function activityFeature(reminders: () => ReminderScheduler): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const admin = adminGroupOnly(feature);

  admin.command("pengingat", async (ctx) => {
    const sub = ctx.match.trim().toLowerCase();
    if (sub === "kirim" || sub === "send") {
      const { plan, result } = await reminders().sendNow();
      const sent = plan.kims.filter((k) => result.sent.includes(k.kimId));
      await ctx.reply(ctx.t("reminder-sent-now", { kims: sent.length, members: sent.reduce((n, k) => n + k.members.length, 0) }));
      return;
    }
    if (sub !== "cek" && sub !== "check") {
      await ctx.reply(ctx.t("reminder-usage"));
      return;
    }
    const { db, config, clock } = ctx.deps;
    const now = clock.now();
    const plan = await planReminders(db, { now, timeZone: config.timeZone, inactiveDays: config.reminders.inactiveDays });
    const next = nextFireTimes(config.reminders.cron, config.timeZone, now, 1)[0];
    const locale = config.defaultLocale;
    const lines = [
      ctx.t("reminder-preview-title", {
        schedule: escapeHtml(formatSchedule(config.reminders.cron, (k, v) => ctx.t(k, v), locale)),
        next: next ? formatDateTime(next, config.timeZone, locale) : "-",
      }),
    ];
    if (plan.kims.length === 0) lines.push(ctx.t("reminder-preview-none"));
    for (const k of plan.kims) {
      lines.push(
        ctx.t("reminder-preview-line", {
          kim: escapeHtml(k.kimName),
          kecamatan: escapeHtml(k.kecamatanName),
          members: k.members.length,
          last: k.lastSubmissionAt ? formatDate(k.lastSubmissionAt, config.timeZone, locale) : ctx.t("reminder-never"),
        }),
      );
    }
    lines.push(
      ctx.t("reminder-preview-skipped", {
        paused: plan.skipped.paused.length,
        already: plan.skipped.alreadySent.length,
        nomembers: plan.skipped.noMembers.length,
      }),
    );
    for (const chunk of chunkLines(lines)) await ctx.reply(chunk, { parse_mode: "HTML" });
  });

  admin.command("jeda", async (ctx) => {
    const [name = "", untilText] = ctx.match.split("|").map((p) => p.trim());
    const kim = await oneKim(ctx, name, "pause-usage");
    if (!kim) return;
    let until = INDEFINITE;
    if (untilText) {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(untilText);
      if (!m) {
        await ctx.reply(ctx.t("pause-bad-date"));
        return;
      }
      // Paused through the given day, in the bot's time zone.
      until = startOfLocalDay(addDays({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, 1), ctx.deps.config.timeZone);
    }
    await ctx.deps.db.kim.update({ where: { id: kim.id }, data: { pausedUntil: until } });
    const suffix = untilText ? ctx.t("pause-until", { date: untilText }) : "";
    await ctx.reply(ctx.t("pause-done", { kim: escapeHtml(kim.name), until: suffix }), { parse_mode: "HTML" });
  });

  admin.command("lanjut", async (ctx) => {
    const kim = await oneKim(ctx, ctx.match.trim(), "resume-usage");
    if (!kim) return;
    await ctx.deps.db.kim.update({ where: { id: kim.id }, data: { pausedUntil: null } });
    await ctx.reply(ctx.t("resume-done", { kim: escapeHtml(kim.name) }), { parse_mode: "HTML" });
  });

  admin.command("laporan", async (ctx) => {
    const { config, clock } = ctx.deps;
    let period;
    try {
      period = parsePeriod(ctx.match.trim() || DEFAULT_PERIOD, clock.now(), config.timeZone);
    } catch (err) {
      if (!(err instanceof PeriodError)) throw err;
      await ctx.reply(ctx.t("report-bad-period", { examples: PERIOD_EXAMPLES.join(", ") }));
      return;
    }
    await ctx.replyWithChatAction("upload_photo");
    await sendReport({ api: ctx.api, db: ctx.deps.db, config, clock, translate: ctx.deps.translate }, ctx.chat.id, period);
  });

  return feature;
}
