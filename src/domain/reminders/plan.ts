// Who gets this week's reminder, and recording the run so it happens once.
//
// Flow (the bot's scheduler calls runDueReminders at start and whenever the cron fires):
//   lastFinishedRunWeekKey → dueRun → planReminders → recordRun(enqueue)
// Exactly-once per week and KIM comes from the database, not from timing:
// - ReminderRun.weekKey is unique: the first caller claims the week;
// - ReminderSent (kimId, weekKey) is unique and inserted in the same transaction as the
//   outgoing messages (enqueue), so two processes or a double cron fire cannot both send to a
//   KIM, and a run that crashed half-way resumes with the KIMs it had not done.
import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../db/client.js";
import { dialectOf } from "../../db/dialect.js";
import { claimReminderRun, recordReminderSent } from "../../db/reminders.js";
import type { DbOrTx } from "../../db/types.js";
import { inactiveKims, inactivityCutoff, type InactiveKim } from "../activity/inactive.js";
import { compareNames } from "../activity/definitions.js";
import { dueRun, weekKeyFor, type DueDecision, type ReminderSchedule } from "./schedule.js";

export interface PlanOptions {
  now: Date;
  timeZone: string;
  /** Remind KIMs without a confirmed submission in this many days (see inactivityCutoff). */
  inactiveDays: number;
  /**
   * Also remind KIMs registered within the window (an admin's explicit "send now"); the weekly
   * schedule leaves them a first week of grace.
   */
  includeNew?: boolean;
}

export interface PlannedMember {
  memberId: number;
  telegramId: bigint;
  displayName: string;
  /** "id" | "en" */
  languageCode: string;
}

export interface PlannedKim {
  kimId: number;
  kimName: string;
  kecamatanId: number;
  kecamatanName: string;
  lastSubmissionAt: Date | null;
  daysSinceLast: number | null;
  /** Registered within the window (only planned with includeNew). */
  isNew: boolean;
  members: PlannedMember[];
}

export interface ReminderPlan {
  weekKey: string;
  now: Date;
  cutoff: Date;
  /** Inactive KIMs with at least one member to remind, sorted by kecamatan and name. */
  kims: PlannedKim[];
  /** Inactive KIMs left out, by reason (KIM ids). */
  skipped: {
    paused: number[];
    /** Created after the cutoff: not inactive yet, just new (never with includeNew). */
    isNew: number[];
    alreadySent: number[];
    /** No active member that has not blocked the bot. */
    noMembers: number[];
  };
}

/**
 * Plans this week's reminders: KIMs with no confirmed submission since the cutoff (the same rule
 * as the indicators), not paused, not created after the cutoff (unless includeNew), not already
 * reminded this week, with their active members who have not blocked the bot. Reads only.
 */
export async function planReminders(db: DbOrTx, opts: PlanOptions): Promise<ReminderPlan> {
  const weekKey = weekKeyFor(opts.now, opts.timeZone);
  const cutoff = inactivityCutoff(opts.now, opts.inactiveDays, opts.timeZone);
  const inactive = await inactiveKims(db, opts);
  const skipped: ReminderPlan["skipped"] = { paused: [], isNew: [], alreadySent: [], noMembers: [] };

  const sent = new Set((await db.reminderSent.findMany({ where: { weekKey }, select: { kimId: true } })).map((r) => r.kimId));
  const candidates = inactive.filter((k) => {
    if (k.paused) skipped.paused.push(k.kimId);
    else if (k.isNew && !opts.includeNew) skipped.isNew.push(k.kimId);
    else if (sent.has(k.kimId)) skipped.alreadySent.push(k.kimId);
    else return true;
    return false;
  });

  const membersByKim = new Map<number, PlannedMember[]>();
  const ids = candidates.map((k) => k.kimId);
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.member.findMany({
      where: { kimId: { in: ids.slice(i, i + 500) }, status: "active", blockedAt: null },
      select: { id: true, telegramId: true, displayName: true, languageCode: true, kimId: true },
      orderBy: { id: "asc" },
    });
    for (const m of rows) {
      if (m.kimId === null) continue;
      const list = membersByKim.get(m.kimId) ?? [];
      list.push({ memberId: m.id, telegramId: m.telegramId, displayName: m.displayName, languageCode: m.languageCode });
      membersByKim.set(m.kimId, list);
    }
  }

  const kims: PlannedKim[] = [];
  for (const k of candidates) {
    const members = membersByKim.get(k.kimId);
    if (!members?.length) {
      skipped.noMembers.push(k.kimId);
      continue;
    }
    kims.push({
      kimId: k.kimId,
      kimName: k.kimName,
      kecamatanId: k.kecamatanId,
      kecamatanName: k.kecamatanName,
      lastSubmissionAt: k.lastSubmissionAt,
      daysSinceLast: k.daysSinceLast,
      isNew: k.isNew,
      members,
    });
  }
  return { weekKey, now: opts.now, cutoff, kims, skipped };
}

