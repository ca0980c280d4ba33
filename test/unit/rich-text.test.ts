import { describe, expect, it } from "vitest";
import { CAPTION_MAX, TEXT_MAX, contentParts, splitRichText, toHtml } from "../../src/bot/rich-text.js";

describe("toHtml", () => {
  it("escapes every user character and keeps formatting and hidden links", () => {
    const text = "Rapat <RT> & warga: lihat jadwal";
    const html = toHtml({
      text,
      entities: [
        { type: "bold", offset: 0, length: 5 },
        { type: "text_link", offset: 26, length: 6, url: "https://example.go.id/a?b=1&c=\"2\"" },
      ],
    });
    expect(html).toBe('<b>Rapat</b> &lt;RT&gt; &amp; warga: lihat <a href="https://example.go.id/a?b=1&amp;c=&quot;2&quot;">jadwal</a>');
  });

  it("drops overlapping entities and unsafe link schemes instead of producing broken HTML", () => {
    const html = toHtml({
      text: "abcdef",
      entities: [
        { type: "bold", offset: 0, length: 4 },
        { type: "italic", offset: 2, length: 4 },
        { type: "text_link", offset: 4, length: 2, url: "javascript:alert(1)" },
      ],
    });
    expect(html).toBe("<b>abcd</b>ef");
  });
});

describe("splitRichText", () => {
  it("splits at word boundaries within the limits and loses no word", () => {
    const words = Array.from({ length: 400 }, (_, i) => `kata${i}`);
    const text = words.join(" ");
    const parts = splitRichText({ text, entities: [] }, 1000, 4000);
    expect(parts[0]!.text.length).toBeLessThanOrEqual(1000);
    for (const p of parts) expect(p.text.length).toBeLessThanOrEqual(4000);
    expect(parts.map((p) => p.text).join(" ").split(" ")).toEqual(words);
  });

  it("keeps a link whole and its entity on the right part", () => {
    const filler = "a ".repeat(45);
    const text = `${filler}baca selengkapnya di sini ya`;
    const linkStart = text.indexOf("selengkapnya");
    const parts = splitRichText({ text, entities: [{ type: "text_link", offset: linkStart, length: 17, url: "https://x.id" }] }, 100, 100);
    expect(parts).toHaveLength(2);
    expect(toHtml(parts[1]!)).toContain('<a href="https://x.id">selengkapnya di s</a>');
  });

  it("never cuts an emoji in half", () => {
    const text = "😀".repeat(600);
    const parts = splitRichText({ text, entities: [] }, 1023, 1023);
    for (const p of parts) expect(p.text.length % 2).toBe(0);
    expect(parts.map((p) => p.text).join("")).toBe(text);
  });
});

describe("contentParts", () => {
  const words = (n: number) => Array.from({ length: n }, (_, i) => `kata${i} <&>`).join(" ");

  it("fits the first part in a caption when there is media, the rest in messages, leaving the reserve free", () => {
    const rt = { text: words(1500), entities: [] };
    const plain = (html: string) => html.replace(/&lt;|&gt;|&amp;/g, "_").length;
    const withMedia = contentParts(rt, { media: true, reserve: 100 });
    expect(plain(withMedia[0]!)).toBeLessThanOrEqual(CAPTION_MAX - 100);
    expect(plain(withMedia[0]!)).toBeGreaterThan(CAPTION_MAX - 300);
    for (const part of withMedia.slice(1)) expect(plain(part)).toBeLessThanOrEqual(TEXT_MAX - 100);
    const textOnly = contentParts(rt, { media: false });
    expect(plain(textOnly[0]!)).toBeGreaterThan(CAPTION_MAX);
    expect(textOnly.every((part) => plain(part) <= TEXT_MAX)).toBe(true);
    expect(textOnly.join(" ")).toContain("kata0 &lt;&amp;&gt;");
    expect(textOnly.join(" ")).not.toContain("<&>");
  });

  it("gives nothing for no text", () => {
    expect(contentParts({ text: "", entities: [] }, { media: true })).toEqual([]);
  });
});
