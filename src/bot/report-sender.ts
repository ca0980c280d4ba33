// A report in the admin group: the summary text, the two charts and the full table as CSV. Used by
// /laporan and by the weekly digest job, so both show the same figures.
import { InputFile, type Api } from "grammy";
import type { Db } from "../db/client.js";
import type { Config } from "../config.js";
import type { Clock } from "../clock.js";
import type { JobHandler } from "../queue/worker.js";
import { computeIndicators } from "../domain/activity/indicators.js";
import { ensureActivitySummary } from "../domain/activity/summary.js";
import { parsePeriod, type Period } from "../domain/activity/periods.js";
import { renderSummary } from "../reports/summary.js";
import { csvStyleFor, kimCsv, kimCsvFileName } from "../reports/csv.js";
import { inLocale, type Translate } from "./i18n.js";

export interface ReportDeps {
  api: Api;
  db: Db;
  config: Config;
  clock: Clock;
  translate: Translate;
}

export async function buildReport(deps: Omit<ReportDeps, "api">, period: Pick<Period, "from" | "to">) {
  const { config } = deps;
  // Built for Asia/Jakarta by its migration: rebuilt once if BOT_TIMEZONE is another zone.
  await ensureActivitySummary(deps.db, config.timeZone);
  return computeIndicators(deps.db, {
    from: period.from,
    to: period.to,
    now: deps.clock.now(),
    timeZone: config.timeZone,
    ...(config.scoreWeights ? { score: { weights: config.scoreWeights } } : {}),
  });
}

export async function sendReport(deps: ReportDeps, chatId: number, period: Pick<Period, "from" | "to">): Promise<void> {
  const locale = deps.config.defaultLocale;
  const t = inLocale(deps.translate, locale);
  const report = await buildReport(deps, period);
  await deps.api.sendMessage(chatId, renderSummary(report, { t, locale }), { parse_mode: "HTML" });
  if (report.kims.length === 0) return;
  // Vega, Vega-Lite and resvg are loaded with the first report: about 40 MB a bot does not need
  // between reports (and most of the time there is none).
  const { scoreChart, weeklyPublishedChart } = await import("../reports/chart.js");
  // The charts and the CSV are not HTML: their texts are plain.
  const [weekly, scores] = await Promise.all([weeklyPublishedChart(report, { t: t.text, locale }), scoreChart(report, { t: t.text, locale })]);
  await deps.api.sendMediaGroup(chatId, [
    { type: "photo", media: new InputFile(weekly, "terbit-per-minggu.png") },
    { type: "photo", media: new InputFile(scores, "skor-kim.png") },
  ]);
  const csv = kimCsv(report, { style: csvStyleFor(locale), t: t.text });
  await deps.api.sendDocument(chatId, new InputFile(Buffer.from(csv, "utf8"), kimCsvFileName(report)));
}

/** The weekly digest after the reminder run (job "report.digest"). */
export function digestHandler(deps: ReportDeps): JobHandler<{ period: string }> {
  return {
    async run({ period }) {
      // Nothing to report before the registry has KIMs.
      if (deps.config.adminChatId === undefined || (await deps.db.kim.count()) === 0) return { skipped: true };
      await sendReport(deps, Number(deps.config.adminChatId), parsePeriod(period, deps.clock.now(), deps.config.timeZone));
      return { sent: true };
    },
  };
}
