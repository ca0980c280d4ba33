// The weekly summary gives exactly the report of the direct computation, for any period, after
// any sequence of changes made through the application's own code paths.
import { copyFileSync, cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../../src/db/client.js";
import { openDatabase } from "../../../src/db/client.js";
import { applyMigrations, migrationsDirFor } from "../../../src/db/migrate.js";
import { computeIndicators, type IndicatorReport } from "../../../src/domain/activity/indicators.js";
import { parsePeriod, periodFromRange, type Period } from "../../../src/domain/activity/periods.js";
import {
  checkActivitySummary,
  ensureActivitySummary,
  rebuildActivitySummary,
  SUMMARY_TRIGGERS,
  summaryState,
  summaryTimeZone,
} from "../../../src/domain/activity/summary.js";
import { DECIDED_STATUSES, FLAGGED_RISK_LEVELS, REJECTED_STATUSES } from "../../../src/domain/activity/definitions.js";
import { addDays, civilDateOf, formatCivil } from "../../../src/domain/activity/zoned.js";
import { decide, type Decision } from "../../../src/domain/review.js";
import { addAlbumItem, confirmDraft, createDraft, withdrawSubmission, type MediaInput } from "../../../src/domain/submissions.js";
import { mulberry32 } from "../../../src/random.js";
import { testDatabase, TEST_PROVIDER } from "../../support/temp-db.js";
import { addKim, addMember, freshDb } from "./fixture.js";

const DAY = 86_400_000;
const LIMITS = { perHour: 10_000, perDay: 10_000, minPhotoLongSide: 0 };
const ADMIN = { id: 42n, name: "Admin" };

interface World {
  db: Db;
  members: Array<{ memberId: number; kimId: number }>;
  rng: () => number;
  /** Latest instant an operation happened at. */
  clock: number;
  files: number;
}

const pick = <T>(rng: () => number, list: T[]): T | undefined => (list.length ? list[Math.floor(rng() * list.length)] : undefined);

function media(w: World, kind: MediaInput["kind"]): MediaInput {
  w.files++;
  return { kind, fileId: `f${w.files}`, fileUniqueId: `u${w.files}`, width: 1280, height: 960 };
}

async function ids(db: Db, status: string | string[]): Promise<Array<{ id: number; memberId: number }>> {
  return db.submission.findMany({ where: { status: { in: Array.isArray(status) ? status : [status] } }, select: { id: true, memberId: true } });
}

/**
 * One random change, made the way the bot makes it: a draft (text, photo, video, document or
 * album) confirmed, a decision, publishing or its failure, re-publishing (/terbitkan_ulang),
 * withdrawal, screening, a revision sent for a submission, and (rarely) changes no code path
 * makes today but a database allows: media added or removed after confirmation, a deleted row.
 */
async function step(w: World, now: Date): Promise<void> {
  const { db, rng } = w;
  const r = rng();
  const actor = { id: 7n, name: "Member" };
  if (r < 0.3) {
    const m = pick(rng, w.members)!;
    const kind = pick(rng, ["text", "text", "photo", "photo", "album", "video", "document"] as const)!;
    let id: number;
    if (kind === "album") {
      const group = `g${w.files}`;
      const n = 2 + Math.floor(rng() * 4);
      let first: number | undefined;
      for (let i = 0; i < n; i++) {
        const res = await addAlbumItem(db, { memberId: m.memberId, kimId: m.kimId, mediaGroupId: group, caption: i === 0 ? "Album" : "", media: media(w, rng() < 0.8 ? "photo" : "video") }, now);
        first ??= res.submissionId;
      }
      id = first!;
    } else {
      const d = await createDraft(db, { memberId: m.memberId, kimId: m.kimId, text: "Kegiatan warga", media: kind === "text" ? [] : [media(w, kind)] }, now);
      id = d.id;
    }
    // Most drafts are sent; some stay drafts and never count.
    if (rng() < 0.9) await confirmDraft(db, { submissionId: id, memberId: m.memberId, now, limits: LIMITS, actor });
  } else if (r < 0.55) {
    const s = pick(rng, await ids(db, "pending"));
    if (!s) return;
    const kinds: Decision[] = [{ kind: "approve" }, { kind: "approve" }, { kind: "approve" }, { kind: "reject", reason: "Kurang jelas" }, { kind: "hoax" }, { kind: "revision", note: "Tambah foto" }];
    await decide(db, { submissionId: s.id, decision: pick(rng, kinds)!, actor: ADMIN, now });
  } else if (r < 0.7) {
    // The publisher's two outcomes (src/bot/publisher.ts markPublished / markFailed).
    const s = pick(rng, await ids(db, "approved"));
    if (!s) return;
    if (rng() < 0.85) {
      await db.submission.update({ where: { id: s.id }, data: { status: "published", channelMessageId: s.id, publishedAt: now, version: { increment: 1 } } });
    } else {
      await db.submission.updateMany({ where: { id: s.id, status: "approved" }, data: { status: "publish_failed", version: { increment: 1 } } });
    }
  } else if (r < 0.74) {
    // /terbitkan_ulang (src/bot/features/review.ts), or a published post taken off the channel
    // after a re-check alert (src/domain/unpublish.ts).
    if (rng() < 0.7) {
      const s = pick(rng, await ids(db, "publish_failed"));
      if (s) await db.submission.updateMany({ where: { id: s.id, status: "publish_failed" }, data: { status: "approved", version: { increment: 1 } } });
    } else {
      const s = pick(rng, await ids(db, "published"));
      if (s) await db.submission.updateMany({ where: { id: s.id, status: "published" }, data: { status: "removed", version: { increment: 1 } } });
    }
  } else if (r < 0.8) {
    const s = pick(rng, await ids(db, ["pending", "revision"]));
    if (s) await withdrawSubmission(db, { submissionId: s.id, memberId: s.memberId, now, actor });
  } else if (r < 0.9) {
    // Screening sets the risk level after confirmation (src/bot/screening.ts), sometimes again.
    const s = pick(rng, await db.submission.findMany({ where: { confirmedAt: { not: null } }, select: { id: true }, orderBy: { id: "desc" }, take: 20 }));
    if (s) await db.submission.update({ where: { id: s.id }, data: { riskLevel: pick(rng, ["low", "medium", "high", null]), riskScore: rng() } });
  } else if (r < 0.96) {
    // A member sends the revision an admin asked for.
    const s = pick(rng, await db.submission.findMany({ where: { status: "revision" }, select: { id: true, memberId: true, kimId: true } }));
    if (!s) return;
    const d = await createDraft(db, { memberId: s.memberId, kimId: s.kimId, text: "Sudah diperbaiki", media: [media(w, "photo")], revisionOfId: s.id }, now);
    await confirmDraft(db, { submissionId: d.id, memberId: s.memberId, now, limits: LIMITS, actor });
  } else {
    const album = pick(rng, await db.submission.findMany({ where: { kind: "album", confirmedAt: { not: null } }, include: { media: true } }));
    if (!album) return;
    const x = rng();
    if (x < 0.4) {
      await db.submissionMedia.create({ data: { ...media(w, "photo"), submissionId: album.id, position: Math.max(-1, ...album.media.map((m) => m.position)) + 1 } });
    } else if (x < 0.8 && album.media.length > 0) {
      await db.submissionMedia.delete({ where: { id: album.media[0]!.id } });
    } else {
      await db.auditEvent.deleteMany({ where: { submissionId: album.id } });
      await db.submission.delete({ where: { id: album.id } });
    }
  }
}

async function world(db: Db, seed: number, start: Date): Promise<World> {
  const kec = await Promise.all(
    ["Sukamaju", "Mekarsari", "Tanjung"].map((name) => db.kecamatan.create({ data: { name, normName: name.toLowerCase() } })),
  );
  const members: World["members"] = [];
  for (let i = 0; i < 9; i++) {
    // Some KIMs are registered during the simulated time.
    const createdAt = new Date(start.getTime() + (i < 6 ? -30 * DAY : (i - 5) * 60 * DAY));
    const kimId = await addKim(db, kec[i % 3]!.id, `KIM ${i + 1}`, { createdAt });
    members.push({ kimId, memberId: await addMember(db, kimId, `Anggota ${i + 1}`) });
    if (i % 4 === 0) members.push({ kimId, memberId: await addMember(db, kimId, `Anggota ${i + 1}b`) });
  }
  // A KIM that never sends anything.
  await addKim(db, kec[0]!.id, "KIM Sepi", { createdAt: new Date(start.getTime() - 30 * DAY) });
  return { db, members, rng: mulberry32(seed), clock: start.getTime(), files: 0 };
}

/** Advances simulated time to `until`, making changes on the way; a busy KIM sends something every week. */
async function runUntil(w: World, until: number, opsPerDay: number): Promise<void> {
  while (w.clock < until) {
    w.clock = Math.min(until, w.clock + Math.floor((-Math.log(1 - w.rng()) * DAY) / opsPerDay) + 1);
    await step(w, new Date(w.clock));
    const busy = w.members[0]!;
    if (w.rng() < 1 / (opsPerDay * 2)) {
      const d = await createDraft(w.db, { memberId: busy.memberId, kimId: busy.kimId, text: "Rutin", media: [] }, new Date(w.clock));
      await confirmDraft(w.db, { submissionId: d.id, memberId: busy.memberId, now: new Date(w.clock), limits: LIMITS, actor: { id: 1n, name: "x" } });
    }
  }
}

/** The /laporan periods, random day ranges and ranges cut at arbitrary instants. */
function periods(now: Date, timeZone: string, rng: () => number, start: Date): Period[] {
  const out = ["minggu-ini", "4-minggu", "bulan-ini", "12-bulan", "2-minggu", "3-bulan"].map((spec) => parsePeriod(spec, now, timeZone));
  const today = civilDateOf(now, timeZone);
  out.push(parsePeriod(formatCivil(addDays(today, -45)).slice(0, 7), now, timeZone)); // a past month
  const span = Math.floor((now.getTime() - start.getTime()) / DAY) + 20;
  for (let i = 0; i < 5; i++) {
    const a = addDays(today, -Math.floor(rng() * span));
    const b = addDays(a, Math.floor(rng() * Math.min(400, span)));
    out.push(parsePeriod(`${formatCivil(a)}..${formatCivil(b)}`, now, timeZone));
  }
  for (let i = 0; i < 3; i++) {
    const from = now.getTime() - Math.floor(rng() * span * DAY);
    out.push(periodFromRange(new Date(from), new Date(from + Math.floor(rng() * 200 * DAY)), timeZone));
  }
  return out;
}

async function bothWays(db: Db, p: Period, now: Date, extra: { streakLookbackWeeks?: number } = {}) {
  const opts = { from: p.from, to: p.to, now, timeZone: p.timeZone, ...extra };
  const viaSummary = await computeIndicators(db, { ...opts, source: "summary" });
  const direct = await computeIndicators(db, { ...opts, source: "direct" });
  return { viaSummary, direct };
}

async function expectSameReports(db: Db, now: Date, timeZone: string, rng: () => number, start: Date): Promise<IndicatorReport[]> {
  const reports: IndicatorReport[] = [];
  for (const p of periods(now, timeZone, rng, start)) {
    const { viaSummary, direct } = await bothWays(db, p, now);
    expect(viaSummary, `${p.spec} at ${now.toISOString()}`).toEqual(direct);
    reports.push(direct);
  }
  return reports;
}

describe("activity summary kept by the database", () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await freshDb());
  });
  afterAll(async () => {
    await cleanup();
  });

  it("gives the direct computation's report, deep-equal, for every period after a random history", async () => {
    const tz = "Asia/Jakarta";
    expect(await summaryTimeZone(db)).toBe(tz); // filled by the migration
    const start = new Date("2025-08-04T02:00:00Z");
    const w = await world(db, 20261201, start);
    let last: IndicatorReport[] = [];
    // Checkpoints on different weekdays and hours, including Monday just after midnight.
    for (const at of ["2025-11-13T05:00:00Z", "2026-03-01T16:59:59Z", "2026-06-28T17:00:30Z", "2026-11-25T05:00:00Z"]) {
      await runUntil(w, new Date(at).getTime(), 3);
      last = await expectSameReports(db, new Date(at), tz, w.rng, start);
    }
    // The simulation produced what the figures are about.
    const year = last[3]!;
    expect(year.district.submissions).toBeGreaterThan(150);
    expect(year.district.published).toBeGreaterThan(50);
    expect(year.district.rejected).toBeGreaterThan(5);
    expect(year.district.flagged).toBeGreaterThan(5);
    expect(year.district.photos).toBeGreaterThan(year.district.submissions / 4);
    expect(year.district.medianDecisionHours).not.toBeNull();
    expect(Math.max(...year.kims.map((k) => k.streakWeeks))).toBeGreaterThan(8);
    expect(year.weekly.length).toBeGreaterThan(50);
    // A "now" before the newest submissions: what came later is not counted either way.
    await expectSameReports(db, new Date("2026-09-09T09:09:00Z"), tz, w.rng, start);
    const p = parsePeriod("4-minggu", new Date(w.clock), tz);
    const short = await bothWays(db, p, new Date(w.clock), { streakLookbackWeeks: 5 });
    expect(short.viaSummary).toEqual(short.direct);
    // The triggers left every row as a recomputation from scratch writes it.
    expect((await checkActivitySummary(db)).wrong).toEqual([]);
  }, 120_000);

  it("picks the summary by itself when it counts weeks in the report's zone", async () => {
    const now = new Date("2026-11-25T05:00:00Z");
    const p = parsePeriod("12-bulan", now, "Asia/Jakarta");
    const auto = await computeIndicators(db, { from: p.from, to: p.to, now, timeZone: "Asia/Jakarta" });
    expect(auto).toEqual(await computeIndicators(db, { from: p.from, to: p.to, now, timeZone: "Asia/Jakarta", source: "direct" }));
    await expect(computeIndicators(db, { from: p.from, to: p.to, now, timeZone: "Asia/Makassar", source: "summary" })).rejects.toThrow(/Asia\/Jakarta/);
  });

  it("finds a damaged row and a rebuild repairs it", async () => {
    const [row] = await db.$queryRaw<Array<{ kimId: number; block: number }>>`SELECT "kimId", "block" FROM "ActivityKimBlock" LIMIT 1`;
    await db.$executeRaw`UPDATE "ActivityKimBlock" SET "detail" = '1,1,1,1,1,1,1,1' WHERE "kimId" = ${row!.kimId} AND "block" = ${row!.block}`;
    const check = await checkActivitySummary(db);
    expect(check.wrong).toEqual([{ kimId: Number(row!.kimId), block: Number(row!.block) }]);
    // Checking changed nothing.
    expect((await checkActivitySummary(db)).wrong).toHaveLength(1);
    const rebuilt = await rebuildActivitySummary(db, "Asia/Jakarta");
    expect(rebuilt.blocks).toBe(check.blocks);
    expect((await checkActivitySummary(db)).wrong).toEqual([]);
  });
});

