import { execFile } from "node:child_process";
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

describe("npm run kim", () => {
  it("imports the seed registry idempotently and lists it", async () => {
    const db = tempDatabase();
    cleanups.push(db.cleanup);
    const seed = path.join(PROJECT_ROOT, "prisma/seed/barito-timur.csv");
    const first = await kim(["import", seed], db.url);
    expect(first.stdout).toContain("Created: 10 kecamatan, 0 desa, 5 KIM");
    const second = await kim(["import", seed], db.url);
    expect(second.stdout).toContain("Created: 0 kecamatan, 0 desa, 0 KIM; updated: 0 KIM; unchanged: 5 KIM; rejected: 0 rows");
    const list = await kim(["list"], db.url);
    expect(list.stdout).toContain("Dusun Timur (3 KIM)");
    expect(list.stdout).toMatch(/KIM Hapau Habar \[sample\] — 0 members — invite code [A-Za-z0-9_-]{16}/);
  }, 30_000);

  it("explains its usage", async () => {
    const db = tempDatabase();
    cleanups.push(db.cleanup);
    await expect(kim(["frobnicate"], db.url)).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("Usage: npm run kim") });
  });
});
