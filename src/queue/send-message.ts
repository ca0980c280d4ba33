import type { Api } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { Db } from "../db/client.js";
import type { JobHandler } from "./worker.js";
import { enqueue, type SendMessagePayload } from "./jobs.js";
import { isBlockedByUser } from "./failure.js";

/** Telegram ids fit in a double (at most 52 bits); channel usernames stay strings. */
export function toChatId(id: string): number | string {
  return /^-?\d+$/.test(id) ? Number(id) : id;
}

/** Handler of the generic "message.send" job: a notification that must reach someone. */
export function sendMessageHandler(api: Api, db: Db): JobHandler {
  return {
    async run(raw) {
      const p = raw as unknown as SendMessagePayload;
      const sent = await api.sendMessage(toChatId(p.chatId), p.text, {
        parse_mode: p.html === false ? undefined : "HTML",
        reply_markup: p.replyMarkup as InlineKeyboardMarkup | undefined,
        link_preview_options: p.disablePreview ? { is_disabled: true } : undefined,
      });
      return { messageId: sent.message_id };
    },
    async onGiveUp(raw, reason) {
      const p = raw as unknown as SendMessagePayload;
      // A member who blocked the bot is not messaged again until they come back (my_chat_member).
      if (p.memberId !== undefined && isBlockedByUser(reason)) {
        await db.$transaction(async (tx) => {
          await tx.member.update({ where: { id: p.memberId }, data: { blockedAt: new Date() } });
          // The card of the submission the notice was about says the member could not be told.
          if (p.submissionId !== undefined) await enqueue(tx, { kind: "review.card-update", payload: { submissionId: p.submissionId } });
        });
      }
    },
  };
}
