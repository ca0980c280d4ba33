// Admin group: /pengingat cek|kirim (weekly reminders; "kirim" after a confirmation), /jeda and
// /lanjut (pause a KIM's reminders), /laporan [periode] (activity indicators with charts and the
// CSV table).
import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.js";
import { chunkLines, formatDate, formatDateTime } from "../format.js";
import { adminGroupOnly, isCurrentAdmin } from "../admin-guard.js";
import { sendReport } from "../report-sender.js";
import type { ReminderScheduler } from "../reminders.js";
import { oneKim } from "../kim-lookup.js";
import { planReminders } from "../../domain/reminders/plan.js";
import { formatSchedule, nextFireTimes } from "../../domain/reminders/schedule.js";
import { DEFAULT_PERIOD, PERIOD_EXAMPLES, PeriodError, parsePeriod } from "../../domain/activity/periods.js";
import { startOfLocalDay, addDays } from "../../domain/activity/zoned.js";
import { pauseKim, resumeKim } from "../../domain/registry.js";

/** A pause without an end date lasts until /lanjut. */
const INDEFINITE = new Date("9999-12-31T00:00:00Z");

/** The buttons under the /pengingat kirim confirmation. */
export const REMINDER_SEND = "pg:y";
export const REMINDER_CANCEL = "pg:n";

const membersOf = (kims: Array<{ members: unknown[] }>) => kims.reduce((n, k) => n + k.members.length, 0);

export function activityFeature(reminders: ReminderScheduler): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const admin = adminGroupOnly(feature);

  /** /pengingat kirim: says who would get a reminder and asks once. */
  async function askToSend(ctx: BotContext): Promise<void> {
    const { db, config } = ctx.deps;
    if ((await db.kim.count()) === 0) {
      await ctx.reply(ctx.t("reminder-no-kims"));
      return;
    }
    const plan = await reminders.manualPlan();
    if (plan.kims.length === 0) {
      const skipped = ctx.t("reminder-preview-skipped", {
        paused: plan.skipped.paused.length,
        new: plan.skipped.isNew.length,
        already: plan.skipped.alreadySent.length,
        nomembers: plan.skipped.noMembers.length,
      });
      await ctx.reply(`${ctx.t("reminder-send-nothing")}\n${skipped}`);
      return;
    }
    const counts = { members: membersOf(plan.kims), kims: plan.kims.length };
    const fresh = plan.kims.filter((k) => k.isNew).length;
    // Plain text: sent without parse mode.
    await ctx.reply(
      ctx.t.text("reminder-confirm", {
        ...counts,
        since: formatDate(plan.cutoff, config.timeZone, config.defaultLocale),
        newnote: fresh > 0 ? ctx.t.text("reminder-confirm-new", { count: fresh }) : "",
      }),
      {
        reply_markup: new InlineKeyboard()
          .text(ctx.t("reminder-confirm-button", counts), REMINDER_SEND)
          .row()
          .text(ctx.t("reminder-confirm-cancel"), REMINDER_CANCEL),
      },
    );
  }

  // The confirmation's buttons: only from the admin group, by someone still in it; the first tap
  // on a confirmation claims it (a unique key), so a second tap or a replay sends nothing.
  feature.callbackQuery([REMINDER_SEND, REMINDER_CANCEL], async (ctx) => {
    const message = ctx.callbackQuery.message;
    if (!message || !(await isCurrentAdmin(ctx))) {
      await ctx.answerCallbackQuery({ text: ctx.t("review-not-admin"), show_alert: true });
      return;
    }
    const claim = `reminder-confirm:${message.chat.id}:${message.message_id}`;
    const claimed = await ctx.deps.db.keyValue
      .create({ data: { key: claim, value: JSON.stringify({ by: ctx.from.id, action: ctx.callbackQuery.data }) } })
      .then(
        () => true,
        (err: unknown) => {
          if ((err as { code?: string }).code === "P2002") return false;
          throw err;
        },
      );
    if (!claimed) {
      await ctx.answerCallbackQuery({ text: ctx.t("reminder-confirm-already") });
      return;
    }
    await ctx.answerCallbackQuery();
    const done = async (text: string) => {
      await ctx.editMessageText(text, { reply_markup: new InlineKeyboard() }).catch(() => undefined);
    };
    if (ctx.callbackQuery.data === REMINDER_CANCEL) return done(ctx.t("reminder-confirm-cancelled"));
    // Planned again now: the reply says what was actually sent.
    let sent;
    try {
      sent = await reminders.sendNow(`${message.chat.id}:${message.message_id}`);
    } catch (err) {
      // Not sent: the same button may be tapped again.
      await ctx.deps.db.keyValue.deleteMany({ where: { key: claim } });
      throw err;
    }
    const reminded = sent.plan.kims.filter((k) => sent.result.sent.includes(k.kimId));
    await done(ctx.t("reminder-sent-now", { kims: reminded.length, members: membersOf(reminded) }));
  });

  admin.command("pengingat", async (ctx) => {
    const sub = ctx.match.trim().toLowerCase();
    if (sub === "kirim" || sub === "send") {
      await askToSend(ctx);
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
        schedule: formatSchedule(config.reminders.cron, ctx.t.text, locale),
        next: next ? formatDateTime(next, config.timeZone, locale) : "-",
      }),
    ];
    if (plan.kims.length === 0) lines.push(ctx.t("reminder-preview-none"));
    for (const k of plan.kims) {
      lines.push(
        ctx.t("reminder-preview-line", {
          kim: k.kimName,
          kecamatan: k.kecamatanName,
          members: k.members.length,
          last: k.lastSubmissionAt ? formatDate(k.lastSubmissionAt, config.timeZone, locale) : ctx.t.html("reminder-never"),
        }),
      );
    }
    lines.push(
      ctx.t("reminder-preview-skipped", {
        paused: plan.skipped.paused.length,
        new: plan.skipped.isNew.length,
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
    await pauseKim(ctx.deps.db, kim.id, until);
    const suffix = untilText ? ctx.t.html("pause-until", { date: untilText }) : "";
    await ctx.reply(ctx.t("pause-done", { kim: kim.name, until: suffix }), { parse_mode: "HTML" });
  });

  admin.command("lanjut", async (ctx) => {
    const kim = await oneKim(ctx, ctx.match.trim(), "resume-usage");
    if (!kim) return;
    await resumeKim(ctx.deps.db, kim.id);
    await ctx.reply(ctx.t("resume-done", { kim: kim.name }), { parse_mode: "HTML" });
  });

  admin.command("laporan", async (ctx) => {
    const { config, clock } = ctx.deps;
    let period;
    try {
      period = parsePeriod(ctx.match.trim() || DEFAULT_PERIOD, clock.now(), config.timeZone);
    } catch (err) {
      if (!(err instanceof PeriodError)) throw err;
      await ctx.reply(ctx.t.text("report-bad-period", { examples: PERIOD_EXAMPLES.join(", ") }));
      return;
    }
    await ctx.replyWithChatAction("upload_photo");
    await sendReport({ api: ctx.api, db: ctx.deps.db, config, clock, translate: ctx.deps.translate }, ctx.chat.id, period);
  });

  return feature;
}
