import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { importRegistry, listRegistry, parseRegistry, RegistryFileError, renewInviteCode, kimByInviteCode } from "../../src/domain/registry.js";
import { PROJECT_ROOT } from "../../src/paths.js";
import { migratedDatabase } from "../support/db.js";

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

async function db() {
  const d = await migratedDatabase();
  closers.push(d.close);
  return d.db;
}

describe("registry import", () => {
  it("imports the Barito Timur seed: ten kecamatan and the sample KIMs marked as sample", async () => {
    const database = await db();
    const csv = readFileSync(path.join(PROJECT_ROOT, "prisma/seed/barito-timur.csv"), "utf8");
    const report = await importRegistry(database, csv);
    expect(report.rejected).toEqual([]);
    expect(report.created).toEqual({ kecamatan: 10, desa: 0, kim: 5 });
    const registry = await listRegistry(database);
    expect(registry.map((k) => k.name)).toEqual([
      "Awang", "Benua Lima", "Dusun Tengah", "Dusun Timur", "Karusen Janang",
      "Paju Epat", "Paku", "Patangkep Tutui", "Pematang Karau", "Raren Batuah",
    ]);
    const kims = registry.flatMap((k) => k.kims);
    expect(kims.map((k) => k.name).sort()).toEqual(
      ["KIM Fortunate", "KIM Hapau Habar", "KIM Netampin Bersinar", "KIM Pawawara", "KIM Pipakatan Bagok"],
    );
    expect(kims.every((k) => k.isSample)).toBe(true);
  });

  it("is idempotent, updates display names, and reports rejected rows with their line", async () => {
    const database = await db();
    const first = await importRegistry(database, "kecamatan;desa;nama_kim\nPaku;Tampa;KIM Tampa Maju\nAwang;Bentot;KIM Bentot\n");
    expect(first.created).toEqual({ kecamatan: 2, desa: 2, kim: 2 });

    const again = await importRegistry(
      database,
      [
        "\uFEFFKecamatan,Desa,Nama_KIM",
        "  paku , tampa ,  kim   TAMPA maju ", // same KIM, new spelling
        "Awang,Bentot,KIM Bentot", // unchanged
        ",Desa X,KIM Tanpa Kecamatan", // line 4: no kecamatan
        "Awang,Bentot,KIM Bentot", // line 5: duplicate of line 3
        "Paku,Tampa,KIM Baru",
      ].join("\n"),
    );
    expect(again.created).toEqual({ kecamatan: 0, desa: 0, kim: 1 });
    expect(again.updated).toEqual({ kim: 1 });
    expect(again.unchanged).toBe(1);
    expect(again.rejected.map((r) => r.line)).toEqual([4, 5]);
    expect(again.rejected[0]?.reason).toContain("kecamatan");
    expect(again.rejected[1]?.reason).toContain("3");

    expect(await database.kim.count()).toBe(3);
    expect(await database.kecamatan.count()).toBe(2);
    const tampa = await database.kim.findFirstOrThrow({ where: { normName: "kim tampa maju" } });
    expect(tampa.name).toBe("kim TAMPA maju");
  });

  it("refuses a file without the required header", () => {
    expect(() => parseRegistry("nama,alamat\nx,y")).toThrow(RegistryFileError);
  });

  it("gives each KIM an unguessable invite code that can be renewed", async () => {
    const database = await db();
    await importRegistry(database, "kecamatan,desa,nama_kim\nPaku,,KIM A\nPaku,,KIM B\n");
    const [a, b] = await database.kim.findMany({ orderBy: { id: "asc" } });
    expect(a?.inviteCode).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(a?.inviteCode).not.toBe(b?.inviteCode);
    const old = a!.inviteCode;
    const fresh = await renewInviteCode(database, a!.id);
    expect(await kimByInviteCode(database, old)).toBeNull();
    expect((await kimByInviteCode(database, fresh))?.id).toBe(a!.id);
  });
});
