import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { imageHash, imageHashVariants } from "../../../src/domain/screening/image-hash.js";
import {
  combine,
  createScreener,
  defaultScreeningConfig,
  reasonKey,
  renderReasons,
  Screener,
  type ScreeningResult,
} from "../../../src/domain/screening/screen.js";
import { degrade, syntheticPicture } from "./synthetic-image.js";

const CHAIN_MESSAGES = [
  "SEGERA SEBARKAN!!! Vaksin di puskesmas mengandung microchip untuk melacak warga. Info dari grup sebelah, sebarkan sebelum dihapus!!",
  "Selamat! Anda terpilih mendapatkan bantuan tunai Rp 3.500.000. Klik link berikut dan isi data KTP: bit.ly/bansos-2024. Bagikan ke grup!",
  "Rebusan daun sirsak ampuh sembuh total dari kanker, 100% sembuh tanpa efek samping. Rahasia dokter yang ditutup-tutupi, sebarkan sebanyak-banyaknya",
];

const COMMUNITY_NEWS = [
  "Pemerintah Desa Sukamaju mengundang seluruh warga menghadiri musyawarah desa penyusunan RKPDes pada Kamis pukul 09.00 WIB di balai desa.",
  "Jadwal vaksinasi COVID-19 dosis lanjutan di Puskesmas Sindangbarang: Senin-Rabu pukul 08.00-11.00 WIB. Peserta membawa KTP dan kartu vaksin.",
  "BPBD Kabupaten melaporkan banjir setinggi 40-60 cm merendam 120 rumah di Desa Karanganyar. Warga diminta waspada dan mengikuti arahan petugas.",
  "Warga RT 03 RW 05 bergotong royong membersihkan saluran air dan memangkas rumput di sepanjang jalan desa pada Minggu pagi.",
  "Posyandu Melati mengadakan penimbangan balita, pemberian vitamin A dan penyuluhan gizi pada tanggal 10 di rumah kader RT 02.",
  "Dinas Kesehatan menegaskan kabar vaksin mengandung microchip adalah hoaks. Vaksin telah mendapat izin BPOM, masyarakat diimbau tidak mudah percaya pesan berantai.",
];

const KNOWN_CLAIM = "Vaksin yang dibagikan di puskesmas mengandung microchip untuk melacak warga";

function codes(result: ScreeningResult): string[] {
  return result.reasons.map((r) => r.code);
}

