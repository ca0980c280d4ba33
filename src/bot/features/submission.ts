// Members send what they have (text, photo, album, video, document); the bot stores it as a
// draft, shows what it understood and asks to confirm. Also /status and withdrawal.
import { Composer, InlineKeyboard, type Filter } from "grammy";
import type { Message, PhotoSize } from "grammy/types";
import type { BotContext } from "../context.js";
import { callbackData as cd, callbackPattern as cp, idFrom } from "../callback-data.js";
import { html } from "../../html.js";
import { excerpt, formatDateTime } from "../format.js";
import { updateLocale, type Locale } from "../i18n.js";
import { isActiveMember, memberByTelegramId, type MemberWithKim } from "../../domain/members.js";
import {
  MAX_ALBUM_ITEMS,
  MAX_FILE_BYTES,
  addAlbumItem,
  cancelDraft,
  confirmDraft,
  createDraft,
  draftFromUpdate,
  draftsStartedSince,
  draftWithMedia,
  numberOf,
  recentSubmissions,
  withdrawSubmission,
  type MediaInput,
} from "../../domain/submissions.js";
import { actorOf } from "../../domain/audit.js";
import { enqueue } from "../../queue/jobs.js";
import { jobs } from "../../queue/kinds.js";
import { renderDraftPrompt } from "../draft-prompt.js";
import { tellTooFast } from "../flood-guard.js";
import { replyNotMember } from "../not-member.js";
import { setPendingInput, takeRevisionTarget } from "../pending-input.js";

export const submissionFeature = new Composer<BotContext>();
const pm = submissionFeature.chatType("private");

type MessageCtx = Filter<BotContext, "message">;

/** Message kinds the bot cannot publish, with the word used to explain it. */
const UNSUPPORTED: Array<[keyof Message, string]> = [
  ["sticker", "unsupported-sticker"],
  ["voice", "unsupported-voice"],
  ["video_note", "unsupported-video-note"],
  ["audio", "unsupported-audio"],
  ["location", "unsupported-location"],
  ["venue", "unsupported-location"],
  ["contact", "unsupported-contact"],
  ["poll", "unsupported-poll"],
  ["dice", "unsupported-dice"],
  ["animation", "unsupported-animation"],
];

// Content from a private chat: check who sends it and what it is before storing anything.
pm.on("message", async (ctx, next) => {
  const msg = ctx.msg;
  if (msg.text?.startsWith("/")) return next();
  const unsupported = UNSUPPORTED.find(([field]) => msg[field] !== undefined);
  const isContent = msg.text !== undefined || msg.photo || msg.video || msg.document;
  if (!unsupported && !isContent) return next();

  const member = await memberByTelegramId(ctx.deps.db, ctx.from.id);
  if (!member || !isActiveMember(member) || !member.kim) {
    await replyNotMember(ctx, member);
    return;
  }
  if (unsupported) {
    await ctx.reply(ctx.t.text("unsupported", { what: ctx.t.text(unsupported[1]) }));
    return;
  }
  if (msg.forward_origin?.type === "channel" && !ctx.deps.config.submissions.allowChannelForwards) {
    await ctx.reply(ctx.t("forward-not-allowed"));
    return;
  }
  await receiveContent(ctx, member);
});

