import { describe, expect, it } from "vitest";
import { createI18n, inLocale, translator } from "../../../src/bot/i18n.js";
import { renderSummary } from "../../../src/reports/summary.js";
import { fakeKim, fakeReport } from "./fake-report.js";

const i18n = createI18n("id");
const tr = (locale: "id" | "en") => inLocale(translator(i18n), locale);

const kims = [
  fakeKim({ kimId: 1, kimName: "KIM <b>Maju</b> & Jaya", kecamatanName: "Kec <Utara>", submissions: 9, published: 8, score: 91, group: "aktif" }),
  fakeKim({ kimId: 2, kimName: "KIM Lestari", submissions: 6, published: 5, score: 80, group: "aktif" }),
  fakeKim({ kimId: 3, kimName: "KIM Harapan", submissions: 2, score: 40, weeksActive: 1, weeksCounted: 4, group: "perlu-pembinaan" }),
  fakeKim({
    kimId: 4,
    kimName: "KIM Sepi",
    kecamatanId: 2,
    kecamatanName: "Mekarsari",
    lastSubmissionAt: new Date("2026-10-20T03:00:00Z"),
    paused: true,
  }),
  fakeKim({ kimId: 5, kimName: "KIM Baru", kecamatanId: 2, kecamatanName: "Mekarsari" }),
];

describe("text summary", () => {
  it("lists top KIMs, those needing support and the inactive ones, with names escaped", () => {
    const text = renderSummary(fakeReport(kims), { t: tr("id"), locale: "id" });
    expect(text).toContain("Laporan keaktifan KIM");
    expect(text).toContain("2 Nov 2026 – 29 Nov 2026");
    expect(text).toContain("1. KIM &lt;b&gt;Maju&lt;/b&gt; &amp; Jaya (Kec. Kec &lt;Utara&gt;) · skor 91 · 9 kiriman");
    expect(text).toContain("2. KIM Lestari (Kec. Sukamaju) · skor 80");
    expect(text).toContain("• KIM Harapan (Kec. Sukamaju) · skor 40 · aktif 1 dari 4 minggu");
    // Never-active KIMs come first, then the longest silent.
    expect(text.indexOf("KIM Baru")).toBeLessThan(text.indexOf("KIM Sepi"));
    expect(text).toContain("• KIM Sepi (Kec. Mekarsari) · terakhir kirim 20 Okt 2026 ⏸ dijeda");
    expect(text).toContain("belum pernah mengirim");
    expect(text).not.toContain("<Utara>");
    expect(text).not.toContain("<b>Maju");
    expect(text).not.toMatch(/[\u2068\u2069]/);
    // Only the tags the template adds.
    expect(text.match(/<\/?[a-z]+>/g)?.every((tag) => ["<b>", "</b>", "<i>", "</i>"].includes(tag))).toBe(true);
  });

  it("speaks English to English readers", () => {
    const text = renderSummary(fakeReport(kims), { t: tr("en"), locale: "en" });
    expect(text).toContain("KIM activity report");
    expect(text).toContain("3 of 5 KIMs sent something");
    expect(text).toContain("last sent 20 Oct 2026");
  });

  it("stays under Telegram's limit with hundreds of long names", () => {
    const many = Array.from({ length: 600 }, (_, i) =>
      fakeKim({
        kimId: i + 1,
        kimName: `KIM dengan nama yang sangat panjang sekali nomor ${i + 1}`,
        kecamatanId: 1 + (i % 60),
        kecamatanName: `Kecamatan dengan nama panjang ${1 + (i % 60)}`,
        submissions: i % 7,
        score: i % 100,
        group: i % 3 === 0 ? "aktif" : i % 3 === 1 ? "perlu-pembinaan" : "tidak-aktif",
      }),
    );
    const text = renderSummary(fakeReport(many), { t: tr("id"), locale: "id", listSize: 40, kecamatanSize: 60 });
    expect(text.length).toBeLessThanOrEqual(4000);
    expect(text).toContain("lainnya");
  });

  it("says so when there is no KIM", () => {
    expect(renderSummary(fakeReport([]), { t: tr("id"), locale: "id" })).toContain("Belum ada KIM");
  });

  it("lists among the most active only KIMs of the aktif group, never one that needs support", () => {
    const report = fakeReport([
      fakeKim({ kimId: 1, kimName: "KIM Aktif", submissions: 8, score: 80, group: "aktif" }),
      fakeKim({ kimId: 2, kimName: "KIM Binaan", submissions: 3, score: 41, weeksActive: 1, group: "perlu-pembinaan" }),
    ]);
    const text = renderSummary(report, { t: tr("id"), locale: "id" });
    const top = text.slice(text.indexOf("KIM paling aktif"), text.indexOf("Perlu pembinaan"));
    expect(top).toContain("KIM Aktif");
    expect(top).not.toContain("KIM Binaan");
    expect(text.match(/KIM Binaan/g)).toHaveLength(1);
    // With no KIM in the aktif group there is no top list at all.
    const none = renderSummary(fakeReport([report.kims[1]!]), { t: tr("id"), locale: "id" });
    expect(none).not.toContain("paling aktif");
    expect(none).toContain("Perlu pembinaan");
  });
});
