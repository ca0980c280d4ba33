// `/hoaks sumber` in the admin group: each configured fact-check feed with its last success,
// its last failure if the last attempt failed, and what it brought.
import type { BotContext } from "../context.js";
import { chunkLines, formatDateTime } from "../format.js";
import { feedHealth } from "../../domain/factcheck/poll.js";

export async function sourcesCommand(ctx: BotContext): Promise<void> {
  const { db, config } = ctx.deps;
  const rows = await feedHealth(db, config.factcheck.feeds);
  if (rows.length === 0) {
    await ctx.reply(ctx.t("sources-none"));
    return;
  }
  const when = (d: Date | null) => (d ? formatDateTime(d, config.timeZone, config.defaultLocale) : ctx.t.html("sources-never"));
  const lines = [ctx.t("sources-title", { count: rows.length })];
  for (const r of rows) {
    lines.push(
      "",
      ctx.t(r.lastError ? "sources-line-failing" : "sources-line", {
        name: r.title ?? r.url,
        url: r.url,
        success: when(r.lastSuccessAt),
        items: r.itemCount,
        added: r.claimsAdded,
      }),
    );
    if (r.lastError) lines.push(ctx.t("sources-error", { attempt: when(r.lastAttemptAt), error: r.lastError }));
  }
  for (const chunk of chunkLines(lines)) await ctx.reply(chunk, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
}
