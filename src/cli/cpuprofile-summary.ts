// Where a process's busy time went, from a V8 CPU profile (`node --cpu-prof`): self time by
// package or part of the app, the share of samples with each part anywhere on the stack, and the
// top functions.
//
//   tsx src/cli/cpuprofile-summary.ts <file.cpuprofile> [--top 25]
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PROJECT_ROOT } from "../paths.js";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Busy ms (everything but idle) and each group's share of it, self and on the stack. */
  shares: { busyMs: number; self: Record<string, number>; onStack: Record<string, number>; packages: Record<string, number> };
  lines: string[];
}

/** The package (or part of the app, or V8 category) a frame belongs to. */
export function unitOf(frame: ProfileNode["callFrame"]): string {
  const { functionName: name, url } = frame;
  // The only WebAssembly in the bot's process is Prisma's query compiler.
  if (url.startsWith("wasm:")) return "@prisma/client (query compiler wasm)";
  if (!url) {
    if (name.startsWith("(")) return name;
    if (name === "parse" || name === "stringify") return "JSON (builtin)";
    return "native";
  }
  const file = url.startsWith("file://") ? decodeURIComponent(url.slice("file://".length)) : url;
  const nm = file.lastIndexOf("/node_modules/");
  if (nm !== -1) {
    const parts = file.slice(nm + "/node_modules/".length).split("/");
    return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (file.startsWith("node:")) return file.includes("source_map") ? "node:source maps" : "node internals";
  const rel = path.relative(PROJECT_ROOT, file);
  if (rel.startsWith("src/generated/") || rel.startsWith("dist/generated/")) return "prisma generated client";
  if (rel === "src/logger.ts" || rel === "dist/logger.js") return "pino";
  if (!rel.startsWith("..")) return `app ${path.dirname(rel).replace(/^(src|dist)/, "src")}`;
  return "other";
}

/** The groups the report names. */
export function groupOf(unit: string): string {
  if (unit === "(idle)") return "idle";
  if (unit === "(garbage collector)") return "garbage collector";
  if (unit === "(program)" || unit === "(root)" || unit === "native") return "V8/native (program)";
  if (/^(@prisma\/|prisma generated client$|better-sqlite3$)/.test(unit)) return "Prisma + SQLite";
  if (unit === "grammy" || unit.startsWith("@grammyjs/") || unit === "bottleneck") return "grammY + plugins";
  if (unit === "pino" || unit.startsWith("pino-") || unit === "sonic-boom" || unit === "thread-stream") return "logging (pino)";
  if (unit === "JSON (builtin)") return "JSON (builtin)";
  if (unit === "tsx" || unit === "esbuild" || unit === "get-tsconfig" || unit === "node:source maps") return "tsx / source maps";
  if (unit === "node internals") return "Node internals (http, streams, timers)";
  if (unit.startsWith("app ")) return "app code (src)";
  if (unit === "node-fetch" || unit === "abort-controller" || unit === "whatwg-url" || unit === "tr46" || unit === "webidl-conversions") return "grammY + plugins";
  return `other: ${unit}`;
}

export function summariseProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const unit = new Map(profile.nodes.map((n) => [n.id, unitOf(n.callFrame)]));

  const selfUs = new Map<number, number>();
  // Each delta is the time until the next sample: it belongs to the sample it follows.
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    const dt = profile.timeDeltas[i + 1] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(dt, 0));
  }
  const selfByGroup: Record<string, number> = {};
  const selfByUnit: Record<string, number> = {};
  const selfByFunction = new Map<string, number>();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const u = unit.get(id)!;
    const g = groupOf(u);
    totalUs += us;
    selfByGroup[g] = (selfByGroup[g] ?? 0) + us;
    selfByUnit[u] = (selfByUnit[u] ?? 0) + us;
    const f = byId.get(id)!.callFrame;
    const where = f.url ? `${shortUrl(f.url)}:${f.lineNumber + 1}` : "";
    const key = `${f.functionName || "(anonymous)"} ${where}`.trim();
    selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + us);
  }
  const idleUs = selfByGroup.idle ?? 0;
  const busyUs = Math.max(totalUs - idleUs, 1);

  // A sample counts for every group found on its stack (once each).
  const onStackUs: Record<string, number> = {};
  const stackGroups = new Map<number, string[]>();
  const groupsOnStack = (id: number): string[] => {
    const cached = stackGroups.get(id);
    if (cached) return cached;
    const set = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) set.add(groupOf(unit.get(n)!));
    const list = [...set];
    stackGroups.set(id, list);
    return list;
  };
  for (const [id, us] of selfUs) {
    if (groupOf(unit.get(id)!) === "idle") continue;
    for (const g of groupsOnStack(id)) onStackUs[g] = (onStackUs[g] ?? 0) + us;
  }

  const pct = (us: number) => Math.round((us / busyUs) * 1000) / 10;
  const sorted = (rec: Record<string, number>) => Object.entries(rec).sort((a, b) => b[1] - a[1]);
  const self: Record<string, number> = {};
  for (const [g, us] of sorted(selfByGroup)) if (g !== "idle" && pct(us) >= 0.1) self[g] = pct(us);
  const onStack: Record<string, number> = {};
  // Node's task queue is under nearly everything: on the stack it says nothing.
  for (const [g, us] of sorted(onStackUs)) if (!["V8/native (program)", "garbage collector", "Node internals (http, streams, timers)"].includes(g) && pct(us) >= 0.1) onStack[g] = pct(us);
  const packages: Record<string, number> = {};
  for (const [u, us] of sorted(selfByUnit).slice(0, 15)) if (u !== "(idle)") packages[u] = pct(us);

  const shown = (rec: Record<string, number>) =>
    Object.entries(rec)
      .filter(([, p]) => p >= 0.5)
      .map(([g, p]) => `${g} ${p}`)
      .join(", ");
  const lines = [
    `busy ${Math.round(busyUs / 1000)} ms of ${Math.round(totalUs / 1000)} ms profiled (the rest idle)`,
    `self time by group (% of busy): ${shown(self)}`,
    `on the stack (% of busy samples with the group anywhere on the stack): ${shown(onStack)}`,
    `self time by package or folder: ${shown(packages)}`,
    `top functions by self time:`,
    ...[...selfByFunction.entries()]
      .filter(([k]) => !k.startsWith("(idle)"))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `  ${pct(us).toFixed(1).padStart(5)} %  ${k}`),
  ];
  return { shares: { busyMs: Math.round(busyUs / 1000), self, onStack, packages }, lines };
}

function shortUrl(url: string): string {
  const file = url.startsWith("file://") ? decodeURIComponent(url.slice("file://".length)) : url;
  const nm = file.lastIndexOf("/node_modules/");
  if (nm !== -1) return file.slice(nm + "/node_modules/".length);
  return file.startsWith("/") ? path.relative(PROJECT_ROOT, file) : file;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [file, flag, n] = process.argv.slice(2);
  if (!file) {
    console.error("usage: cpuprofile-summary.ts <file.cpuprofile> [--top N]");
    process.exit(2);
  }
  const summary = summariseProfile(file, flag === "--top" ? Number(n) : 25);
  for (const line of summary.lines) console.log(line);
  console.log(JSON.stringify(summary.shares));
}
