// Admin group commands for the registry: /impor (CSV document), /kim, /undangan, /undangan_baru,
// /anggota, /keluarkan, /pindah.
import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { html } from "../../html.js";
import { echo, parseTelegramId } from "../arguments.js";
import { chunkLines } from "../format.js";
import { adminGroupOnly } from "../admin-guard.js";
import { downloadText } from "../files.js";
import { oneKim } from "../kim-lookup.js";
import { findKims, importRegistry, inviteLink, listRegistry, RegistryFileError, renewInviteCode } from "../../domain/registry.js";
import { joinKim, memberByTelegramId, membersOfKim, removeMember } from "../../domain/members.js";
import { notifyMember } from "../../domain/notices.js";

export const adminRegistryFeature = new Composer<BotContext>();
const admin = adminGroupOnly(adminRegistryFeature);

const MAX_CSV_BYTES = 1024 * 1024;

async function replyLong(ctx: BotContext, lines: string[]): Promise<void> {
  for (const chunk of chunkLines(lines)) {
    await ctx.reply(chunk, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
  }
}

admin.on("message:document", async (ctx, next) => {
  if (!/^\/impor(@\w+)?\b/.test(ctx.msg.caption ?? "")) return next();
  const doc = ctx.msg.document;
  const looksCsv = /\.csv$/i.test(doc.file_name ?? "") || /csv|text\/plain/.test(doc.mime_type ?? "");
  if (!looksCsv || (doc.file_size ?? 0) > MAX_CSV_BYTES) {
    await ctx.reply(ctx.t("import-not-csv"));
    return;
  }
  const text = await downloadText(ctx.api, ctx.deps.config, doc.file_id);
  let report;
  try {
    report = await importRegistry(ctx.deps.db, text);
  } catch (err) {
    if (!(err instanceof RegistryFileError)) throw err;
    await ctx.reply(ctx.t("import-bad-file", { reason: err.message }), { parse_mode: "HTML" });
    return;
  }
  const lines = [
    ctx.t("import-report", {
      kecamatan: report.created.kecamatan,
      desa: report.created.desa,
      kim: report.created.kim,
      updated: report.updated.kim,
      unchanged: report.unchanged,
      rejected: report.rejected.length,
    }),
    ...report.rejected.map((r) => ctx.t("import-rejected-line", { line: r.line, reason: r.reason })),
  ];
  await replyLong(ctx, lines);
});

admin.command("impor", async (ctx) => {
  await ctx.reply(ctx.t("import-usage"));
});

admin.command("kim", async (ctx) => {
  const registry = await listRegistry(ctx.deps.db);
  const kims = registry.reduce((n, k) => n + k.kims.length, 0);
  const lines = [ctx.t("registry-title", { kims, kecamatans: registry.length })];
  for (const kec of registry) {
    lines.push("", ctx.t("registry-kecamatan", { name: kec.name }));
    for (const kim of kec.kims) {
      lines.push(
        ctx.t("registry-kim", {
          name: kim.name,
          desa: kim.desa ? html` (${kim.desa.name})` : "",
          members: kim._count.members,
          sample: kim.isSample ? html` ${ctx.t.html("registry-sample")}` : "",
        }),
      );
    }
  }
  await replyLong(ctx, lines);
});

admin.command("undangan", async (ctx) => {
  const query = ctx.match.trim();
  const kims = await findKims(ctx.deps.db, query);
  if (kims.length === 0) {
    await ctx.reply(ctx.t("invites-none", { query: echo(query) }), { parse_mode: "HTML" });
    return;
  }
  const lines = [ctx.t("invites-title")];
  for (const kim of kims) {
    lines.push(
      ctx.t("invites-line", {
        kim: kim.name,
        kecamatan: kim.kecamatan.name,
        link: inviteLink(ctx.me.username, kim.inviteCode),
      }),
    );
  }
  await replyLong(ctx, lines);
});

admin.command("undangan_baru", async (ctx) => {
  const kim = await oneKim(ctx, ctx.match.trim(), "invites-usage-renew");
  if (!kim) return;
  const code = await renewInviteCode(ctx.deps.db, kim.id);
  await ctx.reply(ctx.t("invites-renewed", { kim: kim.name, link: inviteLink(ctx.me.username, code) }), { parse_mode: "HTML" });
});

admin.command("anggota", async (ctx) => {
  const kim = await oneKim(ctx, ctx.match.trim(), "members-usage");
  if (!kim) return;
  const members = await membersOfKim(ctx.deps.db, kim.id);
  const lines = [ctx.t("members-title", { kim: kim.name, count: members.length })];
  if (members.length === 0) lines.push(ctx.t("members-none"));
  for (const m of members) {
    lines.push(
      ctx.t("members-line", {
        name: m.displayName,
        username: m.username ? html` @${m.username}` : "",
        id: String(m.telegramId),
        blocked: m.blockedAt ? html` ${ctx.t.html("members-blocked")}` : "",
      }),
    );
  }
  await replyLong(ctx, lines);
});

admin.command("keluarkan", async (ctx) => {
  const telegramId = parseTelegramId(ctx.match);
  if (telegramId === undefined) {
    await ctx.reply(ctx.t("remove-usage"));
    return;
  }
  const { db } = ctx.deps;
  const member = await memberByTelegramId(db, telegramId);
  if (!member || !member.kim) {
    await ctx.reply(ctx.t("member-not-found"));
    return;
  }
  const kimName = member.kim.name;
  await db.$transaction(async (tx) => {
    await removeMember(tx, member.id);
    await notifyMember(tx, member, { type: "removed-from-kim", kimId: member.kim!.id });
  });
  ctx.deps.wakeJobs();
  await ctx.reply(ctx.t("remove-done", { name: member.displayName, kim: kimName }), { parse_mode: "HTML" });
});

admin.command("pindah", async (ctx) => {
  const [idText = "", ...rest] = ctx.match.trim().split(/\s+/);
  const telegramId = parseTelegramId(idText);
  if (telegramId === undefined || rest.length === 0) {
    await ctx.reply(ctx.t("move-usage"));
    return;
  }
  const { db, clock } = ctx.deps;
  const member = await memberByTelegramId(db, telegramId);
  if (!member) {
    await ctx.reply(ctx.t("member-not-found"));
    return;
  }
  const kim = await oneKim(ctx, rest.join(" "), "move-usage");
  if (!kim) return;
  await db.$transaction(async (tx) => {
    await joinKim(tx, member.id, kim.id, member.displayName, clock.now());
    await notifyMember(tx, member, { type: "moved", kimId: kim.id });
  });
  ctx.deps.wakeJobs();
  await ctx.reply(ctx.t("move-done", { name: member.displayName, kim: kim.name }), { parse_mode: "HTML" });
});
