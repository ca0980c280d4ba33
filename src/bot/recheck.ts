// The re-check of what is already out (issue 11), as durable jobs:
// - "screening.recheck": new claims (a hoax decision, /hoaks tambah, /hoaks impor, a feed) are
//   matched against the submissions of the last RECHECK_DAYS days. A pending item that now
//   matches is screened again and its card shows the new reason; a published post that matches
//   strongly is reported to the admin group once per (post, claim), with a button to delete it.
// - "submission.unpublish": deletes every channel message of a post an admin took down.
import { InlineKeyboard, type Api } from "grammy";
import type { Db } from "../db/client.js";
import type { Config } from "../config.js";
import type { Clock } from "../clock.js";
import type { Logger } from "../logger.js";
import type { Prisma } from "../db/types.js";
import type { JobHandler } from "../queue/worker.js";
import { ConfigJobError, PermanentJobError } from "../queue/failure.js";
import { enqueue } from "../queue/jobs.js";
import { jobs, type Jobs } from "../queue/kinds.js";
import type { PayloadOf } from "../queue/jobs.js";
import { toChatId } from "../telegram/chat-id.js";
import { BOT_ACTOR, recordAudit } from "../domain/audit.js";
import { numberOf } from "../domain/submissions.js";
import { claimKeyOf, matchClaims, recheckCandidates, recordRecheckAlert, type RecheckMatch } from "../domain/screening/recheck.js";
import { claimSources, type ClaimSource } from "../domain/factcheck/claim-source.js";
import { channelMessageIdsOf } from "../domain/unpublish.js";
import { excerpt } from "./format.js";
import { inLocale, type Translate } from "./i18n.js";
import type { ScreeningService, StoredScreening } from "./screening.js";
import { storedKeyboard } from "./notices.js";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RecheckDeps {
  api: Api;
  db: Db;
  config: Config;
  clock: Clock;
  logger: Logger;
  translate: Translate;
  screening: ScreeningService;
  wakeJobs(): void;
}

/** Callback data of the alert's buttons: delete (asks to confirm), confirmed delete, back. */
export const recheckCallback = {
  remove: (alertId: number) => `rc:d:${alertId}`,
  confirm: (alertId: number) => `rc:D:${alertId}`,
  back: (alertId: number) => `rc:b:${alertId}`,
  pattern: /^rc:([dDb]):(\d{1,9})$/,
  any: /^rc:/,
} as const;

export function alertKeyboard(t: (k: string) => string, alertId: number): InlineKeyboard {
  return new InlineKeyboard().text(t("recheck-remove-button"), recheckCallback.remove(alertId));
}

export function recheckHandler(deps: RecheckDeps): JobHandler<PayloadOf<Jobs["recheck"]>> {
  return {
    async run({ claimIds, submissionIds, round = 0 }) {
      const { db, screening, config, clock } = deps;
      const claims = await db.falseClaim.findMany({ where: { id: { in: claimIds }, removedAt: null }, include: { images: true } });
      if (claims.length === 0) return { claims: 0 };
      // The job may run before the handler that added the claims told the screener: adding is idempotent.
      for (const c of claims) screening.ensureClaim(c);
      const since = new Date(clock.now().getTime() - config.recheckDays * DAY_MS);
      const candidates = await recheckCandidates(db, since, submissionIds);
      const { reportSimilarity, strongSimilarity } = screening.screener.config.claims;
      const matches = matchClaims(
        screening.screener,
        claims.map((c) => ({ id: c.id, text: c.text, submissionId: c.submissionId, images: c.images.map((i) => i.hash.split(" ")) })),
        candidates,
        reportSimilarity,
      );
      const sources = await claimSources(db, claims.map((c) => c.id));
      const claimById = new Map(claims.map((c) => [c.id, c]));
      let cardsUpdated = 0;
      let alerts = 0;
      for (const [submissionId, subMatches] of groupBySubmission(matches)) {
        const best = subMatches[0]!;
        if (best.status === "pending") {
          if (await updatePending(deps, best, sources.get(best.claimId))) cardsUpdated++;
          continue;
        }
        // A published post is reported only for a strong match (a photo, or text at the
        // similarity that makes a card "high"), and only if screening it again does not clear it
        // (an official clarification quoting the hoax is damped by the screener).
        const strong = subMatches.filter((m) => m.by === "image" || m.similarity >= strongSimilarity);
        if (strong.length === 0) continue;
        if (best.status === "approved") {
          await recheckAfterPublishing(deps, submissionId, strong, round);
          continue;
        }
        const fresh = await screening.rescreen(submissionId);
        if (!fresh || fresh.level === "low") continue;
        for (const m of strong) {
          const claim = claimById.get(m.claimId)!;
          if (await alertPublished(deps, m, claim, sources.get(m.claimId))) alerts++;
        }
      }
      if (cardsUpdated + alerts > 0) deps.wakeJobs();
      return { claims: claims.length, candidates: candidates.length, matches: matches.length, cardsUpdated, alerts };
    },
  };
}

