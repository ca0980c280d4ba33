// Telegram Mini App init data, checked as Telegram documents it
// (https://core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app):
// secret_key = HMAC-SHA-256(key "WebAppData", bot token); hash = hex HMAC-SHA-256(key secret_key,
// data-check-string), where the data-check-string is every field but `hash`, as key=value, sorted
// by key and joined by "\n". auth_date must be recent, or a copied URL would work forever.
import { createHmac, timingSafeEqual } from "node:crypto";

/** Init data older than this is refused. */
export const INIT_DATA_MAX_AGE_MS = 60 * 60 * 1000;

export interface InitDataUser {
  id: number;
  firstName: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
}

export type InitDataCheck =
  | { ok: true; user: InitDataUser; authDate: Date }
  | { ok: false; reason: "malformed" | "bad-hash" | "expired" | "no-user" };

function dataCheckString(params: URLSearchParams): string {
  return [...params.entries()]
    .filter(([k]) => k !== "hash")
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join("\n");
}

function expectedHash(params: URLSearchParams, botToken: string): Buffer {
  const secret = createHmac("sha256", "WebAppData").update(botToken).digest();
  return createHmac("sha256", secret).update(dataCheckString(params)).digest();
}

function parseUser(json: string | null): InitDataUser | undefined {
  if (!json) return undefined;
  try {
    const u = JSON.parse(json) as Record<string, unknown>;
    if (typeof u.id !== "number" || !Number.isSafeInteger(u.id)) return undefined;
    return {
      id: u.id,
      firstName: typeof u.first_name === "string" ? u.first_name : "",
      ...(typeof u.last_name === "string" ? { lastName: u.last_name } : {}),
      ...(typeof u.username === "string" ? { username: u.username } : {}),
      ...(typeof u.language_code === "string" ? { languageCode: u.language_code } : {}),
    };
  } catch {
    return undefined;
  }
}

export function validateInitData(initData: string, botToken: string, now: Date, maxAgeMs = INIT_DATA_MAX_AGE_MS): InitDataCheck {
  const params = new URLSearchParams(initData);
  const hash = params.get("hash");
  if (!hash || !/^[0-9a-f]{64}$/.test(hash)) return { ok: false, reason: "malformed" };
  // Compared in constant time: the hash is a secret until it matches.
  if (!timingSafeEqual(Buffer.from(hash, "hex"), expectedHash(params, botToken))) return { ok: false, reason: "bad-hash" };
  const authSeconds = Number(params.get("auth_date"));
  if (!Number.isFinite(authSeconds) || authSeconds <= 0) return { ok: false, reason: "malformed" };
  const authDate = new Date(authSeconds * 1000);
  if (now.getTime() - authDate.getTime() > maxAgeMs) return { ok: false, reason: "expired" };
  const user = parseUser(params.get("user"));
  if (!user) return { ok: false, reason: "no-user" };
  return { ok: true, user, authDate };
}

/**
 * Init data as Telegram would send it for `user`, signed with the bot token. For the demo and the
 * tests, which have no Telegram client to open the page.
 */
export function signInitData(fields: { user: object; authDate: Date; queryId?: string }, botToken: string): string {
  const params = new URLSearchParams();
  if (fields.queryId) params.set("query_id", fields.queryId);
  params.set("user", JSON.stringify(fields.user));
  params.set("auth_date", String(Math.floor(fields.authDate.getTime() / 1000)));
  params.set("hash", expectedHash(params, botToken).toString("hex"));
  return params.toString();
}
