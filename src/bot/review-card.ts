// The review card in the admin group: the content as citizens would see it, then who sent it,
// when, the member's record and the screening result, with the decision buttons.
import { InlineKeyboard, type Api } from "grammy";
import type { InputMediaDocument, InputMediaPhoto, InputMediaVideo, Message, MessageEntity } from "grammy/types";
import type { Db } from "../db/client.js";
import type { Config } from "../config.js";
import type { Clock } from "../clock.js";
import type { JobHandler } from "../queue/worker.js";
import { ConfigJobError, PermanentJobError } from "../queue/failure.js";
import { isGoneTarget } from "../telegram/harmless.js";
import { callbackData as cd } from "./callback-data.js";
import { html } from "../html.js";
import { formatDateTime } from "./format.js";
import { CAPTION_MAX, TEXT_MAX, contentParts, toHtml, type RichText } from "./rich-text.js";
import { inLocale, type LocaleTranslate, type Translate } from "./i18n.js";
import { memberRecord } from "../domain/review.js";
import { numberOf } from "../domain/submissions.js";

/** Tries of the card's job before it is posted with the photos it could not check marked so. */
const CARD_TRIES_BEFORE_UNCHECKED = 3;

export type CardSubmission = NonNullable<Awaited<ReturnType<typeof loadForCard>>>;

export function loadForCard(db: Db, id: number) {
  return db.submission.findUnique({
    where: { id },
    include: {
      member: true,
      kim: { include: { kecamatan: true } },
      media: { orderBy: { position: "asc" } },
      revisionOf: { select: { id: true, number: true } },
    },
  });
}

export function richTextOf(sub: { text: string; entities: unknown }): RichText {
  return { text: sub.text, entities: Array.isArray(sub.entities) ? (sub.entities as MessageEntity[]) : [] };
}

/** Screening renders its own lines (issue: disinformation screening); until then the card says "not screened". */
export type ScreeningLines = (sub: CardSubmission, t: LocaleTranslate) => string[];

export interface CardDeps {
  api: Api;
  db: Db;
  config: Config;
  clock: Clock;
  translate: Translate;
  screeningLines?: ScreeningLines;
  /** Runs screening before the card is posted; stores the result on the submission. */
  screen?: (submissionId: number, opts: { lastTry: boolean }) => Promise<void>;
}

function tFor(deps: CardDeps): LocaleTranslate {
  return inLocale(deps.translate, deps.config.defaultLocale);
}

/** The information block under the content, and the footer once decided. */
export async function cardInfo(deps: CardDeps, sub: CardSubmission): Promise<string> {
  const t = tFor(deps);
  const { config } = deps;
  const locale = config.defaultLocale;
  const record = await memberRecord(deps.db, sub.memberId, deps.clock.now(), sub.id);
  const lines = [
    t("card-title", { id: numberOf(sub), kind: t.html(`kind-${sub.kind}`, { count: sub.media.length }) }),
    t("card-sender", {
      name: sub.member.displayName,
      username: sub.member.username ? html` (@${sub.member.username})` : "",
      kim: sub.kim.name,
      kecamatan: sub.kim.kecamatan.name,
    }),
    t("card-time", { time: formatDateTime(sub.confirmedAt ?? sub.createdAt, config.timeZone, locale) }),
    t("card-record", { ...record }),
  ];
  if (sub.revisionOf) lines.push(t("card-revision-of", { id: numberOf(sub.revisionOf) }));
  lines.push(...(deps.screeningLines && sub.riskLevel ? deps.screeningLines(sub, t) : [t("card-not-screened")]));
  const footer = decisionFooter(deps, sub);
  if (footer) lines.push("", footer);
  // Decided, but the member blocked the bot: nobody told them.
  if (footer && sub.member.blockedAt && sub.status !== "withdrawn") lines.push(t("card-member-unreachable"));
  return lines.join("\n");
}

function decisionFooter(deps: CardDeps, sub: CardSubmission): string | undefined {
  const t = tFor(deps);
  const time = sub.decidedAt ? formatDateTime(sub.decidedAt, deps.config.timeZone, deps.config.defaultLocale) : "";
  const admin = sub.decidedByName ?? "-";
  const reason = sub.decisionReason ?? "-";
  switch (sub.status) {
    case "approved":
      return t("card-decided-approved", { admin, time });
    case "published":
      return [t("card-decided-approved", { admin, time }), t("card-published", { link: sub.publishedUrl ?? channelLink(deps.config, sub.channelMessageId) })].join("\n");
    case "publish_failed":
      return [t("card-decided-approved", { admin, time }), t("card-publish-failed", { id: numberOf(sub) })].join("\n");
    case "rejected":
      return t("card-decided-rejected", { admin, time, reason });
    case "hoax":
      return t("card-decided-hoax", { admin, time });
    case "revision":
      return t("card-decided-revision", { admin, time, reason });
    case "withdrawn":
      return t("card-decided-withdrawn", { time });
    case "removed": // issue 11: taken off the channel after a re-check alert
      return [t("card-decided-approved", { admin, time }), t("card-removed", { id: numberOf(sub) })].join("\n");
    default:
      return undefined;
  }
}

