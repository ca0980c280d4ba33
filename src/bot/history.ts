// /riwayat in people's words: what happened to a submission, who did it and when, and the chain of
// its versions (the one it revises and the ones that revise it). The audit trail's action codes
// stay in the database; here every event is a sentence.
import type { Config } from "../config.js";
import type { Db } from "../db/client.js";
import { historyOf } from "../domain/audit.js";
import { numberOf } from "../domain/submissions.js";
import type { LocaleTranslate } from "./i18n.js";
import { excerpt, formatDateTime } from "./format.js";

interface Event {
  action: string;
  actorName: string;
  actorId: bigint | null;
  detail: unknown;
  createdAt: Date;
}

/** The Fluent key of an event, and what it says beyond who and when. */
function describe(e: Event): { key: string; vars: Record<string, string | number> } {
  const d = (e.detail ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => excerpt(String(v ?? ""), 200);
  switch (e.action) {
    case "submission.confirmed":
      return { key: "history-sent", vars: {} };
    case "submission.approved":
      return { key: "history-approved", vars: {} };
    case "submission.published":
      return { key: "history-published", vars: { link: text(d.link) } };
    case "submission.rejected":
      return { key: "history-rejected", vars: { reason: text(d.reason) } };
    case "submission.hoax":
      return { key: "history-hoax", vars: {} };
    case "submission.revision":
      return { key: "history-revision", vars: { note: text(d.reason) } };
    case "submission.withdrawn":
      return { key: "history-withdrawn", vars: {} };
    case "submission.publish_failed":
      return { key: "history-publish-failed", vars: { reason: text(d.reason) } };
    case "submission.republish":
      return { key: "history-republish", vars: {} };
    case "submission.removed":
      return { key: "history-removed", vars: {} };
    case "submission.recheck_alert":
      return { key: "history-recheck-alert", vars: { claim: String(d.claimId ?? "-") } };
    case "screening.rechecked":
      return { key: "history-rechecked", vars: { claim: String(d.claimId ?? "-") } };
    case "channel.post_deleted":
      return { key: "history-post-deleted", vars: {} };
    case "channel.post_delete_failed":
      return { key: "history-post-delete-failed", vars: { reason: text(d.reason) } };
    case "claim.added":
      return { key: "history-claim-added", vars: { claim: String(d.claimId ?? "-") } };
    default:
      return { key: "history-other", vars: {} };
  }
}

/** The lines of /riwayat for one submission (by the number people see); undefined when there is none. */
export async function historyLines(db: Db, config: Config, number: number, t: LocaleTranslate): Promise<string[] | undefined> {
  const sub = await db.submission.findUnique({
    where: { number },
    include: {
      revisionOf: { select: { id: true, number: true } },
      revisions: { select: { id: true, number: true }, where: { number: { not: null } }, orderBy: { id: "asc" } },
    },
  });
  if (!sub) return undefined;
  const events = await historyOf(db, sub.id);
  const lines = [t("history-title", { id: number })];
  for (const e of events) {
    const { key, vars } = describe(e);
    const who = e.actorId === null ? t.html("history-bot") : e.actorName;
    lines.push(t("history-event", { time: formatDateTime(e.createdAt, config.timeZone, config.defaultLocale), what: t.html(key, { ...vars, who }) }));
  }
  if (sub.revisionOf) lines.push("", t("history-earlier", { id: numberOf(sub.revisionOf) }));
  if (sub.revisions.length > 0) lines.push(t("history-later", { ids: sub.revisions.map((r) => `#${numberOf(r)}`).join(", ") }));
  return lines;
}
