import { describe, expect, it } from "vitest";
import {
  capsShare,
  compileCues,
  defaultCues,
  matchCues,
  punctuationRuns,
  type Cue,
} from "../../../src/domain/screening/cues.js";

const compiled = compileCues(defaultCues);
const codes = (text: string) => matchCues(text, compiled).map((h) => h.code);

describe("cues", () => {
  it("finds calls to spread with the matched phrase", () => {
    const hits = matchCues("Tolong sebarkan sebanyak-banyaknya sebelum dihapus!", compiled);
    expect(hits.map((h) => h.cueId).sort()).toEqual(["spread-before-deleted", "spread-call", "spread-max"]);
    expect(hits.find((h) => h.cueId === "spread-before-deleted")?.phrase).toBe("sebelum dihapus");
  });

  it("matches on normalised text: slang, case and elongation", () => {
    expect(codes("info dr GRUP SEBELAH nih")).toContain("cue.attribution");
    expect(codes("obaaat ampuuuh, sembuh total")).toContain("cue.miracle");
  });

  it("recognises unverifiable attribution, miracle cures, money lures and conspiracy words", () => {
    expect(codes("Kata teman saya yang kerja di rumah sakit")).toContain("cue.attribution");
    expect(codes("100% sembuh tanpa efek samping")).toContain("cue.miracle");
    expect(codes("Selamat anda terpilih, klik link berikut")).toContain("cue.money");
    expect(codes("Ini agenda elit global untuk depopulasi")).toContain("cue.conspiracy");
  });

  it("matches phrases with punctuation on the raw text", () => {
    expect(matchCues("PENTING!!! baca sampai habis", compiled).map((h) => h.cueId)).toContain("urgency-important");
    expect(matchCues("Ini penting untuk warga", compiled).map((h) => h.cueId)).not.toContain("urgency-important");
  });

  it("does not count a warning against spreading as a call to spread", () => {
    expect(codes("Jangan sebarkan pesan berantai yang belum jelas")).not.toContain("cue.spread");
    expect(codes("Sebarkan pesan ini")).toContain("cue.spread");
  });

  it("reads an official denial as a clarification, but 'bukan hoaks' as an assurance", () => {
    const denial = matchCues("Dinas Kesehatan menegaskan kabar tersebut adalah hoaks", compiled);
    expect(denial.map((h) => h.code)).toContain("cue.clarification");
    expect(denial.find((h) => h.code === "cue.clarification")!.weight).toBeLessThan(0);
    const chain = codes("Ini bukan hoax, sudah dicek kebenarannya");
    expect(chain).toContain("cue.assurance");
    expect(chain).not.toContain("cue.clarification");
  });

  it("does not fire on ordinary community news", () => {
    expect(codes("Posyandu Melati mengadakan penimbangan balita dan pemberian vitamin A di balai desa")).toEqual([]);
  });

  it("supports cue lists extended as data, with prefix wildcards", () => {
    const custom: Cue[] = [{ id: "custom", category: "spread", weight: 0.3, patterns: ["broadcast*"] }];
    const hits = matchCues("tolong broadcastkan ya", compileCues(custom));
    expect(hits).toEqual([
      { code: "cue.spread", cueId: "custom", category: "spread", weight: 0.3, phrase: "broadcast*" },
    ]);
  });
});

describe("computed cues", () => {
  it("measures shouting only on texts with enough letters", () => {
    expect(capsShare("AWAS PENCULIKAN ANAK DI DESA KITA")!.capsShare).toBeGreaterThan(0.9);
    expect(capsShare("Rapat warga di balai desa hari Kamis pukul delapan")!.capsShare).toBeLessThan(0.1);
    expect(capsShare("BPBD OK")).toBeUndefined();
  });

  it("finds runs of ! and ?", () => {
    expect(punctuationRuns("Awas!!! Benarkah?? Ya!")).toEqual(["!!!", "??"]);
    expect(punctuationRuns("Rapat dimulai pukul 09.00. Hadir ya!")).toEqual([]);
  });
});
