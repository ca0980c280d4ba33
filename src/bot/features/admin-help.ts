import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { adminGroupOnly } from "../admin-guard.js";
import { ADMIN_COMMANDS } from "../commands.js";
import { chunkLines } from "../format.js";

/** /bantuan (also /help and /start) in the admin group: every admin command, one line each. */
export const adminHelpFeature = new Composer<BotContext>();

adminGroupOnly(adminHelpFeature).command(["bantuan", "help", "start"], async (ctx) => {
  const lines = [ctx.t("admin-help-title"), "", ...ADMIN_COMMANDS.map((c) => ctx.t(`admin-help-${c}`))];
  for (const chunk of chunkLines(lines)) await ctx.reply(chunk, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
});
