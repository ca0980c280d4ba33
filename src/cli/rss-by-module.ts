// What the bot's idle memory is made of: each module imported alone in a fresh Node process,
// RSS after two garbage collections, against an empty process; then the whole app, built
// (createApp) but not started, from the TypeScript sources under tsx and from the compiled build
// on plain node; and the packages that importing src/app.ts loads.
//
//   tsx src/cli/rss-by-module.ts [--json-only]
//
// The compiled rows need `npm run build` first (dist/); they are skipped without it.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PROJECT_ROOT } from "../paths.js";
import { scratchDatabase } from "./scratch-db.js";

interface Row {
  what: string;
  runtime: "node" | "tsx";
  rssMb: number;
  heapMb: number;
  /** RSS above the empty process of the same runtime. */
  addedMb: number;
}

/** The bot's dependencies as they are imported at run time (the CLI and the loader are not). */
function thirdParty(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> };
  const entry: Record<string, string | null> = {
    prisma: null,
    tsx: null,
    "@jedikim/telegram-emulator": null,
    "@prisma/client": "@prisma/client/runtime/client",
    "@prisma/schema-engine-wasm": "@prisma/schema-engine-wasm/schema_engine_bg",
  };
  return Object.keys(pkg.dependencies)
    .map((name) => (name in entry ? entry[name] : name))
    .filter((spec): spec is string => spec !== null);
}

const APP_MODULES = [
  "src/generated/prisma/client.ts",
  "src/db/client.ts",
  "src/db/migrate.ts",
  "src/domain/screening/index.ts",
  "src/reports/chart.ts",
  "src/bot/create-bot.ts",
  "src/app.ts",
];

const MEASURE = `
globalThis.gc(); await new Promise((r) => setTimeout(r, 50)); globalThis.gc();
const m = process.memoryUsage();
console.log(JSON.stringify({ rss: m.rss, heap: m.heapUsed }));
`;