/** Where a KIM stands for the reminder: it sent something since the cutoff, or why not. */
export type ReminderState = "active" | "inactive" | "new" | "paused";
export const REMINDER_STATES: readonly ReminderState[] = ["active", "inactive", "new", "paused"];

/** The state of an inactive KIM (paused first, as planReminders skips it first). */
function stateOf(k: InactiveKim): ReminderState {
  return k.paused ? "paused" : k.isNew ? "new" : "inactive";
}

export interface ReminderOverview {
  cutoff: Date;
  /** Every KIM counted once, in one state. */
  totals: Record<ReminderState, number>;
  /** Kecamatan that have KIMs, by name. */
  kecamatan: Array<{ kecamatanId: number; name: string; counts: Record<ReminderState, number> }>;
  /** KIMs registered within the window that sent nothing since (state "new"). */
  newKims: Array<{ kimId: number; kimName: string; kecamatanName: string }>;
  /** KIMs without an active member who can be reached (none, or all blocked the bot), whatever their state. */
  noMembers: Array<{ kimId: number; kimName: string; kecamatanName: string }>;
  /** Active members who blocked the bot, in KIMs a reminder was meant for (inactive; new with includeNew). */
  blockedMembers: number;
}

const zeroStates = (): Record<ReminderState, number> => ({ active: 0, inactive: 0, new: 0, paused: 0 });

/**
 * Every KIM in one state (the same rules as planReminders), per kecamatan and in total, with the
 * new KIMs and those nobody can be reached in: what the admins' summary of a run says.
 */
export async function reminderOverview(db: DbOrTx, opts: PlanOptions): Promise<ReminderOverview> {
  const cutoff = inactivityCutoff(opts.now, opts.inactiveDays, opts.timeZone);
  const inactive = new Map((await inactiveKims(db, opts)).map((k) => [k.kimId, k]));
  const kims = await db.kim.findMany({ select: { id: true, name: true, kecamatanId: true, kecamatan: { select: { name: true } } } });
  const reachable = new Set(
    (await db.member.findMany({ where: { status: "active", blockedAt: null, kimId: { not: null } }, distinct: ["kimId"], select: { kimId: true } })).map(
      (m) => m.kimId,
    ),
  );
  const totals = zeroStates();
  const byKec = new Map<number, ReminderOverview["kecamatan"][number]>();
  const newKims: ReminderOverview["newKims"] = [];
  const noMembers: ReminderOverview["noMembers"] = [];
  const meant: number[] = [];
  for (const k of kims) {
    const i = inactive.get(k.id);
    const state = i ? stateOf(i) : "active";
    totals[state]++;
    let kec = byKec.get(k.kecamatanId);
    if (!kec) byKec.set(k.kecamatanId, (kec = { kecamatanId: k.kecamatanId, name: k.kecamatan.name, counts: zeroStates() }));
    kec.counts[state]++;
    const row = { kimId: k.id, kimName: k.name, kecamatanName: k.kecamatan.name };
    if (state === "new") newKims.push(row);
    if (!reachable.has(k.id)) noMembers.push(row);
    if (state === "inactive" || (state === "new" && opts.includeNew)) meant.push(k.id);
  }
  const byName = (a: { kecamatanName: string; kimName: string }, b: { kecamatanName: string; kimName: string }) =>
    compareNames(a.kecamatanName, b.kecamatanName) || compareNames(a.kimName, b.kimName);
  let blockedMembers = 0;
  for (let i = 0; i < meant.length; i += 500) {
    blockedMembers += await db.member.count({ where: { status: "active", blockedAt: { not: null }, kimId: { in: meant.slice(i, i + 500) } } });
  }
  return {
    cutoff,
    totals,
    kecamatan: [...byKec.values()].sort((a, b) => compareNames(a.name, b.name)),
    newKims: newKims.sort(byName),
    noMembers: noMembers.sort(byName),
    blockedMembers,
  };
}

