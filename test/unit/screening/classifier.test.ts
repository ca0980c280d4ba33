import { describe, expect, it } from "vitest";
import { NaiveBayesClassifier } from "../../../src/domain/screening/classifier.js";

const HOAX = [
  "Sebarkan! vaksin mengandung microchip untuk melacak warga, info dari grup sebelah",
  "Air rebusan daun sirsak ampuh membunuh kanker, sembuh total tanpa efek samping",
  "Selamat anda terpilih dapat bantuan tunai, klik link dan isi data KTP",
  "AWAS penculik anak menyamar jadi petugas, viralkan sebelum dihapus",
  "Pemerintah menyembunyikan prediksi gempa besar malam ini, sebarkan ke semua grup",
];
const VALID = [
  "Jadwal posyandu balita hari Kamis di balai desa, bawa buku KIA",
  "Musyawarah desa membahas rencana pembangunan jalan usaha tani",
  "Puskesmas membuka layanan imunisasi dasar setiap Selasa pagi",
  "Warga bergotong royong membersihkan saluran air menjelang musim hujan",
  "Pelatihan menulis berita untuk Kelompok Informasi Masyarakat di kantor kecamatan",
];

function trained(minPerClass: number, rounds = 1): NaiveBayesClassifier {
  const model = new NaiveBayesClassifier({ minPerClass });
  for (let r = 0; r < rounds; r++) {
    HOAX.forEach((t) => model.learn(`${t} ${r}`, "hoax"));
    VALID.forEach((t) => model.learn(`${t} ${r}`, "valid"));
  }
  return model;
}

describe("NaiveBayesClassifier", () => {
  it("says it is not ready below the minimum of decisions per class", () => {
    const model = trained(20, 3); // 15 of each
    const p = model.predict("vaksin microchip sebarkan");
    expect(p.ready).toBe(false);
    expect(p.decisions).toEqual({ hoax: 15, valid: 15 });
    expect(trained(15, 3).predict("x").ready).toBe(true);
  });

  it("needs the minimum in each class, not in total", () => {
    const model = new NaiveBayesClassifier({ minPerClass: 3 });
    for (let i = 0; i < 10; i++) model.learn(`hoaks nomor ${i}`, "hoax");
    expect(model.ready).toBe(false);
    for (let i = 0; i < 3; i++) model.learn(`berita desa ${i}`, "valid");
    expect(model.ready).toBe(true);
  });

  it("is neutral before learning anything", () => {
    expect(new NaiveBayesClassifier().predict("apa saja").pHoax).toBeCloseTo(0.5, 5);
  });

  it("learns which new texts look like hoaxes", () => {
    const model = trained(5);
    const hoax = model.predict("Viralkan! microchip di vaksin buat melacak, sebarkan ke grup");
    const valid = model.predict("Jadwal imunisasi balita di posyandu balai desa hari Selasa");
    expect(hoax.ready).toBe(true);
    expect(hoax.pHoax).toBeGreaterThan(0.6);
    expect(valid.pHoax).toBeLessThan(0.4);
    expect(hoax.hoaxWords.length).toBeGreaterThan(0);
  });

  it("unlearns a reversed decision exactly", () => {
    const model = trained(5);
    const before = JSON.stringify(model.toJSON());
    const text = "Kabar jalan desa rusak parah sudah diperbaiki";
    model.learn(text, "hoax");
    expect(JSON.stringify(model.toJSON())).not.toBe(before);
    model.unlearn(text, "hoax");
    expect(JSON.stringify(model.toJSON())).toBe(before);
  });

  it("round-trips its state through JSON", () => {
    const model = trained(5);
    const copy = NaiveBayesClassifier.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    const text = "sebarkan info vaksin microchip dari grup sebelah";
    expect(copy.predict(text)).toEqual(model.predict(text));
    expect(copy.decisions).toEqual({ hoax: 5, valid: 5 });
    expect(() => NaiveBayesClassifier.fromJSON({ version: 2 } as never)).toThrow();
  });

  it("lets a stored model take a new readiness threshold", () => {
    const copy = NaiveBayesClassifier.fromJSON(trained(5).toJSON(), { minPerClass: 50 });
    expect(copy.ready).toBe(false);
  });
});