/** Link to a channel post: t.me/<username>/<id> for public channels, t.me/c/<id>/<id> otherwise. */
export function channelLink(config: Config, messageId: number | null, username?: string): string {
  if (!messageId || !config.channelId) return "-";
  if (username) return `https://t.me/${username}/${messageId}`;
  if (config.channelId.startsWith("@")) return `https://t.me/${config.channelId.slice(1)}/${messageId}`;
  return `https://t.me/c/${config.channelId.replace(/^-100/, "")}/${messageId}`;
}

export function cardKeyboard(t: (k: string) => string, sub: { id: number; status: string }): InlineKeyboard | undefined {
  if (sub.status !== "pending") return undefined;
  return new InlineKeyboard()
    .text(t("review-approve"), cd.review("a", sub.id))
    .text(t("review-reject"), cd.review("r", sub.id))
    .row()
    .text(t("review-revision"), cd.review("e", sub.id))
    .text(t("review-hoax"), cd.review("h", sub.id));
}

type T = (k: string, v?: Record<string, string | number>) => string;

export function rejectKeyboard(t: T, id: number): InlineKeyboard {
  const k = new InlineKeyboard();
  for (let i = 0; i < 4; i++) k.text(t(`reject-preset-${i}`), cd.rejectPreset(i, id)).row();
  return k.text(t("review-reject-typed"), cd.review("t", id)).text(t("review-back"), cd.review("b", id));
}

export function flagConfirmKeyboard(t: T, id: number): InlineKeyboard {
  return new InlineKeyboard().text(t("review-flag-confirm"), cd.review("A", id)).text(t("review-back"), cd.review("b", id));
}

export function hoaxConfirmKeyboard(t: T, id: number): InlineKeyboard {
  return new InlineKeyboard().text(t("review-hoax-confirm"), cd.review("H", id)).text(t("review-back"), cd.review("b", id));
}

/** Posts the card for a newly confirmed submission (job "review.card"). */
export function reviewCardHandler(deps: CardDeps): JobHandler<{ submissionId: number }> {
  return {
    async run({ submissionId }, job) {
      const adminChatId = deps.config.adminChatId;
      if (adminChatId === undefined) throw new ConfigJobError("ADMIN_CHAT_ID is not set");
      // Photos Telegram will not hand over for a while delay the card for a few tries, not for ever.
      if (deps.screen) await deps.screen(submissionId, { lastTry: job.attempts >= CARD_TRIES_BEFORE_UNCHECKED });
      const sub = await loadForCard(deps.db, submissionId);
      if (!sub) throw new PermanentJobError(`submission #${submissionId} not found`);
      // A retried job must not post a second card.
      if (sub.reviewMessageId !== null) return { messageId: sub.reviewMessageId };
      const chatId = Number(adminChatId);
      const t = tFor(deps);
      const info = await cardInfo(deps, sub);
      const keyboard = cardKeyboard(t, sub);
      const body = toHtml(richTextOf(sub));
      const single = sub.media.length === 1 ? sub.media[0] : undefined;
      let card: Message;
      let isCaption = false;
      const combined = body ? `${body}\n\n${info}` : info;
      const combinedLength = sub.text.length + 2 + plainLength(info);
      if (sub.media.length === 0 && combinedLength <= TEXT_MAX) {
        card = await deps.api.sendMessage(chatId, combined, { parse_mode: "HTML", reply_markup: keyboard, link_preview_options: { is_disabled: true } });
      } else if (single && combinedLength <= CAPTION_MAX) {
        card = await sendSingle(deps.api, chatId, single, combined, keyboard);
        isCaption = true;
      } else {
        const first = await sendContent(deps.api, chatId, sub);
        card = await deps.api.sendMessage(chatId, info, {
          parse_mode: "HTML",
          reply_markup: keyboard,
          reply_parameters: first ? { message_id: first, allow_sending_without_reply: true } : undefined,
        });
      }
      await deps.db.submission.update({
        where: { id: sub.id },
        data: { reviewChatId: BigInt(chatId), reviewMessageId: card.message_id, reviewCardIsCaption: isCaption, lastAnnouncedAt: deps.clock.now() },
      });
      return { messageId: card.message_id };
    },
  };
}

