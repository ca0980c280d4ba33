// One locale rule (src/locale.ts): what Telegram's language_code or a member's stored language
// means, and which locale an update is answered in. Read from the sources too, so a hand-made
// check of a language code next to it fails here.
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { SRC, sourceFiles } from "../support/sources.js";
import { localeFor } from "../../src/locale.js";
import { updateLocale } from "../../src/bot/i18n.js";



describe("the locale rule", () => {
  it("is English for any English tag, Indonesian otherwise, the fallback when there is none", () => {
    expect(localeFor("en")).toBe("en");
    expect(localeFor("en-US")).toBe("en");
    expect(localeFor("EN")).toBe("en");
    expect(localeFor("id")).toBe("id");
    expect(localeFor("de")).toBe("id");
    expect(localeFor(undefined)).toBe("id");
    expect(localeFor(undefined, "en")).toBe("en");
    expect(localeFor(null, "en")).toBe("en");
  });

  it("answers a group in the default locale and a private chat in the user's", () => {
    const user = { id: 1, is_bot: false, first_name: "A", language_code: "en" };
    expect(updateLocale({ chat: { id: -100, type: "supergroup", title: "Admin" }, from: user }, "id")).toBe("id");
    expect(updateLocale({ chat: { id: 1, type: "private", first_name: "A" }, from: user }, "id")).toBe("en");
    expect(updateLocale({ chat: { id: 1, type: "private", first_name: "A" }, from: { ...user, language_code: undefined } }, "en")).toBe("en");
  });

  it("is written once: no language code is checked by hand elsewhere", () => {
    // String work on a language code, or comparing it with a locale, is the rule written again.
    const byHand = /\blanguage_?code\b[^;\n]*\.(startsWith|toLowerCase)\(|\blanguage_?code\s*(===|!==|\?\?)\s*"(en|id)"/i;
    const offenders = sourceFiles(SRC)
      .filter((file) => relative(SRC, file) !== "locale.ts")
      .flatMap((file) =>
        readFileSync(file, "utf8")
          .split("\n")
          .flatMap((line, i) => (byHand.test(line) ? [`${relative(SRC, file)}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(offenders).toEqual([]);
  });
});
