import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES_DIR, createI18n } from "../../src/bot/i18n.js";

function keysOf(locale: string): Map<string, string> {
  const keys = new Map<string, string>();
  const dir = path.join(LOCALES_DIR, locale);
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ftl"))) {
    for (const line of readFileSync(path.join(dir, file), "utf8").split("\n")) {
      const m = /^([a-z][a-z0-9-]*)\s*=/.exec(line);
      if (m) keys.set(m[1]!, file);
    }
  }
  return keys;
}

describe("translations", () => {
  it("English has every Indonesian key and no extra ones", () => {
    const id = keysOf("id");
    const en = keysOf("en");
    expect([...id.keys()].filter((k) => !en.has(k))).toEqual([]);
    expect([...en.keys()].filter((k) => !id.has(k))).toEqual([]);
  });

  it("loads without errors and renders variables without isolation marks", () => {
    const i18n = createI18n("id");
    const text = i18n.t("id", "submitted", { id: 128 });
    expect(text).toContain("#128");
    expect(text).not.toMatch(/[\u2068\u2069]/);
    expect(i18n.t("en", "submitted", { id: 7 })).toContain("Sent!");
  });
});
