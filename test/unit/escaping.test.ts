// Messages are escaped in one place: the translations (src/bot/i18n.ts) and html`…` fragments
// (src/html.ts) escape what they are given. Read from the source, so a manual escapeHtml in a
// feature, which would escape twice or be forgotten next to it, fails here.
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { SRC, sourceFiles } from "../support/sources.js";


/** Where escapeHtml may be called, each with its reason. */
const ALLOWED = new Map([
  ["html.ts", "the rendering module itself: html`…`, joinHtml and the translations' variables"],
  ["bot/rich-text.ts", "a post's text and its entities into Telegram HTML, character by character"],
  ["http/feeds.ts", "RSS and JSON feeds: XML escaping, not a Telegram message"],
  ["http/dashboard/page.ts", "the dashboard's web page, not a Telegram message"],
]);

/** Where Html may be made from a string that no one escaped: the translations' output only. */
const TRANSLATED = new Set(["html.ts", "bot/i18n.ts"]);


const files = sourceFiles(SRC).map((file) => ({ file: relative(SRC, file), text: readFileSync(file, "utf8") }));

function offenders(pattern: RegExp, allowed: (file: string) => boolean): string[] {
  return files.flatMap(({ file, text }) =>
    allowed(file)
      ? []
      : text
          .split("\n")
          .flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe("escaping for Telegram", () => {
  it("reads the sources", () => {
    expect(files.length).toBeGreaterThan(50);
    for (const file of [...ALLOWED.keys(), ...TRANSLATED]) expect(files.some((f) => f.file === file)).toBe(true);
  });

  it("calls escapeHtml only in the rendering module and the outputs that are not Telegram messages", () => {
    expect(offenders(/\bescapeHtml\(/, (file) => ALLOWED.has(file))).toEqual([]);
  });

  it("turns an unescaped string into markup only for a translation", () => {
    expect(offenders(/\btranslated\(/, (file) => TRANSLATED.has(file))).toEqual([]);
  });

  it("gives ctx.t only its variables: no hand-made translate that skips the escaping", () => {
    // i18n.t(…) straight from the plugin writes variables raw; outside the CLIs' console output
    // the bot translates through translator() / ctx.t.
    const CONSOLE = /^cli\/(migrate|activity-summary|webhook|kim)\.ts$/;
    expect(offenders(/\bi18n\.t\(/, (file) => file === "bot/i18n.ts" || CONSOLE.test(file))).toEqual([]);
  });
});