/**
 * The database's triggers and the SQL that recomputes a block: SQLite keeps the trigger's text,
 * PostgreSQL the body of its trigger function.
 */
async function triggerDefinitions(db: Db): Promise<{ names: string[]; recompute: string }> {
  if (TEST_PROVIDER === "postgresql") {
    const names = await db.$queryRaw<Array<{ name: string }>>`SELECT "tgname"::text AS "name" FROM pg_trigger WHERE NOT "tgisinternal"`;
    const [fn] = await db.$queryRaw<Array<{ body: string }>>`SELECT "prosrc" AS "body" FROM pg_proc WHERE "proname" = 'ActivitySummaryRecompute_run'`;
    return { names: names.map((r) => r.name), recompute: fn?.body ?? "" };
  }
  const rows = await db.$queryRaw<Array<{ name: string; sql: string }>>`SELECT "name", "sql" FROM sqlite_master WHERE "type" = 'trigger'`;
  return { names: rows.map((r) => r.name), recompute: rows.find((r) => r.name === "ActivitySummaryRecompute_run")?.sql ?? "" };
}

describe("the summary's triggers", () => {
  it("exist after every migration, and count the statuses and risk levels sql.ts counts", async () => {
    const { db, cleanup } = await freshDb();
    try {
      expect((await summaryState(db)).missingTriggers).toEqual([]);
      const { names, recompute } = await triggerDefinitions(db);
      expect(names.sort()).toEqual(expect.arrayContaining([...SUMMARY_TRIGGERS].sort()));
      // A status added to sql.ts without a migration that re-creates the trigger fails here.
      const list = (xs: readonly string[]) => `IN (${xs.map((x) => `'${x}'`).join(", ")})`;
      expect(recompute).toContain(`s."status" ${list(DECIDED_STATUSES)} THEN 1 ELSE 0 END AS "decided"`);
      expect(recompute).toContain(`s."status" ${list(REJECTED_STATUSES)} THEN 1 ELSE 0 END AS "rejected"`);
      expect(recompute).toContain(`s."riskLevel" ${list(FLAGGED_RISK_LEVELS)} THEN 1 ELSE 0 END AS "flagged"`);
    } finally {
      await cleanup();
    }
  });

  it("are checked before the summary is read: without one, the report comes from the submissions", async () => {
    const { db, cleanup } = await freshDb();
    try {
      const start = new Date("2026-09-07T03:00:00Z");
      const w = await world(db, 5, start);
      await runUntil(w, new Date("2026-11-25T05:00:00Z").getTime(), 2);
      if (TEST_PROVIDER === "postgresql") {
        // A disabled trigger keeps nothing current either.
        await db.$executeRawUnsafe(`ALTER TABLE "Submission" DISABLE TRIGGER "Submission_activity_update"`);
        expect((await summaryState(db)).missingTriggers).toEqual(["Submission_activity_update"]);
        await db.$executeRawUnsafe(`ALTER TABLE "Submission" ENABLE TRIGGER "Submission_activity_update"`);
        expect((await summaryState(db)).missingTriggers).toEqual([]);
      }
      // What a later migration that rebuilds the table would do.
      await db.$executeRawUnsafe(`DROP TRIGGER "Submission_activity_update"${TEST_PROVIDER === "postgresql" ? ` ON "Submission"` : ""}`);
      expect((await summaryState(db)).missingTriggers).toEqual(["Submission_activity_update"]);
      const now = new Date("2026-11-25T05:00:00Z");
      const p = parsePeriod("12-bulan", now, "Asia/Jakarta");
      const opts = { from: p.from, to: p.to, now, timeZone: "Asia/Jakarta" };
      await expect(computeIndicators(db, { ...opts, source: "summary" })).rejects.toThrow(/Submission_activity_update/);
      expect(await computeIndicators(db, opts)).toEqual(await computeIndicators(db, { ...opts, source: "direct" }));
      expect((await checkActivitySummary(db)).missingTriggers).toEqual(["Submission_activity_update"]);
    } finally {
      await cleanup();
    }
  }, 60_000);
});