describe("Screener.screen", () => {
  it("rates hoax chain messages high, with the cues as reasons", () => {
    const screener = createScreener();
    for (const text of CHAIN_MESSAGES) {
      const result = screener.screen({ text });
      expect(result.level, text).toBe("high");
      expect(codes(result).some((c) => c.startsWith("cue."))).toBe(true);
    }
  });

  it("does not rate ordinary community news high (and rates it low)", () => {
    const screener = createScreener();
    screener.addClaim("chip", KNOWN_CLAIM);
    for (const text of COMMUNITY_NEWS.slice(0, 5)) {
      expect(screener.screen({ text }).level, text).toBe("low");
    }
  });

  it("does not rate an official denial high even when it quotes a known claim", () => {
    const screener = createScreener();
    screener.addClaim("chip", KNOWN_CLAIM);
    const result = screener.screen({ text: COMMUNITY_NEWS[5]! });
    expect(result.level).not.toBe("high");
    expect(codes(result)).toContain("cue.clarification");
    expect(result.reasons.at(-1)!.weight).toBeLessThan(0);
  });

  it("rates a slang variant of a known claim high on the match alone", () => {
    const screener = createScreener();
    screener.addClaim("chip", KNOWN_CLAIM);
    const result = screener.screen({ text: "vaksin yg dibagiin di puskesmas tuh ngandung microchip buat lacak warga" });
    expect(result.level).toBe("high");
    expect(result.reasons[0]).toMatchObject({ code: "known-claim", params: { id: "chip", claim: KNOWN_CLAIM } });
    expect(result.reasons[0]!.params.similarity).toBeGreaterThanOrEqual(80);
    expect(result.closestClaims[0]?.id).toBe("chip");
  });

  it("rates a known image high on the match alone", async () => {
    const screener = createScreener();
    const picture = await syntheticPicture(11);
    screener.addImage("img-1", await imageHashVariants(picture));
    const forwarded = await degrade(picture, { scale: 0.6, quality: 40, cropLeft: 0.05 });
    const result = screener.screen({ text: "Foto kejadian tadi pagi", imageHashes: [await imageHash(forwarded)] });
    expect(result.level).toBe("high");
    expect(result.reasons[0]).toMatchObject({ code: "known-image", params: { id: "img-1" } });
    const unrelated = screener.screen({ text: "Foto kejadian tadi pagi", imageHashes: [await imageHash(await syntheticPicture(12))] });
    expect(codes(unrelated)).not.toContain("known-image");
  });

  it("sorts reasons by weight and reports the untrained classifier", () => {
    const result = createScreener().screen({ text: CHAIN_MESSAGES[0]! });
    const weights = result.reasons.map((r) => r.weight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    expect(result.classifier).toEqual({ ready: false });
    expect(result.reasons.find((r) => r.code === "classifier.not-ready")?.params).toEqual({
      count: 0,
      hoax: 0,
      valid: 0,
      needed: 20,
    });
  });

  it("uses the classifier once it has enough decisions", () => {
    const screener = new Screener({ classifier: { minPerClass: 3 } });
    for (let i = 0; i < 3; i++) {
      screener.learn(`sebarkan info microchip vaksin melacak warga ${i}`, "hoax");
      screener.learn(`jadwal posyandu balita di balai desa ${i}`, "valid");
    }
    const result = screener.screen({ text: "vaksin ada microchip untuk melacak, info grup" });
    expect(result.classifier.ready).toBe(true);
    expect(result.classifier.pHoax).toBeGreaterThan(0.5);
    const reason = result.reasons.find((r) => r.code === "classifier");
    expect(reason?.weight).toBeGreaterThan(0);
    expect(codes(result)).not.toContain("classifier.not-ready");
  });

  it("reports suspicious links", () => {
    const screener = createScreener({ links: { hoaxDomains: ["hoaxsite.example"] } });
    const result = screener.screen({
      text: "Baca di kemenkes.go.id dan https://www.hoaxsite.example/a",
      entities: [{ type: "text_link", offset: 8, length: 14, url: "https://bit.ly/x1" }],
    });
    expect(codes(result)).toEqual(expect.arrayContaining(["link.shortener", "link.mismatch", "link.hoax-domain"]));
  });

  it("takes thresholds and weights from the config", () => {
    const strict = createScreener({ thresholds: { medium: 0.05, high: 0.1 } });
    expect(strict.screen({ text: "Waspada banjir di bantaran sungai" }).level).toBe("high");
    const lenient = createScreener({ weights: { shouting: 0 } });
    expect(lenient.config.weights.knownImage).toBe(defaultScreeningConfig.weights.knownImage);
  });
});

describe("combine", () => {
  it("is a noisy-OR of positive weights damped by negative ones", () => {
    const r = (weight: number) => ({ code: "x", weight, params: {} });
    expect(combine([])).toBe(0);
    expect(combine([r(0.5), r(0.5)])).toBe(0.75);
    expect(combine([r(0.5), r(0.5), r(-0.2)])).toBe(0.6);
    expect(combine([r(0.9), r(0)])).toBe(0.9);
  });
});

describe("rendering", () => {
  const ftlKeys = (lang: string) =>
    new Set(
      [...readFileSync(new URL(`../../../locales/${lang}/screening.ftl`, import.meta.url), "utf8").matchAll(/^([a-z][a-z0-9-]*) =/gmu)].map(
        (m) => m[1],
      ),
    );

  it("has a Fluent key in both languages for every level and reason code", () => {
    const emitted = [
      "known-claim", "known-image", "shouting", "punctuation", "classifier", "classifier.not-ready",
      "link.shortener", "link.hoax-domain", "link.mismatch", "link.impersonation",
      ...new Set(defaultScreeningConfig.cues.map((c) => `cue.${c.category}`)),
    ];
    for (const lang of ["id", "en"]) {
      const keys = ftlKeys(lang);
      for (const level of ["low", "medium", "high"]) expect(keys.has(`screening-level-${level}`)).toBe(true);
      for (const code of emitted) expect(keys.has(reasonKey(code)), `${lang}: ${code}`).toBe(true);
    }
    expect([...ftlKeys("id")].sort()).toEqual([...ftlKeys("en")].sort());
  });

  it("renders the level and one line per reason through t()", () => {
    const result = createScreener().screen({ text: "Sebarkan sebelum dihapus!!!" });
    const lines = renderReasons(result, (key, params) => `${key}${params ? ` ${JSON.stringify(params)}` : ""}`);
    expect(lines[0]).toBe(`screening-level-${result.level}`);
    expect(lines).toHaveLength(result.reasons.length + 1);
    expect(lines.some((l) => l.startsWith("screening-reason-cue-spread ") && l.includes("sebelum dihapus"))).toBe(true);
  });
});
