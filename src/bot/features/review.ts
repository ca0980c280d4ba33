// Admin review in the group: the card's buttons, typed reasons and notes, /antrian, /riwayat and
// /terbitkan_ulang.
import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.js";
import { callbackData as cd, callbackPattern as cp, idFrom } from "../callback-data.js";
import { escapeHtml } from "../html.js";
import { echo, parseReference } from "../arguments.js";
import { formatDateTime } from "../format.js";
import { adminGroupOnly, isCurrentAdmin } from "../admin-guard.js";
import { editCard, flagConfirmKeyboard, hoaxConfirmKeyboard, loadForCard, rejectKeyboard, type CardSubmission } from "../review-card.js";
import {
  askConfirmation,
  confirmationAsked,
  decide,
  isFlagged,
  requeueMissingCards,
  reviewQueue,
  withdrawConfirmation,
  PUBLISH_JOB,
  type ConfirmStep,
  type Decision,
} from "../../domain/review.js";
import { actorOf, historyOf, recordAudit } from "../../domain/audit.js";
import { enqueue } from "../../queue/jobs.js";
import type { AppDeps } from "../context.js";
import type { CardDeps } from "../review-card.js";

type T = (key: string, vars?: Record<string, string | number>) => string;

const ADMIN_INPUT = (messageId: number) => `admin-input:${messageId}`;
interface AdminInput {
  kind: "reject" | "revision";
  submissionId: number;
  adminId: number;
}

