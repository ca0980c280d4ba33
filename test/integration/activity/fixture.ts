// A small district with hand-countable activity, in a fresh database (a SQLite file, or a
// PostgreSQL database with TEST_DATABASE=postgresql).
//
// "Now" is Wednesday 2026-11-25 12:00 WIB (05:00Z), in ISO week 2026-W48 (Mon 23 – Sun 29 Nov).
// The 4-week period is W45-W48: 2026-11-02 00:00 WIB to 2026-11-30 00:00 WIB.
//
// Kecamatan Sukamaju
//   Alpha    active every week; submissions on both sides of a UTC day boundary
//   Beta     active only in W45 (and once in October)
//   Gamma    never sent anything; two members (one English)
// Kecamatan Mekarsari
//   Delta    paused until 31 Dec; last sent 1 Sep
//   Epsilon  one withdrawn document in W45; one active, one blocked and one removed member
//   Eta      never sent anything; its only member blocked the bot
//   Zeta     created 20 Nov (after the reminder cutoff), never sent anything
import { copyFileSync } from "node:fs";
import type { Db } from "../../../src/db/client.js";
import { openDatabase } from "../../../src/db/client.js";
import { applyMigrations } from "../../../src/db/migrate.js";
import { tempDatabase, testDatabase, TEST_PROVIDER } from "../../support/temp-db.js";

export const TZ = "Asia/Jakarta";
export const NOW = new Date("2026-11-25T05:00:00Z");
export const PERIOD_FROM = new Date("2026-11-01T17:00:00Z");
export const PERIOD_TO = new Date("2026-11-29T17:00:00Z");

/** Wall-clock time in Jakarta (UTC+7, no DST). */
export const wib = (month: number, day: number, hour: number, minute = 0) =>
  new Date(Date.UTC(2026, month - 1, day, hour - 7, minute));

export interface Fixture {
  db: Db;
  kim: Record<"alpha" | "beta" | "gamma" | "delta" | "epsilon" | "eta" | "zeta", number>;
  member: Record<"alpha" | "beta" | "gamma" | "gammaEn" | "delta" | "epsilon" | "epsilonBlocked" | "epsilonRemoved" | "eta" | "zeta", number>;
  kecamatan: { sukamaju: number; mekarsari: number };
  cleanup: () => Promise<void>;
}

let template: Promise<string> | undefined;

/** Migrates one database per test file and copies it for every test (migrating takes a second). */
async function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const t = tempDatabase();
    await applyMigrations(t.url);
    process.once("exit", t.cleanup);
    return t.file;
  })();
  return template;
}

/**
 * A migrated database: on SQLite a copy of this file's migrated template, on PostgreSQL a copy of
 * the run's template (test/support/temp-db.ts testDatabase).
 */
async function migratedCopy(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (TEST_PROVIDER === "postgresql") {
    const t = await testDatabase();
    return { url: t.url, drop: t.cleanup };
  }
  const t = tempDatabase();
  copyFileSync(await migratedTemplate(), t.file);
  return { url: t.url, drop: async () => t.cleanup() };
}

export async function freshDb(): Promise<{ db: Db; url: string; cleanup: () => Promise<void> }> {
  const { url, drop } = await migratedCopy();
  const db = await openDatabase(url);
  return {
    db,
    url,
    cleanup: async () => {
      await db.$disconnect();
      await drop();
    },
  };
}

let telegramIds = 5000;

export async function addKim(db: Db, kecamatanId: number, name: string, extra: { createdAt?: Date; pausedUntil?: Date } = {}) {
  const kim = await db.kim.create({
    data: {
      kecamatanId,
      name,
      normName: name.toLowerCase(),
      inviteCode: `inv-${name.toLowerCase()}-${kecamatanId}`,
      createdAt: extra.createdAt ?? new Date("2026-01-01T00:00:00Z"),
      pausedUntil: extra.pausedUntil ?? null,
    },
  });
  return kim.id;
}

export async function addMember(
  db: Db,
  kimId: number,
  name: string,
  extra: { status?: string; blockedAt?: Date; languageCode?: string } = {},
) {
  const m = await db.member.create({
    data: {
      telegramId: BigInt(++telegramIds),
      firstName: name,
      displayName: name,
      kimId,
      status: extra.status ?? "active",
      blockedAt: extra.blockedAt ?? null,
      languageCode: extra.languageCode ?? "id",
    },
  });
  return m.id;
}

