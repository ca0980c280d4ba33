// The submission state service: one table of moves, each move conditional on the state read, and
// no other code in src writes a submission's status.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { BOT_ACTOR } from "../../src/domain/audit.js";
import { canMove, moveSubmission, SUBMISSION_STATES, TRANSITIONS } from "../../src/domain/submission-state.js";
import { migratedDatabase } from "../support/db.js";

let db: Db;
let close: () => Promise<void>;

beforeEach(async () => {
  ({ db, close } = await migratedDatabase());
});

afterEach(async () => {
  await close();
});

async function submissionIn(status: string): Promise<number> {
  const kec = await db.kecamatan.create({ data: { name: `Kec ${Math.random()}`, normName: `kec-${Math.random()}` } });
  const kim = await db.kim.create({ data: { kecamatanId: kec.id, name: "KIM Uji", normName: `kim-${Math.random()}`, inviteCode: `c${Math.random()}` } });
  const member = await db.member.create({ data: { telegramId: BigInt(Math.floor(Math.random() * 1e9)), firstName: "Uji", displayName: "Uji", kimId: kim.id, status: "active" } });
  const sub = await db.submission.create({ data: { memberId: member.id, kimId: kim.id, kind: "text", text: "Berita", status } });
  return sub.id;
}

describe("the transition table", () => {
  it("names every state, and final states lead nowhere", () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...SUBMISSION_STATES].sort());
    for (const to of Object.values(TRANSITIONS).flat()) expect(SUBMISSION_STATES).toContain(to);
    for (const final of ["cancelled", "rejected", "hoax", "withdrawn", "removed"] as const) expect(TRANSITIONS[final]).toEqual([]);
    expect(canMove("pending", "approved")).toBe(true);
    expect(canMove("draft", "published")).toBe(false);
    expect(canMove("rejected", "approved")).toBe(false);
  });
});

describe("moveSubmission", () => {
  it("moves from the state read, bumps the version and writes the audit trail", async () => {
    const id = await submissionIn("pending");
    const at = new Date("2026-12-01T03:00:00Z");
    expect(await moveSubmission(db, { submissionId: id, from: "pending", to: "approved", data: { decidedAt: at }, audit: { actor: BOT_ACTOR, at } })).toBe(true);
    const row = await db.submission.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "approved", version: 1, decidedAt: at });
    const audit = await db.auditEvent.findMany({ where: { submissionId: id } });
    expect(audit).toMatchObject([{ action: "submission.approved", fromState: "pending", toState: "approved" }]);
  });

  it("refuses when the item is no longer in the state read, and writes nothing", async () => {
    const id = await submissionIn("rejected");
    expect(await moveSubmission(db, { submissionId: id, from: "pending", to: "approved", audit: { actor: BOT_ACTOR, at: new Date() } })).toBe(false);
    expect((await db.submission.findUniqueOrThrow({ where: { id } })).status).toBe("rejected");
    expect(await db.auditEvent.count({ where: { submissionId: id } })).toBe(0);
  });

  it("refuses when a further condition (the version read) no longer holds", async () => {
    const id = await submissionIn("pending");
    expect(await moveSubmission(db, { submissionId: id, from: "pending", to: "rejected", where: { version: 7 } })).toBe(false);
    expect((await db.submission.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
  });

  it("throws on a move the table does not have", async () => {
    const id = await submissionIn("draft");
    await expect(moveSubmission(db, { submissionId: id, from: "draft", to: "published" })).rejects.toThrow(/no move from draft to published/);
    expect((await db.submission.findUniqueOrThrow({ where: { id } })).status).toBe("draft");
  });
});

/** Every .ts file under a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "generated" ? [] : sources(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

/** The argument text of each call starting at `start` (the index of its opening parenthesis). */
function callText(text: string, start: number): string {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === "(") depth++;
    if (text[i] === ")" && --depth === 0) return text.slice(start, i + 1);
  }
  return text.slice(start);
}

describe("the source", () => {
  it("changes a submission's status only through moveSubmission", () => {
    const root = join(import.meta.dirname, "../../src");
    const offenders: string[] = [];
    for (const file of sources(root)) {
      if (file.endsWith("submission-state.ts")) continue;
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/submission\.(update|updateMany|upsert)\s*\(/g)) {
        const call = callText(text, m.index + m[0].length - 1);
        if (/\bstatus\s*:/.test(call.slice(call.indexOf("data"))) && call.includes("data")) offenders.push(`${relative(root, file)}: ${call.slice(0, 80)}`);
      }
      // Raw SQL that sets a submission's status.
      if (/UPDATE\s+"?Submission"?\s+SET[^;]*"?status"?\s*=/i.test(text)) offenders.push(`${relative(root, file)}: raw UPDATE of status`);
    }
    expect(offenders).toEqual([]);
  });
});
