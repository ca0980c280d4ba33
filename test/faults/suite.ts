// The fault suite: the load under faults and kills, the same update twice, and bad disks; then
// the checks, readable lines and one JSON object. `npm run test:faults` (main.ts) runs it in full,
// test/e2e/faults.test.ts runs a short version inside `npm test`.
import { loadavg } from "node:os";
import { countReasons, type Duplicate } from "./analysis.js";
import { diskScenarios, type DiskResult } from "./disk.js";
import { runLoad, type LoadOptions, type LoadResult } from "./load.js";
import { workDirectory } from "./world.js";

export interface SuiteOptions extends Omit<LoadOptions, "dir" | "log"> {
  /** Run the disk scenarios (needs root: they mount a tmpfs). */
  disk: boolean;
  log?: (line: string) => void;
}

export interface SuiteResult {
  figures: Record<string, unknown>;
  failures: string[];
  lines: string[];
  dir: string;
}

export const FULL_RUN: SuiteOptions = {
  submissions: 1000,
  kills: 20,
  killGapMs: [2000, 9000],
  faultRate: 0.1,
  seed: 20261201,
  patience: { waitMs: 8000, maxSends: 4, maxTaps: 6 },
  // The job lease is 120 s (JOB_LEASE_SECONDS): a job held by a killed process waits that long.
  settleTimeoutMs: 150_000,
  settleCapMs: 600_000,
  disk: true,
};

export async function runFaultSuite(opts: SuiteOptions): Promise<SuiteResult> {
  const started = Date.now();
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    opts.log?.(line);
  };
  const dir = workDirectory("jedikim-faults-");
  say(`fault suite: ${opts.submissions} submissions, ≥ ${opts.kills} kills, ${(opts.faultRate * 100).toFixed(0)} % of calls failing, seed ${opts.seed}; files in ${dir}`);
  const load = await runLoad({ ...opts, dir, log: say });
  let disk: DiskResult | undefined;
  if (opts.disk) {
    say("disk scenarios: the database on a small tmpfs, filled, then read-only");
    disk = await diskScenarios({ dir, log: say });
  }
  const failures = checks(load, disk);
  const figures = figuresOf(load, disk, failures, Date.now() - started);
  report(load, disk, failures, figures, say);
  return { figures, failures, lines, dir };
}

