import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config.js";

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe("HTTP and webhook settings", () => {
  it("defaults to polling with the server on 0.0.0.0:8080", () => {
    const c = parseConfig({});
    expect(c.mode).toBe("polling");
    expect(c.http).toEqual({ enabled: true, port: 8080, host: "0.0.0.0" });
    expect(c.webhook).toBeUndefined();
    expect(parseConfig({ HTTP: "off", PORT: "0", HTTP_HOST: "127.0.0.1" }).http).toEqual({ enabled: false, port: 0, host: "127.0.0.1" });
  });

  it("webhook mode takes the URL's path and needs URL and secret", () => {
    const c = parseConfig({ BOT_MODE: "webhook", WEBHOOK_URL: "https://bot.example.org/tg/abc", WEBHOOK_SECRET: "a-Z_9" });
    expect(c.webhook).toEqual({ url: "https://bot.example.org/tg/abc", secret: "a-Z_9", path: "/tg/abc" });
    expect(problemsOf({ BOT_MODE: "webhook" })).toEqual([
      expect.stringMatching(/^WEBHOOK_URL: is required when BOT_MODE=webhook/),
      expect.stringMatching(/^WEBHOOK_SECRET: is required when BOT_MODE=webhook/),
    ]);
    expect(problemsOf({ BOT_MODE: "webhook", WEBHOOK_URL: "https://x.org/h", WEBHOOK_SECRET: "s", HTTP: "off" })).toEqual([
      expect.stringMatching(/^HTTP: cannot be off when BOT_MODE=webhook/),
    ]);
  });

  it("names each bad value on one line", () => {
    const problems = problemsOf({ BOT_MODE: "hook", PORT: "70000", HTTP: "yes", WEBHOOK_URL: "http://bot.example.org/h", WEBHOOK_SECRET: "no spaces!" });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^BOT_MODE: must be "polling" or "webhook"/),
        expect.stringMatching(/^PORT: must be at most 65535/),
        expect.stringMatching(/^HTTP: must be "on" or "off"/),
        expect.stringMatching(/^WEBHOOK_URL: must be an https URL/),
        expect.stringMatching(/^WEBHOOK_SECRET: must be 1 to 256 characters/),
      ]),
    );
    expect(problems).toHaveLength(5);
    expect(problemsOf({ WEBHOOK_SECRET: "x".repeat(257) })).toHaveLength(1);
  });
});

describe("dashboard settings (issue 13)", () => {
  it("is on without a public address by default, and off with DASHBOARD=off or HTTP=off", () => {
    expect(parseConfig({}).dashboard).toEqual({ enabled: true, publicUrl: undefined, secureCookie: false });
    expect(parseConfig({ DASHBOARD: "off" }).dashboard.enabled).toBe(false);
    expect(parseConfig({ HTTP: "off" }).dashboard.enabled).toBe(false);
  });

  it("takes PUBLIC_URL without its trailing slash; cookies are Secure on https only", () => {
    expect(parseConfig({ PUBLIC_URL: "https://kim.example.go.id/" }).dashboard).toEqual({ enabled: true, publicUrl: "https://kim.example.go.id", secureCookie: true });
    expect(parseConfig({ PUBLIC_URL: "http://127.0.0.1:8080" }).dashboard.secureCookie).toBe(false);
    for (const bad of ["kim.example.go.id", "ftp://x.org", "https://x.org/?a=1", "https://x.org/#top"]) {
      expect(problemsOf({ PUBLIC_URL: bad }), bad).toEqual([expect.stringMatching(/^PUBLIC_URL: must be the http\(s\) address/)]);
    }
    expect(problemsOf({ DASHBOARD: "yes" })).toEqual([expect.stringMatching(/^DASHBOARD: must be "on" or "off"/)]);
  });
});
