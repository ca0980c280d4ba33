// The start-up checks, said plainly: is the token valid, is Telegram reachable, is ADMIN_CHAT_ID a
// group the bot is in with the rights it needs, is CHANNEL_ID a channel where the bot may post.
// The same checks run at start, in `npm run doctor` and for /periksa in the admin group; each
// problem is named with what to do about it, in the operator's language.
import { GrammyError, HttpError, type Api } from "grammy";
import type { ChatMember, UserFromGetMe } from "grammy/types";
import type { Config } from "../config.js";
import type { Translate } from "./i18n.js";

export type CheckId = "token" | "admin-chat" | "channel";

export interface CheckResult {
  id: CheckId;
  level: "ok" | "warn" | "error";
  /** One line for people (Fluent, in the configured language). */
  text: string;
}

export interface CheckReport {
  me?: UserFromGetMe;
  results: CheckResult[];
  /** Telegram could not be reached at all: nothing else could be checked. */
  unreachable?: string;
}

/** True when the report has no error. */
export function checksPass(report: CheckReport): boolean {
  return !report.unreachable && report.results.every((r) => r.level !== "error");
}

type T = (key: string, vars?: Record<string, string | number>) => string;

/** Runs every Telegram-side check. Never throws: what fails is in the report. */
export async function runChecks(api: Api, config: Config, translate: Translate): Promise<CheckReport> {
  // The report is plain text: a console, a reply and an admin message without parse mode.
  const t: T = (k, v) => translate.text(config.defaultLocale, k, v);
  let me: UserFromGetMe;
  try {
    me = await api.getMe();
  } catch (err) {
    if (err instanceof GrammyError && err.error_code === 401) {
      return { results: [{ id: "token", level: "error", text: t("check-token-rejected") }] };
    }
    if (err instanceof GrammyError) return { results: [{ id: "token", level: "error", text: t("check-token-other", { reason: reasonOf(err) }) }] };
    return { results: [], unreachable: t("check-unreachable", { reason: reasonOf(err), root: config.apiRoot }) };
  }
  const results: CheckResult[] = [{ id: "token", level: "ok", text: t("check-token-ok", { username: me.username }) }];
  results.push(await checkAdminChat(api, config, me, t));
  results.push(await checkChannel(api, config, me, t));
  return { me, results };
}

async function checkAdminChat(api: Api, config: Config, me: UserFromGetMe, t: T): Promise<CheckResult> {
  const id = config.adminChatId;
  const result = (level: CheckResult["level"], key: string, vars: Record<string, string | number> = {}): CheckResult => ({
    id: "admin-chat",
    level,
    text: t(key, { id: String(id ?? ""), ...vars }),
  });
  if (id === undefined) return result("error", "check-admin-unset");
  try {
    const chat = await api.getChat(Number(id));
    if (chat.type !== "group" && chat.type !== "supergroup") return result("error", "check-admin-not-group", { type: chat.type });
    const title = chat.title ?? "";
    const m = await api.getChatMember(Number(id), me.id);
    if (!inChat(m)) return result("error", "check-admin-not-member", { title });
    if (m.status !== "administrator" && m.status !== "creator") return result("warn", "check-admin-not-admin", { title });
    return result("ok", "check-admin-ok", { title });
  } catch (err) {
    return result("error", isNotFound(err) ? "check-admin-not-found" : "check-admin-failed", { reason: reasonOf(err) });
  }
}

async function checkChannel(api: Api, config: Config, me: UserFromGetMe, t: T): Promise<CheckResult> {
  const id = config.channelId;
  const result = (level: CheckResult["level"], key: string, vars: Record<string, string | number> = {}): CheckResult => ({
    id: "channel",
    level,
    text: t(key, { id: id ?? "", ...vars }),
  });
  if (id === undefined) return result("error", "check-channel-unset");
  const chatId = /^-?\d+$/.test(id) ? Number(id) : id;
  try {
    const chat = await api.getChat(chatId);
    if (chat.type !== "channel") return result("error", "check-channel-not-channel", { type: chat.type });
    const title = chat.title ?? "";
    const m = await api.getChatMember(chatId, me.id);
    if (m.status !== "administrator" && m.status !== "creator") return result("error", "check-channel-not-admin", { title });
    if (m.status === "administrator" && m.can_post_messages === false) return result("error", "check-channel-cannot-post", { title });
    if (m.status === "administrator" && !m.can_delete_messages) return result("warn", "check-channel-cannot-delete", { title });
    return result("ok", "check-channel-ok", { title, channelId: String(chat.id) });
  } catch (err) {
    return result("error", isNotFound(err) ? "check-channel-not-found" : "check-channel-failed", { reason: reasonOf(err) });
  }
}

function inChat(m: ChatMember): boolean {
  return m.status !== "left" && m.status !== "kicked" && !(m.status === "restricted" && !m.is_member);
}

function isNotFound(err: unknown): boolean {
  return err instanceof GrammyError && /chat not found|bot is not a member|bot was kicked|CHANNEL_PRIVATE|PEER_ID_INVALID/i.test(err.description);
}

function reasonOf(err: unknown): string {
  if (err instanceof GrammyError) return err.description;
  if (err instanceof HttpError) return String((err.error as Error | undefined)?.message ?? err.message);
  return err instanceof Error ? err.message : String(err);
}

/** The report as lines: one per check, with its mark. */
export function reportLines(report: CheckReport): string[] {
  if (report.unreachable) return [`❌ ${report.unreachable}`];
  return report.results.map((r) => `${r.level === "ok" ? "✅" : r.level === "warn" ? "⚠️" : "❌"} ${r.text}`);
}
