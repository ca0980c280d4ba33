import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/clock.js";
import { enqueue } from "../../../src/queue/jobs.js";
import { jobs } from "../../../src/queue/kinds.js";
import {
  lastFinishedRunWeekKey,
  planReminders,
  recordRun,
  reminderOverview,
  runDueReminders,
  type EnqueueReminder,
  type PlannedKim,
} from "../../../src/domain/reminders/plan.js";
import { DEFAULT_REMINDER_CRON } from "../../../src/domain/reminders/schedule.js";
import { createI18n, translator } from "../../../src/bot/i18n.js";
import { ReminderScheduler } from "../../../src/bot/reminders.js";
import { parseConfig } from "../../../src/config.js";
import { createLogger } from "../../../src/logger.js";
import { addKim, buildFixture, freshDb, NOW, TZ, type Fixture } from "./fixture.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function fixture(): Promise<Fixture> {
  const f = await buildFixture();
  cleanups.push(f.cleanup);
  return f;
}

const schedule = { cron: DEFAULT_REMINDER_CRON, timeZone: TZ };
const opts = { timeZone: TZ, inactiveDays: 14, schedule };

/** An enqueue that writes one real message job per member, in the caller's transaction. */
function recorder() {
  const calls: Array<{ kimId: number; weekKey: string }> = [];
  const fn: EnqueueReminder = async (tx, kim: PlannedKim, weekKey) => {
    calls.push({ kimId: kim.kimId, weekKey });
    for (const m of kim.members) {
      await enqueue(tx, jobs.sendMessage, { chatId: String(m.telegramId), text: `Halo ${kim.kimName}`, memberId: m.memberId }, { dedupeKey: `reminder:${weekKey}:${m.memberId}` });
    }
  };
  return { calls, fn };
}

describe("reminder plan", () => {
  it("reminds inactive KIMs through their active, unblocked members; skips paused, new and unreachable KIMs", async () => {
    const f = await fixture();
    const plan = await planReminders(f.db, { now: NOW, timeZone: TZ, inactiveDays: 14 });
    expect(plan.weekKey).toBe("2026-W48");
    expect(plan.cutoff.toISOString()).toBe("2026-11-10T17:00:00.000Z");
    expect(plan.kims.map((k) => [k.kimName, k.members.map((m) => m.memberId)])).toEqual([
      ["Epsilon", [f.member.epsilon]], // not the blocked nor the removed member
      ["Beta", [f.member.beta]],
      ["Gamma", [f.member.gamma, f.member.gammaEn]],
    ]);
    expect(plan.kims[2]!.members[1]).toMatchObject({ languageCode: "en", displayName: "Dewi" });
    expect(typeof plan.kims[0]!.members[0]!.telegramId).toBe("bigint");
    expect(plan.skipped).toEqual({ paused: [f.kim.delta], isNew: [f.kim.zeta], alreadySent: [], noMembers: [f.kim.eta] });
  });

  it("includes a paused KIM again once its pause is over", async () => {
    const f = await fixture();
    await f.db.kim.update({ where: { id: f.kim.delta }, data: { pausedUntil: new Date("2026-11-24T00:00:00Z") } });
    const plan = await planReminders(f.db, { now: NOW, timeZone: TZ, inactiveDays: 14 });
    expect(plan.kims.map((k) => k.kimName)).toContain("Delta");
    expect(plan.skipped.paused).toEqual([]);
  });
});

describe("what the admins' summary counts", () => {
  it("puts every KIM in one state and counts the new ones and those nobody can be reached in", async () => {
    const f = await fixture();
    // A KIM without any member, registered long ago.
    const empty = await addKim(f.db, f.kecamatan.sukamaju, "Kosong");
    const o = await reminderOverview(f.db, { now: NOW, timeZone: TZ, inactiveDays: 14 });
    expect(o.totals).toEqual({ active: 1, inactive: 5, new: 1, paused: 1 });
    expect(o.kecamatan.map((k) => [k.name, k.counts])).toEqual([
      ["Mekarsari", { active: 0, inactive: 2, new: 1, paused: 1 }],
      ["Sukamaju", { active: 1, inactive: 3, new: 0, paused: 0 }], // Alpha; Beta, Gamma, Kosong
    ]);
    expect(o.newKims.map((k) => k.kimName)).toEqual(["Zeta"]);
    // Eta's only member blocked the bot; Kosong has none.
    expect(o.noMembers.map((k) => k.kimId)).toEqual([f.kim.eta, empty]);
    expect(o.blockedMembers).toBe(2); // Epsilon's Gita and Eta's Indra
  });

  it("plans new KIMs too when an admin asks (includeNew), never on the weekly schedule", async () => {
    const f = await fixture();
    const weekly = await planReminders(f.db, { now: NOW, timeZone: TZ, inactiveDays: 14 });
    expect(weekly.kims.map((k) => k.kimName)).not.toContain("Zeta");
    const asked = await planReminders(f.db, { now: NOW, timeZone: TZ, inactiveDays: 14, includeNew: true });
    expect(asked.kims.find((k) => k.kimName === "Zeta")).toMatchObject({ isNew: true, members: [{ memberId: f.member.zeta }] });
    expect(asked.skipped.isNew).toEqual([]);
  });
});

