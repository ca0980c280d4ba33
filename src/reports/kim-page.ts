// The dashboard's page of one KIM (issue 13): who its members are, its activity week by week,
// its last submissions with their state and channel links, the reminders it got, and its pause.
// Names of members are shown to admins only: the HTTP layer serves this behind the admin check.
import type { DbOrTx } from "../db/types.js";
import { weekIndexOf, weekOfIndex } from "../domain/activity/periods.js";
import { formatCivil, formatLocalDateTime } from "../domain/activity/zoned.js";

export interface KimPage {
  id: number;
  name: string;
  kecamatan: string;
  desa: string | null;
  members: Array<{ name: string; status: string; joinedAt: string | null }>;
  /** Every week of the period, oldest first, with confirmed and published items. */
  weekly: Array<{ week: string; submissions: number; published: number }>;
  submissions: Array<{ number: number | null; kind: string; status: string; confirmedAt: string | null; url: string | null; excerpt: string }>;
  reminders: Array<{ week: string; sentAt: string }>;
  pause: { until: string; reason: string | null } | null;
}

const LAST_SUBMISSIONS = 20;
const LAST_REMINDERS = 12;
/** "Paused until 9999-12-31" is how an open-ended /jeda is stored. */
const OPEN_ENDED_YEAR = 9999;

function excerpt(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

async function weeklyActivity(db: DbOrTx, kimId: number, period: { from: Date; to: Date; now: Date; timeZone: string }) {
  const upper = new Date(Math.min(period.to.getTime(), period.now.getTime() + 1));
  const rows = await db.submission.findMany({
    where: { kimId, confirmedAt: { gte: period.from, lt: upper } },
    select: { confirmedAt: true, status: true },
  });
  const first = weekIndexOf(period.from, period.timeZone);
  const last = weekIndexOf(new Date(upper.getTime() - 1), period.timeZone);
  const weeks = new Map<number, { submissions: number; published: number }>();
  for (let w = first; w <= last; w++) weeks.set(w, { submissions: 0, published: 0 });
  for (const r of rows) {
    const w = weeks.get(weekIndexOf(r.confirmedAt!, period.timeZone));
    if (!w) continue;
    w.submissions++;
    if (r.status === "published") w.published++;
  }
  return [...weeks].map(([index, w]) => ({ week: formatCivil(weekOfIndex(index, period.timeZone).monday), ...w }));
}

export async function kimPage(db: DbOrTx, kimId: number, period: { from: Date; to: Date; now: Date; timeZone: string }): Promise<KimPage | undefined> {
  const kim = await db.kim.findUnique({
    where: { id: kimId },
    include: {
      kecamatan: { select: { name: true } },
      desa: { select: { name: true } },
      members: { where: { status: { in: ["active", "pending"] } }, orderBy: { displayName: "asc" }, select: { displayName: true, status: true, joinedAt: true } },
    },
  });
  if (!kim) return undefined;
  const tz = period.timeZone;
  const [weekly, submissions, reminders] = await Promise.all([
    weeklyActivity(db, kimId, period),
    db.submission.findMany({
      where: { kimId, confirmedAt: { not: null } },
      orderBy: [{ confirmedAt: "desc" }, { id: "desc" }],
      take: LAST_SUBMISSIONS,
      select: { number: true, kind: true, status: true, confirmedAt: true, publishedUrl: true, text: true },
    }),
    db.reminderSent.findMany({ where: { kimId }, orderBy: { createdAt: "desc" }, take: LAST_REMINDERS }),
  ]);
  const paused = kim.pausedUntil && kim.pausedUntil.getTime() > period.now.getTime() ? kim.pausedUntil : null;
  return {
    id: kim.id,
    name: kim.name,
    kecamatan: kim.kecamatan.name,
    desa: kim.desa?.name ?? null,
    members: kim.members.map((m) => ({ name: m.displayName, status: m.status, joinedAt: m.joinedAt ? formatLocalDateTime(m.joinedAt, tz) : null })),
    weekly,
    submissions: submissions.map((s) => ({
      number: s.number,
      kind: s.kind,
      status: s.status,
      confirmedAt: s.confirmedAt ? formatLocalDateTime(s.confirmedAt, tz) : null,
      // Only a post still in the channel has a link worth following.
      url: s.status === "published" ? s.publishedUrl : null,
      excerpt: excerpt(s.text),
    })),
    reminders: reminders.map((r) => ({ week: r.weekKey, sentAt: formatLocalDateTime(r.createdAt, tz) })),
    pause: paused
      ? { until: paused.getUTCFullYear() >= OPEN_ENDED_YEAR ? "" : formatLocalDateTime(new Date(paused.getTime() - 1), tz).slice(0, 10), reason: kim.pausedReason }
      : null,
  };
}
