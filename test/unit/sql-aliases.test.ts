// PostgreSQL folds unquoted identifiers to lower case: `SELECT x AS kimId` returns a column
// "kimid", the row's kimId is undefined and num() reads it as 0, silently. Every alias of the
// data layer's SQL is quoted (lower-case ones too, so that none is left to judge); this scan of
// the source fails on one that is not.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { SRC, sourceFiles } from "../support/sources.js";



/** `AS someName`: an unquoted alias (the type names of CAST … AS INTEGER are all capitals). */
const UNQUOTED_ALIAS = /\bAS\s+[a-z_][A-Za-z0-9_]*\b/g;

function unquotedAliases(text: string): string[] {
  return [...text.matchAll(UNQUOTED_ALIAS)].map((m) => m[0]);
}

describe("SQL aliases", () => {
  it("the scan finds unquoted aliases, camelCase or not, and accepts quoted ones and casts", () => {
    expect(unquotedAliases('SELECT k."id" AS kimId, COUNT(*) AS "n"')).toEqual(["AS kimId"]);
    expect(unquotedAliases("SELECT x IS NOT NULL AS present")).toEqual(["AS present"]);
    expect(unquotedAliases('SELECT k."id" AS "kimId", CAST(x AS INTEGER), CAST(y AS BIGINT) AS "weekIndex"')).toEqual([]);
  });

  const files = sourceFiles(join(SRC, "db"));

  it("has the data layer's queries to scan", () => {
    expect(files.map((f) => relative(SRC, f))).toEqual(expect.arrayContaining(["db/activity/totals.ts", "db/reminders.ts"]));
  });

  it("are quoted everywhere in src/db", () => {
    const offenders = files.flatMap((file) => unquotedAliases(readFileSync(file, "utf8")).map((a) => `${relative(SRC, file)}: ${a}`));
    expect(offenders).toEqual([]);
  });
});
