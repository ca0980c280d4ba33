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

describe("parseConfig", () => {
  it("applies the documented defaults", () => {
    const c = parseConfig({});
    expect(c.apiRoot).toBe("https://api.telegram.org");
    expect(c.databaseUrl).toBe("file:./data/jedikim.db");
    expect(c.timeZone).toBe("Asia/Jakarta");
    expect(c.defaultLocale).toBe("id");
    expect(c.botToken).toBeUndefined();
    expect(c.throttle).toEqual({ sendsPerSecond: 30, groupSendsPerMinute: 20, privateSendsPerSecond: 1 });
    expect(c.jobLeaseMs).toBe(15_000);
    expect(c.flood).toEqual({ updatesPerMinute: 40, draftsPerMinute: 10 });
  });

  it("reads ids, the API root and the time zone", () => {
    const c = parseConfig({
      BOT_TOKEN: "123456:ABC-def_1",
      TELEGRAM_API_ROOT: "http://127.0.0.1:8081/",
      ADMIN_CHAT_ID: "-1001234567890",
      CHANNEL_ID: "@infobartim",
      BOT_TIMEZONE: "Asia/Makassar",
    });
    expect(c.botToken).toBe("123456:ABC-def_1");
    expect(c.apiRoot).toBe("http://127.0.0.1:8081");
    expect(c.adminChatId).toBe(-1001234567890n);
    expect(c.channelId).toBe("@infobartim");
    expect(c.timeZone).toBe("Asia/Makassar");
  });

  it("treats empty values as unset", () => {
    expect(parseConfig({ ADMIN_CHAT_ID: "", BOT_TOKEN: "  " }).adminChatId).toBeUndefined();
  });

  it("reports each problem on one line naming the variable", () => {
    const problems = problemsOf({
      BOT_TOKEN: "not a token",
      ADMIN_CHAT_ID: "admins",
      BOT_TIMEZONE: "Mars/Olympus",
      DATABASE_URL: "mysql://x",
      SEND_RATE_PER_SECOND: "0",
    });
    expect(problems).toHaveLength(5);
    for (const name of ["BOT_TOKEN", "ADMIN_CHAT_ID", "BOT_TIMEZONE", "DATABASE_URL", "SEND_RATE_PER_SECOND"]) {
      expect(problems.filter((p) => p.startsWith(`${name}: `))).toHaveLength(1);
    }
    expect(problems.every((p) => !p.includes("\n"))).toBe(true);
  });
});
