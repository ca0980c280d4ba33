// The rendering layer: a translation escapes every text variable exactly once, a fragment our
// code wrote (Html) goes in unchanged, and plain-text translations leave text alone.
import { describe, expect, it } from "vitest";
import { Html, escapeHtml, html, joinHtml } from "../../src/html.js";
import { createI18n, inLocale, translator } from "../../src/bot/i18n.js";

const translate = translator(createI18n("id"));
const t = inLocale(translate, "id");
const NASTY = `KIM <b>Maju</b> & "Jaya"`;
const ESCAPED = "KIM &lt;b&gt;Maju&lt;/b&gt; &amp; &quot;Jaya&quot;";

describe("html fragments", () => {
  it("escape every interpolated string once and keep the template's markup", () => {
    expect(html`<b>${NASTY}</b>`.toString()).toBe(`<b>${ESCAPED}</b>`);
    expect(html`#${128}`.toString()).toBe("#128");
  });

  it("put a fragment into another unchanged", () => {
    const bold = html`<b>${NASTY}</b>`;
    expect(html`<i>${bold}</i>`.toString()).toBe(`<i><b>${ESCAPED}</b></i>`);
    expect(joinHtml([bold, "a<b"], ", ").toString()).toBe(`<b>${ESCAPED}</b>, a&lt;b`);
  });

  it("cannot be made from a string by anyone else", () => {
    expect(() => new Html("<b>x</b>", Symbol("html"))).toThrow(TypeError);
  });
});

describe("translations", () => {
  it("escape <, >, & and \" in a text variable exactly once", () => {
    const text = t("request-pending", { kim: NASTY });
    expect(text).toContain(ESCAPED);
    expect(text).not.toContain("<b>Maju");
    expect(text).not.toContain("&amp;lt;");
    expect(text).not.toContain("&amp;amp;");
  });

  it("take a fragment unchanged", () => {
    const text = t("request-pending", { kim: html`<b>${NASTY}</b>` });
    expect(text).toContain(`<b>${ESCAPED}</b>`);
  });

  it("nest: a translation as a fragment is not escaped again, its own variables were", () => {
    const inner = t.html("request-pending", { kim: NASTY });
    expect(inner).toBeInstanceOf(Html);
    const outer = t("history-event", { time: "10.00", what: inner });
    expect(outer).toContain(ESCAPED);
    expect(outer).not.toContain("&amp;lt;");
    // The same translation passed as a string would be escaped a second time.
    expect(t("history-event", { time: "10.00", what: t("request-pending", { kim: NASTY }) })).toContain("&amp;lt;");
  });

  it("write plain text unescaped, and refuse markup there", () => {
    expect(t.text("request-pending", { kim: NASTY })).toContain(NASTY);
    expect(translate.text("en", "request-pending", { kim: NASTY })).toContain(NASTY);
    expect(() => t.text("request-pending", { kim: html`<b>x</b>` })).toThrow(TypeError);
  });

  it("bound to a locale or not, and in the update's ctx.t form, give the same text", () => {
    expect(translate("id", "request-pending", { kim: NASTY })).toBe(t("request-pending", { kim: NASTY }));
    expect(translate.html("en", "request-pending", { kim: NASTY }).toString()).toBe(translate("en", "request-pending", { kim: NASTY }));
  });

  it("still write reference numbers without thousand separators, and counts the locale's way", () => {
    expect(t("submitted", { id: 1234 })).toContain("#1234");
    expect(t("reminder-part-active", { count: 1234 })).toBe("1.234 aktif");
  });

  it("agree with escapeHtml for the non-Telegram outputs", () => {
    expect(escapeHtml(NASTY)).toBe(ESCAPED);
  });
});
