// /kirim: a guided submission (what, where, when, photos, confirm) for members who prefer to be
// led. Built with @grammyjs/conversations, stored in the database, so it survives a restart.
// /batal leaves it at any step.
import { Composer, InlineKeyboard, type Middleware } from "grammy";
import { createConversation, type Conversation } from "@grammyjs/conversations";
import type { BotContext, ConversationContext } from "../context.js";
import { formatDate } from "../format.js";
import { updateLocale } from "../i18n.js";
import { renderDraftPrompt } from "../draft-prompt.js";
import { clearPendingInput, takeRevisionTarget } from "../pending-input.js";
import { replyNotMember } from "../not-member.js";
import { mediaOf } from "./submission.js";
import { isActiveMember, memberByTelegramId } from "../../domain/members.js";
import { MAX_ALBUM_ITEMS, createDraft, type MediaInput } from "../../domain/submissions.js";

export const GUIDED_SUBMISSION = "kirim";
const DONE = "g:done";
const SKIP = "g:skip";
const TODAY = "g:today";
/** Callback data of the "Kirim berita" button in reminders. */
export const START_GUIDED = "g:start";

type Inner = ConversationContext;
type Convo = Conversation<BotContext, Inner>;

async function askText(conversation: Convo, ctx: Inner, extra?: InlineKeyboard): Promise<{ text: string; today: boolean }> {
  for (;;) {
    const next = await conversation.wait();
    if (next.callbackQuery?.data === TODAY && extra) {
      await next.answerCallbackQuery();
      return { text: "", today: true };
    }
    const text = next.message?.text;
    if (text && !text.startsWith("/")) return { text: text.trim(), today: false };
    if (text?.startsWith("/")) {
      // Other commands are left to the rest of the bot; the question stays open.
      await conversation.skip({ next: true });
    }
    await ctx.reply(ctx.t("guided-need-text"));
  }
}

async function guidedSubmission(conversation: Convo, ctx: Inner): Promise<void> {
  const member = await conversation.external(async (outer) => {
    const m = await memberByTelegramId(outer.deps.db, outer.from!.id);
    return m && isActiveMember(m) ? { id: m.id, kimId: m.kimId! } : null;
  });
  if (!member) {
    await ctx.reply(ctx.t("not-registered"));
    return;
  }
  await ctx.reply(ctx.t("guided-what"), { parse_mode: "HTML" });
  const what = (await askText(conversation, ctx)).text;
  await ctx.reply(ctx.t("guided-where"), { parse_mode: "HTML" });
  const where = (await askText(conversation, ctx)).text;
  const todayKeyboard = new InlineKeyboard().text(ctx.t("guided-when-today"), TODAY);
  await ctx.reply(ctx.t("guided-when"), { parse_mode: "HTML", reply_markup: todayKeyboard });
  const whenAnswer = await askText(conversation, ctx, todayKeyboard);
  const nowMs = await conversation.now();
  const when = whenAnswer.today
    ? formatDate(new Date(nowMs), ctx.deps.config.timeZone, updateLocale(ctx, ctx.deps.config.defaultLocale))
    : whenAnswer.text;

  const photos = await collectPhotos(conversation, ctx);
  const text = [what, "", ctx.t("guided-summary-where", { where }), ctx.t("guided-summary-when", { when })].join("\n");
  const draft = await conversation.external(async (outer) => {
    const d = await createDraft(
      outer.deps.db,
      {
        memberId: member.id,
        kimId: member.kimId,
        text,
        media: photos,
        sourceUpdateId: outer.update.update_id,
        revisionOfId: await takeRevisionTarget(outer.deps.db, outer.from!.id, outer.deps.clock.now()),
      },
      outer.deps.clock.now(),
    );
    return { id: d.id, kind: d.kind, text: d.text, media: d.media.map((m) => ({ kind: m.kind, width: m.width, height: m.height })) };
  });
  // The confirm and cancel buttons are the same as for any draft: the submission feature handles them.
  const prompt = renderDraftPrompt({ ...draft, mediaCount: draft.media.length }, ctx.t, ctx.deps.config.submissions.minPhotoLongSide);
  const sent = await ctx.reply(prompt.text, { parse_mode: "HTML", reply_markup: prompt.keyboard });
  await conversation.external((outer) => outer.deps.db.submission.update({ where: { id: draft.id }, data: { promptMessageId: sent.message_id } }).then(() => undefined));
}

async function collectPhotos(conversation: Convo, ctx: Inner): Promise<MediaInput[]> {
  const photos: MediaInput[] = [];
  const keyboard = new InlineKeyboard().text(ctx.t("guided-done"), DONE).text(ctx.t("guided-skip"), SKIP);
  await ctx.reply(ctx.t("guided-photos"), { parse_mode: "HTML", reply_markup: keyboard });
  for (;;) {
    const next = await conversation.wait();
    const data = next.callbackQuery?.data;
    if (data === DONE || data === SKIP) {
      await next.answerCallbackQuery();
      return data === SKIP ? [] : photos;
    }
    const media = next.message ? mediaOf(next.message) : undefined;
    if (media && media.kind === "photo") {
      if (photos.length >= MAX_ALBUM_ITEMS) {
        await ctx.reply(ctx.t("guided-too-many", { max: MAX_ALBUM_ITEMS }), { reply_markup: keyboard });
        continue;
      }
      photos.push(media);
      await ctx.reply(ctx.t("guided-photo-received", { count: photos.length }), { reply_markup: keyboard });
      continue;
    }
    if (next.message?.text?.startsWith("/")) await conversation.skip({ next: true });
    await ctx.reply(ctx.t("guided-need-photo"), { reply_markup: keyboard });
  }
}

/**
 * The /kirim feature. `plugins` gives the conversation's own context the bot's dependencies and
 * translations (a conversation's context does not inherit the outside middleware).
 */
export function guidedSubmissionFeature(plugins: Middleware<Inner>[]): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const pm = feature.chatType("private");
  pm.command(["batal", "cancel"], async (ctx) => {
    const active = Object.keys(ctx.conversation.active());
    await clearPendingInput(ctx.deps.db, ctx.from.id);
    if (active.length === 0) {
      await ctx.reply(ctx.t("nothing-to-cancel"));
      return;
    }
    await ctx.conversation.exitAll();
    await ctx.reply(ctx.t("cancelled"));
  });
  pm.use(createConversation<BotContext, Inner>(guidedSubmission, { id: GUIDED_SUBMISSION, plugins }));
  /** Only active members are led through /kirim; anyone else hears where they stand. */
  const enter = async (ctx: BotContext) => {
    const member = await memberByTelegramId(ctx.deps.db, ctx.from!.id);
    if (!isActiveMember(member)) return replyNotMember(ctx, member);
    await ctx.conversation.exitAll();
    await ctx.conversation.enter(GUIDED_SUBMISSION);
  };
  pm.command("kirim", enter);
  pm.callbackQuery(START_GUIDED, async (ctx) => {
    await ctx.answerCallbackQuery();
    await enter(ctx);
  });
  return feature;
}
