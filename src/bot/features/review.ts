// Admin review in the group: the card's buttons, typed reasons and notes, /antrian, /riwayat and
// /terbitkan_ulang.
import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { callbackPattern as cp, idFrom } from "../callback-data.js";
import type { LocaleTranslate } from "../i18n.js";
import { echo, parseReference } from "../arguments.js";
import { chunkLines } from "../format.js";
import { historyLines } from "../history.js";
import { adminGroupOnly, isCurrentAdmin } from "../admin-guard.js";
import { editCard, flagConfirmKeyboard, hoaxConfirmKeyboard, loadForCard, rejectKeyboard, type CardSubmission } from "../review-card.js";
import {
  askConfirmation,
  confirmationAsked,
  decide,
  isFlagged,
  requeueMissingCards,
  republish,
  reviewQueue,
  withdrawConfirmation,
  type ConfirmStep,
  type Decision,
} from "../../domain/review.js";
import { actorOf } from "../../domain/audit.js";
import { numberOf, submissionByNumber } from "../../domain/submissions.js";
import type { CardDeps } from "../review-card.js";

type T = LocaleTranslate;

const ADMIN_INPUT = (messageId: number) => `admin-input:${messageId}`;
/** The prompt an admin was last asked to reply to, by admin. */
const ADMIN_WAITING = (adminId: number) => `admin-waiting:${adminId}`;
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
    const t: T = ctx.t;
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
        return askAdminInput(ctx, sub, "reject");
      case "e":
        return askAdminInput(ctx, sub, "revision");
      default:
        await ctx.answerCallbackQuery();
        await withdrawConfirmation(ctx.deps.db, id);
        await editCard(deps, sub);
    }
  });

  async function askToConfirm(ctx: BotContext, sub: CardSubmission, step: ConfirmStep) {
    const t: T = ctx.t;
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
    const preset = Number(ctx.match[1]);
    await decideAndAnswer(ctx, id, { kind: "reject", reason: ctx.t(`reject-preset-${preset}`), preset });
  });

  /**
   * The submission behind a tapped card, when the tap came from one of that submission's own cards:
   * a button copied onto another card (another submission's payload) decides nothing. The tapped
   * message is that submission's card when its own buttons are that submission's. It becomes the
   * recorded card when none is recorded yet (a tap before the job that posted the card recorded
   * it) or when the recorded one is another copy: a crash the instant Telegram accepted the card
   * makes the job post it again, and the admin may tap either copy.
   */
  async function cardFromTap(ctx: BotContext, id: number) {
    const sub = await loadForCard(ctx.deps.db, id);
    const tapped = ctx.callbackQuery?.message;
    if (!sub || !tapped) return undefined;
    const sameChat = sub.reviewChatId === null || sub.reviewChatId === BigInt(tapped.chat.id);
    if (sub.reviewMessageId === tapped.message_id && sameChat) return sub;
    const buttons = "reply_markup" in tapped ? (tapped.reply_markup?.inline_keyboard ?? []).flat() : [];
    const ownButtons = buttons.some((b) => "callback_data" in b && typeof b.callback_data === "string" && idFromReviewData(b.callback_data) === id);
    if (!ownButtons || !sameChat) {
      if (sub.reviewMessageId !== null) ctx.log.warn({ submission: id, tapped: tapped.message_id, card: sub.reviewMessageId }, "review: a button of another card");
      return undefined;
    }
    if (sub.reviewMessageId !== null) ctx.log.info({ submission: id, tapped: tapped.message_id, card: sub.reviewMessageId }, "review: another copy of the card, now the card");
    const isCaption = !("text" in tapped && tapped.text) && "caption" in tapped && !!tapped.caption;
    await ctx.deps.db.submission.updateMany({
      where: { id, reviewMessageId: sub.reviewMessageId },
      data: { reviewChatId: BigInt(tapped.chat.id), reviewMessageId: tapped.message_id, reviewCardIsCaption: isCaption },
    });
    const bound = await loadForCard(ctx.deps.db, id);
    return bound && bound.reviewMessageId === tapped.message_id ? bound : undefined;
  }

  // Reached from a tap and from a typed reason or note (a message, which has no query to answer).
  async function alreadyDecided(ctx: BotContext, sub: { decidedByName: string | null; status: string }) {
    // Plain text: an alert, or a reply without parse mode.
    const text = ctx.t.text("review-already", { admin: sub.decidedByName ?? "-", state: ctx.t.text(`state-${sub.status}`) });
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
    else await ctx.reply(text, { reply_parameters: { message_id: ctx.msg!.message_id, allow_sending_without_reply: true } });
  }

  async function decideAndAnswer(ctx: BotContext, submissionId: number, decision: Decision) {
    const result = await decide(ctx.deps.db, {
      submissionId,
      decision,
      actor: actorOf(ctx.from!),
      now: ctx.deps.clock.now(),
    });
    if (!result.ok && result.reason === "already-decided") return alreadyDecided(ctx, { decidedByName: result.by, status: result.status });
    if (result.ok) await teachScreening(ctx, submissionId, decision);
    ctx.deps.wakeJobs();
    // The tap answers with what happened, not an empty toast.
    const answer = ctx.t(result.ok ? `review-done-${decision.kind}` : "review-stale");
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: answer });
    else await ctx.reply(answer, { reply_parameters: { message_id: ctx.msg!.message_id, allow_sending_without_reply: true } });
  }

  async function askAdminInput(ctx: BotContext, sub: CardSubmission, kind: AdminInput["kind"]) {
    await ctx.answerCallbackQuery();
    const key = kind === "reject" ? "ask-reject-reason" : "ask-revision-note";
    const prompt = await ctx.reply(ctx.t(key, { id: numberOf(sub) }), {
      reply_markup: { force_reply: true, selective: true },
      reply_parameters: ctx.callbackQuery?.message ? { message_id: ctx.callbackQuery.message.message_id, allow_sending_without_reply: true } : undefined,
    });
    const value = JSON.stringify({ kind, submissionId: sub.id, adminId: ctx.from!.id } satisfies AdminInput);
    const waiting = JSON.stringify({ promptId: prompt.message_id, number: numberOf(sub) });
    await ctx.deps.db.$transaction([
      ctx.deps.db.keyValue.upsert({ where: { key: ADMIN_INPUT(prompt.message_id) }, create: { key: ADMIN_INPUT(prompt.message_id), value }, update: { value } }),
      // So that a reason typed without replying to the prompt gets a hint, not silence.
      ctx.deps.db.keyValue.upsert({ where: { key: ADMIN_WAITING(ctx.from!.id) }, create: { key: ADMIN_WAITING(ctx.from!.id), value: waiting }, update: { value: waiting } }),
    ]);
  }

  // A reply to "type the reason / the note" in the admin group.
  const adminMessages = adminGroupOnly(feature);
  adminMessages.on("message:text", async (ctx, next) => {
    if (ctx.msg.text.startsWith("/")) return next();
    const { db } = ctx.deps;
    const replyTo = ctx.msg.reply_to_message?.message_id;
    const row = replyTo ? await db.keyValue.findUnique({ where: { key: ADMIN_INPUT(replyTo) } }) : null;
    if (!row) return hintIfWaiting(ctx, next);
    const input = JSON.parse(row.value) as AdminInput;
    const text = ctx.msg.text.trim().slice(0, 1000);
    const decision: Decision = input.kind === "reject" ? { kind: "reject", reason: text } : { kind: "revision", note: text };
    await decideAndAnswer(ctx, input.submissionId, decision);
    await db.keyValue.deleteMany({ where: { key: { in: [row.key, ADMIN_WAITING(ctx.from.id)] } } });
  });

  /** An admin asked for a reason typed a message that is not a reply to the prompt. */
  async function hintIfWaiting(ctx: BotContext, next: () => Promise<void>) {
    const row = ctx.from ? await ctx.deps.db.keyValue.findUnique({ where: { key: ADMIN_WAITING(ctx.from.id) } }) : null;
    if (!row) return next();
    const { promptId, number } = JSON.parse(row.value) as { promptId: number; number: number };
    await ctx.reply(ctx.t("reason-needs-reply", { id: number }), { reply_parameters: { message_id: promptId, allow_sending_without_reply: true } });
  }

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
    for (const s of items) lines.push(queueLine(ctx.t, s, clock.now()));
    if (total > items.length) lines.push(ctx.t("queue-more", { count: total - items.length }));
    // What still waits to be sent into this group: cards first, then everything else.
    const waiting = ctx.deps.throttle.waiting(ctx.chat.id);
    if (waiting > 0) lines.push("", ctx.t("queue-sending", { count: waiting }));
    if (requeued > 0) lines.push("", ctx.t("queue-requeued", { count: requeued }));
    await ctx.reply(lines.join("\n"), { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
  });

  adminMessages.command("riwayat", async (ctx) => {
    const arg = ctx.match.trim();
    const number = parseReference(arg);
    if (number === undefined) {
      await ctx.reply(arg ? ctx.t("reference-unknown", { ref: echo(arg) }) : ctx.t("history-usage"), { parse_mode: "HTML" });
      return;
    }
    const lines = await historyLines(ctx.deps.db, ctx.deps.config, number, ctx.t);
    if (!lines) {
      await ctx.reply(ctx.t("history-none", { id: number }));
      return;
    }
    for (const chunk of chunkLines(lines)) await ctx.reply(chunk, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
  });

  adminMessages.command("terbitkan_ulang", async (ctx) => {
    const arg = ctx.match.trim();
    const number = parseReference(arg);
    const found = number === undefined ? null : await submissionByNumber(ctx.deps.db, number);
    if (!found) {
      await ctx.reply(arg ? ctx.t("reference-unknown", { ref: echo(arg) }) : ctx.t("republish-usage"), { parse_mode: "HTML" });
      return;
    }
    const id = found.id;
    const { db, clock } = ctx.deps;
    const now = clock.now();
    const ok = await republish(db, { submissionId: id, actor: actorOf(ctx.from!), now });
    if (ok) ctx.deps.wakeJobs();
    await ctx.reply(ctx.t(ok ? "republish-done" : "republish-not-failed", { id: number! }));
  });

  return feature;
}

