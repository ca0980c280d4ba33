// Every kind of durable job, declared once: the name stored in the Job row, the schema of its
// payload, its priority and its dedupe key. Enqueue with `enqueue(tx, jobs.publish, { submissionId })`;
// the handlers are bound to these kinds in src/app.ts (a kind without a handler does not compile).
//
// Names and payload shapes are what the database holds: jobs queued by an earlier version must
// still run after an upgrade. Never rename a kind (add the old name to `aliases`) and only add
// optional fields to a payload.
import { z } from "zod";
import { defineJob, type PayloadOf } from "./jobs.js";
import { PRIORITY } from "./priority.js";

const id = z.int().positive();
const submission = z.object({ submissionId: id });

/** Telegram inline buttons as they are stored: a callback or a link. */
const inlineButton = z.union([z.object({ text: z.string(), callback_data: z.string() }), z.object({ text: z.string(), url: z.string() })]);
const inlineKeyboard = z.object({ inline_keyboard: z.array(z.array(inlineButton)) });

/** What a member is told; the bot renders it in their language when the job runs (src/bot/notices.ts). */
const memberNotice = z.discriminatedUnion("type", [
  /** An admin's decision on a submission (an approval is told when the post is live: "published"). */
  z.object({
    type: z.literal("decision"),
    submissionId: id,
    decision: z.enum(["rejected", "hoax", "revision"]),
    /** The admin's reason (rejected) or note (revision), as typed. */
    reason: z.string().optional(),
    /** One of the card's preset reasons instead, so the member reads it in their language. */
    preset: z.int().nonnegative().optional(),
  }),
  z.object({ type: z.literal("published"), submissionId: id }),
  /** The post was taken off the channel after a re-check alert. */
  z.object({ type: z.literal("post-removed"), submissionId: id }),
  z.object({ type: z.literal("join-decided"), kimId: id, approved: z.boolean() }),
  /** An admin removed the member from their KIM (/keluarkan). */
  z.object({ type: z.literal("removed-from-kim"), kimId: id }),
  /** An admin moved the member to another KIM (/pindah). */
  z.object({ type: z.literal("moved"), kimId: id }),
]);
export type MemberNotice = z.output<typeof memberNotice>;

/** The dedupe key of a member notice: one notice per submission and outcome, whatever runs again. */
function noticeKey(n: MemberNotice): string | undefined {
  switch (n.type) {
    case "decision":
      return `notice:${n.submissionId}:${n.decision}`;
    case "published":
      return `notice:${n.submissionId}:published`;
    case "post-removed":
      return `notice:${n.submissionId}:removed`;
    default:
      return undefined;
  }
}

export const jobs = {
  /**
   * A message the bot layer has already rendered (alerts to the admin group, reminders). Chat ids
   * travel as strings: JSON has no BigInt. The domain never queues this: it queues intents below.
   */
  sendMessage: defineJob({
    name: "message.send",
    schema: z.object({
      chatId: z.string().min(1),
      text: z.string(),
      /** Messages are HTML unless false; every user-supplied part must already be escaped. */
      html: z.boolean().optional(),
      replyMarkup: inlineKeyboard.optional(),
      /** When set, a 403 marks this member as unreachable instead of alerting anyone. */
      memberId: id.optional(),
      /** The submission a notice is about: its card then says the member could not be told. */
      submissionId: id.optional(),
      disablePreview: z.boolean().optional(),
    }),
    priority: PRIORITY.notice,
  }),
  /** Tells a member something, unless they blocked the bot (queue with notifyMember, src/domain/notices.ts). */
  memberNotice: defineJob({
    name: "member.notice",
    schema: z.object({ memberId: id, notice: memberNotice }),
    priority: PRIORITY.notice,
    dedupeKey: (p) => noticeKey(p.notice),
  }),
  /** A member's request to join a KIM, with approve/reject buttons, in the admin group. */
  joinRequestAlert: defineJob({
    name: "join.request-alert",
    schema: z.object({ requestId: id }),
    priority: PRIORITY.decision,
  }),
  /** Sends a draft's prompt later: an album once its last photo arrived, or a preview Telegram refused for a while. */
  draftPrompt: defineJob({
    name: "draft.prompt",
    // The same job under its first name, for jobs queued by earlier versions.
    aliases: ["draft.album-prompt"],
    schema: z.object({ submissionId: id, chatId: z.string().min(1), locale: z.enum(["id", "en"]) }),
    priority: PRIORITY.interactive,
  }),
  /** Posts the card of a newly confirmed submission in the admin group. */
  reviewCard: defineJob({
    name: "review.card",
    schema: submission,
    priority: PRIORITY.card,
    dedupeKey: (p) => `review-card:${p.submissionId}`,
  }),
  /** Re-renders a card after a decision, a withdrawal or publication. */
  reviewCardUpdate: defineJob({ name: "review.card-update", schema: submission, priority: PRIORITY.decision }),
  publish: defineJob({
    name: "submission.publish",
    schema: submission,
    priority: PRIORITY.decision,
    dedupeKey: (p) => `publish:${p.submissionId}`,
  }),
  /** Deletes every channel message of a post an admin took down (issue 11). */
  unpublish: defineJob({
    name: "submission.unpublish",
    schema: submission,
    priority: PRIORITY.default,
    dedupeKey: (p) => `unpublish:${p.submissionId}`,
  }),
  /** Matches new claims against recent submissions (issue 11). */
  recheck: defineJob({
    name: "screening.recheck",
    schema: z.object({
      claimIds: z.array(id),
      /** Only these submissions (a follow-up on an item that was about to be published). */
      submissionIds: z.array(id).optional(),
      /** Follow-ups so far; 0 when absent. */
      round: z.int().nonnegative().optional(),
    }),
    priority: PRIORITY.default,
    dedupeKey: (p) => `recheck:${p.claimIds.join(",")}`.slice(0, 190),
  }),
  /** The weekly digest after the reminder run. */
  digest: defineJob({ name: "report.digest", schema: z.object({ period: z.string().min(1) }), priority: PRIORITY.report }),
} as const;

export type Jobs = typeof jobs;
export type MemberNoticeJob = PayloadOf<Jobs["memberNotice"]>;
export type SendMessagePayload = PayloadOf<Jobs["sendMessage"]>;

/** Every stored name a job of this version can carry (the kinds' names and their aliases). */
export const JOB_KIND_NAMES: ReadonlySet<string> = new Set(Object.values(jobs).flatMap((k) => [k.name, ...k.aliases]));
