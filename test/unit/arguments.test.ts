import { describe, expect, it } from "vitest";
import { echo, MAX_ECHO, parseReference, parseTelegramId } from "../../src/bot/arguments.js";
import { createI18n, inLocale, translator } from "../../src/bot/i18n.js";

describe("command arguments", () => {
  it("read a reference number as people write it", () => {
    expect(parseReference("1234")).toBe(1234);
    expect(parseReference("#1234")).toBe(1234);
    expect(parseReference(" # 128 ")).toBe(128);
    expect(parseReference("1.234")).toBe(1234);
    expect(parseReference("12.345.678")).toBe(12345678);
  });

  it("refuse what cannot be a submission number", () => {
    for (const bad of ["", "0", "-5", "12a", "1.23", "1,234.5", "99999999999999999999", "2147483648", "1e5", "#"]) {
      expect(parseReference(bad)).toBeUndefined();
    }
    expect(parseReference("2147483647")).toBe(2147483647);
  });

  it("read a Telegram id only when it fits what Telegram uses", () => {
    expect(parseTelegramId("123456789")).toBe(123456789n);
    expect(parseTelegramId("9223372036854775808")).toBeUndefined();
    expect(parseTelegramId("12 34")).toBeUndefined();
    expect(parseTelegramId("0")).toBeUndefined();
  });

  it("repeat a person's text shortened, and escaped once by the answer it goes into", () => {
    const long = "<b>".repeat(2000);
    const out = echo(long);
    expect(out.length).toBeLessThanOrEqual(MAX_ECHO);
    const answer = inLocale(translator(createI18n("id")), "id")("reference-unknown", { ref: out });
    expect(answer).not.toContain("<");
    expect(answer).toContain("&lt;b&gt;&lt;b&gt;");
    expect(answer).not.toContain("&amp;lt;");
  });
});
