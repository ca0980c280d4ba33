// The KIM registry: kecamatan, desa and KIMs, imported from a spreadsheet, and each KIM's invite code.
import { randomBytes } from "node:crypto";
import type { DbOrTx } from "../db/types.js";
import type { Db } from "../db/client.js";
import { parseCsv } from "./csv.js";
import { displayName, normName } from "./names.js";

export const REGISTRY_HEADER = ["kecamatan", "desa", "nama_kim"] as const;
const MAX_NAME = 100;
/** Values of the optional "keterangan" column that mark a row as sample data. */
const SAMPLE_MARK = /\bcontoh\b|\bsample\b/i;

export interface RegistryRow {
  line: number;
  kecamatan: string;
  desa: string;
  namaKim: string;
  isSample: boolean;
}

export interface RejectedRow {
  line: number;
  reason: string;
}

export interface ImportReport {
  created: { kecamatan: number; desa: number; kim: number };
  updated: { kim: number };
  /** KIM rows that matched an existing KIM exactly. */
  unchanged: number;
  rejected: RejectedRow[];
  /** Names of the KIMs created, for the admin's confirmation message. */
  createdKims: string[];
}

/** Reads a registry CSV. Problems with the file as a whole throw; problems with a row reject that row. */
export function parseRegistry(text: string): { rows: RegistryRow[]; rejected: RejectedRow[] } {
  const records = parseCsv(text);
  const header = records.shift();
  if (!header) throw new RegistryFileError("File kosong / the file is empty");
  const columns = header.fields.map((f) => normName(f).replace(/\s+/g, "_"));
  const index = Object.fromEntries(REGISTRY_HEADER.map((name) => [name, columns.indexOf(name)]));
  const missing = REGISTRY_HEADER.filter((name) => index[name] === -1);
  if (missing.length > 0) {
    throw new RegistryFileError(`Kolom tidak ada / missing columns: ${missing.join(", ")} (header: kecamatan,desa,nama_kim)`);
  }
  const noteIndex = columns.indexOf("keterangan");
  const rows: RegistryRow[] = [];
  const rejected: RejectedRow[] = [];
  const seen = new Map<string, number>();
  for (const r of records) {
    const get = (name: string) => displayName(r.fields[index[name] ?? -1] ?? "");
    const row: RegistryRow = {
      line: r.line,
      kecamatan: get("kecamatan"),
      desa: get("desa"),
      namaKim: get("nama_kim"),
      isSample: noteIndex >= 0 && SAMPLE_MARK.test(r.fields[noteIndex] ?? ""),
    };
    const problem = rowProblem(row, r.fields.length, columns.length);
    if (problem) {
      rejected.push({ line: r.line, reason: problem });
      continue;
    }
    // A row without a KIM registers just its kecamatan (and desa), for districts still forming KIMs.
    const key = `${normName(row.kecamatan)}|${normName(row.desa)}|${normName(row.namaKim)}`;
    const first = row.namaKim ? seen.get(key) : undefined;
    if (first !== undefined) {
      rejected.push({ line: r.line, reason: `duplikat baris ${first} / duplicate of line ${first}` });
      continue;
    }
    seen.set(key, r.line);
    rows.push(row);
  }
  return { rows, rejected };
}

function rowProblem(row: RegistryRow, fieldCount: number, headerCount: number): string | undefined {
  if (fieldCount < Math.min(headerCount, REGISTRY_HEADER.length)) return "kolom kurang / too few columns";
  if (!row.kecamatan) return "kecamatan kosong / kecamatan is empty";
  if ([row.kecamatan, row.desa, row.namaKim].some((v) => v.length > MAX_NAME)) {
    return `nama lebih dari ${MAX_NAME} huruf / name longer than ${MAX_NAME} characters`;
  }
  return undefined;
}

export class RegistryFileError extends Error {
  override name = "RegistryFileError";
}

/**
 * Creates or updates kecamatan, desa and KIMs. Matching ignores case and spacing, so importing
 * the same file twice changes nothing; a corrected spelling of the same name updates the display name.
 */
