// The "here is what I understood, send it?" message for a draft, used both right after a message
// arrives and, for albums, by a job once the album's last photo has arrived.
import { InlineKeyboard, type Api } from "grammy";
import type { Db } from "../db/client.js";
import type { JobHandler } from "../queue/worker.js";
import type { Jobs } from "../queue/kinds.js";
import type { PayloadOf } from "../queue/jobs.js";
import { inLocale, type LocaleTranslate, type Translate } from "./i18n.js";
import { callbackData as cd } from "./callback-data.js";
import { html } from "../html.js";
import { excerpt } from "./format.js";
import { MAX_ALBUM_ITEMS, isSmallPhoto, type SubmissionKind } from "../domain/submissions.js";
import { toChatId } from "../telegram/chat-id.js";

const PREVIEW_TEXT_LENGTH = 700;

interface DraftView {
  id: number;
  kind: string;
  text: string;
  mediaCount: number;
  media: Array<{ kind: string; width: number | null; height: number | null }>;
}

type T = LocaleTranslate;

export function renderDraftPrompt(draft: DraftView, t: T, minPhotoLongSide: number) {
  const body = draft.text.trim() ? excerpt(draft.text, PREVIEW_TEXT_LENGTH) : html`<i>${t.html("preview-no-text")}</i>`;
  const lines = [t("preview", { kind: t.html(`kind-${draft.kind as SubmissionKind}`, { count: draft.mediaCount }), body })];
  const small = draft.media.find((m) => isSmallPhoto({ kind: m.kind as "photo", width: m.width ?? 0, height: m.height ?? 0 }, minPhotoLongSide));
  if (small) lines.push(t("preview-small-photo", { size: `${small.width}×${small.height}`, min: minPhotoLongSide }));
  if (draft.mediaCount >= MAX_ALBUM_ITEMS && draft.kind === "album") lines.push(t("preview-album-full", { max: MAX_ALBUM_ITEMS }));
  lines.push(t("preview-question"));
  const keyboard = new InlineKeyboard().text(t("button-send"), cd.submit(draft.id)).text(t("button-cancel"), cd.cancelDraft(draft.id));
  return { text: lines.join("\n\n"), keyboard };
}

/** Sends a draft's prompt unless one was sent already (an album: once no new photo arrived for the quiet time). */
export function draftPromptHandler(deps: { api: Api; db: Db; translate: Translate; minPhotoLongSide: number }): JobHandler<PayloadOf<Jobs["draftPrompt"]>> {
  return {
    async run(p) {
      const draft = await deps.db.submission.findUnique({ where: { id: p.submissionId }, include: { media: { orderBy: { position: "asc" } } } });
      if (!draft || draft.status !== "draft" || draft.promptMessageId !== null) return { skipped: true };
      const t = inLocale(deps.translate, p.locale);
      const prompt = renderDraftPrompt({ ...draft, mediaCount: draft.media.length }, t, deps.minPhotoLongSide);
      const sent = await deps.api.sendMessage(toChatId(p.chatId), prompt.text, { parse_mode: "HTML", reply_markup: prompt.keyboard });
      await deps.db.submission.update({ where: { id: draft.id }, data: { promptMessageId: sent.message_id } });
      return { messageId: sent.message_id };
    },
  };
}
