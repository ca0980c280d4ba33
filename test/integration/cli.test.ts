import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/paths.js";
import { tempDatabase } from "../support/temp-db.js";

const run = promisify(execFile);
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function kim(args: string[], databaseUrl: string) {
  return run(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "src/cli/kim.ts"), ...args], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? "", DATABASE_URL: databaseUrl },
  });
}

function migrate(args: string[], databaseUrl: string) {
  return run(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "src/cli/migrate.ts"), ...args], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? "", DATABASE_URL: databaseUrl },
  });
}

describe("npm run kim", () => {
  it("imports the seed registry idempotently and lists it, in Indonesian", async () => {
    const db = tempDatabase();
    cleanups.push(db.cleanup);
    const seed = path.join(PROJECT_ROOT, "prisma/seed/barito-timur.csv");
    const first = await kim(["import", seed], db.url);
    expect(first.stdout).toContain("Impor selesai: baru 10 kecamatan, 0 desa, 5 KIM");
    const second = await kim(["import", seed], db.url);
    expect(second.stdout).toContain("baru 0 kecamatan, 0 desa, 0 KIM; diperbarui 0 KIM; tidak berubah 5 KIM; ditolak 0 baris");
    const list = await kim(["list"], db.url);
    expect(list.stdout).toContain("Dusun Timur (3 KIM)");
    expect(list.stdout).toMatch(/KIM Hapau Habar \[contoh\] — 0 anggota — kode undangan [A-Za-z0-9_-]{16}/);
  }, 30_000);

  it("explains its usage, with --help exiting 0", async () => {
    const db = tempDatabase();
    cleanups.push(db.cleanup);
    const help = await kim(["--help"], db.url);
    expect(help.stdout).toContain("npm run kim -- import");
    await expect(kim(["frobnicate"], db.url)).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("Perintah tidak dikenal: frobnicate") });
  });

  it("answers a missing file or database in one line, and never creates an empty database", async () => {
    const db = tempDatabase();
    cleanups.push(db.cleanup);
    await expect(kim(["import", "/no/such/file.csv"], db.url)).rejects.toMatchObject({ code: 1, stderr: "Berkas /no/such/file.csv tidak ditemukan.\n" });
    await expect(kim(["list"], db.url)).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/^Basis data .* belum ada\. [^\n]*\n$/) });
    const status = await migrate(["status"], db.url).catch((e: { code: number; stdout: string }) => e);
    expect(status).toMatchObject({ code: 1, stdout: expect.stringContaining("belum ada") });
    expect(existsSync(db.file)).toBe(false);
  }, 30_000);
});

describe("npm run db:migrate:status", () => {
  it("says in a sentence whether the database is current", async () => {
    const db = tempDatabase();
    cleanups.push(db.cleanup);
    await migrate(["deploy"], db.url);
    const status = await migrate(["status"], db.url);
    expect(status.stdout).toMatch(/^Basis data .* sudah memuat semua \d+ migrasi\.\n$/);
    const help = await migrate(["--help"], db.url);
    expect(help.stdout).toContain("npm run db:migrate:status");
  }, 30_000);
});
