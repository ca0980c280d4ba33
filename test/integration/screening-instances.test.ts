// Known false claims decide the risk on every card, and several instances add and remove them (a
// hoax decision, /hoaks, the fact-check poll that runs on one instance at a time). Each instance's
// indexes, and what its classifier learnt from the admins' decisions, catch up with the database
// before it screens.
import { afterEach, describe, expect, it } from "vitest";
import type { Api } from "grammy";
import { ScreeningService } from "../../src/bot/screening.js";
import { parseConfig } from "../../src/config.js";
import { openDatabase, type Db } from "../../src/db/client.js";
import { addClaim, removeClaim } from "../../src/domain/claims.js";
import { createLogger } from "../../src/logger.js";
import { addKim, addMember, freshDb } from "./activity/fixture.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const config = parseConfig({ BOT_TOKEN: "1:test", ADMIN_CHAT_ID: "-1001", DATABASE_URL: "file:unused.db" });
const ADMIN = { id: 5001n, name: "Sari" };
const NOW = new Date("2026-12-03T03:00:00Z");
const CLAIM = "Vaksin campak mengandung chip pelacak yang dipasang pemerintah pada anak sekolah";
const RUMOUR = "Awas! Vaksin campak untuk anak sekolah mengandung chip pelacak dari pemerintah, sebarkan!";

/** One instance: its own connection to the shared database and its own indexes. */
async function instance(url: string): Promise<{ db: Db; screening: ScreeningService }> {
  const db = await openDatabase(url);
  cleanups.push(() => db.$disconnect());
  const screening = new ScreeningService({ db, api: {} as Api, config, logger: createLogger({ level: "silent" }) });
  await screening.load();
  return { db, screening };
}

const closest = async (s: ScreeningService, text: string) => (await s.screenText(text)).closestClaims.map((c) => c.id);

describe("screening on several instances of one database", () => {
  it("matches a claim another instance added, and stops matching it once another instance removed it", async () => {
    const f = await freshDb();
    cleanups.push(f.cleanup);
    const a = await instance(f.url);
    const b = await instance(f.url);
    expect(await closest(b.screening, RUMOUR)).toEqual([]);
    // An admin adds the claim through instance A (as /hoaks tambah does).
    const claim = await addClaim(a.db, { text: CLAIM }, ADMIN, NOW);
    a.screening.onClaimAdded(claim.id, claim.text);
    expect(await closest(a.screening, RUMOUR)).toEqual([claim.id]);
    // The member's rumour is screened on instance B, which heard nothing of it.
    expect(await closest(b.screening, RUMOUR)).toEqual([claim.id]);
    // The claim is taken out through B; A no longer matches it either.
    await removeClaim(b.db, claim.id, ADMIN, NOW);
    b.screening.onClaimRemoved(claim.id);
    expect(await closest(b.screening, RUMOUR)).toEqual([]);
    expect(await closest(a.screening, RUMOUR)).toEqual([]);
  });

  it("learns a decision made on another instance once, and the deciding instance does not learn it twice", async () => {
    const f = await freshDb();
    cleanups.push(f.cleanup);
    const a = await instance(f.url);
    const b = await instance(f.url);
    const decisions = async (s: ScreeningService) => (await s.screenText(RUMOUR)).prior!.decisions;
    const before = await decisions(b.screening);
    expect(await decisions(a.screening)).toBe(before);
    // An admin approves a post on instance A.
    const kecamatan = await a.db.kecamatan.create({ data: { name: "Dusun Timur", normName: "dusun timur" } });
    const kimId = await addKim(a.db, kecamatan.id, "KIM Jaar");
    const memberId = await addMember(a.db, kimId, "Sari");
    const text = "Kerja bakti membersihkan parit di RT 04 Desa Jaar bersama warga";
    const sub = await a.db.submission.create({ data: { memberId, kimId, kind: "text", text, status: "approved", confirmedAt: NOW, decidedAt: new Date() } });
    a.screening.onApproved(sub.id, text);
    expect(await decisions(a.screening)).toBe(before + 1);
    expect(await decisions(b.screening)).toBe(before + 1);
    // Published later: still the same one decision, on both.
    await a.db.submission.update({ where: { id: sub.id }, data: { status: "published" } });
    expect(await decisions(b.screening)).toBe(before + 1);
    expect(await decisions(a.screening)).toBe(before + 1);
  });
});