// SQLite has one writer at a time; PostgreSQL runs the transactions of several handlers (and
// instances) at once, and its triggers must still see every submission.
if (TEST_PROVIDER === "postgresql") {
  describe("the summary's triggers on PostgreSQL, with concurrent writers", () => {
    it("count two submissions of one KIM confirmed in two transactions at the same time", async () => {
      const { db, url, cleanup } = await freshDb();
      const other = await openDatabase(url);
      try {
        const kec = await db.kecamatan.create({ data: { name: "Sukamaju", normName: "sukamaju" } });
        const kimId = await addKim(db, kec.id, "KIM Ramai");
        const memberId = await addMember(db, kimId, "Anggota");
        const at = new Date("2026-11-24T03:00:00Z");
        const drafts = await Promise.all(
          [0, 1].map((i) => createDraft(db, { memberId, kimId, text: `Kegiatan ${i}`, media: [] }, new Date(at.getTime() + i * 60_000))),
        );
        const confirm = (tx: Pick<Db, "submission">, i: number) =>
          tx.submission.update({ where: { id: drafts[i]!.id }, data: { status: "pending", confirmedAt: new Date(at.getTime() + i * 60_000) } });
        let release!: () => void;
        const held = new Promise<void>((r) => (release = r));
        let confirmedFirst!: () => void;
        const firstDone = new Promise<void>((r) => (confirmedFirst = r));
        // The first transaction stays open after its trigger ran; the second confirms meanwhile.
        const first = db.$transaction(async (tx) => {
          await confirm(tx, 0);
          confirmedFirst();
          await held;
        });
        await firstDone;
        const second = other.$transaction(async (tx) => confirm(tx, 1));
        await new Promise((r) => setTimeout(r, 300));
        release();
        await expect(Promise.all([first, second])).resolves.toBeDefined();
        const [row] = await db.$queryRaw<Array<{ detail: string }>>`SELECT "detail" FROM "ActivityKimBlock" WHERE "kimId" = ${kimId}`;
        expect(row?.detail.split(",")[1]).toBe("2");
        expect((await checkActivitySummary(db)).wrong).toEqual([]);
      } finally {
        await other.$disconnect();
        await cleanup();
      }
    });
  });
}

