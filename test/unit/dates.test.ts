// One formatDate for the bot's messages and the reports (src/dates.ts): the same arguments in the
// same order, and each style as it was written before.
import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime } from "../../src/dates.js";

const AT = new Date("2026-11-30T17:31:00Z"); // 1 December, 00.31 in Jakarta
const ZONE = "Asia/Jakarta";

describe("dates", () => {
  it("write a message's date with the month in full, in the zone", () => {
    expect(formatDate(AT, ZONE, "id")).toBe("1 Desember 2026");
    expect(formatDate(AT, ZONE, "en")).toBe("1 December 2026");
    expect(formatDate(AT, "UTC", "id")).toBe("30 November 2026");
  });

  it("write a report's date with the month short, and without the year when asked", () => {
    expect(formatDate(AT, ZONE, "id", { month: "short" })).toBe("1 Des 2026");
    expect(formatDate(AT, ZONE, "en", { month: "short" })).toBe("1 Dec 2026");
    expect(formatDate(AT, ZONE, "id", { month: "short", year: false })).toBe("1 Des");
  });

  it("write a date and time the locale's way", () => {
    expect(formatDateTime(AT, ZONE, "id")).toBe("1 Des 2026, 00.31");
    expect(formatDateTime(AT, ZONE, "en")).toBe("1 Dec 2026, 00:31");
  });
});