function checks(load: LoadResult, disk: DiskResult | undefined): string[] {
  const t = load.tally;
  const f: string[] = [];
  const list = (rows: Array<{ id: number; marker?: string; status?: string }>) => rows.slice(0, 10).map((s) => `#${s.id} ${s.marker ?? ""} (${s.status ?? ""})`).join(", ");
  const when = `when the wait ended (${(load.settledAfterMs / 1000).toFixed(0)} s after the members were done)`;
  if (t.noCard.length) f.push(`${t.noCard.length} confirmed submissions have no review card ${when}: ${list(t.noCard)}`);
  if (t.notPublished.length) f.push(`${t.notPublished.length} approved items are not in the channel ${when}: ${list(t.notPublished)}`);
  if (t.publishedWithoutApproval.length) f.push(`${t.publishedWithoutApproval.length} items were published without an approval: ${list(t.publishedWithoutApproval)}`);
  if (t.notTold.length) f.push(`${t.notTold.length} decisions were not told to the member ${when}: ${list(t.notTold)}`);
  for (const [what, dups] of [["published twice", t.publishedTwice], ["review cards posted twice", t.cardsTwice], ["members told twice", t.toldTwice]] as const) {
    const bad = dups.filter((d) => d.reason === "unexplained");
    if (bad.length) f.push(`${bad.length} ${what} without a kill in the window or a lost answer: ${bad.slice(0, 5).map((d) => `#${d.submissionId} (${d.evidence})`).join("; ")}`);
  }
  const m = load.memberLogs;
  const noPreview = m.filter((l) => l.gaveUp?.startsWith("no preview"));
  if (noPreview.length) f.push(`${noPreview.length} members never got a preview after sending ${noPreview[0]!.sends} times: ${noPreview.slice(0, 10).map((l) => l.marker).join(", ")}`);
  const withoutNumber = m.filter((l) => l.sawOnlyAlreadyProcessed);
  if (withoutNumber.length) f.push(`${withoutNumber.length} members confirmed a submission and never saw its number ("sudah diproses" only): ${withoutNumber.slice(0, 10).map((l) => l.marker).join(", ")}`);
  const stuck = m.filter((l) => l.gaveUp && !l.gaveUp.startsWith("no preview"));
  if (stuck.length) f.push(`${stuck.length} members gave up confirming: ${stuck.slice(0, 5).map((l) => `${l.marker}: ${l.gaveUp}`).join("; ")}`);
  const adminStuck = load.adminLogs.filter((l) => l.gaveUp);
  if (adminStuck.length) f.push(`the admin gave up on ${adminStuck.length} cards: ${adminStuck.slice(0, 5).map((l) => `#${l.submissionId}: ${l.gaveUp}`).join("; ")}`);
  if (load.outstanding.length) f.push(`still waiting ${when}: ${load.outstanding.slice(0, 8).join("; ")}`);
  if (load.unexpectedExits.length) f.push(`the bot exited by itself ${load.unexpectedExits.length} times: ${load.unexpectedExits.slice(0, 3).map((e) => e.tail.at(-1)).join("; ")}`);
  if (load.shutdownCode !== 0) f.push(`SIGTERM at the end: exit code ${load.shutdownCode} (0 expected)`);
  if (load.kills.length === 0) f.push("the bot was never killed");
  f.push(...(load.duplicateUpdates?.failures ?? []).map((x) => `same update twice: ${x}`));
  f.push(...(disk?.failures ?? []).map((x) => `disk: ${x}`));
  return f;
}

function figuresOf(load: LoadResult, disk: DiskResult | undefined, failures: string[], ms: number): Record<string, unknown> {
  const t = load.tally;
  const faultTotal = Object.values(load.faults).reduce((a, b) => a + b, 0);
  const m = load.memberLogs;
  const dupFigure = (dups: Duplicate[]) => {
    const c = countReasons(dups);
    return { total: c.total, kill_window: c["kill-window"], answer_lost: c["answer-lost"], unexplained: c.unexplained, cases: dups.map((d) => ({ id: d.submissionId, count: d.count, reason: d.reason, evidence: d.evidence })) };
  };
  return {
    suite: "faults",
    submissions: load.planned.length,
    members: new Set(load.planned.map((p) => p.memberId)).size,
    confirmed: t.confirmed,
    approvals: t.decided.approve,
    rejections: t.decided.reject,
    revision_requests: t.decided.revision,
    calls: load.calls,
    faults: { ...load.faults, total: faultTotal, share: load.calls ? Number((faultTotal / load.calls).toFixed(3)) : 0 },
    kills: load.kills.length,
    bot_processes: load.kills.length + load.unexpectedExits.length + 1,
    unexpected_exits: load.unexpectedExits.length,
    items_lost: {
      total: t.noCard.length + t.notPublished.length + t.notTold.length,
      no_card: t.noCard.length,
      not_published: t.notPublished.length,
      member_not_told: t.notTold.length,
    },
    published_without_approval: t.publishedWithoutApproval.length,
    published_twice: dupFigure(t.publishedTwice),
    cards_twice: dupFigure(t.cardsTwice),
    members_told_twice: dupFigure(t.toldTwice),
    member_experience: {
      sends: m.reduce((a, l) => a + l.sends, 0),
      taps: m.reduce((a, l) => a + l.taps, 0),
      apologies_seen: m.reduce((a, l) => a + l.apologies, 0),
      sends_without_visible_answer: m.reduce((a, l) => a + l.silentSends, 0),
      taps_without_visible_answer: m.reduce((a, l) => a + l.silentTaps, 0),
      never_got_a_preview: m.filter((l) => l.gaveUp?.startsWith("no preview")).length,
      confirmed_without_seeing_the_number: m.filter((l) => l.sawOnlyAlreadyProcessed).length,
      gave_up: m.filter((l) => l.gaveUp).length,
    },
    admin_taps: load.adminLogs.reduce((a, l) => a + l.taps, 0),
    admin_taps_without_visible_answer: load.adminLogs.reduce((a, l) => a + l.silentTaps, 0),
    orphan_drafts: t.orphanDrafts,
    approval_to_post_ms: load.approvalToPostMs,
    error_log_lines: load.errorLogs.length,
    still_missing_at_end: load.outstanding.length,
    duplicate_update: load.duplicateUpdates
      ? { previews: load.duplicateUpdates.previews, tap: load.duplicateUpdates.tapOutcome, cards: load.duplicateUpdates.cards, still_works: load.duplicateUpdates.stillWorks }
      : null,
    disk: disk
      ? Object.fromEntries(
          disk.conditions.map((c) => [
            c.condition.replace(/[ -]/g, "_"),
            { told_try_later: c.toldTryLater, said_why: c.saidWhy, exits: c.exits, recovered_after_ms: c.recoveredAfterMs ?? null, message_meanwhile_handled: c.messageDuringConditionHandled },
          ]),
        )
      : null,
    load_seconds: Math.round(load.loadMs / 1000),
    seconds: Math.round(ms / 1000),
    load_average: loadavg().map((x) => Number(x.toFixed(2))),
    checks_failed: failures.length,
  };
}

function report(load: LoadResult, disk: DiskResult | undefined, failures: string[], figures: Record<string, unknown>, say: (line: string) => void): void {
  const t = load.tally;
  const faults = figures.faults as Record<string, number>;
  say("");
  say(`submissions ${load.planned.length}, confirmed ${t.confirmed}; approved ${t.decided.approve}, rejected ${t.decided.reject}, revision requested ${t.decided.revision}`);
  say(`faults injected: ${faults.total} of ${load.calls} calls (429 ${faults["429"]}, 500 ${faults["500"]}, lost before running ${faults["drop-before"]}, lost after running ${faults["drop-after"]}); SIGKILLs ${load.kills.length}; the bot exited by itself ${load.unexpectedExits.length} times`);
  say(`items lost: ${(figures.items_lost as { total: number }).total} (no card ${t.noCard.length}, approved but not published ${t.notPublished.length}, member not told ${t.notTold.length})`);
  for (const [label, dups] of [["published twice", t.publishedTwice], ["cards posted twice", t.cardsTwice], ["members told twice", t.toldTwice]] as const) {
    const c = countReasons(dups);
    say(`${label}: ${c.total} (kill between Telegram accepting and the bot recording: ${c["kill-window"]}; answer lost after Telegram ran the call: ${c["answer-lost"]}; unexplained: ${c.unexplained})`);
    for (const d of dups.slice(0, 5)) say(`  #${d.submissionId} ×${d.count} ${d.reason}: ${d.evidence}`);
  }
  const mx = figures.member_experience as Record<string, number>;
  say(`members: ${mx.sends} sends, ${mx.taps} taps on Kirim; ${mx.apologies_seen} apologies seen; ${mx.never_got_a_preview} never got a preview; ${mx.confirmed_without_seeing_the_number} confirmed without seeing their number; orphan drafts ${t.orphanDrafts}`);
  const lat = load.approvalToPostMs;
  say(`approval → channel post: median ${lat.median} ms, max ${(lat.max / 1000).toFixed(1)} s, ${lat.over10s} over 10 s`);
  if (load.duplicateUpdates) {
    const d = load.duplicateUpdates;
    say(`same update twice: message → ${d.previews} preview(s); tap → ${d.tapOutcome}, ${d.cards} card(s); bot still works: ${d.stillWorks}`);
  }
  for (const c of disk?.conditions ?? []) {
    say(
      `${c.condition}: told "coba lagi nanti" ${c.toldTryLater}, log says why ${c.saidWhy}, exits ${c.exits}, working again after ${c.recoveredAfterMs === undefined ? "never" : `${(c.recoveredAfterMs / 1000).toFixed(1)} s`}, answers ${JSON.stringify(c.replies)}`,
    );
  }
  say(`error-level log lines: ${load.errorLogs.length}; most frequent:`);
  for (const [msg, n] of topErrors(load)) say(`  ${n} × ${msg}`);
  say(`bot log: ${load.logFile}${disk ? `, ${disk.logFile}` : ""}; what people saw: transcript.txt, every call: calls.jsonl (same folder)`);
  say("");
  if (failures.length === 0) say("all checks passed");
  else {
    say(`${failures.length} checks failed:`);
    for (const x of failures) say(`  ✗ ${x}`);
  }
}

/** Error lines grouped by message and the first line of their error. */
function topErrors(load: LoadResult): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const l of load.errorLogs) {
    let key = l.msg;
    try {
      const json = JSON.parse(l.line) as { err?: { message?: string } | string };
      const err = typeof json.err === "string" ? json.err : json.err?.message;
      if (err) key += ` — ${err.trim().split("\n")[0]!.slice(0, 150)}`;
    } catch {
      key = `(not JSON) ${l.line.slice(0, 150)}`;
    }
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 10);
}