async function receiveContent(ctx: MessageCtx, member: MemberWithKim): Promise<void> {
  const msg = ctx.msg;
  const media = mediaOf(msg);
  if (media && (media.fileSize ?? 0) > MAX_FILE_BYTES) {
    await ctx.reply(
      ctx.t("too-big", { size: ((media.fileSize ?? 0) / 1024 / 1024).toFixed(1), max: MAX_FILE_BYTES / 1024 / 1024 }),
    );
    return;
  }
  const text = msg.text ?? msg.caption ?? "";
  const entities = msg.entities ?? msg.caption_entities;
  const { db, clock, config } = ctx.deps;
  if (await overDraftLimit(ctx, member.id, msg.media_group_id)) return;
  if (msg.media_group_id && media) {
    // The album's first photo starts the draft: a correction the member was asked for is this album.
    const started = (await db.submission.count({ where: { memberId: member.id, mediaGroupId: msg.media_group_id, status: "draft" } })) > 0;
    const revisionOfId = started ? undefined : await takeRevisionTarget(db, ctx.from.id, clock.now());
    const result = await addAlbumItem(
      db,
      {
        memberId: member.id,
        kimId: member.kimId!,
        mediaGroupId: msg.media_group_id,
        caption: text,
        entities,
        media,
        sourceUpdateId: ctx.update.update_id,
        revisionOfId,
      },
      clock.now(),
    );
    if (result.outcome === "full") {
      await ctx.reply(ctx.t("album-too-many", { max: MAX_ALBUM_ITEMS, position: MAX_ALBUM_ITEMS + 1 }));
      return;
    }
    // The prompt waits until the album's last photo has arrived: each new photo pushes it back.
    const runAt = new Date(clock.now().getTime() + config.submissions.albumWaitMs);
    const job = await enqueue(
      db,
      jobs.draftPrompt,
      { submissionId: result.submissionId, chatId: String(ctx.chat.id), locale: localeOf(ctx) },
      { dedupeKey: `album-prompt:${result.submissionId}`, runAt },
    );
    if (!job.created) await db.job.updateMany({ where: { id: job.id, status: "pending" }, data: { runAt } });
    return;
  }
  const draft = await createDraft(
    db,
    {
      memberId: member.id,
      kimId: member.kimId!,
      text,
      entities,
      media: media ? [media] : [],
      revisionOfId: await takeRevisionTarget(db, ctx.from.id, clock.now()),
      sourceUpdateId: ctx.update.update_id,
    },
    clock.now(),
  );
  // This update ran before and its preview went out: nothing to do twice.
  if (draft.promptMessageId !== null) return;
  const prompt = renderDraftPrompt(
    { ...draft, mediaCount: draft.media.length },
    ctx.t,
    config.submissions.minPhotoLongSide,
  );
  const sent = await ctx.reply(prompt.text, { parse_mode: "HTML", reply_markup: prompt.keyboard });
  await db.submission.update({ where: { id: draft.id }, data: { promptMessageId: sent.message_id } });
}

/**
 * A new draft past the member's drafts-per-minute limit is not made; the member is told to slow
 * down (once a minute). An album's further photos and a re-run of this same update are no new drafts.
 */
async function overDraftLimit(ctx: MessageCtx, memberId: number, mediaGroupId: string | undefined): Promise<boolean> {
  const { db, clock, config } = ctx.deps;
  const since = new Date(clock.now().getTime() - 60_000);
  if ((await draftsStartedSince(db, memberId, since)) < config.flood.draftsPerMinute) return false;
  if (await draftFromUpdate(db, ctx.from.id, ctx.update.update_id)) return false;
  if (mediaGroupId && (await db.submission.count({ where: { memberId, mediaGroupId, status: "draft" } })) > 0) return false;
  ctx.log.info({ member: memberId }, "flood guard: drafts per minute reached");
  await tellTooFast(ctx);
  return true;
}


pm.callbackQuery(cp.reviseStart, async (ctx) => {
  const { db } = ctx.deps;
  const id = idFrom(ctx.match);
  const member = await memberByTelegramId(db, ctx.from.id);
  const sub = member ? await db.submission.findFirst({ where: { id, memberId: member.id, status: "revision" } }) : null;
  await ctx.answerCallbackQuery();
  if (!sub) {
    await ctx.reply(ctx.t("submit-already"));
    return;
  }
  await setPendingInput(db, ctx.from.id, { kind: "revision", submissionId: id, at: ctx.deps.clock.now().getTime() });
  await ctx.reply(ctx.t("revise-send-now", { id: numberOf(sub) }));
});

function localeOf(ctx: BotContext): Locale {
  return updateLocale(ctx, ctx.deps.config.defaultLocale);
}

/** The largest photo size, or the video or document, as a media row. */
export function mediaOf(msg: Message): MediaInput | undefined {
  if (msg.photo && msg.photo.length > 0) {
    const largest = msg.photo.reduce((a: PhotoSize, b: PhotoSize) => (b.width * b.height > a.width * a.height ? b : a));
    return { kind: "photo", fileId: largest.file_id, fileUniqueId: largest.file_unique_id, width: largest.width, height: largest.height, fileSize: largest.file_size };
  }
  if (msg.video) {
    const v = msg.video;
    return { kind: "video", fileId: v.file_id, fileUniqueId: v.file_unique_id, width: v.width, height: v.height, fileSize: v.file_size, mimeType: v.mime_type, fileName: v.file_name };
  }
  if (msg.document) {
    const d = msg.document;
    return { kind: "document", fileId: d.file_id, fileUniqueId: d.file_unique_id, fileSize: d.file_size, mimeType: d.mime_type, fileName: d.file_name };
  }
  return undefined;
}

