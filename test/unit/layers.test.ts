// The import graph of src: layers import downwards only, src never imports test code, and the
// domain knows nothing of Telegram. Read from the source, so a new upward import fails here.
import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { SRC, sourceFiles } from "../support/sources.js";


/** Higher imports lower; a folder may import itself. Files directly in src/ are the base. */
const RANK: Record<string, number> = {
  main: 6,
  app: 6,
  cli: 6,
  demo: 6,
  http: 5,
  bot: 5,
  reports: 4,
  domain: 3,
  queue: 2,
  telegram: 2,
  db: 1,
  generated: 0,
  base: 0,
};

/** Sideways imports that are part of the design, each with its reason. */
const ALLOWED = new Set([
  "base->domain", // config validates the reminder schedule with the domain's own cron rule
  "queue->telegram", // the worker sets a job's send priority for the Telegram throttle
  "http->bot", // the HTTP routes reuse the bot's admin check and translations
]);

/** Packages only an adapter layer may use. */
const TELEGRAM_PACKAGES = /^(grammy|@grammyjs\/)/;


function layerOf(file: string): string {
  const parts = relative(SRC, file).split("/");
  if (parts.length === 1) return ["main.ts", "app.ts"].includes(parts[0]!) ? parts[0]!.replace(".ts", "") : "base";
  return parts[0]!;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*)"([^"]+)"/g)].map((m) => m[1]!);
}

const files = sourceFiles(SRC);

/** Raw SQL: the query calls, Prisma's SQL builders, and a template literal that starts a statement. */
const SQL_TEXT = [/\$(?:query|execute)Raw(?:Unsafe)?\b/, /\bPrisma\.(?:sql|raw|join|empty)\b/, /`\s*(?:SELECT|INSERT|UPDATE|DELETE|WITH)\s/];

function sqlIn(text: string): string[] {
  return SQL_TEXT.flatMap((pattern) => {
    const m = pattern.exec(text);
    return m ? [m[0].trim()] : [];
  });
}

describe("the import graph of src", () => {
  it("has files to check", () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it("never imports test code", () => {
    const offenders = files.flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith("."))
        .filter((spec) => !resolve(dirname(file), spec).startsWith(SRC + "/"))
        .map((spec) => `${relative(SRC, file)} → ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it("imports downwards only", () => {
    const offenders: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      for (const spec of importsOf(file).filter((s) => s.startsWith("."))) {
        const to = layerOf(resolve(dirname(file), spec));
        if (to === from || ALLOWED.has(`${from}->${to}`)) continue;
        if ((RANK[to] ?? 0) >= (RANK[from] ?? 0)) offenders.push(`${relative(SRC, file)} (${from}) → ${spec} (${to})`);
      }
    }
    expect(offenders).toEqual([]);
  });

  // The queue may: it carries the outgoing Telegram calls and tells their transient failures apart.
  it("keeps Telegram out of the domain, the data layer and the reports", () => {
    const offenders = files
      .filter((file) => ["domain", "db", "reports"].includes(layerOf(file)))
      .flatMap((file) => importsOf(file).filter((spec) => TELEGRAM_PACKAGES.test(spec)).map((spec) => `${relative(SRC, file)} → ${spec}`));
    expect(offenders).toEqual([]);
  });

  // The domain computes; the queries that feed it live in the data layer (src/db), one module per
  // query family, with the dialect for each database.
  it("keeps SQL out of the domain", () => {
    expect(sqlIn('await db.$queryRaw`SELECT 1`')).toEqual(["$queryRaw", "`SELECT"]);
    expect(sqlIn("const q = Prisma.sql`x`; const t: Prisma.TransactionClient = tx;")).toEqual(["Prisma.sql"]);
    const offenders = files
      .filter((file) => layerOf(file) === "domain")
      .flatMap((file) => sqlIn(readFileSync(file, "utf8")).map((found) => `${relative(SRC, file)}: ${found}`));
    expect(offenders).toEqual([]);
  });
});