describe("activity summary in a zone with summer time", () => {
  it("rebuilds for BOT_TIMEZONE and still equals the direct computation across DST changes", async () => {
    const { db, cleanup } = await freshDb();
    try {
      const tz = "Europe/Berlin";
      const start = new Date("2025-09-01T10:00:00Z");
      const w = await world(db, 7, start);
      await runUntil(w, new Date("2025-12-01T00:00:00Z").getTime(), 3);
      // Built for Asia/Jakarta by the migration: not used for Berlin until rebuilt.
      expect(await summaryTimeZone(db)).toBe("Asia/Jakarta");
      expect((await ensureActivitySummary(db, tz))?.timeZone).toBe(tz);
      expect(await ensureActivitySummary(db, tz)).toBeNull();
      // Changes after the rebuild are kept in Berlin weeks too, across the end of summer time.
      await runUntil(w, new Date("2026-11-04T12:00:00Z").getTime(), 2);
      for (const at of ["2026-03-29T00:30:00Z", "2026-10-25T01:30:00Z", "2026-11-04T12:00:00Z"]) {
        await expectSameReports(db, new Date(at), tz, w.rng, start);
      }
      expect((await checkActivitySummary(db)).wrong).toEqual([]);
    } finally {
      await cleanup();
    }
  }, 120_000);
});