export async function importRegistry(db: Db, text: string): Promise<ImportReport> {
  const { rows, rejected } = parseRegistry(text);
  const report: ImportReport = {
    created: { kecamatan: 0, desa: 0, kim: 0 },
    updated: { kim: 0 },
    unchanged: 0,
    rejected,
    createdKims: [],
  };
  await db.$transaction(async (tx) => {
    for (const row of rows) await importRow(tx, row, report);
  });
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}

async function importRow(tx: DbOrTx, row: RegistryRow, report: ImportReport): Promise<void> {
  let kec = await tx.kecamatan.findUnique({ where: { normName: normName(row.kecamatan) } });
  if (!kec) {
    kec = await tx.kecamatan.create({ data: { name: row.kecamatan, normName: normName(row.kecamatan) } });
    report.created.kecamatan++;
  } else if (kec.name !== row.kecamatan) {
    kec = await tx.kecamatan.update({ where: { id: kec.id }, data: { name: row.kecamatan } });
  }

  let desaId: number | null = null;
  if (row.desa) {
    const key = { kecamatanId: kec.id, normName: normName(row.desa) };
    let desa = await tx.desa.findUnique({ where: { kecamatanId_normName: key } });
    if (!desa) {
      desa = await tx.desa.create({ data: { ...key, name: row.desa } });
      report.created.desa++;
    } else if (desa.name !== row.desa) {
      desa = await tx.desa.update({ where: { id: desa.id }, data: { name: row.desa } });
    }
    desaId = desa.id;
  }

  if (!row.namaKim) return;
  const kimKey = { kecamatanId: kec.id, normName: normName(row.namaKim) };
  const kim = await tx.kim.findUnique({ where: { kecamatanId_normName: kimKey } });
  if (!kim) {
    await tx.kim.create({ data: { ...kimKey, name: row.namaKim, desaId, isSample: row.isSample, inviteCode: newInviteCode() } });
    report.created.kim++;
    report.createdKims.push(row.namaKim);
    return;
  }
  if (kim.name === row.namaKim && kim.desaId === desaId && kim.isSample === row.isSample) {
    report.unchanged++;
    return;
  }
  await tx.kim.update({ where: { id: kim.id }, data: { name: row.namaKim, desaId, isSample: row.isSample } });
  report.updated.kim++;
}

/** 16 characters of base64url from 12 random bytes (96 bits): unguessable, and fits /start's 64-character limit. */
export function newInviteCode(): string {
  return randomBytes(12).toString("base64url");
}

export function inviteLink(botUsername: string, code: string): string {
  return `https://t.me/${botUsername}?start=${code}`;
}

/** Replaces a KIM's invite code: the old link stops working at once. */
export async function renewInviteCode(db: DbOrTx, kimId: number): Promise<string> {
  const code = newInviteCode();
  await db.kim.update({ where: { id: kimId }, data: { inviteCode: code } });
  return code;
}

export async function kimByInviteCode(db: DbOrTx, code: string) {
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(code)) return null;
  return db.kim.findUnique({ where: { inviteCode: code }, include: { kecamatan: true, desa: true } });
}

/** KIMs whose name contains the search (case- and spacing-insensitive), for admin commands. */
export async function findKims(db: DbOrTx, search: string) {
  const all = await db.kim.findMany({ include: { kecamatan: true, desa: true }, orderBy: [{ kecamatanId: "asc" }, { name: "asc" }] });
  const q = normName(search);
  if (!q) return all;
  const exact = all.filter((k) => k.normName === q || normName(`kim ${k.name}`) === q);
  return exact.length > 0 ? exact : all.filter((k) => k.normName.includes(q.replace(/^kim\s+/, "")));
}

export async function listRegistry(db: DbOrTx) {
  return db.kecamatan.findMany({
    orderBy: { name: "asc" },
    include: { kims: { orderBy: { name: "asc" }, include: { desa: true, _count: { select: { members: { where: { status: "active" } } } } } } },
  });
}

/** Stops a KIM's reminders until the given moment (the far future for "until /lanjut"). */
export async function pauseKim(db: DbOrTx, kimId: number, until: Date): Promise<void> {
  await db.kim.update({ where: { id: kimId }, data: { pausedUntil: until } });
}

export async function resumeKim(db: DbOrTx, kimId: number): Promise<void> {
  await db.kim.update({ where: { id: kimId }, data: { pausedUntil: null } });
}
