// Joining a KIM: by invite link (/start <code>), or by choosing kecamatan and KIM with an admin's
// approval; /profil; noticing when a member blocks the bot.
import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.js";
import { callbackData as cd, callbackPattern as cp, idFrom } from "../callback-data.js";
import { html, joinHtml } from "../../html.js";
import { formatDate } from "../format.js";
import { updateLocale } from "../i18n.js";
import { clearPendingInput, getPendingInput, setPendingInput } from "../pending-input.js";
import { kimByInviteCode } from "../../domain/registry.js";
import { cleanDisplayName, isActiveMember, joinKim, setBlocked, upsertMember, memberByTelegramId } from "../../domain/members.js";
import { createJoinRequest, decideJoinRequest } from "../../domain/join-requests.js";
import { actorOf } from "../../domain/audit.js";
import { isAdminChat, isCurrentAdmin } from "../admin-guard.js";

export const onboardingFeature = new Composer<BotContext>();
const pm = onboardingFeature.chatType("private");

const KIMS_PER_PAGE = 20;

pm.command("start", async (ctx) => {
  const member = await upsertMember(ctx.deps.db, ctx.from);
  const code = ctx.match.trim();
  if (code) return showInvite(ctx, code);
  if (isActiveMember(member) && member.kim) {
    await ctx.reply(ctx.t("welcome-member", { name: member.displayName, kim: member.kim.name }), { parse_mode: "HTML" });
    return;
  }
  const pending = await ctx.deps.db.joinRequest.findFirst({ where: { memberId: member.id, status: "pending" }, include: { kim: true } });
  if (pending) {
    await ctx.reply(ctx.t("request-pending", { kim: pending.kim.name }), { parse_mode: "HTML" });
    return;
  }
  await ctx.reply(ctx.t("start-welcome", { name: ctx.from.first_name }), { parse_mode: "HTML" });
  await showKecamatanPicker(ctx, false);
});

async function showInvite(ctx: BotContext, code: string, edit = false): Promise<void> {
  const { db } = ctx.deps;
  const kim = await kimByInviteCode(db, code);
  if (!kim) {
    await ctx.reply(ctx.t("invite-invalid"));
    return;
  }
  const member = await memberByTelegramId(db, ctx.from!.id);
  if (member && isActiveMember(member) && member.kimId === kim.id) {
    await ctx.reply(ctx.t("invite-already", { kim: kim.name }), { parse_mode: "HTML" });
    return;
  }
  let text = ctx.t("join-confirm", {
    kim: kim.name,
    kecamatan: kim.kecamatan.name,
    name: member?.displayName ?? ctx.from!.first_name,
  });
  if (member && isActiveMember(member) && member.kim) {
    text += `\n\n${ctx.t("join-move-warning", { current: member.kim.name })}`;
  }
  const keyboard = new InlineKeyboard()
    .text(ctx.t("join-button-yes"), cd.join(kim.id, code))
    .row()
    .text(ctx.t("join-button-rename"), cd.joinRename(kim.id, code))
    .text(ctx.t("button-cancel"), cd.joinCancel());
  if (edit) await ctx.editMessageText(text, { parse_mode: "HTML", reply_markup: keyboard });
  else await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
}

pm.callbackQuery(cp.join, async (ctx) => {
  const { db, clock } = ctx.deps;
  const kimId = idFrom(ctx.match);
  const code = ctx.match[2] ?? "";
  const kim = await kimByInviteCode(db, code);
  await ctx.answerCallbackQuery();
  // The code is checked again: it may have been renewed since the link was opened.
  if (!kim || kim.id !== kimId) {
    await ctx.editMessageText(ctx.t("invite-invalid"));
    return;
  }
  const member = await upsertMember(db, ctx.from);
  const joined = await joinKim(db, member.id, kim.id, member.displayName, clock.now());
  await clearPendingInput(db, ctx.from.id);
  await ctx.editMessageText(ctx.t("join-done", { kim: kim.name, name: joined.displayName }), { parse_mode: "HTML" });
});

pm.callbackQuery(cp.joinRename, async (ctx) => {
  await setPendingInput(ctx.deps.db, ctx.from.id, {
    kind: "display-name",
    next: { type: "invite", kimId: idFrom(ctx.match), code: ctx.match[2] ?? "" },
  });
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t("join-ask-name"));
});

