// Handlers of the jobs that send a message: the generic "message.send" (a message the bot layer
// rendered itself), "member.notice" (what happened, rendered here in the member's language when
// the job runs) and "join.request-alert" (a join request with its buttons, in the admin group).
// A member who cannot be written to is marked unreachable in one place (markUnreachable), not alerted.
import { InlineKeyboard, type Api } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import type { Db } from "../db/client.js";
import type { Config } from "../config.js";
import type { Clock } from "../clock.js";
import type { JobHandler } from "../queue/worker.js";
import type { MemberNotice, MemberNoticeJob, SendMessagePayload } from "../queue/kinds.js";
import { ConfigJobError, isBlockedByUser, PermanentJobError } from "../queue/failure.js";
import { markUnreachable } from "../domain/notices.js";
import { numberOf } from "../domain/submissions.js";
import { toChatId } from "../telegram/chat-id.js";
import { callbackData as cd } from "./callback-data.js";
import { html } from "../html.js";
import { inLocale, localeFor, type LocaleTranslate, type Translate } from "./i18n.js";
import { channelLink } from "./review-card.js";

export interface NoticeDeps {
  api: Api;
  db: Db;
  config: Config;
  clock: Clock;
  translate: Translate;
}

/** A keyboard as message.send stores it: its callback and link buttons (the only ones the bot sends). */
export function storedKeyboard(keyboard: InlineKeyboard): NonNullable<SendMessagePayload["replyMarkup"]> {
  const button = (b: InlineKeyboardButton) => {
    if ("callback_data" in b) return { text: b.text, callback_data: b.callback_data };
    if ("url" in b) return { text: b.text, url: b.url };
    throw new Error(`a stored message cannot carry a "${Object.keys(b).join(",")}" button`);
  };
  return { inline_keyboard: keyboard.inline_keyboard.map((row) => row.map(button)) };
}

/** Handler of "message.send": a message that must reach someone. */
export function sendMessageHandler(deps: Pick<NoticeDeps, "api" | "db" | "clock">): JobHandler<SendMessagePayload> {
  return {
    async run(p) {
      const sent = await deps.api.sendMessage(toChatId(p.chatId), p.text, {
        parse_mode: p.html === false ? undefined : "HTML",
        reply_markup: p.replyMarkup,
        link_preview_options: p.disablePreview ? { is_disabled: true } : undefined,
      });
      return { messageId: sent.message_id };
    },
    async onGiveUp(p, reason) {
      if (p.memberId !== undefined && isBlockedByUser(reason)) await markUnreachable(deps.db, p.memberId, deps.clock.now(), p.submissionId);
    },
  };
}

/** What a notice says, and how it is sent. */
interface RenderedNotice {
  text: string;
  replyMarkup?: InlineKeyboard;
  disablePreview?: boolean;
}

type T = LocaleTranslate;

async function renderNotice(deps: NoticeDeps, t: T, notice: MemberNotice): Promise<RenderedNotice> {
  const { db } = deps;
  const submission = async (id: number) => {
    const sub = await db.submission.findUnique({ where: { id } });
    if (!sub) throw new PermanentJobError(`submission #${id} not found`);
    return sub;
  };
  const kimName = async (id: number) => {
    const kim = await db.kim.findUnique({ where: { id }, select: { name: true } });
    if (!kim) throw new PermanentJobError(`KIM #${id} not found`);
    return kim.name;
  };
  switch (notice.type) {
    case "decision": {
      const sub = await submission(notice.submissionId);
      const id = numberOf(sub);
      if (notice.decision === "hoax") return { text: t("member-hoax", { id }), disablePreview: true };
      if (notice.decision === "rejected") {
        const reason = notice.preset === undefined ? (notice.reason ?? "") : t.html(`reject-preset-${notice.preset}`);
        return { text: t("member-rejected", { id, reason }), disablePreview: true };
      }
      return {
        text: t("member-revision", { id, note: notice.reason ?? "" }),
        replyMarkup: new InlineKeyboard().text(t("member-revision-button"), cd.reviseStart(sub.id)),
        disablePreview: true,
      };
    }
    case "published": {
      const sub = await submission(notice.submissionId);
      return { text: t("member-published", { id: numberOf(sub), link: sub.publishedUrl ?? channelLink(deps.config, sub.channelMessageId) }) };
    }
    case "post-removed":
      return { text: t("member-post-removed", { id: numberOf(await submission(notice.submissionId)) }), disablePreview: true };
    case "join-decided":
      return { text: t(notice.approved ? "request-approved" : "request-rejected", { kim: await kimName(notice.kimId) }) };
    case "removed-from-kim":
      return { text: t("removed-notice", { kim: await kimName(notice.kimId) }) };
    case "moved":
      return { text: t("moved-notice", { kim: await kimName(notice.kimId) }) };
  }
}

/** The submission whose card says so when the member could not be told. */
function cardOf(notice: MemberNotice): number | undefined {
  return notice.type === "decision" || notice.type === "published" ? notice.submissionId : undefined;
}

/** Handler of "member.notice": renders the notice in the member's language and sends it. */
export function memberNoticeHandler(deps: NoticeDeps): JobHandler<MemberNoticeJob> {
  return {
    async run({ memberId, notice }) {
      const member = await deps.db.member.findUnique({ where: { id: memberId }, select: { telegramId: true, languageCode: true } });
      if (!member) throw new PermanentJobError(`member #${memberId} not found`);
      const locale = localeFor(member.languageCode);
      const m = await renderNotice(deps, inLocale(deps.translate, locale), notice);
      const sent = await deps.api.sendMessage(Number(member.telegramId), m.text, {
        parse_mode: "HTML",
        reply_markup: m.replyMarkup,
        link_preview_options: m.disablePreview ? { is_disabled: true } : undefined,
      });
      return { messageId: sent.message_id };
    },
    async onGiveUp({ memberId, notice }, reason) {
      if (isBlockedByUser(reason)) await markUnreachable(deps.db, memberId, deps.clock.now(), cardOf(notice));
    },
  };
}

/** Handler of "join.request-alert": the request, who asked and the approve/reject buttons. */
export function joinRequestAlertHandler(deps: NoticeDeps): JobHandler<{ requestId: number }> {
  return {
    async run({ requestId }) {
      const { config, db, api, translate } = deps;
      if (config.adminChatId === undefined) throw new ConfigJobError("ADMIN_CHAT_ID is not set");
      const request = await db.joinRequest.findUnique({ where: { id: requestId }, include: { member: true, kim: { include: { kecamatan: true } } } });
      if (!request) throw new PermanentJobError(`join request #${requestId} not found`);
      const t = inLocale(translate, config.defaultLocale);
      const { member, kim } = request;
      const text = t("admin-join-request", {
        name: member.displayName,
        username: member.username ? html` (@${member.username})` : "",
        kim: kim.name,
        kecamatan: kim.kecamatan.name,
      });
      const keyboard = new InlineKeyboard().text(t("admin-join-approve"), cd.joinDecision(request.id, true)).text(t("admin-join-reject"), cd.joinDecision(request.id, false));
      const sent = await api.sendMessage(Number(config.adminChatId), text, { parse_mode: "HTML", reply_markup: keyboard });
      return { messageId: sent.message_id };
    },
  };
}
