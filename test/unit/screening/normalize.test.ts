import { describe, expect, it } from "vitest";
import { collapseElongation, normalizeText, stem, tokens, words } from "../../../src/domain/screening/normalize.js";

describe("normalizeText", () => {
  it("maps chat slang and abbreviations to standard words", () => {
    expect(normalizeText("yg gak bs dtg krn blm sdh")).toBe("yang tidak bisa dtg karena belum sudah");
    expect(normalizeText("Kalo udh tau jgn sebarin")).toBe("kalau sudah tahu jangan sebarkan");
  });

  it("collapses letters stretched for emphasis but keeps normal double letters", () => {
    expect(collapseElongation("bangeeet")).toBe("banget");
    expect(collapseElongation("hooaaxx")).toBe("hoax");
    expect(collapseElongation("gakk")).toBe("gak");
    expect(collapseElongation("saat")).toBe("saat");
    expect(collapseElongation("tanggal")).toBe("tanggal");
    expect(normalizeText("HOOAAXX bangeeet")).toBe("hoaks banget");
  });

  it("strips URLs, punctuation and emoji", () => {
    expect(normalizeText("Cek 👉 https://bit.ly/abc123 dan kompas.com/berita!!! 🙏")).toBe("cek dan");
  });

  it("expands reduplication written with 2 or ²", () => {
    expect(words("teman2 hati²")).toEqual(["teman", "teman", "hati", "hati"]);
  });
});

describe("tokens", () => {
  it("removes stop words and stems affixes", () => {
    expect(tokens("Vaksin yang dibagikan di puskesmas")).toEqual(["vaksin", "bagi", "puskesmas"]);
    expect(stem("menyebarkan")).toBe("sebar");
    expect(stem("penyebaran")).toBe("sebar");
  });

  it("gives the same tokens for a slang spelling and the standard one", () => {
    expect(tokens("gak bs dipercaya bangeeet")).toEqual(tokens("tidak bisa dipercaya banget"));
  });

  it("keeps negations, which change what a claim says", () => {
    expect(tokens("tidak benar")).toContain("tidak");
  });

  it("returns nothing for text without words", () => {
    expect(tokens("!!! 🙏 https://t.co/x")).toEqual([]);
  });
});
