// Who is asking the dashboard's API: an admin by Telegram Mini App init data (the header
// `Authorization: tma <initData>`, the Mini Apps convention) or by the session cookie a one-time
// sign-in link set. Either way the user must be a member of the admin group *now*: someone who
// left keeps a valid cookie or init data for a while, and gets 403.
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import type { Db } from "../../db/client.js";
import { sessionUser, type TokenUser } from "../../db/dashboard-tokens.js";
import { validateInitData } from "./init-data.js";

export const SESSION_COOKIE = "kim_dasbor";

export interface AuthDeps {
  db: Db;
  botToken: string;
  now(): Date;
  /** True when the user is a current member of the admin group (the bot's cached check). */
  isAdmin(userId: number): Promise<boolean>;
}

export type AuthResult = { ok: true; admin: TokenUser; via: "tma" | "cookie" } | { ok: false; status: 401 | 403 };

function displayName(u: { firstName: string; lastName?: string; username?: string }): string {
  const name = [u.firstName, u.lastName].filter(Boolean).join(" ").trim();
  return name || (u.username ? `@${u.username}` : "");
}

async function identify(c: Context, deps: AuthDeps): Promise<{ user: TokenUser; via: "tma" | "cookie" } | undefined> {
  const header = c.req.header("Authorization");
  if (header !== undefined) {
    // A header that is there but wrong never falls back to the cookie: it says who is asking.
    const m = /^tma (.+)$/.exec(header);
    if (!m) return undefined;
    const check = validateInitData(m[1]!, deps.botToken, deps.now());
    if (!check.ok) return undefined;
    const u = check.user;
    return { user: { userId: u.id, name: displayName(u), ...(u.languageCode ? { languageCode: u.languageCode } : {}) }, via: "tma" };
  }
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return undefined;
  const user = await sessionUser(deps.db, token, deps.now());
  return user && { user, via: "cookie" };
}

export async function authenticate(c: Context, deps: AuthDeps): Promise<AuthResult> {
  const who = await identify(c, deps);
  if (!who) return { ok: false, status: 401 };
  if (!(await deps.isAdmin(who.user.userId))) return { ok: false, status: 403 };
  return { ok: true, admin: who.user, via: who.via };
}
