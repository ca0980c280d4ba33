// Telegram Mini App init data: accepted only when signed with this bot's token and recent.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signInitData, validateInitData } from "../../src/http/dashboard/init-data.js";

const TOKEN = "123456:AAtest-token_value";
const NOW = new Date("2026-12-01T10:00:00Z");
const user = { id: 5001, first_name: "Sari", last_name: "Admin", language_code: "en" };

describe("validateInitData", () => {
  it("accepts init data signed as Telegram documents it, and reads the user", () => {
    const data = signInitData({ user, authDate: new Date(NOW.getTime() - 60_000), queryId: "AAE" }, TOKEN);
    const check = validateInitData(data, TOKEN, NOW);
    expect(check).toEqual({ ok: true, user: { id: 5001, firstName: "Sari", lastName: "Admin", languageCode: "en" }, authDate: new Date(NOW.getTime() - 60_000) });
  });

  it("computes the hash independently of signInitData: HMAC of the sorted lines with the WebAppData key", () => {
    const fields = { auth_date: String(NOW.getTime() / 1000 - 5), query_id: "Q1", user: JSON.stringify(user) };
    const check = Object.entries(fields).map(([k, v]) => `${k}=${v}`).sort().join("\n");
    const secret = createHmac("sha256", "WebAppData").update(TOKEN).digest();
    const hash = createHmac("sha256", secret).update(check).digest("hex");
    const data = new URLSearchParams({ ...fields, hash }).toString();
    expect(validateInitData(data, TOKEN, NOW).ok).toBe(true);
  });

  it("refuses tampered data: another user id with the old hash", () => {
    const data = signInitData({ user, authDate: NOW }, TOKEN);
    const params = new URLSearchParams(data);
    params.set("user", JSON.stringify({ ...user, id: 6666 }));
    expect(validateInitData(params.toString(), TOKEN, NOW)).toEqual({ ok: false, reason: "bad-hash" });
  });

  it("refuses data older than an hour, and accepts it just inside the hour", () => {
    const old = signInitData({ user, authDate: new Date(NOW.getTime() - 60 * 60 * 1000 - 1000) }, TOKEN);
    expect(validateInitData(old, TOKEN, NOW)).toEqual({ ok: false, reason: "expired" });
    const recent = signInitData({ user, authDate: new Date(NOW.getTime() - 59 * 60 * 1000) }, TOKEN);
    expect(validateInitData(recent, TOKEN, NOW).ok).toBe(true);
  });

  it("refuses data signed with another bot's token", () => {
    const data = signInitData({ user, authDate: NOW }, "999:other-token");
    expect(validateInitData(data, TOKEN, NOW)).toEqual({ ok: false, reason: "bad-hash" });
  });

  it("refuses data without a hash, with a malformed one, or without a user", () => {
    expect(validateInitData("user=%7B%7D&auth_date=1", TOKEN, NOW)).toEqual({ ok: false, reason: "malformed" });
    expect(validateInitData("auth_date=1&hash=xyz", TOKEN, NOW)).toEqual({ ok: false, reason: "malformed" });
    const params = new URLSearchParams({ auth_date: String(Math.floor(NOW.getTime() / 1000)) });
    const secret = createHmac("sha256", "WebAppData").update(TOKEN).digest();
    params.set("hash", createHmac("sha256", secret).update(`auth_date=${params.get("auth_date")}`).digest("hex"));
    expect(validateInitData(params.toString(), TOKEN, NOW)).toEqual({ ok: false, reason: "no-user" });
  });
});