pm.callbackQuery(cp.joinCancel, async (ctx) => {
  await clearPendingInput(ctx.deps.db, ctx.from.id);
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t("join-cancelled"));
});

// The typed display name, when the bot asked for one.
pm.on("message:text", async (ctx, next) => {
  if (ctx.msg.text.startsWith("/")) return next();
  const { db } = ctx.deps;
  const pending = await getPendingInput(db, ctx.from.id);
  if (pending?.kind !== "display-name") return next();
  const name = cleanDisplayName(ctx.msg.text);
  if (!name) {
    await ctx.reply(ctx.t("join-bad-name"));
    return;
  }
  const member = await upsertMember(db, ctx.from);
  await db.member.update({ where: { id: member.id }, data: { displayName: name } });
  await clearPendingInput(db, ctx.from.id);
  if (pending.next.type === "invite") await showInvite(ctx, pending.next.code);
  else await showRequestConfirm(ctx, pending.next.kimId, false);
});

/**
 * Only kecamatan that have KIMs can be chosen; those without any are named, with what to do, so
 * nobody picks a kecamatan only to hear that it has no KIM.
 */
async function showKecamatanPicker(ctx: BotContext, edit: boolean): Promise<void> {
  const all = await ctx.deps.db.kecamatan.findMany({ orderBy: { name: "asc" }, include: { _count: { select: { kims: true } } } });
  const withKims = all.filter((k) => k._count.kims > 0);
  if (withKims.length === 0) {
    await ctx.reply(ctx.t("registry-empty"));
    return;
  }
  const keyboard = new InlineKeyboard();
  withKims.forEach((k, i) => {
    keyboard.text(k.name, cd.pickKecamatan(k.id));
    if (i % 2 === 1) keyboard.row();
  });
  const without = all.filter((k) => k._count.kims === 0).map((k) => k.name);
  const text = without.length > 0 ? `${ctx.t("pick-kecamatan")}\n\n${ctx.t("pick-kecamatan-without", { list: joinHtml(without, ", ") })}` : ctx.t("pick-kecamatan");
  if (edit) await ctx.editMessageText(text, { parse_mode: "HTML", reply_markup: keyboard });
  else await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
}

pm.callbackQuery(cp.pickKecamatan, async (ctx) => {
  const kecamatanId = idFrom(ctx.match);
  const page = idFrom(ctx.match, 2);
  const kecamatan = await ctx.deps.db.kecamatan.findUnique({
    where: { id: kecamatanId },
    include: { kims: { orderBy: { name: "asc" } } },
  });
  await ctx.answerCallbackQuery();
  if (!kecamatan) return showKecamatanPicker(ctx, true);
  if (kecamatan.kims.length === 0) {
    await ctx.editMessageText(ctx.t("pick-no-kim"), { reply_markup: new InlineKeyboard().text(ctx.t("button-back"), cd.pickBack()) });
    return;
  }
  const shown = kecamatan.kims.slice(page * KIMS_PER_PAGE, (page + 1) * KIMS_PER_PAGE);
  const keyboard = new InlineKeyboard();
  for (const kim of shown) keyboard.text(kim.name, cd.pickKim(kim.id)).row();
  if ((page + 1) * KIMS_PER_PAGE < kecamatan.kims.length) keyboard.text(ctx.t("button-next"), cd.pickKecamatan(kecamatanId, page + 1)).row();
  keyboard.text(ctx.t("button-back"), cd.pickBack());
  await ctx.editMessageText(ctx.t("pick-kim", { kecamatan: kecamatan.name }), { parse_mode: "HTML", reply_markup: keyboard });
});

pm.callbackQuery(cp.pickBack, async (ctx) => {
  await ctx.answerCallbackQuery();
  await showKecamatanPicker(ctx, true);
});

