import { describe, expect, it } from "vitest";
import { guidKey, linkKey, publisherOf, titleKey, verdictOf } from "../../../src/domain/factcheck/items.js";
import { FeedParseError, parseFactcheckFeed } from "../../../src/domain/factcheck/parse.js";
import { channelMessageIdsOf } from "../../../src/domain/unpublish.js";

describe("fact-check item verdicts", () => {
  it("takes the label off the claim and recognises claims found true", () => {
    expect(verdictOf("[SALAH] Video Banjir Bandang di Tamiang Layang")).toEqual({ verdict: "salah", claim: "Video Banjir Bandang di Tamiang Layang", isTrue: false });
    expect(verdictOf("Cek Fakta: [HOAKS] Sinyal 5G Menyebarkan Virus")).toMatchObject({ verdict: "hoaks", claim: "Sinyal 5G Menyebarkan Virus" });
    expect(verdictOf("HOAKS: Pembagian Sembako Gratis Lewat Tautan")).toMatchObject({ verdict: "hoaks", claim: "Pembagian Sembako Gratis Lewat Tautan" });
    expect(verdictOf("(Konten yang Menyesatkan) Foto Lama Disebut Kejadian Baru")).toMatchObject({ verdict: "konten yang menyesatkan" });
    expect(verdictOf("[BENAR] Jadwal Pemadaman Bergilir Minggu Ini").isTrue).toBe(true);
    // No label: a fact-checker's feed lists debunks, so it is a false claim; "Salah satu" is no label.
    expect(verdictOf("Salah satu video viral ternyata rekaman lama")).toEqual({ verdict: "hoaks", claim: "Salah satu video viral ternyata rekaman lama", isTrue: false });
  });

  it("gives one key to the same claim and the same article written differently", () => {
    expect(titleKey("Air rebusan daun sirsak menyembuhkan demam berdarah!")).toBe(titleKey("AIR REBUSAN DAUN SIRSAK MENYEMBUHKAN DEMAM BERDARAH"));
    expect(linkKey("https://www.turnbackhoax.id/2026/11/30/a/?utm_source=x&utm_medium=y#komentar")).toBe(linkKey("http://turnbackhoax.id/2026/11/30/a"));
    expect(linkKey("https://kabar.example/cek?id=2&b=1")).toBe("kabar.example/cek?b=1&id=2");
    expect(linkKey("bukan tautan")).toBeUndefined();
    // A URL or URI guid is global; a bare id is unique only inside its feed.
    expect(guidKey("https://turnbackhoax.id/?p=1", "https://a.example/feed")).toBe(guidKey("https://www.turnbackhoax.id/?p=1", "https://b.example/feed"));
    expect(guidKey("123", "https://a.example/feed")).not.toBe(guidKey("123", "https://b.example/feed"));
    expect(publisherOf({ link: "https://www.cekfakta.com/x" }, "https://feed.example/rss")).toBe("cekfakta.com");
    expect(publisherOf({}, "https://feed.example/rss")).toBe("feed.example");
  });
});

describe("fact-check feed parsing", () => {
  it("refuses what is not a complete feed", () => {
    expect(() => parseFactcheckFeed("")).toThrow(FeedParseError);
    expect(() => parseFactcheckFeed('{"version": "https://jsonfeed.org/version/1.1", "items": [')).toThrow(/invalid JSON/);
    expect(() => parseFactcheckFeed('<rss version="2.0"><channel><title>x</title><item><title>[HOAKS] a')).toThrow(/malformed XML/);
    expect(() => parseFactcheckFeed('{"hello": "world"}')).toThrow(/not a feed/);
  });

  it("reads RDF too, and drops items without a title", () => {
    const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://rdf.example/"><title>RDF</title><link>https://rdf.example/</link><description>x</description></channel>
      <item rdf:about="https://rdf.example/1"><title>[HOAKS] Gerhana Bulan Membuat Air Sumur Beracun</title><link>https://rdf.example/1</link><dc:date>2026-11-30T01:00:00Z</dc:date></item>
      <item rdf:about="https://rdf.example/2"><link>https://rdf.example/2</link></item></rdf:RDF>`;
    const feed = parseFactcheckFeed(rdf);
    expect(feed.format).toBe("rdf");
    expect(feed.items).toEqual([{ title: "[HOAKS] Gerhana Bulan Membuat Air Sumur Beracun", guid: "https://rdf.example/1", link: "https://rdf.example/1", summary: undefined, publishedAt: new Date("2026-11-30T01:00:00Z") }]);
  });
});

describe("channel messages of a post", () => {
  it("uses the stored list, and the first message for rows published before it was kept", () => {
    expect(channelMessageIdsOf({ channelMessageIds: [10, 11, 12], channelMessageId: 10 })).toEqual([10, 11, 12]);
    expect(channelMessageIdsOf({ channelMessageIds: null, channelMessageId: 10 })).toEqual([10]);
    expect(channelMessageIdsOf({ channelMessageIds: null, channelMessageId: null })).toEqual([]);
  });
});
