// The fuzz run's checks, readable lines and its JSON figures.
import type { CallRecord } from "@jedikim/telegram-emulator";
import type { FuzzResult, LoggedLine } from "./run.js";

export function fuzzReport(r: FuzzResult, seed: number, load: number[]): { lines: string[]; figures: Record<string, unknown>; failures: string[] } {
  const lines: string[] = [];
  const failures: string[] = [];
  const rejectedBy = groupCalls(r.rejected);
  const errorsBy = groupErrors(r.errorLines, r.injected);

  lines.push("", `updates: ${r.updates} in ${r.seconds.toFixed(0)} s (${(r.updates / r.seconds).toFixed(0)}/s), load average ${load.map((x) => x.toFixed(2)).join(" ")}`);
  lines.push(`by kind: ${Object.entries(r.kinds).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(", ")}`);
  lines.push(`inbox: ${Object.entries(r.inbox).map(([k, n]) => `${k} ${n}`).join(", ")}`);
  lines.push(`crashes: ${r.crashes.length}`);
  for (const c of r.crashes.slice(0, 5)) lines.push(`  ${c.split("\n").slice(0, 3).join(" | ")}`);
  lines.push(`error-level log lines: ${r.errorLines.length} (warnings ${r.warnLines})`);
  for (const [key, g] of errorsBy.slice(0, 15)) lines.push(`  ${g.count} × ${key}\n      e.g. ${g.example.slice(0, 400)}`);
  lines.push(`calls Telegram rejected: ${r.rejected.length} (tolerated apart: ${r.tolerated.forbidden} × 403 to users who never started or blocked the bot, ${r.tolerated.notModified} × "message is not modified", ${r.tolerated.unknownUser} × getChatMember "user not found" for a stranger, ${r.tolerated.gone} × a message to edit or delete no longer there)`);
  for (const [key, g] of rejectedBy.slice(0, 15)) lines.push(`  ${g.count} × ${key}\n      e.g. ${g.example.slice(0, 400)}`);
  if (r.emulatorErrors.length) lines.push(`emulator errors (500 without an injected fault): ${r.emulatorErrors.length}`);
  for (const s of r.stalls) lines.push(`stall: ${s}`);
  for (const u of r.neverHandled) lines.push(`  never handled: ${u}`);
  lines.push(`normal submission afterwards: ${r.final.ok ? "went through" : "FAILED"} (${r.final.steps.join(" → ")})`);

  if (r.crashes.length) failures.push(`${r.crashes.length} crashes (uncaught exceptions or unhandled rejections)`);
  if (r.errorLines.length) failures.push(`${r.errorLines.length} error-level log lines (${errorsBy.length} kinds)`);
  if (r.rejected.length) failures.push(`${r.rejected.length} calls Telegram rejected (${rejectedBy.length} kinds)`);
  if (r.emulatorErrors.length) failures.push(`${r.emulatorErrors.length} calls crashed the emulator`);
  if (r.stalls.length) failures.push(`the bot fell behind or stopped: ${r.stalls[0]}`);
  if (!r.final.ok) failures.push(`the normal submission afterwards failed: ${r.final.steps.join(" → ")}`);
  if ((r.inbox.pending ?? 0) > 0) failures.push(`${r.inbox.pending} stored updates never handled`);
  lines.push("", failures.length === 0 ? "all checks passed" : `${failures.length} checks failed:`);
  for (const f of failures) lines.push(`  ✗ ${f}`);

  const figures = {
    suite: "fuzz",
    seed,
    updates: r.updates,
    seconds: Math.round(r.seconds),
    updates_per_second: Math.round(r.updates / r.seconds),
    kinds: r.kinds,
    crashes: r.crashes.length,
    error_log_lines: r.errorLines.length,
    error_kinds: Object.fromEntries(errorsBy.map(([k, g]) => [k.slice(0, 120), g.count])),
    rejected_calls: r.rejected.length,
    rejected_kinds: Object.fromEntries(rejectedBy.map(([k, g]) => [k.slice(0, 120), g.count])),
    tolerated: { forbidden_403: r.tolerated.forbidden, not_modified: r.tolerated.notModified, unknown_user: r.tolerated.unknownUser, gone: r.tolerated.gone },
    emulator_errors: r.emulatorErrors.length,
    inbox: r.inbox,
    stalls: r.stalls.length,
    normal_submission_ok: r.final.ok,
    load_average: load.map((x) => Number(x.toFixed(2))),
    checks_failed: failures.length,
  };
  return { lines, figures, failures };
}

function groupCalls(calls: CallRecord[]): Array<[string, { count: number; example: string }]> {
  const groups = new Map<string, { count: number; example: string }>();
  for (const c of calls) {
    const key = `${c.method}: ${c.error?.error_code} ${(c.error?.description ?? "").replace(/\d+/g, "N").slice(0, 120)}`;
    const g = groups.get(key) ?? { count: 0, example: JSON.stringify(c.params).slice(0, 300) };
    g.count++;
    groups.set(key, g);
  }
  return [...groups].sort((a, b) => b[1].count - a[1].count);
}

function groupErrors(lines: LoggedLine[], injected: Map<number, string>): Array<[string, { count: number; example: string }]> {
  const groups = new Map<string, { count: number; example: string; updates: Set<string> }>();
  for (const l of lines) {
    const json = JSON.parse(l.line) as { err?: { message?: string; type?: string; stack?: string } | string; update_id?: number; updateId?: string };
    const err = typeof json.err === "string" ? json.err : `${json.err?.type ?? ""}: ${json.err?.message ?? ""}`;
    const key = `${l.msg} — ${err.trim().split("\n").find((x) => x.trim() !== "" && !x.includes("invocation"))?.replace(/\d+/g, "N").slice(0, 140) ?? ""}`;
    const g = groups.get(key) ?? { count: 0, example: "", updates: new Set<string>() };
    if (!g.example) {
      const where = typeof json.err === "object" ? json.err.stack?.split("\n").find((x) => x.includes("/src/")) : undefined;
      g.example = `${where?.trim() ?? ""} ${l.line.slice(0, 200)}`.trim();
    }
    const kind = injected.get(Number(json.update_id ?? json.updateId));
    if (kind) g.updates.add(kind);
    g.count++;
    groups.set(key, g);
  }
  return [...groups]
    .map(([k, g]): [string, { count: number; example: string }] => [k, { count: g.count, example: `${g.updates.size ? `(updates: ${[...g.updates].slice(0, 4).join(", ")}) ` : ""}${g.example}` }])
    .sort((a, b) => b[1].count - a[1].count);
}
