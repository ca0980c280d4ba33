import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { imageHash, imageHashVariants } from "../../../src/domain/screening/image-hash.js";
import { logit, sigmoid } from "../../../src/domain/screening/calibration.js";
import {
  basisKey,
  createScreener,
  defaultScreeningConfig,
  partKey,
  reasonKey,
  renderBasis,
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

// Genuine urgent posts that use the words chain messages use: urgency, calls to forward, links.
const GENUINE_ALERTS = [
  "PENTING!!! Air sungai naik sejak subuh, warga bantaran sungai mohon waspada dan amankan dokumen. Mohon diteruskan ke keluarga.",
  "AWAS KABUT ASAP!!! Kurangi kegiatan di luar rumah dan pakai masker. Sebarkan ke grup RT.",
  "Pendaftaran pelatihan menjahit gratis lewat formulir https://s.id/jahitdesa paling lambat Jumat. Tanya WA 0812xxxx4417",
  "DARURAT: dibutuhkan segera donor darah golongan O di RSUD. Hubungi keluarga pasien 0852xxxx7781. Mohon bantu sebarkan.",
];

describe("Screener.screen", () => {
  it("flags hoax chain messages on style alone (medium: style is never proof), with the cues as reasons", () => {
    const screener = createScreener();
    for (const text of CHAIN_MESSAGES) {
      const result = screener.screen({ text });
      expect(result.level, text).toBe("medium");
      expect(result.reasons[0]!.code.startsWith("cue."), text).toBe(true);
      expect(result.basis[0]).toMatchObject({ code: "style" });
    }
  });

  it("does not flag genuine alerts, links and phone numbers on cues alone", () => {
    const screener = createScreener();
    for (const text of GENUINE_ALERTS) {
      const result = screener.screen({ text });
      expect(result.level, text).toBe("low");
      expect(codes(result).some((c) => c.startsWith("cue.") || c === "link.shortener"), text).toBe(true);
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

  it("starts from the district's hoax rate: the probability is the prior plus the evidence, in log-odds", () => {
    const screener = createScreener();
    const text = "Sebarkan ke semua grup sebelum dihapus!!! Info dari grup sebelah";
    const fresh = screener.screen({ text });
    expect(fresh.prior).toEqual({ baseRate: 0.05, decisions: 0, calibrated: false });
    const evidence = fresh.reasons.reduce((total, r) => total + r.weight, 0);
    expect(fresh.score).toBeCloseTo(sigmoid(logit(0.05) + evidence), 2);
    // Decisions move the prior towards the observed rate (here 10 hoaxes in 20, not yet enough for
    // the classifier), and the same evidence then means a higher probability.
    for (let i = 0; i < 10; i++) {
      screener.learn(`kabar palsu nomor ${i}`, "hoax");
      screener.learn(`kegiatan desa nomor ${i}`, "valid");
    }
    const later = screener.screen({ text });
    expect(later.prior.baseRate).toBeCloseTo((10 + 0.05 * 20) / 40, 3);
    expect(later.score).toBeGreaterThan(fresh.score);
  });

  it("never presumes a hoax before the evidence, even in a history made mostly of hoaxes", () => {
    const screener = createScreener({ classifier: { minPerClass: 1000 } });
    for (let i = 0; i < 90; i++) screener.learn(`kabar palsu nomor ${i}`, "hoax");
    for (let i = 0; i < 10; i++) screener.learn(`kegiatan desa nomor ${i}`, "valid");
    expect(screener.observedRate()).toBeGreaterThan(0.7);
    expect(screener.baseRate()).toBe(0.5);
    expect(screener.screen({ text: "Rapat warga di balai desa" }).level).toBe("low");
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

  it("uses the classifier once it has enough decisions and a calibration", () => {
    const screener = new Screener({ classifier: { minPerClass: 8 } });
    const hoaxTopics = ["microchip vaksin melacak warga", "chip di vaksin untuk melacak", "vaksin berisi microchip pelacak"];
    const validTopics = ["jadwal posyandu balita di balai desa", "posyandu balita buka di rumah kader", "penimbangan balita di posyandu"];
    for (let i = 0; i < 8; i++) {
      screener.learn(`sebarkan info ${hoaxTopics[i % 3]} nomor ${i}`, "hoax");
      screener.learn(`${validTopics[i % 3]} minggu ke ${i}`, "valid");
    }
    expect(screener.calibrationStale).toBe(true);
    expect(screener.calibrate()).toMatchObject({ decisions: { hoax: 8, valid: 8 } });
    expect(screener.calibrationStale).toBe(false);
    const result = screener.screen({ text: "vaksin ada microchip untuk melacak, info grup" });
    expect(result.classifier.ready).toBe(true);
    expect(result.level).not.toBe("low");
    expect(result.prior.calibrated).toBe(true);
    expect(result.classifier.pHoax).toBeGreaterThan(result.prior.baseRate);
    const reason = result.reasons.find((r) => r.code === "classifier");
    expect(reason?.weight).toBeGreaterThan(0);
    expect(codes(result)).not.toContain("classifier.not-ready");
    const ordinary = screener.screen({ text: "posyandu balita di balai desa hari kamis" });
    expect(ordinary.level).toBe("low");
    expect(ordinary.score).toBeLessThan(result.score);
    // One more decision makes the calibration stale again; refitting scores only the new one and
    // gives about the same fit as scoring every decision again.
    screener.learn("jadwal senam lansia di balai desa", "valid");
    expect(screener.calibrationStale).toBe(true);
    const probe = "vaksin ada microchip untuk melacak, info grup";
    expect(screener.calibrate()!.decisions).toEqual({ hoax: 8, valid: 9 });
    const incremental = screener.screen({ text: probe }).score;
    screener.calibrate({ full: true });
    expect(Math.abs(screener.screen({ text: probe }).score - incremental)).toBeLessThan(0.05);
  });

  it("reports suspicious links", () => {
    const screener = createScreener({ links: { hoaxDomains: ["hoaxsite.example"] } });
    const result = screener.screen({
      text: "Baca di kemenkes.go.id dan https://www.hoaxsite.example/a",
      entities: [{ type: "text_link", offset: 8, length: 14, url: "https://bit.ly/x1" }],
    });
    expect(codes(result)).toEqual(expect.arrayContaining(["link.shortener", "link.mismatch", "link.hoax-domain"]));
  });

  it("takes thresholds and evidence from the config; high on the probability needs two kinds of evidence", () => {
    const strict = createScreener({ thresholds: { medium: 0.01, high: 0.02 } });
    expect(strict.screen({ text: "Rapat warga di balai desa" }).level).toBe("medium");
    expect(strict.screen({ text: "Waspada banjir di bantaran sungai, sebarkan ke semua grup" }).level).toBe("medium");
    const twoKinds = strict.screen({ text: "Sebarkan ke semua grup! Daftar di https://bansos-kemensos.example/daftar" });
    expect(twoKinds.basis.map((b) => b.code).sort()).toEqual(["links", "style"]);
    expect(twoKinds.level).toBe("high");
    const lenient = createScreener({ evidence: { shouting: 0 } });
    expect(lenient.config.evidence.knownImage).toBe(defaultScreeningConfig.evidence.knownImage);
    expect(lenient.config.thresholds).toEqual(defaultScreeningConfig.thresholds);
  });
});

describe("rendering", () => {
  const ftlKeys = (lang: string) =>
    new Set(
      [...readFileSync(new URL(`../../../locales/${lang}/screening.ftl`, import.meta.url), "utf8").matchAll(/^([a-z][a-z0-9-]*) =/gmu)].map(
        (m) => m[1],
      ),
    );

  it("has a Fluent key in both languages for every level, reason, basis and style part", () => {
    const styleCodes = ["shouting", "punctuation", "link.shortener", ...new Set(defaultScreeningConfig.cues.map((c) => `cue.${c.category}`))];
    const linkCodes = ["link.hoax-domain", "link.mismatch", "link.impersonation"];
    const emitted = ["known-claim", "known-image", "classifier", "classifier.not-ready", "ordinary", ...styleCodes, ...linkCodes];
    for (const lang of ["id", "en"]) {
      const keys = ftlKeys(lang);
      for (const level of ["low", "medium", "high"]) expect(keys.has(`screening-level-${level}`)).toBe(true);
      for (const code of emitted) expect(keys.has(reasonKey(code)), `${lang}: ${code}`).toBe(true);
      for (const code of ["known-claim", "known-image", "classifier", "style", "links", "none"]) {
        expect(keys.has(basisKey(code)), `${lang}: basis ${code}`).toBe(true);
      }
      for (const code of [...styleCodes, ...linkCodes]) expect(keys.has(partKey(code)), `${lang}: part ${code}`).toBe(true);
    }
    expect([...ftlKeys("id")].sort()).toEqual([...ftlKeys("en")].sort());
  });

  it("renders the level, what the result is based on, and one line per reason through t()", () => {
    const result = createScreener().screen({ text: "Sebarkan sebelum dihapus!!! SEMUA WARGA WAJIB TAHU INI" });
    const t = (key: string, params?: Record<string, string | number>) => `${key}${params ? ` ${JSON.stringify(params)}` : ""}`;
    const lines = renderReasons(result, t);
    expect(lines[0]).toBe(`screening-level-${result.level}`);
    expect(lines[1]).toContain("screening-basis-style");
    expect(lines).toHaveLength(result.reasons.length + 2);
    expect(lines.some((l) => l.startsWith("screening-reason-cue-spread ") && l.includes("sebelum dihapus"))).toBe(true);
  });

  it("states the basis in words, strongest first", () => {
    const screener = createScreener();
    screener.addClaim("chip", KNOWN_CLAIM);
    const result = screener.screen({ text: "SEBARKAN!!! vaksin yg dibagiin di puskesmas tuh ngandung microchip buat lacak warga" });
    expect(result.basis.map((b) => b.code)).toEqual(["known-claim", "style"]);
    const words: Record<string, string> = {
      "screening-part-cue-spread": "ajakan menyebarkan",
      "screening-part-cue-conspiracy": "bahasa konspirasi",
      "screening-part-punctuation": "tanda seru berlebihan",
      "screening-part-shouting": "huruf kapital",
    };
    const t = (key: string, params?: Record<string, string | number>) =>
      key === "screening-basis-known-claim"
        ? `mirip klaim hoaks yang dikenal, ${params?.similarity} %`
        : key === "screening-basis-style"
          ? `gaya pesan berantai: ${params?.parts}`
          : (words[key] ?? key);
    const text = renderBasis(result.basis, t);
    expect(text).toMatch(/^mirip klaim hoaks yang dikenal, \d+ %; gaya pesan berantai: bahasa konspirasi, ajakan menyebarkan, /u);
    expect(renderBasis(createScreener().screen({ text: "Rapat warga di balai desa" }).basis, t)).toBe("screening-basis-none");
  });
});
