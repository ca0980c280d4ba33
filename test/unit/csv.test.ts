import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/domain/csv.js";
import { hashtag, normName } from "../../src/domain/names.js";

describe("parseCsv", () => {
  it("reads comma files with quotes, escaped quotes and CRLF", () => {
    const rows = parseCsv('a,b,c\r\n"x, y",z,"say ""hi"""\r\n\r\n');
    expect(rows).toEqual([
      { line: 1, fields: ["a", "b", "c"] },
      { line: 2, fields: ["x, y", "z", 'say "hi"'] },
    ]);
  });

  it("detects semicolons, strips the BOM and keeps line numbers across quoted newlines", () => {
    const rows = parseCsv('\uFEFFkecamatan;desa;nama_kim\n"Paku";"Desa\nBaru";KIM A\nAwang;;KIM B');
    expect(rows[0]?.fields).toEqual(["kecamatan", "desa", "nama_kim"]);
    expect(rows[1]).toEqual({ line: 2, fields: ["Paku", "Desa\nBaru", "KIM A"] });
    expect(rows[2]).toEqual({ line: 4, fields: ["Awang", "", "KIM B"] });
  });
});

describe("names", () => {
  it("matches names regardless of case and spacing", () => {
    expect(normName("  KIM   Hapau habar ")).toBe(normName("kim hapau Habar"));
  });
  it("builds hashtags from names with spaces and punctuation", () => {
    expect(hashtag("Dusun Timur")).toBe("DusunTimur");
    expect(hashtag("KIM Netampin-Bersinar")).toBe("KIMNetampinBersinar");
  });
});
