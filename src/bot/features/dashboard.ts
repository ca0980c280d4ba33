// /dasbor (issue 13). In the admin group: a button that opens the dashboard (Telegram allows Web
// App buttons only in private chats, so the group gets a link: the bot's Main Mini App when one is
// set in BotFather, which opens inside Telegram with the init data, else the page itself). In a
// private chat with a current admin: a one-time sign-in link for a browser outside Telegram, and
// a Web App button when the address is https. Anyone else is told politely that it is for admins.
import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.js";
import { html } from "../../html.js";
import { adminGroupOnly } from "../admin-guard.js";
import { issueSignInLink } from "../../db/dashboard-tokens.js";

/** The dashboard's address, or the reason there is none (said in the chat). */
function dashboardUrl(ctx: BotContext): { url: string } | { problem: string } {
  const { dashboard } = ctx.deps.config;
  if (!dashboard.enabled) return { problem: "dasbor-off" };
  if (!dashboard.publicUrl) return { problem: "dasbor-no-public-url" };
  return { url: `${dashboard.publicUrl}/dasbor` };
}

function nameOf(from: { first_name: string; last_name?: string }): string {
  return [from.first_name, from.last_name].filter(Boolean).join(" ");
}

export function dashboardFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const admin = adminGroupOnly(feature);

  admin.command("dasbor", async (ctx) => {
    const target = dashboardUrl(ctx);
    if ("problem" in target) {
      await ctx.reply(ctx.t(target.problem));
      return;
    }
    const me = ctx.me;
    const url = me.has_main_web_app && me.username ? `https://t.me/${me.username}?startapp=dasbor` : target.url;
    await ctx.reply(`${ctx.t("dasbor-open")}\n${ctx.t("dasbor-group-hint")}`, {
      reply_markup: new InlineKeyboard().url(ctx.t("dasbor-button"), url),
    });
  });

  feature.chatType("private").command("dasbor", async (ctx) => {
    // Asked of Telegram now: a link that signs in must not rest on a minute-old answer.
    if (!(await ctx.deps.admins.isMember(ctx.api, ctx.from.id, { fresh: true }))) {
      await ctx.reply(ctx.t("dasbor-not-admin"));
      return;
    }
    const target = dashboardUrl(ctx);
    if ("problem" in target) {
      await ctx.reply(ctx.t(target.problem));
      return;
    }
    const name = nameOf(ctx.from);
    const token = await issueSignInLink(
      ctx.deps.db,
      { userId: ctx.from.id, name, ...(ctx.from.language_code ? { languageCode: ctx.from.language_code } : {}) },
      ctx.deps.clock.now(),
    );
    const link = `${target.url}/masuk?t=${token}`;
    const keyboard = new InlineKeyboard().url(ctx.t("dasbor-signin-button"), link);
    // Telegram opens Web Apps from https addresses only.
    if (target.url.startsWith("https:")) keyboard.row().webApp(ctx.t("dasbor-button"), target.url);
    await ctx.reply(html`${ctx.t.html("dasbor-private-link", { name })}\n${link}`.toString(), {
      parse_mode: "HTML",
      // A preview would fetch the link; it only shows a button, but there is no need to.
      link_preview_options: { is_disabled: true },
      reply_markup: keyboard,
    });
  });

  return feature;
}
