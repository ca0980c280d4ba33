// Admin commands name a KIM by (part of) its name: exactly one match, or an explanation.
import type { BotContext } from "./context.js";
import { html } from "../html.js";
import { echo } from "./arguments.js";
import { chunkLines } from "./format.js";
import { findKims } from "../domain/registry.js";

/** Finds exactly one KIM by name, or explains why not. */
export async function oneKim(ctx: BotContext, query: string, usageKey: string) {
  if (!query) {
    await ctx.reply(ctx.t(usageKey));
    return undefined;
  }
  const kims = await findKims(ctx.deps.db, query);
  if (kims.length === 1) return kims[0];
  if (kims.length === 0) await ctx.reply(ctx.t("invites-none", { query: echo(query) }), { parse_mode: "HTML" });
  else {
    const lines = [ctx.t("invites-ambiguous", { count: kims.length }), ...kims.slice(0, 30).map((k) => html`• ${k.name} (${k.kecamatan.name})`.toString())];
    for (const chunk of chunkLines(lines)) await ctx.reply(chunk, { parse_mode: "HTML" });
  }
  return undefined;
}
