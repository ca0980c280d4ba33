// Publishing an approved submission to the channel (job "submission.publish"): the content, then
// an attribution line with the KIM and kecamatan and their hashtags, all in escaped HTML.
import type { Api } from "grammy";
import type { Message } from "grammy/types";
import type { Db } from "../db/client.js";
import type { Config } from "../config.js";
import type { Clock } from "../clock.js";
import type { JobHandler } from "../queue/worker.js";
import { ConfigJobError, PermanentJobError } from "../queue/failure.js";
import { enqueue } from "../queue/jobs.js";
import { jobs } from "../queue/kinds.js";
import { PRIORITY } from "../queue/priority.js";
import { toChatId } from "../telegram/chat-id.js";
import { BOT_ACTOR } from "../domain/audit.js";
import { isSubmissionState, moveSubmission } from "../domain/submission-state.js";
import { notifyMember } from "../domain/notices.js";
import { numberOf } from "../domain/submissions.js";
import { hashtag } from "../domain/names.js";
import { html } from "../html.js";
import { inLocale, type LocaleTranslate, type Translate } from "./i18n.js";
import { contentParts } from "./rich-text.js";
import { channelLink, loadForCard, mediaGroup, plainLength, richTextOf, type CardSubmission } from "./review-card.js";

interface PublishDeps {
  api: Api;
  db: Db;
  config: Config;
  clock: Clock;
  translate: Translate;
  wakeJobs(): void;
}

export function attributionHtml(t: LocaleTranslate, kim: string, kecamatan: string): string {
  const tags = [hashtag(kecamatan), hashtag(kim)].filter(Boolean).map((h) => `#${h}`).join(" ");
  return html`${t.html("post-attribution", { kim, kecamatan })}\n${tags}`.toString();
}

/** The post as a list of sends: the first may carry media, the rest are text messages. */
export function composePost(sub: CardSubmission, attribution: string) {
  const parts = contentParts(richTextOf(sub), { media: sub.media.length > 0, reserve: plainLength(attribution) + 2 });
  if (parts.length === 0) parts.push("");
  const last = parts.length - 1;
  parts[last] = parts[last] ? `${parts[last]}\n\n${attribution}` : attribution;
  return parts;
}

export function publishHandler(deps: PublishDeps): JobHandler<{ submissionId: number }> {
  const t = inLocale(deps.translate, deps.config.defaultLocale);
  return {
    async run({ submissionId }, job) {
      const { config, db, api } = deps;
      if (!config.channelId) throw new ConfigJobError("CHANNEL_ID is not set");
      const sub = await loadForCard(db, submissionId);
      if (!sub) throw new PermanentJobError(`submission #${submissionId} not found`);
      if (sub.status === "published") return { channelMessageId: sub.channelMessageId };
      if (sub.status !== "approved") throw new PermanentJobError(`submission #${submissionId} is ${sub.status}, not approved`);
      const parts = composePost(sub, attributionHtml(t, sub.kim.name, sub.kim.kecamatan.name));
      // Parts already sent by an earlier attempt of this job are not sent again.
      const progressKey = `publish-progress:${submissionId}`;
      const progress = await readProgress(db, progressKey);
      const channel = toChatId(config.channelId);
      // Every message of the post is kept (issue 11: a post is deleted whole); progress written
      // before this list existed knows only the first.
      progress.ids ??= progress.first ? [progress.first] : [];
      for (let i = progress.sent; i < parts.length; i++) {
        const sent = await sendPart(api, channel, sub, parts[i]!, i);
        const m = sent[0]!;
        if (i === 0) {
          progress.first = m.message_id;
          progress.username = m.chat.username;
        }
        progress.ids.push(...sent.map((x) => x.message_id));
        progress.sent = i + 1;
        await writeProgress(db, progressKey, progress);
      }
      await markPublished(deps, sub, progress.first!, progress.username, job.attempts, progress.ids);
      await db.keyValue.deleteMany({ where: { key: progressKey } });
      deps.wakeJobs();
      return { channelMessageId: progress.first! };
    },
    async onGiveUp({ submissionId }, reason) {
      await markFailed(deps, submissionId, reason);
      deps.wakeJobs();
    },
  };
}

/** Sends one part; the messages it became (an album is several). */
async function sendPart(api: Api, channel: number | string, sub: CardSubmission, html: string, index: number): Promise<Message[]> {
  const first = sub.media[0];
  if (index > 0 || !first) return [await api.sendMessage(channel, html, { parse_mode: "HTML" })];
  if (sub.media.length > 1) return api.sendMediaGroup(channel, mediaGroup(sub.media, html || undefined));
  const opts = { caption: html, parse_mode: "HTML" as const };
  if (first.kind === "photo") return [await api.sendPhoto(channel, first.fileId, opts)];
  if (first.kind === "video") return [await api.sendVideo(channel, first.fileId, opts)];
  return [await api.sendDocument(channel, first.fileId, opts)];
}

interface Progress {
  sent: number;
  first?: number;
  username?: string;
  /** Ids of every message sent so far. */
  ids?: number[];
}

async function readProgress(db: Db, key: string): Promise<Progress> {
  const row = await db.keyValue.findUnique({ where: { key } });
  return row ? (JSON.parse(row.value) as Progress) : { sent: 0 };
}

async function writeProgress(db: Db, key: string, p: Progress): Promise<void> {
  const value = JSON.stringify(p);
  await db.keyValue.upsert({ where: { key }, create: { key, value }, update: { value } });
}

async function markPublished(deps: PublishDeps, sub: CardSubmission, messageId: number, username: string | undefined, attempts: number, messageIds: number[]) {
  const now = deps.clock.now();
  const link = channelLink(deps.config, messageId, username);
  await deps.db.$transaction(async (tx) => {
    const moved = await moveSubmission(tx, {
      submissionId: sub.id,
      from: ["approved", "publish_failed"],
      to: "published",
      data: { channelMessageId: messageId, channelMessageIds: messageIds, publishedUrl: link, publishedAt: now },
      audit: { actor: BOT_ACTOR, at: now, from: isSubmissionState(sub.status) ? sub.status : "approved", detail: { messageId, link, attempts } },
    });
    if (!moved) return;
    await notifyMember(tx, sub.member, { type: "published", submissionId: sub.id });
    await enqueue(tx, jobs.reviewCardUpdate, { submissionId: sub.id });
  });
}

/** A permanent failure keeps the item (status publish_failed) and alerts the admins with the reason. */
async function markFailed(deps: PublishDeps, submissionId: number, reason: string) {
  const now = deps.clock.now();
  const t = inLocale(deps.translate, deps.config.defaultLocale);
  await deps.db.$transaction(async (tx) => {
    const moved = await moveSubmission(tx, { submissionId, from: "approved", to: "publish_failed", audit: { actor: BOT_ACTOR, at: now, detail: { reason } } });
    if (!moved) return;
    const sub = await tx.submission.findUniqueOrThrow({ where: { id: submissionId }, select: { id: true, number: true } });
    if (deps.config.adminChatId !== undefined) {
      const text = t("publish-failed-alert", { id: numberOf(sub), reason });
      await enqueue(tx, jobs.sendMessage, { chatId: String(deps.config.adminChatId), text }, { priority: PRIORITY.decision });
    }
    await enqueue(tx, jobs.reviewCardUpdate, { submissionId });
  });
}
