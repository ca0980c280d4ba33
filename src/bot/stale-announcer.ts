// Pending items older than a configurable age are announced again in the admin group, at most
// once a day each, so nothing waits unseen (admins review between other duties).
import type { Db } from "../db/client.js";
import type { Config } from "../config.js";
import type { Clock } from "../clock.js";
import { enqueue } from "../queue/jobs.js";
import { jobs } from "../queue/kinds.js";
import { PRIORITY } from "../queue/priority.js";
import { staleForAnnouncement } from "../domain/review.js";
import { inLocale, type Translate } from "./i18n.js";
import { queueLine } from "./features/review.js";

export async function announceStalePending(deps: { db: Db; config: Config; clock: Clock; translate: Translate }): Promise<number> {
  const { db, config, clock, translate } = deps;
  if (config.adminChatId === undefined) return 0;
  const now = clock.now();
  const hours = config.review.reannounceAfterHours;
  const stale = await staleForAnnouncement(db, now, hours * 3_600_000);
  if (stale.length === 0) return 0;
  const t = inLocale(translate, config.defaultLocale);
  const items = await db.submission.findMany({ where: { id: { in: stale.map((s) => s.id) } }, include: { kim: true }, orderBy: { confirmedAt: "asc" } });
  const text = [t("stale-announcement", { hours }), ...items.map((s) => queueLine(t, s, now))].join("\n");
  await db.$transaction(async (tx) => {
    await tx.submission.updateMany({ where: { id: { in: items.map((s) => s.id) } }, data: { lastAnnouncedAt: now } });
    await enqueue(tx, jobs.sendMessage, { chatId: String(config.adminChatId), text, disablePreview: true }, { priority: PRIORITY.decision });
  });
  return items.length;
}