async function showRequestConfirm(ctx: BotContext, kimId: number, edit: boolean): Promise<void> {
  const { db } = ctx.deps;
  const kim = await db.kim.findUnique({ where: { id: kimId }, include: { kecamatan: true } });
  if (!kim) return showKecamatanPicker(ctx, edit);
  const member = await upsertMember(db, ctx.from!);
  const text = ctx.t("request-confirm", {
    kim: kim.name,
    kecamatan: kim.kecamatan.name,
    name: member.displayName,
  });
  const keyboard = new InlineKeyboard()
    .text(ctx.t("request-button-send"), cd.requestSend(kim.id))
    .row()
    .text(ctx.t("join-button-rename"), cd.requestRename(kim.id))
    .text(ctx.t("button-back"), cd.pickKecamatan(kim.kecamatanId));
  if (edit) await ctx.editMessageText(text, { parse_mode: "HTML", reply_markup: keyboard });
  else await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
}

pm.callbackQuery(cp.pickKim, async (ctx) => {
  await ctx.answerCallbackQuery();
  await showRequestConfirm(ctx, idFrom(ctx.match), true);
});

pm.callbackQuery(cp.requestRename, async (ctx) => {
  await setPendingInput(ctx.deps.db, ctx.from.id, { kind: "display-name", next: { type: "request", kimId: idFrom(ctx.match) } });
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t("join-ask-name"));
});

pm.callbackQuery(cp.requestSend, async (ctx) => {
  const { db, clock, config } = ctx.deps;
  const member = await upsertMember(db, ctx.from);
  const result = await createJoinRequest(db, {
    memberId: member.id,
    kimId: idFrom(ctx.match),
    now: clock.now(),
    adminChatId: config.adminChatId,
  });
  await ctx.answerCallbackQuery();
  if (!result) return showKecamatanPicker(ctx, true);
  ctx.deps.wakeJobs();
  await ctx.editMessageText(ctx.t("request-sent", { kim: result.kimName }), { parse_mode: "HTML" });
});

// Admins decide join requests in the admin group.
onboardingFeature.callbackQuery(cp.joinDecision, async (ctx, next) => {
  if (!(await isAdminChat(ctx))) return next();
  if (!(await isCurrentAdmin(ctx))) {
    await ctx.answerCallbackQuery({ text: ctx.t("review-not-admin"), show_alert: true });
    return;
  }
  const { db, clock, translate, config } = ctx.deps;
  const approve = ctx.match[1] === "y";
  const outcome = await decideJoinRequest(db, {
    requestId: idFrom(ctx.match, 2),
    approve,
    actor: actorOf(ctx.from),
    now: clock.now(),
  });
  if (!outcome.decided) {
    await ctx.answerCallbackQuery({ text: translate(config.defaultLocale, "admin-join-already") });
    return;
  }
  ctx.deps.wakeJobs();
  await ctx.answerCallbackQuery();
  const verdict = translate.html(config.defaultLocale, approve ? "admin-join-approved" : "admin-join-rejected", {
    admin: actorOf(ctx.from).name,
  });
  // The card as Telegram shows it (its text without markup), then the verdict.
  await ctx.editMessageText(html`${ctx.callbackQuery.message?.text ?? ""}\n\n${verdict}`.toString(), {
    parse_mode: "HTML",
  });
});

pm.command("profil", async (ctx) => {
  const { db, config } = ctx.deps;
  const member = await memberByTelegramId(db, ctx.from.id);
  if (!member || !member.kim || member.status === "none" || member.status === "removed") {
    await ctx.reply(ctx.t("profile-none"));
    return;
  }
  const count = await db.submission.count({ where: { memberId: member.id, confirmedAt: { not: null } } });
  await ctx.reply(
    ctx.t("profile", {
      name: member.displayName,
      kim: member.kim.name,
      kecamatan: member.kim.kecamatan.name,
      status: ctx.t.html(`status-${member.status}`),
      joined: member.joinedAt ? formatDate(member.joinedAt, config.timeZone, updateLocale(ctx, config.defaultLocale)) : "-",
      count,
    }),
    { parse_mode: "HTML" },
  );
});

// Telegram tells the bot when a user blocks it (kicked) or comes back (member).
onboardingFeature.on("my_chat_member", async (ctx) => {
  if (ctx.chat.type !== "private") return;
  const status = ctx.myChatMember.new_chat_member.status;
  await setBlocked(ctx.deps.db, ctx.myChatMember.from.id, status === "kicked", ctx.deps.clock.now());
});
