import { describe, expect, it } from "vitest";
import { createScreener } from "../../../src/domain/screening/index.js";
import { claimKeyOf, matchClaims, type RecheckCandidate } from "../../../src/domain/screening/recheck.js";

const CLAIM = { id: 7, text: "Pendaftaran bantuan sosial tunai Rp 3 juta lewat tautan WhatsApp", images: [["ffffffff00000000", "fffffffe00000000"]], submissionId: null };

function screenerWith(...claims: Array<{ id: number; text: string }>) {
  const s = createScreener();
  // Unrelated claims give the index realistic word weights.
  s.addClaim("1", "Vaksin campak menyebabkan kemandulan pada anak perempuan");
  s.addClaim("2", "Minum air garam hangat menyembuhkan virus corona dalam sehari");
  for (const c of claims) s.addClaim(String(c.id), c.text);
  return s;
}

const candidates: RecheckCandidate[] = [
  { id: 1, status: "published", text: "Info: pendaftaran bansos tunai 3 juta rupiah kini lewat tautan whatsapp, segera daftar!", photoHashes: [] },
  { id: 2, status: "pending", text: "Posyandu Desa Jaar membuka layanan imunisasi hari Sabtu.", photoHashes: [] },
  { id: 3, status: "published", text: "Foto kegiatan kerja bakti", photoHashes: ["ffffffff00000003"] },
  { id: 4, status: "pending", text: "", photoHashes: ["0123456789abcdef"] },
];

describe("re-check: one new claim against recent items", () => {
  it("matches by text with the claim index's own similarity, and by photo within the image distance", () => {
    const screener = screenerWith(CLAIM);
    const matches = matchClaims(screener, [CLAIM], candidates, 0.5);
    expect(matches.map((m) => [m.submissionId, m.by])).toEqual([
      [1, "text"],
      [3, "image"],
    ]);
    const text = matches[0]!;
    // The same figure a card would show for this item.
    const screened = screener.screen({ text: candidates[0]!.text }).closestClaims.find((c) => c.id === "7")!;
    expect(text.similarity).toBeCloseTo(screened.similarity, 10);
    expect(matches[1]!.imageDistance).toBe(2);
  });

  it("never matches a claim against the submission it was made from, nor a claim the index does not hold", () => {
    const screener = screenerWith(CLAIM);
    expect(matchClaims(screener, [{ ...CLAIM, images: [], submissionId: 1 }], candidates, 0.5)).toEqual([]);
    expect(matchClaims(screenerWith(), [{ ...CLAIM, images: [] }], candidates, 0.5)).toEqual([]);
  });

  it("gives the same key to the same claim written twice", () => {
    expect(claimKeyOf({ id: 1, text: "Pendaftaran Bansos lewat WhatsApp!!" })).toBe(claimKeyOf({ id: 2, text: "pendaftaran bansos lewat whatsapp" }));
    expect(claimKeyOf({ id: 3, text: "" })).toBe("claim:3");
  });
});
