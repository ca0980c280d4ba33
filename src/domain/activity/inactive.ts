// KIMs that went quiet: the list behind the weekly reminder and the "tidak aktif" admin view.
import type { DbOrTx } from "../../db/types.js";
import { kimRoster } from "../../db/activity/roster.js";
import { compareNames } from "./definitions.js";
import { addDays, civilDateOf, startOfLocalDay } from "./zoned.js";

export interface InactiveOptions {
  now: Date;
  /** A KIM is inactive after this many days without a confirmed submission. */
  inactiveDays: number;
  timeZone: string;
}

export interface InactiveKim {
  kimId: number;
  kimName: string;
  kecamatanId: number;
  kecamatanName: string;
  isSample: boolean;
  /** Last confirmed submission (up to now), or null when the KIM never sent anything. */
  lastSubmissionAt: Date | null;
  /** Whole days since the last submission, or null. */
  daysSinceLast: number | null;
  /** pausedUntil is in the future: no reminders. */
  paused: boolean;
  pausedUntil: Date | null;
  /** Created after the cutoff: too new to call inactive for reminders (still listed). */
  isNew: boolean;
  createdAt: Date;
}

/**
 * Start of the activity window: local midnight `inactiveDays` days before today. With
 * inactiveDays = 7 and now = Monday 08:00, the window is the whole previous week plus today so
 * far. Calendar days in the zone, so the result does not depend on the hour the check runs.
 */
export function inactivityCutoff(now: Date, inactiveDays: number, timeZone: string): Date {
  if (!Number.isInteger(inactiveDays) || inactiveDays < 1) throw new RangeError("inactiveDays must be a whole number ≥ 1");
  return startOfLocalDay(addDays(civilDateOf(now, timeZone), -inactiveDays), timeZone);
}

/** The one rule reminders and indicators share: no confirmed submission at or after the cutoff. */
export function isInactive(lastSubmissionAt: Date | null, cutoff: Date): boolean {
  return lastSubmissionAt === null || lastSubmissionAt.getTime() < cutoff.getTime();
}

/**
 * KIMs without a confirmed submission in the last `inactiveDays` days (see inactivityCutoff),
 * sorted by kecamatan and name. Paused and new KIMs are included and marked.
 */
export async function inactiveKims(db: DbOrTx, opts: InactiveOptions): Promise<InactiveKim[]> {
  const cutoff = inactivityCutoff(opts.now, opts.inactiveDays, opts.timeZone);
  const now = opts.now.getTime();
  const roster = await kimRoster(db, new Date(now + 1), cutoff);
  return roster
    .filter((k) => isInactive(k.lastSubmissionAt, cutoff))
    .map((k) => ({
      kimId: k.kimId,
      kimName: k.kimName,
      kecamatanId: k.kecamatanId,
      kecamatanName: k.kecamatanName,
      isSample: k.isSample,
      lastSubmissionAt: k.lastSubmissionAt,
      daysSinceLast: k.lastSubmissionAt ? Math.floor((now - k.lastSubmissionAt.getTime()) / 86_400_000) : null,
      paused: k.pausedUntil !== null && k.pausedUntil.getTime() > now,
      pausedUntil: k.pausedUntil,
      isNew: k.createdAt.getTime() >= cutoff.getTime(),
      createdAt: k.createdAt,
    }))
    .sort((a, b) => compareNames(a.kecamatanName, b.kecamatanName) || compareNames(a.kimName, b.kimName) || a.kimId - b.kimId);
}