const FOLLOW_UP_MS = 60_000;
const FOLLOW_UPS = 5;

/**
 * An approved item that matches is not on the channel yet (its publish job is under way, or
 * waiting for a retry): it is looked at again in a minute, and a few times more while it is
 * still on its way, so a post published just after the claim arrived is reported too.
 */
async function recheckAfterPublishing(deps: RecheckDeps, submissionId: number, strong: readonly RecheckMatch[], round: number): Promise<void> {
  if (round >= FOLLOW_UPS) return;
  const claimIds = [...new Set(strong.map((m) => m.claimId))].sort((a, b) => a - b);
  await enqueue(
    deps.db,
    jobs.recheck,
    { claimIds, submissionIds: [submissionId], round: round + 1 },
    {
      runAt: new Date(deps.clock.now().getTime() + FOLLOW_UP_MS * (round + 1)),
      dedupeKey: `recheck:${claimIds.join(",")}:after-publish:${submissionId}:${round + 1}`.slice(0, 190),
    },
  );
}

/** Matches per submission, the strongest first (a photo, then the highest similarity). */
function groupBySubmission(matches: readonly RecheckMatch[]): Map<number, RecheckMatch[]> {
  const bySub = new Map<number, RecheckMatch[]>();
  for (const m of matches) bySub.set(m.submissionId, [...(bySub.get(m.submissionId) ?? []), m]);
  for (const list of bySub.values()) list.sort((a, b) => Number(b.by === "image") - Number(a.by === "image") || b.similarity - a.similarity);
  return bySub;
}

/** Screens a pending item again, stores the result with the new reason, and refreshes its card. */
async function updatePending(deps: RecheckDeps, m: RecheckMatch, source: ClaimSource | undefined): Promise<boolean> {
  const { db, screening, clock } = deps;
  const fresh = await screening.rescreen(m.submissionId);
  if (!fresh) return false;
  const stored: StoredScreening = {
    ...fresh,
    recheck: { claimId: m.claimId, similarity: m.by === "image" ? 1 : m.similarity, by: m.by, publisher: publisherText(deps, source), at: clock.now().toISOString() },
  };
  return db.$transaction(async (tx) => {
    // Only a card still waiting for a decision, and only once it was screened (an unscreened one
    // is screened with the new claim anyway when its card is posted).
    const { count } = await tx.submission.updateMany({
      where: { id: m.submissionId, status: "pending", riskLevel: { not: null } },
      data: { riskLevel: stored.level, riskScore: stored.score, screening: stored as unknown as Prisma.InputJsonValue },
    });
    if (count === 0) return false;
    await recordAudit(tx, { submissionId: m.submissionId, actor: BOT_ACTOR, action: "screening.rechecked", detail: { claimId: m.claimId, level: stored.level, by: m.by }, at: clock.now() });
    await enqueue(tx, jobs.reviewCardUpdate, { submissionId: m.submissionId });
    return true;
  });
}