export function reviewFeature(cardDeps: (ctx: BotContext) => CardDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  /**
   * Every review button passes here first: wrong chat, forged data or a former member are refused.
   * Approvals publish, so they ask Telegram about the membership afresh.
   */
  feature.callbackQuery(cp.anyReview, async (ctx, next) => {
    const data = ctx.callbackQuery.data;
    const valid = cp.review.test(data) || cp.rejectPreset.test(data);
    const publishes = /^v:[aA]:/.test(data);
    const member = valid ? await isCurrentAdmin(ctx, { fresh: publishes }) : false;
    if (valid && member) return next();
    ctx.log.warn({ data, chat: ctx.chat?.id, user: ctx.from.id, valid, member }, "review: refused a callback");
    await ctx.answerCallbackQuery({ text: ctx.t(valid ? "review-not-admin" : "review-stale"), show_alert: true });
  });

  feature.callbackQuery(cp.review, async (ctx) => {
    const action = ctx.match[1];
    const id = idFrom(ctx.match, 2);
    const deps = cardDeps(ctx);
    const sub = await cardFromTap(ctx, id);
    if (!sub) {
      await ctx.answerCallbackQuery({ text: ctx.t("review-stale"), show_alert: true });
      return;
    }
    if (sub.status !== "pending") return alreadyDecided(ctx, sub);
    const t: T = (k, v) => ctx.t(k, v);
    const now = ctx.deps.clock.now();
    switch (action) {
      case "a":
        if (isFlagged(sub.riskLevel)) return askToConfirm(ctx, sub, "approve");
        return decideAndAnswer(ctx, id, { kind: "approve" });
      case "A":
        // The warning must have been shown on this card: the button alone proves nothing.
        if (isFlagged(sub.riskLevel) && !confirmationAsked(sub, "approve", now)) return askToConfirm(ctx, sub, "approve");
        return decideAndAnswer(ctx, id, { kind: "approve" });
      case "r":
        await ctx.answerCallbackQuery();
        await editCard(deps, sub, rejectKeyboard(t, id));
        return;
      case "h":
        return askToConfirm(ctx, sub, "hoax");
      case "H":
        if (!confirmationAsked(sub, "hoax", now)) return askToConfirm(ctx, sub, "hoax");
        return decideAndAnswer(ctx, id, { kind: "hoax" });
      case "t":
        return askAdminInput(ctx, "reject", id);
      case "e":
        return askAdminInput(ctx, "revision", id);
      default:
        await ctx.answerCallbackQuery();
        await withdrawConfirmation(ctx.deps.db, id);
        await editCard(deps, sub);
    }
  });

  async function askToConfirm(ctx: BotContext, sub: CardSubmission, step: ConfirmStep) {
    const t: T = (k, v) => ctx.t(k, v);
    await ctx.answerCallbackQuery({ text: ctx.t(step === "approve" ? "review-flag-warning" : "review-hoax-warning"), show_alert: true });
    if (!(await askConfirmation(ctx.deps.db, sub.id, step, ctx.deps.clock.now()))) return;
    await editCard(cardDeps(ctx), sub, step === "approve" ? flagConfirmKeyboard(t, sub.id) : hoaxConfirmKeyboard(t, sub.id));
  }

  feature.callbackQuery(cp.rejectPreset, async (ctx) => {
    const id = idFrom(ctx.match, 2);
    const sub = await cardFromTap(ctx, id);
    if (!sub) {
      await ctx.answerCallbackQuery({ text: ctx.t("review-stale"), show_alert: true });
      return;
    }
    const reason = ctx.t(`reject-preset-${ctx.match[1]}`);
    await decideAndAnswer(ctx, id, { kind: "reject", reason });
  });

  /**
   * The submission behind a tapped card, when the tap came from that submission's own card: a
   * button copied onto another card (another submission's payload) decides nothing. A tap can
   * arrive before the job that posted the card has recorded the card's message id; the tapped
   * message is then recorded, when it is that submission's card by its title.
   */
  async function cardFromTap(ctx: BotContext, id: number) {
    const sub = await loadForCard(ctx.deps.db, id);
    const tapped = ctx.callbackQuery?.message;
    if (!sub || !tapped) return undefined;
    if (sub.reviewMessageId !== null) {
      const same = sub.reviewMessageId === tapped.message_id && sub.reviewChatId === BigInt(tapped.chat.id);
      if (!same) ctx.log.warn({ submission: id, tapped: tapped.message_id, card: sub.reviewMessageId }, "review: a button of another card");
      return same ? sub : undefined;
    }
    const title = "text" in tapped ? tapped.text : "caption" in tapped ? tapped.caption : undefined;
    if (!title || !new RegExp(`#${id}\\b`).test(title)) return undefined;
    await ctx.deps.db.submission.updateMany({
      where: { id, reviewMessageId: null },
      data: { reviewChatId: BigInt(tapped.chat.id), reviewMessageId: tapped.message_id, reviewCardIsCaption: "caption" in tapped && !!tapped.caption },
    });
    const bound = await loadForCard(ctx.deps.db, id);
    return bound && bound.reviewMessageId === tapped.message_id ? bound : undefined;
  }

  async function alreadyDecided(ctx: BotContext, sub: { decidedByName: string | null; status: string }) {
    await ctx.answerCallbackQuery({
      text: ctx.t("review-already", { admin: sub.decidedByName ?? "-", state: ctx.t(`state-${sub.status}`) }),
      show_alert: true,
    });
  }

  async function decideAndAnswer(ctx: BotContext, submissionId: number, decision: Decision) {
    const result = await decide(ctx.deps.db, {
      submissionId,
      decision,
      actor: actorOf(ctx.from!),
      now: ctx.deps.clock.now(),
      memberMessage: (locale) => memberMessage(ctx.deps, locale, submissionId, decision),
    });
    if (!result.ok && result.reason === "already-decided") return alreadyDecided(ctx, { decidedByName: result.by, status: result.status });
    if (result.ok) await teachScreening(ctx, submissionId, decision);
    ctx.deps.wakeJobs();
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t(result.ok ? "review-done" : "review-stale") });
  }

  async function askAdminInput(ctx: BotContext, kind: AdminInput["kind"], submissionId: number) {
    await ctx.answerCallbackQuery();
    const key = kind === "reject" ? "ask-reject-reason" : "ask-revision-note";
    const prompt = await ctx.reply(ctx.t(key, { id: submissionId }), {
      reply_markup: { force_reply: true, selective: true },
      reply_parameters: ctx.callbackQuery?.message ? { message_id: ctx.callbackQuery.message.message_id, allow_sending_without_reply: true } : undefined,
    });
    const value = JSON.stringify({ kind, submissionId, adminId: ctx.from!.id } satisfies AdminInput);
    await ctx.deps.db.keyValue.create({ data: { key: ADMIN_INPUT(prompt.message_id), value } });
  }

  // A reply to "type the reason / the note" in the admin group.
  const adminMessages = adminGroupOnly(feature);
  adminMessages.on("message:text", async (ctx, next) => {
    const replyTo = ctx.msg.reply_to_message?.message_id;
    if (!replyTo || ctx.msg.text.startsWith("/")) return next();
    const row = await ctx.deps.db.keyValue.findUnique({ where: { key: ADMIN_INPUT(replyTo) } });
    if (!row) return next();
    const input = JSON.parse(row.value) as AdminInput;
    const text = ctx.msg.text.trim().slice(0, 1000);
    const decision: Decision = input.kind === "reject" ? { kind: "reject", reason: text } : { kind: "revision", note: text };
    await decideAndAnswer(ctx, input.submissionId, decision);
    await ctx.deps.db.keyValue.deleteMany({ where: { key: row.key } });
  });

  adminMessages.command("antrian", async (ctx) => {
    const { db, clock } = ctx.deps;
    const requeued = await requeueMissingCards(db, clock.now());
    if (requeued > 0) ctx.deps.wakeJobs();
    const { items, total } = await reviewQueue(db, 30);
    if (total === 0) {
      await ctx.reply(ctx.t("queue-empty"));
      return;
    }
    const lines = [ctx.t("queue-title", { total })];
    for (const s of items) lines.push(queueLine((k, v) => ctx.t(k, v), s, clock.now()));
    if (total > items.length) lines.push(ctx.t("queue-more", { count: total - items.length }));
    // What still waits to be sent into this group: cards first, then everything else.
    const waiting = ctx.deps.throttle.waiting(ctx.chat.id);
    if (waiting > 0) lines.push("", ctx.t("queue-sending", { count: waiting }));
    if (requeued > 0) lines.push("", ctx.t("queue-requeued", { count: requeued }));
    await ctx.reply(lines.join("\n"), { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
  });

  adminMessages.command("riwayat", async (ctx) => {
    const arg = ctx.match.trim();
    const id = parseReference(arg);
    if (id === undefined) {
      await ctx.reply(arg ? ctx.t("reference-unknown", { ref: echo(arg) }) : ctx.t("history-usage"), { parse_mode: "HTML" });
      return;
    }
    const events = await historyOf(ctx.deps.db, id);
    if (events.length === 0) {
      await ctx.reply(ctx.t("history-none", { id }));
      return;
    }
    const lines = [ctx.t("history-title", { id })];
    for (const e of events) {
      lines.push(
        ctx.t("history-line", {
          time: formatDateTime(e.createdAt, ctx.deps.config.timeZone, ctx.deps.config.defaultLocale),
          actor: escapeHtml(e.actorName),
          action: escapeHtml(e.action),
          change: e.fromState || e.toState ? ` (${e.fromState ?? "-"} → ${e.toState ?? "-"})` : "",
        }),
      );
    }
    await ctx.reply(lines.join("\n"), { parse_mode: "HTML" });
  });

  adminMessages.command("terbitkan_ulang", async (ctx) => {
    const arg = ctx.match.trim();
    const id = parseReference(arg);
    if (id === undefined) {
      await ctx.reply(arg ? ctx.t("reference-unknown", { ref: echo(arg) }) : ctx.t("republish-usage"), { parse_mode: "HTML" });
      return;
    }
    const { db, clock } = ctx.deps;
    const now = clock.now();
    const ok = await db.$transaction(async (tx) => {
      const { count } = await tx.submission.updateMany({ where: { id, status: "publish_failed" }, data: { status: "approved", version: { increment: 1 } } });
      if (count === 0) return false;
      await recordAudit(tx, { submissionId: id, actor: actorOf(ctx.from!), action: "submission.republish", from: "publish_failed", to: "approved", at: now });
      await enqueue(tx, { kind: PUBLISH_JOB, payload: { submissionId: id }, dedupeKey: `publish:${id}:retry:${now.getTime()}` });
      return true;
    });
    if (ok) ctx.deps.wakeJobs();
    await ctx.reply(ctx.t(ok ? "republish-done" : "republish-not-failed", { id }));
  });

  return feature;
}

type QueueItem = { id: number; confirmedAt: Date | null; reviewMessageId: number | null; reviewChatId: bigint | null; kim: { name: string } };

export function queueLine(t: T, s: QueueItem, now: Date): string {
  const hours = Math.floor((now.getTime() - (s.confirmedAt?.getTime() ?? now.getTime())) / 3_600_000);
  const age = hours < 24 ? t("age-hours", { n: hours }) : t("age-days", { n: Math.floor(hours / 24) });
  const link = s.reviewMessageId && s.reviewChatId ? `https://t.me/c/${String(s.reviewChatId).replace(/^-100/, "")}/${s.reviewMessageId}` : "-";
  return t("queue-line", { id: s.id, age, kim: escapeHtml(s.kim.name), link });
}

/** Every hoax mark grows the known claims and photos; every decision teaches the classifier. */
async function teachScreening(ctx: BotContext, submissionId: number, decision: Decision): Promise<void> {
  const { screening, db } = ctx.deps;
  if (decision.kind === "hoax") await screening.onHoax(submissionId);
  if (decision.kind === "approve") {
    const sub = await db.submission.findUnique({ where: { id: submissionId }, select: { text: true } });
    if (sub) screening.onApproved(sub.text);
  }
}

function memberMessage(deps: AppDeps, locale: "id" | "en", id: number, decision: Decision) {
  const t: T = (k, v) => deps.translate(locale, k, v);
  switch (decision.kind) {
    case "approve":
      return undefined; // the member hears about it when the post is live, with its link
    case "reject":
      return { text: t("member-rejected", { id, reason: escapeHtml(decision.reason) }) };
    case "hoax":
      return { text: t("member-hoax", { id }) };
    case "revision":
      return {
        text: t("member-revision", { id, note: escapeHtml(decision.note) }),
        replyMarkup: new InlineKeyboard().text(t("member-revision-button"), cd.reviseStart(id)),
      };
  }
}