pm.callbackQuery(cp.submit, async (ctx) => {
  const { db, clock, config } = ctx.deps;
  // Answered first: when the bot is backed up the query expires within seconds, and the member
  // must still see the preview turn into "Terkirim".
  await ctx.answerCallbackQuery();
  const member = await memberByTelegramId(db, ctx.from.id);
  if (!member) {
    await replyNotMember(ctx, member);
    return;
  }
  const result = await confirmDraft(db, {
    submissionId: idFrom(ctx.match),
    memberId: member.id,
    now: clock.now(),
    limits: config.submissions,
    actor: actorOf(ctx.from),
  });
  if (result.ok) {
    ctx.deps.wakeJobs();
    await ctx.editMessageText(ctx.t("submitted", { id: result.number }), { parse_mode: "HTML" });
    return;
  }
  if (result.reason === "limit-hour" || result.reason === "limit-day") {
    const max = result.reason === "limit-hour" ? config.submissions.perHour : config.submissions.perDay;
    await ctx.reply(ctx.t(result.reason, { max }));
    return;
  }
  await ctx.editMessageText(ctx.t(result.reason === "empty" ? "submit-empty" : "submit-already"));
});

pm.callbackQuery(cp.cancelDraft, async (ctx) => {
  const member = await memberByTelegramId(ctx.deps.db, ctx.from.id);
  const cancelled = member ? await cancelDraft(ctx.deps.db, idFrom(ctx.match), member.id) : false;
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t(cancelled ? "submit-cancelled" : "submit-already"));
});

pm.command("status", async (ctx) => {
  const { db, config } = ctx.deps;
  const member = await memberByTelegramId(db, ctx.from.id);
  if (!member) {
    await replyNotMember(ctx, member);
    return;
  }
  const items = await recentSubmissions(db, member.id, 10);
  // A former member still sees what they sent; someone who never sent anything is told how to join.
  if (!isActiveMember(member) && items.length === 0) {
    await replyNotMember(ctx, member);
    return;
  }
  if (items.length === 0) {
    await ctx.reply(ctx.t("status-empty"));
    return;
  }
  const locale = localeOf(ctx);
  const lines = items.map((s) =>
    ctx.t("status-line", {
      id: numberOf(s),
      date: formatDateTime(s.confirmedAt ?? s.createdAt, config.timeZone, locale),
      kind: ctx.t.html(`kind-${s.kind}`, { count: s._count.media }),
      state: ctx.t.html(`state-${s.status}`),
    }) + (s.text ? html`\n   <i>${excerpt(s.text, 60)}</i>` : ""),
  );
  const withdrawable = items.filter((s) => s.status === "pending" || s.status === "revision");
  const keyboard = new InlineKeyboard();
  withdrawable.forEach((s, i) => {
    keyboard.text(ctx.t("withdraw-button", { id: numberOf(s) }), cd.withdrawAsk(s.id));
    if (i % 2 === 1) keyboard.row();
  });
  const hint = withdrawable.length > 0 ? `\n\n${ctx.t("status-withdraw-hint")}` : "";
  await ctx.reply(`${ctx.t("status-title")}\n\n${lines.join("\n")}${hint}`, {
    parse_mode: "HTML",
    reply_markup: withdrawable.length > 0 ? keyboard : undefined,
  });
});

pm.callbackQuery(cp.withdrawAsk, async (ctx) => {
  const id = idFrom(ctx.match);
  await ctx.answerCallbackQuery();
  const sub = await draftWithMedia(ctx.deps.db, id);
  if (!sub || sub.member.telegramId !== BigInt(ctx.from.id)) {
    await ctx.reply(ctx.t("submit-already"));
    return;
  }
  await ctx.reply(ctx.t("withdraw-confirm", { id: numberOf(sub) }), {
    reply_markup: new InlineKeyboard().text(ctx.t("withdraw-yes"), cd.withdrawYes(id)).text(ctx.t("withdraw-no"), cd.withdrawNo(id)),
  });
});

pm.callbackQuery(cp.withdrawNo, async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.deleteMessage().catch(() => undefined);
});

pm.callbackQuery(cp.withdrawYes, async (ctx) => {
  const { db, clock } = ctx.deps;
  const id = idFrom(ctx.match);
  const member = await memberByTelegramId(db, ctx.from.id);
  const result = member
    ? await withdrawSubmission(db, { submissionId: id, memberId: member.id, now: clock.now(), actor: actorOf(ctx.from) })
    : { ok: false };
  await ctx.answerCallbackQuery();
  const sub = await draftWithMedia(db, id);
  const number = sub ? numberOf(sub) : id;
  if (result.ok) {
    ctx.deps.wakeJobs();
    await ctx.editMessageText(ctx.t("withdrawn", { id: number }));
    return;
  }
  // Plain text: edited without parse mode.
  const state = sub && sub.memberId === member?.id ? ctx.t.text(`state-${sub.status}`) : "-";
  await ctx.editMessageText(ctx.t.text("withdraw-too-late", { id: number, state }));
});