/** The alert for a published post, once per (post, claim key), with its delete button. */
async function alertPublished(deps: RecheckDeps, m: RecheckMatch, claim: { id: number; text: string }, source: ClaimSource | undefined): Promise<boolean> {
  const { db, config, clock, translate } = deps;
  if (config.adminChatId === undefined) return false;
  const t = inLocale(translate, config.defaultLocale);
  const now = clock.now();
  return db.$transaction(async (tx) => {
    const sub = await tx.submission.findUnique({ where: { id: m.submissionId }, include: { kim: true } });
    if (!sub || sub.status !== "published") return false;
    const alert = await recordRecheckAlert(tx, m, claimKeyOf(claim), now);
    if (!alert) return false;
    const vars = {
      id: numberOf(sub),
      publisher: publisherText(deps, source),
      claim: excerpt(claim.text, 160),
      percent: Math.round(m.similarity * 100),
      kim: sub.kim.name,
      post: sub.publishedUrl ?? "-",
      source: source?.link ?? "-",
    };
    const text = t(m.by === "image" ? "recheck-alert-image" : "recheck-alert", vars);
    await enqueue(
      tx,
      jobs.sendMessage,
      { chatId: String(config.adminChatId), text, replyMarkup: storedKeyboard(alertKeyboard(t, alert.id)), disablePreview: true },
      { dedupeKey: `recheck-alert:${alert.id}` },
    );
    await recordAudit(tx, { submissionId: sub.id, actor: BOT_ACTOR, action: "submission.recheck_alert", detail: { alertId: alert.id, claimId: claim.id, similarity: m.similarity, by: m.by }, at: now });
    return true;
  });
}

function publisherText(deps: RecheckDeps, source: ClaimSource | undefined): string {
  if (source?.publisher) return source.publisher;
  // A name, not markup: it is escaped where it goes into the alert.
  return deps.translate.text(deps.config.defaultLocale, source?.origin === "hoax_mark" ? "recheck-source-hoax-mark" : "recheck-source-admin");
}

/** Deletes every channel message of a removed post; the admins hear if Telegram refuses. */
export function unpublishHandler(deps: Pick<RecheckDeps, "api" | "db" | "config" | "clock" | "translate">): JobHandler<{ submissionId: number }> {
  return {
    async run({ submissionId }) {
      const { db, api, config, clock } = deps;
      if (!config.channelId) throw new ConfigJobError("CHANNEL_ID is not set");
      const sub = await db.submission.findUnique({ where: { id: submissionId } });
      if (!sub) throw new PermanentJobError(`submission #${submissionId} not found`);
      if (sub.status !== "removed") return { skipped: sub.status };
      const ids = channelMessageIdsOf(sub);
      const channel = toChatId(config.channelId);
      // deleteMessages skips messages that are already gone, so a retry after a crash is harmless.
      for (let i = 0; i < ids.length; i += 100) await api.deleteMessages(channel, ids.slice(i, i + 100));
      await recordAudit(db, { submissionId, actor: BOT_ACTOR, action: "channel.post_deleted", detail: { messageIds: ids }, at: clock.now() });
      return { deleted: ids };
    },
    async onGiveUp({ submissionId }, reason) {
      const { db, config, clock, translate } = deps;
      const sub = await db.submission.findUnique({ where: { id: submissionId } });
      await db.$transaction(async (tx) => {
        await recordAudit(tx, { submissionId, actor: BOT_ACTOR, action: "channel.post_delete_failed", detail: { reason }, at: clock.now() });
        if (config.adminChatId === undefined) return;
        const text = translate(config.defaultLocale, "recheck-delete-failed", {
          id: sub ? numberOf(sub) : submissionId,
          reason,
          post: sub?.publishedUrl ?? "-",
        });
        await enqueue(tx, jobs.sendMessage, { chatId: String(config.adminChatId), text, disablePreview: true });
      });
    },
  };
}