describe("the migration fills the summary for rows stored before it", () => {
  it("counts submissions that existed when the summary was added", async () => {
    const t = await testDatabase({ migrated: false });
    const migrations = migrationsDirFor(t.url);
    const all = readdirSync(migrations).filter((d) => /^\d{14}_/.test(d)).sort();
    // SQLite: the migration with the summary's tables and triggers; PostgreSQL: the one adding its triggers.
    const own = all.findIndex((d) => d.endsWith(TEST_PROVIDER === "postgresql" ? "_activity_summary_triggers" : "_activity_summary"));
    expect(own).toBeGreaterThanOrEqual(0);
    const dir = mkdtempSync(path.join(tmpdir(), "jedikim-migrations-"));
    try {
      // The database without the summary's migration (the later ones are there: today's code writes their columns).
      copyFileSync(path.join(migrations, "migration_lock.toml"), path.join(dir, "migration_lock.toml"));
      for (const d of all.filter((_, i) => i !== own)) cpSync(path.join(migrations, d), path.join(dir, d), { recursive: true });
      await applyMigrations(t.url, dir);
      let db = await openDatabase(t.url);
      const start = new Date("2026-01-05T03:00:00Z");
      const w = await world(db, 99, start);
      await runUntil(w, new Date("2026-06-10T03:00:00Z").getTime(), 2);
      await db.$disconnect();

      expect(await applyMigrations(t.url)).toContain(all[own]);
      db = await openDatabase(t.url);
      try {
        const now = new Date("2026-06-10T03:00:00Z");
        const p = parsePeriod("12-bulan", now, "Asia/Jakarta");
        const { viaSummary, direct } = await bothWays(db, p, now);
        expect(direct.district.submissions).toBeGreaterThan(50);
        expect(viaSummary).toEqual(direct);
        expect((await checkActivitySummary(db)).wrong).toEqual([]);
      } finally {
        await db.$disconnect();
      }
    } finally {
      await t.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