/** Re-renders the card after a decision, a withdrawal or publication (job "review.card-update"). */
export function reviewCardUpdateHandler(deps: CardDeps): JobHandler<{ submissionId: number }> {
  return {
    async run({ submissionId }) {
      const sub = await loadForCard(deps.db, submissionId);
      if (!sub || sub.reviewMessageId === null || sub.reviewChatId === null) return { skipped: true };
      try {
        await editCard(deps, sub);
      } catch (err) {
        // An admin deleted the card: there is nothing to bring up to date (/antrian lists the item).
        if (isGoneTarget(err)) return { skipped: "card gone" };
        throw err;
      }
      return { edited: true };
    },
  };
}

export async function editCard(deps: CardDeps, sub: CardSubmission, keyboard?: InlineKeyboard): Promise<void> {
  const info = await cardInfo(deps, sub);
  const markup = keyboard ?? cardKeyboard(tFor(deps), sub) ?? { inline_keyboard: [] };
  const chatId = Number(sub.reviewChatId);
  const messageId = sub.reviewMessageId!;
  const body = toHtml(richTextOf(sub));
  // A text card carries the text only when both fit in one message: a longer text was posted
  // apart, before the card (reviewCardHandler), and the card is the information alone.
  const textFits = sub.media.length === 0 && sub.text.length + 2 + plainLength(info) <= TEXT_MAX;
  const text = textFits || sub.reviewCardIsCaption ? (body ? `${body}\n\n${info}` : info) : info;
  try {
    if (sub.reviewCardIsCaption) {
      await deps.api.editMessageCaption(chatId, messageId, { caption: text, parse_mode: "HTML", reply_markup: markup });
    } else {
      await deps.api.editMessageText(chatId, messageId, text, { parse_mode: "HTML", reply_markup: markup, link_preview_options: { is_disabled: true } });
    }
  } catch (err) {
    // Two updates racing to the same content are not an error.
    if (err instanceof Error && /message is not modified/.test(err.message)) return;
    throw err;
  }
}

async function sendSingle(api: Api, chatId: number, m: CardSubmission["media"][number], caption: string, keyboard?: InlineKeyboard): Promise<Message> {
  const opts = { caption, parse_mode: "HTML" as const, reply_markup: keyboard };
  if (m.kind === "photo") return api.sendPhoto(chatId, m.fileId, opts);
  if (m.kind === "video") return api.sendVideo(chatId, m.fileId, opts);
  return api.sendDocument(chatId, m.fileId, opts);
}

/** Sends the content alone (album, or text too long for one card); returns the first message id. */
async function sendContent(api: Api, chatId: number, sub: CardSubmission): Promise<number | undefined> {
  const parts = contentParts(richTextOf(sub), { media: sub.media.length > 0 });
  let first: number | undefined;
  let rest = parts;
  if (sub.media.length > 1) {
    const group = await api.sendMediaGroup(chatId, mediaGroup(sub.media, parts[0]));
    first = group[0]?.message_id;
    rest = parts.slice(1);
  } else if (sub.media[0]) {
    const m = await sendSingle(api, chatId, sub.media[0], parts[0] ?? "");
    first = m.message_id;
    rest = parts.slice(1);
  }
  for (const part of rest) {
    const m = await api.sendMessage(chatId, part, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
    first ??= m.message_id;
  }
  return first;
}

/** An album as Telegram wants it: photos and videos together, or documents alone. */
export function mediaGroup(
  media: CardSubmission["media"],
  captionHtml: string | undefined,
): Array<InputMediaPhoto | InputMediaVideo> | InputMediaDocument[] {
  const caption = (i: number) => (i === 0 && captionHtml ? { caption: captionHtml, parse_mode: "HTML" as const } : {});
  if (media.every((m) => m.kind === "document")) {
    return media.map((m, i): InputMediaDocument => ({ type: "document", media: m.fileId, ...caption(i) }));
  }
  return media.map((m, i): InputMediaPhoto | InputMediaVideo =>
    m.kind === "video" ? { type: "video", media: m.fileId, ...caption(i) } : { type: "photo", media: m.fileId, ...caption(i) },
  );
}

/** Visible length of our own HTML (tags removed, entities counted as one character). */
export function plainLength(html: string): number {
  return html.replace(/<[^>]+>/g, "").replace(/&(lt|gt|amp|quot);/g, "_").length;
}

