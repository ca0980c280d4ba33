// /cek screens any text on demand (admin group and private chats); /hoaks manages the known
// false claims in the admin group (list, add, remove, import).
import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { html } from "../../html.js";
import { echo, parseReference } from "../arguments.js";
import { chunkLines, excerpt } from "../format.js";
import { adminGroupOnly, isAdminChat } from "../admin-guard.js";
import { downloadText } from "../files.js";
import { screeningLines } from "../screening.js";
import { actorOf } from "../../domain/audit.js";
import { addClaim, claimProblem, importClaims, listClaims, removeClaim } from "../../domain/claims.js";
import { sourcesCommand } from "./factcheck-sources.js"; // issue 11: fact-check feeds

export const hoaxToolsFeature = new Composer<BotContext>();

const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

hoaxToolsFeature.command("cek", async (ctx, next) => {
  if (ctx.chat.type !== "private" && !(await isAdminChat(ctx))) return next();
  const replied = ctx.msg.reply_to_message;
  const text = ctx.match.trim() || replied?.text || replied?.caption || "";
  if (!text) {
    await ctx.reply(ctx.t("check-usage"));
    return;
  }
  const entities = ctx.match.trim() ? undefined : (replied?.entities ?? replied?.caption_entities);
  const stored = await ctx.deps.screening.screenText(text, entities);
  // Admins see how the judgement came about; a member sees it in words.
  const audience = (await isAdminChat(ctx)) ? "admin" : "member";
  const lines = [ctx.t("check-title"), ...screeningLines(stored, ctx.t, 6, audience)];
  if (stored.reasons.length === 0) lines.push(ctx.t("check-no-reasons"));
  lines.push("", ctx.t("check-footer"));
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
});

const admin = adminGroupOnly(hoaxToolsFeature);

admin.command("hoaks", async (ctx) => {
  const [sub, ...rest] = ctx.match.trim().split(/\s+/);
  const args = rest.join(" ");
  switch ((sub ?? "").toLowerCase()) {
    case "":
    case "daftar":
      return listCommand(ctx);
    case "tambah":
      return addCommand(ctx, args);
    case "hapus":
      return removeCommand(ctx, args);
    case "sumber": // issue 11: the fact-check feeds and their last success
      return sourcesCommand(ctx);
    default:
      await ctx.reply(ctx.t("claims-usage"));
  }
});

async function listCommand(ctx: BotContext): Promise<void> {
  const { items, total } = await listClaims(ctx.deps.db, 20);
  if (total === 0) {
    await ctx.reply(ctx.t("claims-empty"));
    return;
  }
  const lines = [ctx.t("claims-title", { total })];
  for (const c of items) {
    lines.push(
      ctx.t("claims-line", {
        id: c.id,
        origin: c.origin,
        text: excerpt(c.text, 90),
        source: c.sourceUrl ? html` — ${c.sourceUrl}` : "",
      }),
    );
  }
  for (const chunk of chunkLines(lines)) await ctx.reply(chunk, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
}

async function addCommand(ctx: BotContext, args: string): Promise<void> {
  const [text = "", source] = args.split("|").map((p) => p.trim());
  const input = { text, sourceUrl: source || undefined };
  const problem = claimProblem(input);
  if (problem) {
    await ctx.reply(ctx.t("claims-invalid", { reason: problem }), { parse_mode: "HTML" });
    return;
  }
  const claim = await addClaim(ctx.deps.db, input, actorOf(ctx.from!), ctx.deps.clock.now());
  ctx.deps.screening.onClaimAdded(claim.id, claim.text);
  ctx.deps.wakeJobs(); // the re-check queued with the claim (issue 11)
  await ctx.reply(ctx.t("claims-added", { id: claim.id }));
}

async function removeCommand(ctx: BotContext, args: string): Promise<void> {
  const id = parseReference(args);
  if (id === undefined) {
    await ctx.reply(args.trim() ? ctx.t("reference-unknown", { ref: echo(args) }) : ctx.t("claims-usage"), { parse_mode: "HTML" });
    return;
  }
  const removed = await removeClaim(ctx.deps.db, id, actorOf(ctx.from!), ctx.deps.clock.now());
  if (removed) ctx.deps.screening.onClaimRemoved(id);
  await ctx.reply(ctx.t(removed ? "claims-removed" : "claims-not-found", { id }));
}

admin.on("message:document", async (ctx, next) => {
  if (!/^\/hoaks(@\w+)?\s+impor\b/i.test(ctx.msg.caption ?? "")) return next();
  const doc = ctx.msg.document;
  if ((doc.file_size ?? 0) > MAX_IMPORT_BYTES) {
    await ctx.reply(ctx.t.text("claims-invalid", { reason: "file > 2 MB" }));
    return;
  }
  const content = await downloadText(ctx.api, ctx.deps.config, doc.file_id);
  const report = await importClaims(ctx.deps.db, content, actorOf(ctx.from), ctx.deps.clock.now());
  for (const c of report.created) ctx.deps.screening.onClaimAdded(c.id, c.text);
  if (report.created.length > 0) ctx.deps.wakeJobs(); // the re-check queued with the claims (issue 11)
  const lines = [
    ctx.t("claims-import-report", { created: report.created.length, duplicates: report.duplicates, rejected: report.rejected.length }),
    ...report.rejected.map((r) => ctx.t("import-rejected-line", { line: r.line, reason: r.reason })),
  ];
  for (const chunk of chunkLines(lines)) await ctx.reply(chunk, { parse_mode: "HTML" });
});
