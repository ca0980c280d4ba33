// npm run kim -- import <file.csv>    import or update the KIM registry (kecamatan,desa,nama_kim)
// npm run kim -- list                  print the registry with invite codes and member counts
// npm run kim -- report --from 2026-11-01 --to 2026-11-30 --out report.csv
//                                       activity indicators of a period (end date included) as CSV
import { readFileSync, writeFileSync } from "node:fs";
import { systemClock } from "../clock.js";
import { createI18n } from "../bot/i18n.js";
import { buildReport } from "../bot/report-sender.js";
import { PeriodError, parsePeriod } from "../domain/activity/periods.js";
import { renderSummary } from "../reports/summary.js";
import { csvStyleFor, kimCsv } from "../reports/csv.js";
import { loadDotEnv, parseConfig } from "../config.js";
import { openDatabase } from "../db/client.js";
import { applyMigrations } from "../db/migrate.js";
import { importRegistry, listRegistry, RegistryFileError } from "../domain/registry.js";

const USAGE = "Usage: npm run kim -- import <file.csv> | list | report --from YYYY-MM-DD --to YYYY-MM-DD [--out report.csv]";

async function main(args: string[]): Promise<number> {
  loadDotEnv();
  const config = parseConfig(process.env);
  const [command, file] = args;
  if (command === "report") return report(args.slice(1));
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

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The same figures as /laporan: the summary on stdout (plain text), the full table as CSV. */
async function report(args: string[]): Promise<number> {
  const config = parseConfig(process.env);
  const from = option(args, "from");
  const to = option(args, "to");
  const out = option(args, "out") ?? "report.csv";
  if (!from || !to) {
    console.error(USAGE);
    return 2;
  }
  let period;
  try {
    period = parsePeriod(`${from}..${to}`, new Date(), config.timeZone);
  } catch (err) {
    if (!(err instanceof PeriodError)) throw err;
    console.error(`Invalid period ${from}..${to}: ${err.message}`);
    return 2;
  }
  await applyMigrations(config.databaseUrl);
  const db = await openDatabase(config.databaseUrl);
  try {
    const i18n = createI18n(config.defaultLocale);
    const t = (k: string, v?: Record<string, string | number>) => i18n.t(config.defaultLocale, k, v);
    const indicators = await buildReport({ db, config, clock: systemClock, translate: (l, k, v) => i18n.t(l, k, v) }, period);
    writeFileSync(out, kimCsv(indicators, { style: csvStyleFor(config.defaultLocale), t }));
    console.log(htmlToText(renderSummary(indicators, { t, locale: config.defaultLocale })));
    console.log(`\nCSV: ${out} (${indicators.kims.length} KIM)`);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

function htmlToText(html: string): string {
  return html.replace(/<[^>]+>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
