// npm run doctor: the start-up checks on demand, from the server's shell. Configuration, the
// database, Telegram (token, admin group, channel) and the fact-check feeds, one line each with
// what to do about a problem. Exits 1 when anything must be fixed. Reads only: it never creates a
// database file.
import { existsSync } from "node:fs";
import { Api } from "grammy";
import { ConfigError, loadDotEnv, parseConfig, type Config } from "../config.js";
import { openDatabase } from "../db/client.js";
import { isUpToDate, sqliteFilePath } from "../db/migrate.js";
import { describeDatabase } from "../db/schema-variants.js";
import { feedHealth } from "../domain/factcheck/poll.js";
import { checksPass, reportLines, runChecks } from "../bot/checks.js";
import { createI18n, inLocale, textTranslator, type Translate } from "../bot/i18n.js";

type Line = { level: "ok" | "warn" | "error"; text: string };
const mark = (l: Line) => `${l.level === "ok" ? "✅" : l.level === "warn" ? "⚠️" : "❌"} ${l.text}`;

async function main(): Promise<number> {
  if (process.argv.includes("--help") || process.argv.includes("-h")) {
    console.log("npm run doctor — memeriksa pengaturan, basis data, Telegram dan sumber cek fakta (keluar 1 bila ada yang harus diperbaiki).");
    return 0;
  }
  loadDotEnv();
  let config: Config;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.log(`❌ Pengaturan tidak valid (.env):\n${err.problems.map((p) => `   ${p}`).join("\n")}`);
    return 1;
  }
  const i18n = createI18n(config.defaultLocale);
  const translate: Translate = textTranslator(i18n);
  const t = inLocale(translate, config.defaultLocale);
  console.log(t("check-report-title"));
  const lines: Line[] = [...(await databaseLines(config, t))];
  let telegramOk = false;
  if (!config.botToken) {
    lines.push({ level: "error", text: t("doctor-no-token") });
  } else {
    const api = new Api(config.botToken, { apiRoot: config.apiRoot, timeoutSeconds: 20 });
    const report = await runChecks(api, config, translate);
    telegramOk = checksPass(report);
    for (const text of reportLines(report)) console.log(text);
  }
  for (const l of lines) console.log(mark(l));
  const failed = lines.some((l) => l.level === "error") || !telegramOk;
  console.log(failed ? t("doctor-failed") : t("doctor-passed"));
  return failed ? 1 : 0;
}

async function databaseLines(config: Config, t: (k: string, v?: Record<string, string | number>) => string): Promise<Line[]> {
  const file = sqliteFilePath(config.databaseUrl);
  if (file && !existsSync(file)) return [{ level: "warn", text: t("doctor-db-missing", { file }) }];
  if (!(await isUpToDate(config.databaseUrl))) return [{ level: "warn", text: t("doctor-db-behind", { file: file ?? describeDatabase(config.databaseUrl) }) }];
  const lines: Line[] = [{ level: "ok", text: t("doctor-db-ok", { file: file ?? describeDatabase(config.databaseUrl) }) }];
  const db = await openDatabase(config.databaseUrl);
  try {
    const rows = await feedHealth(db, config.factcheck.feeds);
    if (rows.length === 0) lines.push({ level: "ok", text: t("doctor-feeds-none") });
    for (const r of rows) {
      const when = r.lastSuccessAt ? r.lastSuccessAt.toISOString().replace("T", " ").slice(0, 16) : undefined;
      if (r.lastError) lines.push({ level: "warn", text: t("doctor-feed-failing", { url: r.url, error: r.lastError, last: when ?? "-" }) });
      else if (when) lines.push({ level: "ok", text: t("doctor-feed-ok", { url: r.url, last: when, items: r.itemCount }) });
      else lines.push({ level: "warn", text: t("doctor-feed-never", { url: r.url }) });
    }
  } finally {
    await db.$disconnect();
  }
  return lines;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
