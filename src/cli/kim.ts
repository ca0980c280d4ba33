// npm run kim -- import <file.csv>    import or update the KIM registry (kecamatan,desa,nama_kim)
// npm run kim -- list                  print the registry with invite codes and member counts
import { readFileSync } from "node:fs";
import { loadDotEnv, parseConfig } from "../config.js";
import { openDatabase } from "../db/client.js";
import { applyMigrations } from "../db/migrate.js";
import { importRegistry, listRegistry, RegistryFileError } from "../domain/registry.js";

const USAGE = "Usage: npm run kim -- import <file.csv> | list";

async function main(args: string[]): Promise<number> {
  loadDotEnv();
  const config = parseConfig(process.env);
  const [command, file] = args;
  if (command !== "import" && command !== "list") {
    console.error(USAGE);
    return 2;
  }
  await applyMigrations(config.databaseUrl);
  const db = await openDatabase(config.databaseUrl);
  try {
    if (command === "import") {
      if (!file) {
        console.error(USAGE);
        return 2;
      }
      const report = await importRegistry(db, readFileSync(file, "utf8"));
      console.log(
        `Created: ${report.created.kecamatan} kecamatan, ${report.created.desa} desa, ${report.created.kim} KIM; ` +
          `updated: ${report.updated.kim} KIM; unchanged: ${report.unchanged} KIM; rejected: ${report.rejected.length} rows`,
      );
      for (const r of report.rejected) console.log(`  line ${r.line}: ${r.reason}`);
      return 0;
    }
    const registry = await listRegistry(db);
    for (const kec of registry) {
      console.log(`${kec.name} (${kec.kims.length} KIM)`);
      for (const kim of kec.kims) {
        const desa = kim.desa ? `, desa ${kim.desa.name}` : "";
        const sample = kim.isSample ? " [sample]" : "";
        console.log(`  - ${kim.name}${desa}${sample} — ${kim._count.members} members — invite code ${kim.inviteCode}`);
      }
    }
    return 0;
  } catch (err) {
    if (err instanceof RegistryFileError) {
      console.error(`Cannot import ${file}: ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    await db.$disconnect();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