describe("a fresh install without KIMs", () => {
  it("runs no week and says \"Belum ada KIM\" once in the log", async () => {
    const { db, cleanup } = await freshDb();
    cleanups.push(cleanup);
    const lines: string[] = [];
    const logger = createLogger({ level: "info", destination: { write: (l: string) => void lines.push(l) } });
    const config = parseConfig({ BOT_TOKEN: "1:test", ADMIN_CHAT_ID: "-1001", DATABASE_URL: "file:unused.db", REMINDER_CRON: DEFAULT_REMINDER_CRON });
    const i18n = createI18n("id");
    const clock = new ManualClock("2026-11-30T03:00:00Z"); // Monday 10:00 WIB, after the run time
    const scheduler = new ReminderScheduler({ db, config, clock, logger, translate: translator(i18n), wakeJobs: () => undefined });
    expect(await scheduler.tick()).toBeUndefined();
    clock.advance(60_000);
    expect(await scheduler.tick()).toBeUndefined();
    expect(lines.filter((l) => l.includes("Belum ada KIM"))).toHaveLength(1);
    expect(await db.reminderRun.count()).toBe(0);
    expect(await db.job.count()).toBe(0);
  });
});

describe("weekly run", () => {
  it("runs once a week: a second run in the same week plans and sends nothing", async () => {
    const f = await fixture();
    const clock = new ManualClock(NOW);
    const rec = recorder();
    const first = await runDueReminders(f.db, { ...opts, now: clock.now(), enqueue: rec.fn });
    expect(first.decision).toMatchObject({ due: true, weekKey: "2026-W48" });
    expect(first.result).toMatchObject({ claimed: true, alreadyFinished: false, sent: [f.kim.epsilon, f.kim.beta, f.kim.gamma] });
    expect(rec.calls.map((c) => c.kimId)).toEqual([f.kim.epsilon, f.kim.beta, f.kim.gamma]);
    expect(await f.db.job.count()).toBe(4);

    clock.advance(60 * 60 * 1000);
    const second = await runDueReminders(f.db, { ...opts, now: clock.now(), enqueue: rec.fn });
    expect(second.decision).toMatchObject({ due: false, reason: "already-ran" });
    expect(second.plan).toBeUndefined();

    // Even planning and recording by hand again gives nothing new.
    const plan = await planReminders(f.db, { now: clock.now(), timeZone: TZ, inactiveDays: 14 });
    expect(plan.kims).toEqual([]);
    expect(plan.skipped.alreadySent.sort()).toEqual([f.kim.beta, f.kim.gamma, f.kim.epsilon].sort());
    expect(await recordRun(f.db, { plan: first.plan!, now: clock.now(), enqueue: rec.fn })).toMatchObject({ alreadyFinished: true, sent: [] });

    expect(rec.calls).toHaveLength(3);
    expect(await f.db.reminderSent.count()).toBe(3);
    expect(await f.db.job.count()).toBe(4);
    const run = await f.db.reminderRun.findUniqueOrThrow({ where: { weekKey: "2026-W48" } });
    expect(run.finishedAt).toEqual(NOW);
    expect(run.summary).toMatchObject({ planned: 3, sent: 3, catchUp: true, skipped: { paused: 1, isNew: 1, noMembers: 1 } });
    expect(await lastFinishedRunWeekKey(f.db)).toBe("2026-W48");
  });

  it("never sends twice when two processes record the same week at once", async () => {
    const f = await fixture();
    const plan = await planReminders(f.db, { now: NOW, timeZone: TZ, inactiveDays: 14 });
    const a = recorder();
    const b = recorder();
    const [ra, rb] = await Promise.all([
      recordRun(f.db, { plan, now: NOW, enqueue: a.fn }),
      recordRun(f.db, { plan, now: NOW, enqueue: b.fn }),
    ]);
    expect([ra.claimed, rb.claimed].sort()).toEqual([false, true]);
    expect([...ra.sent, ...rb.sent].sort()).toEqual([f.kim.beta, f.kim.gamma, f.kim.epsilon].sort());
    expect(a.calls.length + b.calls.length).toBe(3);
    expect(await f.db.reminderSent.count()).toBe(3);
    expect(await f.db.job.count()).toBe(4);
    expect(await f.db.reminderRun.count()).toBe(1);
  });

  it("catches up a missed Monday run once the bot is back, then runs on time the next week", async () => {
    const f = await fixture();
    const rec = recorder();
    // Monday 23 Nov 07:30 WIB: before the scheduled time.
    const clock = new ManualClock("2026-11-23T00:30:00Z");
    expect((await runDueReminders(f.db, { ...opts, now: clock.now(), enqueue: rec.fn })).decision).toMatchObject({
      due: false,
      reason: "not-yet",
    });
    // The bot was down from then until Wednesday noon.
    clock.set(NOW);
    const caughtUp = await runDueReminders(f.db, { ...opts, now: clock.now(), enqueue: rec.fn });
    expect(caughtUp.decision).toMatchObject({ due: true, reason: "catch-up", catchUp: true, weekKey: "2026-W48" });
    expect(caughtUp.decision.scheduledAt).toEqual(new Date("2026-11-23T01:00:00Z"));
    expect(caughtUp.result!.sent).toHaveLength(3);

    // Monday 30 Nov 08:00 WIB: the next week's run, on time, to the KIMs still inactive.
    clock.set("2026-11-30T01:00:00Z");
    const next = await runDueReminders(f.db, { ...opts, now: clock.now(), enqueue: rec.fn });
    expect(next.decision).toMatchObject({ due: true, reason: "on-time", weekKey: "2026-W49" });
    // Zeta (created 20 Nov) is still newer than this week's cutoff (16 Nov).
    expect(next.result!.sent.sort()).toEqual([f.kim.beta, f.kim.gamma, f.kim.epsilon].sort());
    expect(next.plan!.skipped.isNew).toEqual([f.kim.zeta]);
    expect(rec.calls.filter((c) => c.weekKey === "2026-W49")).toHaveLength(3);
    expect(await f.db.reminderSent.count()).toBe(6);
  });

  it("resumes a run that crashed half-way without re-sending", async () => {
    const f = await fixture();
    await f.db.reminderRun.create({ data: { weekKey: "2026-W48", startedAt: new Date("2026-11-23T01:00:00Z") } });
    await f.db.reminderSent.create({ data: { kimId: f.kim.beta, weekKey: "2026-W48", createdAt: new Date("2026-11-23T01:00:01Z") } });
    const rec = recorder();
    const r = await runDueReminders(f.db, { ...opts, now: NOW, enqueue: rec.fn });
    expect(r.decision.due).toBe(true);
    expect(r.plan!.skipped.alreadySent).toEqual([f.kim.beta]);
    expect(r.result).toMatchObject({ claimed: false, alreadyFinished: false, sent: [f.kim.epsilon, f.kim.gamma] });
    expect(rec.calls.map((c) => c.kimId)).toEqual([f.kim.epsilon, f.kim.gamma]);
    expect((await f.db.reminderRun.findUniqueOrThrow({ where: { weekKey: "2026-W48" } })).finishedAt).toEqual(NOW);
  });

  it("rolls back the ReminderSent row when enqueueing fails, so the KIM is tried again", async () => {
    const f = await fixture();
    const plan = await planReminders(f.db, { now: NOW, timeZone: TZ, inactiveDays: 14 });
    await expect(
      recordRun(f.db, {
        plan,
        now: NOW,
        enqueue: async () => {
          throw new Error("queue down");
        },
      }),
    ).rejects.toThrow("queue down");
    expect(await f.db.reminderSent.count()).toBe(0);
    const rec = recorder();
    const again = await runDueReminders(f.db, { ...opts, now: NOW, enqueue: rec.fn });
    expect(again.result!.sent).toHaveLength(3);
  });
});
