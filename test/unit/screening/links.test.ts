import { describe, expect, it } from "vitest";
import { defaultLinkConfig, extractLinks, inspectLinks } from "../../../src/domain/screening/links.js";

describe("extractLinks", () => {
  it("finds URLs with and without scheme in text", () => {
    const links = extractLinks("Daftar di https://bit.ly/bansos24, info www.kemensos.go.id/cek atau s.id/blt.");
    expect(links.map((l) => [l.url, l.host])).toEqual([
      ["https://bit.ly/bansos24", "bit.ly"],
      ["www.kemensos.go.id/cek", "kemensos.go.id"],
      ["s.id/blt", "s.id"],
    ]);
  });

  it("does not mistake abbreviations for hosts", () => {
    expect(extractLinks("Kab. Sleman, dr. Budi, Rp. 50.000, pukul 09.00")).toEqual([]);
  });

  it("reads url and text_link entities with UTF-16 offsets", () => {
    const text = "🙏 Cek di sini ya kompas.com";
    const shownStart = text.indexOf("di sini");
    const urlStart = text.indexOf("kompas.com");
    const links = extractLinks(text, [
      { type: "text_link", offset: shownStart, length: "di sini".length, url: "https://evil.example.xyz/p" },
      { type: "url", offset: urlStart, length: "kompas.com".length },
      { type: "bold", offset: 0, length: 2 },
    ]);
    expect(links).toEqual([
      { url: "https://evil.example.xyz/p", host: "evil.example.xyz", source: "text_link", shownText: "di sini" },
      { url: "kompas.com", host: "kompas.com", source: "url" },
    ]);
  });
});

describe("inspectLinks", () => {
  it("reports URL shorteners", () => {
    const findings = inspectLinks(extractLinks("klik bit.ly/abc dan https://cutt.ly/x"));
    expect(findings).toEqual([
      { code: "link.shortener", params: { domain: "bit.ly" } },
      { code: "link.shortener", params: { domain: "cutt.ly" } },
    ]);
  });

  it("reports configured hoax domains including subdomains", () => {
    const config = { ...defaultLinkConfig, hoaxDomains: ["beritahoax.example"] };
    const findings = inspectLinks(extractLinks("baca https://m.beritahoax.example/artikel/1"), config);
    expect(findings).toEqual([{ code: "link.hoax-domain", params: { domain: "m.beritahoax.example" } }]);
    expect(inspectLinks(extractLinks("baca https://notberitahoax.example/a"), config)).toEqual([]);
  });

  it("reports link text that shows another domain than its target", () => {
    const text = "Cek di kemenkes.go.id/vaksin";
    const shown = "kemenkes.go.id/vaksin";
    const entities = [{ type: "text_link", offset: text.indexOf(shown), length: shown.length, url: "http://promo-vaksin.xyz/a" }];
    expect(inspectLinks(extractLinks(text, entities))).toContainEqual({
      code: "link.mismatch",
      params: { shown: "kemenkes.go.id", target: "promo-vaksin.xyz" },
    });
  });

  it("accepts link text of the same site or plain words", () => {
    const text = "Info di kemenkes.go.id dan di sini";
    const entities = [
      { type: "text_link", offset: 8, length: 14, url: "https://www.kemenkes.go.id/berita" },
      { type: "text_link", offset: text.indexOf("di sini"), length: 7, url: "https://sehatnegeriku.kemkes.go.id/" },
    ];
    expect(inspectLinks(extractLinks(text, entities))).toEqual([]);
  });

  it("reports hosts that borrow an institution's name outside official domains", () => {
    expect(inspectLinks(extractLinks("daftar di bansos-kemensos2024.blogspot.com"))).toEqual([
      { code: "link.impersonation", params: { domain: "bansos-kemensos2024.blogspot.com", word: "kemensos" } },
    ]);
    expect(inspectLinks(extractLinks("cek di https://cekbansos.kemensos.go.id"))).toEqual([]);
  });
});
