// npm run kim -- import <file.csv>    import or update the KIM registry (kecamatan,desa,nama_kim)
// npm run kim -- list                  print the registry with invite codes and member counts
// npm run kim -- report --from 2026-11-01 --to 2026-11-30 --out report.csv
//                                       activity indicators of a period (end date included) as CSV
//
// It speaks the operator's language (DEFAULT_LOCALE, Indonesian unless set), answers a problem
// with one line (a missing file, a database that does not exist yet), and only `import` may create
// the database: listing or reporting never leaves an empty database file behind.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { systemClock } from "../clock.js";
import { createI18n, inLocale, plainIdentifiers, translator } from "../bot/i18n.js";
import { buildReport } from "../bot/report-sender.js";
import { PeriodError, parsePeriod } from "../domain/activity/periods.js";
import { renderSummary } from "../reports/summary.js";
import { csvStyleFor, kimCsv } from "../reports/csv.js";
import { ConfigError, loadDotEnv, parseConfig, type Config } from "../config.js";
import { openDatabase, type Db } from "../db/client.js";
import { applyMigrations, sqliteFilePath } from "../db/migrate.js";
import { importRegistry, listRegistry, RegistryFileError } from "../domain/registry.js";

type T = (key: string, vars?: Record<string, string | number>) => string;

async function main(args: string[]): Promise<number> {
  loadDotEnv();
  let config: Config;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    return 1;
  }
  const i18n = createI18n(config.defaultLocale);
  const t: T = (k, v) => i18n.t(config.defaultLocale, k, plainIdentifiers(v));
  const [command, ...rest] = args;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    console.log(t("cli-kim-usage"));
    return command ? 0 : 2;
  }
  switch (command) {
    case "import":
      return importCommand(config, t, rest[0]);
    case "list":
      return withExistingDatabase(config, t, (db) => listCommand(db, t));
    case "report":
      return reportCommand(config, t, rest);
    default:
      console.error(`${t("cli-unknown-command", { command })}\n${t("cli-kim-usage")}`);
      return 2;
  }
}

async function importCommand(config: Config, t: T, file: string | undefined): Promise<number> {
  if (!file) {
    console.error(t("cli-kim-usage"));
    return 2;
  }
  if (!existsSync(file)) {
    console.error(t("cli-file-missing", { file }));
    return 1;
  }
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    console.error(t("cli-file-unreadable", { file, reason: err instanceof Error ? err.message : String(err) }));
    return 1;
  }
  // Importing is how a district starts: the database may be created here.
  await applyMigrations(config.databaseUrl);
  const db = await openDatabase(config.databaseUrl);
  try {
    const report = await importRegistry(db, text);
    console.log(
      t("cli-import-done", {
        kecamatan: report.created.kecamatan,
        desa: report.created.desa,
        kim: report.created.kim,
        updated: report.updated.kim,
        unchanged: report.unchanged,
        rejected: report.rejected.length,
      }),
    );
    for (const r of report.rejected) console.log(t("cli-import-rejected", { line: r.line, reason: r.reason }));
    return 0;
  } catch (err) {
    if (!(err instanceof RegistryFileError)) throw err;
    console.error(t("cli-import-bad-file", { file, reason: err.message }));
    return 1;
  } finally {
    await db.$disconnect();
  }
}

async function listCommand(db: Db, t: T): Promise<number> {
  const registry = await listRegistry(db);
  if (registry.length === 0) console.log(t("cli-list-empty"));
  for (const kec of registry) {
    console.log(t("cli-list-kecamatan", { name: kec.name, count: kec.kims.length }));
    for (const kim of kec.kims) {
      console.log(
        t("cli-list-kim", {
          name: kim.name,
          desa: kim.desa ? t("cli-list-desa", { name: kim.desa.name }) : "",
          sample: kim.isSample ? t("cli-list-sample") : "",
          members: kim._count.members,
          code: kim.inviteCode,
        }),
      );
    }
  }
  return 0;
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The same figures as /laporan: the summary on stdout (plain text), the full table as CSV. */
async function reportCommand(config: Config, t: T, args: string[]): Promise<number> {
  const from = option(args, "from");
  const to = option(args, "to");
  const out = option(args, "out") ?? "report.csv";
  if (!from || !to) {
    console.error(t("cli-report-needs-dates"));
    return 2;
  }
  let period;
  try {
    period = parsePeriod(`${from}..${to}`, new Date(), config.timeZone);
  } catch (err) {
    if (!(err instanceof PeriodError)) throw err;
    console.error(t("cli-report-bad-period", { from, to, reason: err.message }));
    return 2;
  }
  return withExistingDatabase(config, t, async (db) => {
    const translate = translator(createI18n(config.defaultLocale));
    const indicators = await buildReport({ db, config, clock: systemClock, translate }, period);
    writeFileSync(out, kimCsv(indicators, { style: csvStyleFor(config.defaultLocale), t }));
    console.log(htmlToText(renderSummary(indicators, { t: inLocale(translate, config.defaultLocale), locale: config.defaultLocale })));
    console.log(`\n${t("cli-report-written", { file: out, count: indicators.kims.length })}`);
    return 0;
  });
}

/** Runs on a database that exists (migrated if it is behind); never creates an empty one. */
async function withExistingDatabase(config: Config, t: T, fn: (db: Db) => Promise<number>): Promise<number> {
  const file = sqliteFilePath(config.databaseUrl);
  if (file && !existsSync(file)) {
    console.error(t("cli-no-database", { file }));
    return 1;
  }
  await applyMigrations(config.databaseUrl);
  const db = await openDatabase(config.databaseUrl);
  try {
    return await fn(db);
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
