// npm run activity:summary -- check     compare the weekly activity summary with a recomputation (exit 1 if it differs)
// npm run activity:summary -- rebuild   recompute it from the submissions, for BOT_TIMEZONE
//
// The summary is kept by database triggers, so neither is needed in normal use: `check` is for
// peace of mind, `rebuild` repairs a summary damaged by hand (the bot rebuilds it by itself when
// BOT_TIMEZONE changes).
import { existsSync } from "node:fs";
import { createI18n } from "../bot/i18n.js";
import { loadDotEnv, parseConfig } from "../config.js";
import { openDatabase } from "../db/client.js";
import { applyMigrations, sqliteFilePath } from "../db/migrate.js";
import { checkActivitySummary, rebuildActivitySummary } from "../domain/activity/summary.js";

async function main(args: string[]): Promise<number> {
  loadDotEnv();
  const config = parseConfig(process.env);
  const i18n = createI18n(config.defaultLocale);
  const t = (k: string, v?: Record<string, string | number>) => i18n.t(config.defaultLocale, k, v);
  const [command] = args;
  if (command !== "check" && command !== "rebuild") {
    console.error(t("summary-cli-usage"));
    return command === "--help" || command === "-h" ? 0 : 2;
  }
  const file = sqliteFilePath(config.databaseUrl);
  if (file && !existsSync(file)) {
    console.error(t("summary-cli-no-database", { file }));
    return 1;
  }
  await applyMigrations(config.databaseUrl);
  const db = await openDatabase(config.databaseUrl);
  try {
    if (command === "rebuild") {
      const r = await rebuildActivitySummary(db, config.timeZone);
      console.log(t("summary-cli-rebuilt", { rows: r.blocks, seconds: (r.ms / 1000).toFixed(1), zone: r.timeZone }));
      return 0;
    }
    const c = await checkActivitySummary(db);
    if (c.missingTriggers.length > 0) {
      console.log(t("summary-cli-no-triggers", { list: c.missingTriggers.join(", ") }));
      return 1;
    }
    if (c.timeZone !== config.timeZone) {
      console.log(t("summary-cli-other-zone", { zone: c.timeZone ?? "-", expected: config.timeZone }));
      return 1;
    }
    if (c.wrong.length === 0) {
      console.log(t("summary-cli-ok", { rows: c.blocks, zone: c.timeZone }));
      return 0;
    }
    const list = c.wrong.slice(0, 20).map((w) => `KIM ${w.kimId}/${w.block}`).join(", ");
    console.log(t("summary-cli-wrong", { count: c.wrong.length, rows: c.blocks, list }));
    return 1;
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