type QueueItem = { id: number; number: number | null; confirmedAt: Date | null; reviewMessageId: number | null; reviewChatId: bigint | null; kim: { name: string } };

export function queueLine(t: T, s: QueueItem, now: Date): string {
  const hours = Math.floor((now.getTime() - (s.confirmedAt?.getTime() ?? now.getTime())) / 3_600_000);
  const age = hours < 24 ? t.html("age-hours", { n: hours }) : t.html("age-days", { n: Math.floor(hours / 24) });
  const link = s.reviewMessageId && s.reviewChatId ? `https://t.me/c/${String(s.reviewChatId).replace(/^-100/, "")}/${s.reviewMessageId}` : "-";
  return t("queue-line", { id: numberOf(s), age, kim: s.kim.name, link });
}

/** Every hoax mark grows the known claims and photos; every decision teaches the classifier. */
async function teachScreening(ctx: BotContext, submissionId: number, decision: Decision): Promise<void> {
  const { screening, db } = ctx.deps;
  if (decision.kind === "hoax") await screening.onHoax(submissionId);
  if (decision.kind === "approve") {
    const sub = await db.submission.findUnique({ where: { id: submissionId }, select: { text: true } });
    if (sub) screening.onApproved(submissionId, sub.text);
  }
}

/** The submission id of a review button's data (v:a:12, vr:0:12), if it is one. */
function idFromReviewData(data: string): number | undefined {
  const m = cp.review.exec(data) ?? cp.rejectPreset.exec(data);
  return m ? Number(m[2]) : undefined;
}
