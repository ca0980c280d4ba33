// One-time sign-in links and session cookies of the dashboard (issue 13), in the KeyValue table:
// they survive a restart and work across instances on one database. Only a SHA-256 of each token
// is stored, so a copy of the database signs nobody in.
import { createHash, randomBytes } from "node:crypto";
import type { DbOrTx } from "./types.js";

/** A sign-in link is valid this long, once. */
export const SIGN_IN_TTL_MS = 10 * 60 * 1000;
/** A session cookie is valid this long (the admin check is repeated on every request anyway). */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

type TokenKind = "dashboard-link" | "dashboard-session";

/** Who a link or session is for: the admin's Telegram id, the name to greet, their language. */
export interface TokenUser {
  userId: number;
  name: string;
  languageCode?: string;
}

interface StoredToken extends TokenUser {
  expiresAt: number;
}

const keyOf = (kind: TokenKind, token: string) => `${kind}:${createHash("sha256").update(token).digest("hex")}`;

/** 32 random bytes, URL-safe: unguessable and fit for a link or a cookie. */
function newToken(): string {
  return randomBytes(32).toString("base64url");
}

async function issue(db: DbOrTx, kind: TokenKind, user: TokenUser, now: Date, ttlMs: number): Promise<string> {
  const token = newToken();
  const value: StoredToken = { ...user, expiresAt: now.getTime() + ttlMs };
  await db.keyValue.create({ data: { key: keyOf(kind, token), value: JSON.stringify(value) } });
  return token;
}

function parse(value: string): StoredToken | undefined {
  try {
    const v = JSON.parse(value) as Partial<StoredToken>;
    if (typeof v.userId !== "number" || typeof v.expiresAt !== "number") return undefined;
    return {
      userId: v.userId,
      name: typeof v.name === "string" ? v.name : "",
      ...(typeof v.languageCode === "string" ? { languageCode: v.languageCode } : {}),
      expiresAt: v.expiresAt,
    };
  } catch {
    return undefined;
  }
}

export function issueSignInLink(db: DbOrTx, user: TokenUser, now: Date): Promise<string> {
  return issue(db, "dashboard-link", user, now, SIGN_IN_TTL_MS);
}

/**
 * Uses a sign-in token up: the row is deleted first, and only the request whose delete removed it
 * gets the user, so two requests racing with one link sign in at most once.
 */
export async function redeemSignInLink(db: DbOrTx, token: string, now: Date): Promise<TokenUser | undefined> {
  const key = keyOf("dashboard-link", token);
  const row = await db.keyValue.findUnique({ where: { key } });
  if (!row) return undefined;
  const { count } = await db.keyValue.deleteMany({ where: { key, value: row.value } });
  const stored = parse(row.value);
  if (count !== 1 || !stored || stored.expiresAt <= now.getTime()) return undefined;
  return withoutExpiry(stored);
}

function withoutExpiry({ expiresAt: _expiresAt, ...user }: StoredToken): TokenUser {
  return user;
}

export function issueSession(db: DbOrTx, user: TokenUser, now: Date): Promise<string> {
  return issue(db, "dashboard-session", user, now, SESSION_TTL_MS);
}

export async function sessionUser(db: DbOrTx, token: string, now: Date): Promise<TokenUser | undefined> {
  const row = await db.keyValue.findUnique({ where: { key: keyOf("dashboard-session", token) } });
  const stored = row ? parse(row.value) : undefined;
  if (!stored || stored.expiresAt <= now.getTime()) return undefined;
  return withoutExpiry(stored);
}

/** Drops expired links and sessions (hourly housekeeping). */
export async function pruneDashboardTokens(db: DbOrTx, now: Date): Promise<number> {
  const rows = await db.keyValue.findMany({
    where: { OR: [{ key: { startsWith: "dashboard-link:" } }, { key: { startsWith: "dashboard-session:" } }] },
  });
  const expired = rows.filter((r) => (parse(r.value)?.expiresAt ?? 0) <= now.getTime()).map((r) => r.key);
  if (expired.length === 0) return 0;
  return (await db.keyValue.deleteMany({ where: { key: { in: expired } } })).count;
}
