import { describe, expect, it } from "vitest";
import { ClaimIndex } from "../../../src/domain/screening/claim-index.js";

const CLAIMS: Record<string, string> = {
  chip: "Vaksin yang dibagikan di puskesmas mengandung microchip untuk melacak warga",
  ktp: "KTP warga yang belum vaksin akan diblokir dan bansos dihentikan mulai bulan depan",
  sirsak: "Air rebusan daun sirsak dan jahe membunuh sel kanker dalam tiga hari",
  gempa: "BMKG merahasiakan prediksi gempa besar 9 SR di pantai selatan malam ini",
  whatsapp: "Mulai bulan Juli WhatsApp berbayar lima ribu rupiah per bulan",
};

function index(): ClaimIndex {
  const idx = new ClaimIndex();
  for (const [id, text] of Object.entries(CLAIMS)) idx.add(id, text);
  // Unrelated background claims make the IDF weights realistic.
  const background = [
    "Beras plastik beredar di pasar tradisional",
    "Telur ayam broiler disuntik hormon berbahaya",
    "Uang kertas baru bergambar logo palu arit",
    "Es batu di warung dibuat dari air got",
    "Sinyal 5G menyebarkan virus corona",
    "Penculik anak menyamar memakai mobil ambulans",
  ];
  background.forEach((text, i) => idx.add(`bg${i}`, text));
  return idx;
}

describe("ClaimIndex", () => {
  it("finds a claim written in slang", () => {
    const [best] = index().search("vaksin yg dibagiin di puskesmas tuh ngandung microchip buat lacak warga");
    expect(best?.id).toBe("chip");
    expect(best?.similarity).toBeGreaterThanOrEqual(0.8);
  });

  it("finds a re-ordered claim with affix variants", () => {
    const [best] = index().search("Bansos dihentikan dan KTP diblokir bulan depan bagi warga yang belum divaksin");
    expect(best?.id).toBe("ktp");
    expect(best?.similarity).toBeGreaterThanOrEqual(0.8);
  });

  it("finds a claim embedded in a long message", () => {
    const message =
      "Assalamualaikum bapak ibu semua, mohon maaf mengganggu malam-malam. Tadi sore saya dapat kiriman dari " +
      "saudara di kota, katanya sudah ramai dibahas di banyak grup keluarga. Air rebusan daun sirsak dan jahe bisa " +
      "membunuh sel kanker cuma dalam tiga hari. Saya belum sempat cek ke dokter tapi siapa tahu bermanfaat untuk " +
      "keluarga yang sedang sakit. Terima kasih, semoga kita semua diberi kesehatan.";
    const [best] = index().search(message);
    expect(best?.id).toBe("sirsak");
    expect(best?.similarity).toBeGreaterThanOrEqual(0.8);
  });

  it("does not match a different topic", () => {
    const results = index().search(
      "Warga RT 03 bergotong royong membersihkan saluran air dan memperbaiki jembatan desa pada hari Minggu",
    );
    expect(results.every((r) => r.similarity < 0.5)).toBe(true);
  });

  it("does not treat a few shared common words as the claim", () => {
    // Shares "vaksin", "puskesmas" and "warga" with the microchip claim, but says something else.
    const [best] = index().search("Jadwal vaksin untuk warga di puskesmas hari Senin pukul delapan");
    expect(best?.similarity ?? 0).toBeLessThan(0.6);
  });

  it("adds and removes claims incrementally", () => {
    const idx = index();
    const query = "katanya whatsapp mulai juli berbayar 5 ribu rupiah sebulan";
    expect(idx.search(query)[0]?.id).toBe("whatsapp");
    expect(idx.remove("whatsapp")).toBe(true);
    expect(idx.remove("whatsapp")).toBe(false);
    expect(idx.search(query).some((r) => r.id === "whatsapp")).toBe(false);
    idx.add("wa2", "WhatsApp akan berbayar mulai Juli");
    expect(idx.search(query)[0]?.id).toBe("wa2");
    expect(idx.size).toBe(Object.keys(CLAIMS).length + 6);
  });

  it("replaces a claim added again under the same id", () => {
    const idx = index();
    idx.add("chip", "Beras plastik dari luar negeri beredar");
    expect(idx.search("vaksin puskesmas mengandung microchip melacak warga")[0]?.id).not.toBe("chip");
    expect(idx.text("chip")).toBe("Beras plastik dari luar negeri beredar");
  });

  it("returns at most k results, best first, with similarity in [0, 1]", () => {
    const results = index().search("vaksin microchip KTP diblokir bansos gempa sirsak kanker", 2);
    expect(results).toHaveLength(2);
    expect(results[0]!.similarity).toBeGreaterThanOrEqual(results[1]!.similarity);
    for (const r of results) {
      expect(r.similarity).toBeGreaterThan(0);
      expect(r.similarity).toBeLessThanOrEqual(1);
    }
  });

  it("ignores empty texts", () => {
    const idx = new ClaimIndex();
    expect(idx.add("empty", "!!! yang dan")).toBe(false);
    expect(idx.size).toBe(0);
    expect(idx.search("vaksin")).toEqual([]);
  });
});