function run(runtime: "node" | "tsx", code: string): { rss: number; heap: number } {
  const args = [...(runtime === "tsx" ? ["--import", "tsx"] : []), "--expose-gc", "--input-type=module", "-e", code];
  const out = execFileSync(process.execPath, args, { cwd: PROJECT_ROOT, encoding: "utf8", env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp" } });
  const last = out.trim().split("\n").at(-1) ?? "{}";
  return JSON.parse(last) as { rss: number; heap: number };
}

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** Imports the app and builds it on a migrated database without starting it. */
function buildAppCode(appUrl: string, configUrl: string, databaseUrl: string): string {
  return `
const { createApp } = await import(${JSON.stringify(appUrl)});
const { parseConfig } = await import(${JSON.stringify(configUrl)});
const config = parseConfig({ BOT_TOKEN: "123456:TEST-TOKEN", DATABASE_URL: ${JSON.stringify(databaseUrl)}, LOG_LEVEL: "silent", REMINDERS: "off" });
const bot = { id: 123456, is_bot: true, first_name: "JEDI KIM", username: "jedikim_bot", can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };
const app = await createApp({ config, botInfo: bot });
await app.db.member.count();
globalThis.keep = app;
${MEASURE}`;
}

/** Packages (and app files) that importing src/app.ts loads through the ESM loader. */
function loadedPackages(): { packages: string[]; appFiles: number } {
  const hooks = `data:text/javascript,${encodeURIComponent(
    "let port; export async function initialize(d) { port = d.port; } " +
      "export async function resolve(s, c, next) { const r = await next(s, c); port.postMessage(r.url); return r; }",
  )}`;
  const code = `
import { register } from "node:module";
import { MessageChannel } from "node:worker_threads";
const { port1, port2 } = new MessageChannel();
const seen = new Set();
port1.on("message", (u) => seen.add(u));
register(${JSON.stringify(hooks)}, { data: { port: port2 }, transferList: [port2] });
await import(${JSON.stringify(pathToFileURL(path.join(PROJECT_ROOT, "src/app.ts")).href)});
await new Promise((r) => setTimeout(r, 200));
console.log(JSON.stringify([...seen]));
process.exit(0);
`;
  const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { cwd: PROJECT_ROOT, encoding: "utf8" });
  const urls = JSON.parse(out.trim().split("\n").at(-1) ?? "[]") as string[];
  const packages = new Set<string>();
  let appFiles = 0;
  for (const u of urls) {
    const nm = u.lastIndexOf("/node_modules/");
    if (nm !== -1) {
      const parts = u.slice(nm + "/node_modules/".length).split("/");
      packages.add(parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!);
    } else if (u.includes("/src/")) appFiles++;
  }
  return { packages: [...packages].sort(), appFiles };
}

export function measureModules(log: (line: string) => void = () => {}): Record<string, unknown> {
  const rows: Row[] = [];
  const base = { node: run("node", MEASURE), tsx: run("tsx", MEASURE) };
  const add = (what: string, runtime: "node" | "tsx", m: { rss: number; heap: number }) => {
    const row = { what, runtime, rssMb: mb(m.rss), heapMb: mb(m.heap), addedMb: mb(m.rss - base[runtime].rss) };
    rows.push(row);
    log(`${what.padEnd(48)} ${runtime.padEnd(4)} RSS ${String(row.rssMb).padStart(6)} MB  (+${row.addedMb} MB)  heap ${row.heapMb} MB`);
  };
  log(`empty process: node ${mb(base.node.rss)} MB, node --import tsx ${mb(base.tsx.rss)} MB`);
  for (const spec of thirdParty()) {
    try {
      add(spec, "node", run("node", `await import(${JSON.stringify(spec)});\n${MEASURE}`));
    } catch {
      log(`${spec}: could not be imported alone (skipped)`);
    }
  }
  add("vega + vega-lite + @resvg/resvg-js (charts)", "node", run("node", `await Promise.all(["vega", "vega-lite", "@resvg/resvg-js"].map((m) => import(m)));\n${MEASURE}`));
  for (const file of APP_MODULES) add(file, "tsx", run("tsx", `await import(${JSON.stringify(pathToFileURL(path.join(PROJECT_ROOT, file)).href)});\n${MEASURE}`));

  const temp = scratchDatabase("jedikim-rss-");
  try {
    // Migrated first, as a running bot's database is: the schema engine (wasm) stays unloaded.
    execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", `await (await import(${JSON.stringify(pathToFileURL(path.join(PROJECT_ROOT, "src/db/migrate.ts")).href)})).applyMigrations(${JSON.stringify(temp.url)});`], { cwd: PROJECT_ROOT });
    const src = (f: string) => pathToFileURL(path.join(PROJECT_ROOT, "src", f)).href;
    add("createApp (not started), sources", "tsx", run("tsx", buildAppCode(src("app.ts"), src("config.ts"), temp.url)));
    add("openDatabase + one query (Prisma query compiler)", "tsx", run("tsx", `const db = await (await import(${JSON.stringify(src("db/client.ts"))})).openDatabase(${JSON.stringify(temp.url)});\nawait db.member.count();\nglobalThis.keep = db;\n${MEASURE}`));
    const dist = (f: string) => pathToFileURL(path.join(PROJECT_ROOT, "dist", f)).href;
    if (existsSync(path.join(PROJECT_ROOT, "dist/app.js"))) {
      add("dist/app.js (compiled)", "node", run("node", `await import(${JSON.stringify(dist("app.js"))});\n${MEASURE}`));
      add("createApp (not started), compiled", "node", run("node", buildAppCode(dist("app.js"), dist("config.js"), temp.url)));
    } else {
      log("dist/ not built (npm run build): compiled rows skipped");
    }
    // The schema engine as a start on a database that needs migrating loads it.
    const fresh = scratchDatabase("jedikim-rss-fresh-");
    try {
      add("applyMigrations on a new database (wasm engine)", "tsx", run("tsx", `await (await import(${JSON.stringify(src("db/migrate.ts"))})).applyMigrations(${JSON.stringify(fresh.url)});\n${MEASURE}`));
    } finally {
      fresh.cleanup();
    }
  } finally {
    temp.cleanup();
  }
  const loaded = loadedPackages();
  log(`importing src/app.ts loads ${loaded.appFiles} app files and these packages: ${loaded.packages.join(", ")}`);
  return { baseline: { nodeMb: mb(base.node.rss), tsxMb: mb(base.tsx.rss) }, rows, loadedPackages: loaded.packages, appFiles: loaded.appFiles };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const jsonOnly = process.argv.includes("--json-only");
  const result = measureModules(jsonOnly ? undefined : (line) => console.log(line));
  console.log(JSON.stringify(result));
}