export async function addSubmission(
  db: Db,
  s: {
    kimId: number;
    memberId: number;
    kind: string;
    status: string;
    confirmedAt: Date | null;
    decidedAfterMinutes?: number;
    riskLevel?: string;
    media?: Array<"photo" | "video" | "document">;
    text?: string;
  },
) {
  const confirmed = s.confirmedAt;
  const decidedAt = confirmed && s.decidedAfterMinutes !== undefined ? new Date(confirmed.getTime() + s.decidedAfterMinutes * 60_000) : null;
  const row = await db.submission.create({
    data: {
      kimId: s.kimId,
      memberId: s.memberId,
      kind: s.kind,
      text: s.text ?? "Kegiatan warga",
      status: s.status,
      createdAt: confirmed ?? NOW,
      confirmedAt: confirmed,
      decidedAt,
      publishedAt: s.status === "published" ? decidedAt : null,
      riskLevel: s.riskLevel ?? null,
      media: {
        create: (s.media ?? []).map((kind, position) => ({ kind, position, fileId: `f-${kind}-${position}`, fileUniqueId: `u-${kind}-${position}` })),
      },
    },
  });
  return row.id;
}

export async function buildFixture(): Promise<Fixture> {
  const { db, cleanup } = await freshDb();
  const sukamaju = (await db.kecamatan.create({ data: { name: "Sukamaju", normName: "sukamaju" } })).id;
  const mekarsari = (await db.kecamatan.create({ data: { name: "Mekarsari", normName: "mekarsari" } })).id;

  const kim = {
    alpha: await addKim(db, sukamaju, "Alpha"),
    beta: await addKim(db, sukamaju, "Beta"),
    gamma: await addKim(db, sukamaju, "Gamma"),
    delta: await addKim(db, mekarsari, "Delta", { pausedUntil: new Date("2026-12-31T00:00:00Z") }),
    epsilon: await addKim(db, mekarsari, "Epsilon"),
    eta: await addKim(db, mekarsari, "Eta"),
    zeta: await addKim(db, mekarsari, "Zeta", { createdAt: new Date("2026-11-20T00:00:00Z") }),
  };
  const member = {
    alpha: await addMember(db, kim.alpha, "Ani"),
    beta: await addMember(db, kim.beta, "Budi"),
    gamma: await addMember(db, kim.gamma, "Citra"),
    gammaEn: await addMember(db, kim.gamma, "Dewi", { languageCode: "en" }),
    delta: await addMember(db, kim.delta, "Eko"),
    epsilon: await addMember(db, kim.epsilon, "Fajar"),
    epsilonBlocked: await addMember(db, kim.epsilon, "Gita", { blockedAt: new Date("2026-11-01T00:00:00Z") }),
    epsilonRemoved: await addMember(db, kim.epsilon, "Hadi", { status: "removed" }),
    eta: await addMember(db, kim.eta, "Indra", { blockedAt: new Date("2026-10-01T00:00:00Z") }),
    zeta: await addMember(db, kim.zeta, "Joko"),
  };

  const a = { kimId: kim.alpha, memberId: member.alpha };
  await addSubmission(db, { ...a, kind: "text", status: "published", confirmedAt: wib(10, 28, 10), decidedAfterMinutes: 60 }); // W44
  await addSubmission(db, { ...a, kind: "text", status: "published", confirmedAt: wib(11, 2, 9), decidedAfterMinutes: 120, riskLevel: "low" }); // W45
  await addSubmission(db, {
    ...a,
    kind: "photo",
    status: "published",
    confirmedAt: wib(11, 10, 10),
    decidedAfterMinutes: 240,
    riskLevel: "low",
    media: ["photo"],
  }); // W46
  await addSubmission(db, {
    ...a,
    kind: "album",
    status: "rejected",
    confirmedAt: wib(11, 18, 8),
    decidedAfterMinutes: 360,
    riskLevel: "medium",
    media: ["photo", "photo", "video"],
  }); // W47
  // Sunday 23:30 WIB = 16:30Z: still W47.
  await addSubmission(db, { ...a, kind: "text", status: "hoax", confirmedAt: new Date("2026-11-22T16:30:00Z"), decidedAfterMinutes: 60, riskLevel: "high" });
  // Monday 00:30 WIB = Sunday 17:30Z: already W48.
  await addSubmission(db, { ...a, kind: "text", status: "pending", confirmedAt: new Date("2026-11-22T17:30:00Z") });
  // A draft never counts.
  await addSubmission(db, { ...a, kind: "photo", status: "draft", confirmedAt: null, media: ["photo"] });

  const b = { kimId: kim.beta, memberId: member.beta };
  await addSubmission(db, { ...b, kind: "photo", status: "published", confirmedAt: wib(10, 5, 10), decidedAfterMinutes: 30, media: ["photo"] });
  await addSubmission(db, { ...b, kind: "photo", status: "published", confirmedAt: wib(11, 3, 10), decidedAfterMinutes: 120, media: ["photo"] }); // W45

  await addSubmission(db, { kimId: kim.delta, memberId: member.delta, kind: "text", status: "published", confirmedAt: wib(9, 1, 9), decidedAfterMinutes: 90 });
  await addSubmission(db, {
    kimId: kim.epsilon,
    memberId: member.epsilon,
    kind: "document",
    status: "withdrawn",
    confirmedAt: wib(11, 5, 14),
    media: ["document"],
  }); // W45

  return { db, kim, member, kecamatan: { sukamaju, mekarsari }, cleanup };
}
