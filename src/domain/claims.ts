// The known-false-claims collection: grown by every "mark as hoax" decision, by admins adding
// claims by hand, and by importing fact-checks (CSV or JSON). Every change is audited.
import type { Db } from "../db/client.js";
import type { DbOrTx } from "../db/types.js";
import { parseCsv } from "./csv.js";
import { recordAudit, type Actor } from "./audit.js";
import { enqueueRecheck } from "./screening/recheck.js";

export interface ClaimInput {
  text: string;
  verdict?: string;
  sourceUrl?: string;
}

const MIN_CLAIM = 15;
const MAX_CLAIM = 2000;

export function claimProblem(c: ClaimInput): string | undefined {
  const text = c.text.trim();
  if (text.length < MIN_CLAIM) return `klaim terlalu pendek (minimal ${MIN_CLAIM} huruf) / claim too short`;
  if (text.length > MAX_CLAIM) return `klaim terlalu panjang (maksimal ${MAX_CLAIM} huruf) / claim too long`;
  if (c.sourceUrl && !/^https?:\/\/\S+$/i.test(c.sourceUrl)) return "sumber harus tautan http(s) / source must be an http(s) link";
  return undefined;
}

export async function addClaim(db: Db, c: ClaimInput, actor: Actor, now: Date, origin: "manual" | "import" = "manual") {
  return db.$transaction(async (tx) => {
    const claim = await createClaim(tx, c, actor, now, origin);
    await recordAudit(tx, { actor, action: "claim.added", detail: { claimId: claim.id, origin }, at: now });
    // Issue 11: what is already out is matched against the new claim (a durable job).
    await enqueueRecheck(tx, [claim.id]);
    return claim;
  });
}

function createClaim(tx: DbOrTx, c: ClaimInput, actor: Actor, now: Date, origin: string) {
  const text = c.text.trim();
  return tx.falseClaim.create({
    data: {
      text,
      normText: text.toLocaleLowerCase("id"),
      verdict: c.verdict?.trim() || "hoaks",
      sourceUrl: c.sourceUrl?.trim() || null,
      origin,
      createdBy: actor.id,
      createdAt: now,
    },
  });
}

/** Takes a claim out of matching; the row stays for the audit trail. */
export async function removeClaim(db: Db, id: number, actor: Actor, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.falseClaim.updateMany({ where: { id, removedAt: null }, data: { removedAt: now } });
    if (count === 0) return false;
    await recordAudit(tx, { actor, action: "claim.removed", detail: { claimId: id }, at: now });
    return true;
  });
}

export interface ClaimImportReport {
  created: Array<{ id: number; text: string }>;
  duplicates: number;
  rejected: Array<{ line: number; reason: string }>;
}

/**
 * Imports fact-checks. CSV with a header naming the claim column (klaim/claim/text), and
 * optionally verdict (status/verdict) and source (sumber/source/url); or a JSON array of objects
 * with the same fields. Claims already in the collection (same text) are skipped.
 */
export async function importClaims(db: Db, content: string, actor: Actor, now: Date): Promise<ClaimImportReport> {
  const rows = content.trim().startsWith("[") ? parseJsonClaims(content) : parseCsvClaims(content);
  const report: ClaimImportReport = { created: [], duplicates: 0, rejected: [] };
  await db.$transaction(async (tx) => {
    const existing = new Set((await tx.falseClaim.findMany({ where: { removedAt: null }, select: { normText: true } })).map((c) => c.normText));
    for (const row of rows) {
      if ("reason" in row) {
        report.rejected.push(row);
        continue;
      }
      const problem = claimProblem(row.claim);
      if (problem) {
        report.rejected.push({ line: row.line, reason: problem });
        continue;
      }
      const norm = row.claim.text.trim().toLocaleLowerCase("id");
      if (existing.has(norm)) {
        report.duplicates++;
        continue;
      }
      existing.add(norm);
      const claim = await createClaim(tx, row.claim, actor, now, "import");
      report.created.push({ id: claim.id, text: claim.text });
    }
    await enqueueRecheck(tx, report.created.map((c) => c.id)); // issue 11: re-check what is already out
    await recordAudit(tx, {
      actor,
      action: "claim.imported",
      detail: { created: report.created.length, duplicates: report.duplicates, rejected: report.rejected.length },
      at: now,
    });
  });
  return report;
}

type ParsedRow = { line: number; claim: ClaimInput } | { line: number; reason: string };

const CLAIM_COLUMNS = ["klaim", "claim", "text", "teks", "narasi"];
const VERDICT_COLUMNS = ["status", "verdict", "label", "putusan"];
const SOURCE_COLUMNS = ["sumber", "source", "url", "link", "tautan"];

function parseCsvClaims(content: string): ParsedRow[] {
  const records = parseCsv(content);
  const header = records.shift()?.fields.map((f) => f.trim().toLowerCase()) ?? [];
  const col = (names: string[]) => header.findIndex((h) => names.includes(h));
  const claimCol = col(CLAIM_COLUMNS);
  if (claimCol < 0) return [{ line: 1, reason: "kolom klaim tidak ada (klaim/claim/text) / no claim column" }];
  const verdictCol = col(VERDICT_COLUMNS);
  const sourceCol = col(SOURCE_COLUMNS);
  return records.map((r) => ({
    line: r.line,
    claim: {
      text: r.fields[claimCol] ?? "",
      verdict: verdictCol >= 0 ? r.fields[verdictCol] : undefined,
      sourceUrl: sourceCol >= 0 ? r.fields[sourceCol] : undefined,
    },
  }));
}

function parseJsonClaims(content: string): ParsedRow[] {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch {
    return [{ line: 1, reason: "JSON tidak valid / invalid JSON" }];
  }
  if (!Array.isArray(data)) return [{ line: 1, reason: "JSON harus berupa daftar / JSON must be an array" }];
  return data.map((item, i): ParsedRow => {
    const o = (item ?? {}) as Record<string, unknown>;
    const pick = (names: string[]) => names.map((n) => o[n]).find((v) => typeof v === "string") as string | undefined;
    const text = pick(CLAIM_COLUMNS);
    if (!text) return { line: i + 1, reason: "tanpa teks klaim / no claim text" };
    return { line: i + 1, claim: { text, verdict: pick(VERDICT_COLUMNS), sourceUrl: pick(SOURCE_COLUMNS) } };
  });
}

export async function listClaims(db: DbOrTx, take = 20) {
  const [items, total] = await Promise.all([
    db.falseClaim.findMany({ where: { removedAt: null }, orderBy: { id: "desc" }, take }),
    db.falseClaim.count({ where: { removedAt: null } }),
  ]);
  return { items, total };
}