/** Called once per KIM inside the transaction that records its ReminderSent row: enqueue jobs with tx. */
export type EnqueueReminder = (tx: Prisma.TransactionClient, kim: PlannedKim, weekKey: string) => Promise<void>;

export interface RunSummary {
  weekKey: string;
  planned: number;
  sent: number;
  alreadySent: number;
  skipped: { paused: number; isNew: number; alreadySent: number; noMembers: number };
  catchUp?: boolean;
}

export interface RecordRunResult {
  weekKey: string;
  /** This call created the week's ReminderRun row. */
  claimed: boolean;
  /** The week's run had already finished: nothing was done. */
  alreadyFinished: boolean;
  /** KIM ids whose reminder was recorded (and enqueued) by this call. */
  sent: number[];
  /** KIM ids another run recorded first. */
  alreadySent: number[];
  summary: RunSummary | null;
}

/** KIMs recorded per transaction. */
const BATCH = 100;

/**
 * Claims the plan's week and records one ReminderSent per KIM, calling `enqueue` in the same
 * transaction for the KIMs this call recorded. Safe to call twice or from two processes: the
 * unique keys make every KIM reminded at most once a week. A week whose run already finished is
 * left alone; an unfinished one (a crash) is resumed.
 */
export async function recordRun(
  db: Db,
  opts: { plan: ReminderPlan; now: Date; enqueue?: EnqueueReminder; catchUp?: boolean; manual?: boolean },
): Promise<RecordRunResult> {
  const { plan, now } = opts;
  const weekKey = plan.weekKey;
  const d = dialectOf(db);
  const claimed = await claimReminderRun(db, d, weekKey, now);
  // An admin's "send now" (/pengingat kirim) reminds KIMs still unreminded even after the week's run.
  if (!claimed && !opts.manual) {
    const run = await db.reminderRun.findUnique({ where: { weekKey }, select: { finishedAt: true } });
    if (run?.finishedAt) {
      return { weekKey, claimed, alreadyFinished: true, sent: [], alreadySent: [], summary: null };
    }
  }

  const sent: number[] = [];
  const alreadySent: number[] = [];
  for (let i = 0; i < plan.kims.length; i += BATCH) {
    const batch = plan.kims.slice(i, i + BATCH);
    await db.$transaction(async (tx) => {
      for (const kim of batch) {
        if (await recordReminderSent(tx, d, kim.kimId, weekKey, now)) {
          if (opts.enqueue) await opts.enqueue(tx, kim, weekKey);
          sent.push(kim.kimId);
        } else {
          alreadySent.push(kim.kimId);
        }
      }
    });
  }

  const summary: RunSummary = {
    weekKey,
    planned: plan.kims.length,
    sent: sent.length,
    alreadySent: alreadySent.length,
    skipped: {
      paused: plan.skipped.paused.length,
      isNew: plan.skipped.isNew.length,
      alreadySent: plan.skipped.alreadySent.length,
      noMembers: plan.skipped.noMembers.length,
    },
    ...(opts.catchUp === undefined ? {} : { catchUp: opts.catchUp }),
  };
  // The first finisher writes the summary; a concurrent finisher leaves it.
  await db.reminderRun.updateMany({
    where: { weekKey, finishedAt: null },
    data: { finishedAt: now, summary: summary as unknown as Prisma.InputJsonValue },
  });
  return { weekKey, claimed, alreadyFinished: false, sent, alreadySent, summary };
}

/** Week key of the latest finished run, or null when there was none. */
export async function lastFinishedRunWeekKey(db: DbOrTx): Promise<string | null> {
  const run = await db.reminderRun.findFirst({
    where: { finishedAt: { not: null } },
    orderBy: { weekKey: "desc" },
    select: { weekKey: true },
  });
  return run?.weekKey ?? null;
}

export interface DueRunResult {
  decision: DueDecision;
  plan?: ReminderPlan;
  result?: RecordRunResult;
}

/** One scheduler tick: runs this week's reminders when due (including catch-up), otherwise nothing. */
export async function runDueReminders(
  db: Db,
  opts: PlanOptions & { schedule: ReminderSchedule; enqueue?: EnqueueReminder },
): Promise<DueRunResult> {
  const decision = dueRun(opts.now, await lastFinishedRunWeekKey(db), opts.schedule);
  if (!decision.due) return { decision };
  const plan = await planReminders(db, opts);
  const result = await recordRun(db, { plan, now: opts.now, enqueue: opts.enqueue, catchUp: decision.catchUp });
  return { decision, plan, result };
}
