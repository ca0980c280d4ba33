// The fault suite's main run: many members submit, an admin decides, while the emulator fails a
// share of calls and the bot process is killed with SIGKILL at random moments and restarted.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { RANDOM_FAULT_KINDS, type BotApiEmulator, type RandomFaultKind } from "@jedikim/telegram-emulator";
import { mulberry32 } from "../../src/random.js";
import { countReasons, readDb, tally, type DbSnapshot, type Duplicate, type Tally } from "./analysis.js";
import { duplicateUpdates, type DuplicateUpdateResult } from "./duplicate-update.js";
import { Admin, Member, type AdminLog, type Decision, type MemberLog, type Patience, type Planned } from "./people.js";
import { Screen, sleep, within } from "./screen.js";
import { BotSupervisor, type KillRecord, type LogLine } from "./supervisor.js";
import { ADMIN, ADMIN_GROUP, CHANNEL, botEnv, join, polling, seedDatabase, startEmulator } from "./world.js";

export interface LoadOptions {
  submissions: number;
  /** Members submitting at the same time (default: one per 20 submissions, 2–50). */
  members?: number;
  /** The bot is killed at least this often (more if the load lasts longer, up to maxKills). */
  kills: number;
  maxKills?: number;
  /** Random time from a process's first getUpdates to its kill, in ms. */
  killGapMs: [number, number];
  /** Share of Telegram calls that fail (0.1). */
  faultRate: number;
  faultKinds?: RandomFaultKind[];
  seed: number;
  /** Cards the admin works on at once (default 8). */
  adminConcurrency?: number;
  /** Share of submissions that are photos. */
  photoShare?: number;
  patience: Patience;
  /**
   * After the last member is done, how long to wait for every card, post and notification while
   * nothing gets closer (the wait goes on as long as things progress, up to settleCapMs).
   */
  settleTimeoutMs: number;
  settleCapMs?: number;
  /** Extra environment for the bot process. */
  env?: Record<string, string>;
  /** After the load, deliver the same updates twice (duplicate-update.ts). Default true. */
  duplicates?: boolean;
  /** How long the duplicate-update checks wait for each answer (default 15 s). */
  duplicateWaitMs?: number;
  dir: string;
  log: (line: string) => void;
}

export interface LoadResult {
  tally: Tally;
  snapshot: DbSnapshot;
  memberLogs: MemberLog[];
  adminLogs: AdminLog[];
  planned: Planned[];
  kills: KillRecord[];
  unexpectedExits: BotSupervisor["unexpectedExits"];
  errorLogs: LogLine[];
  faults: Record<RandomFaultKind, number>;
  calls: number;
  /** Undecided cards and unfinished jobs when the wait ended (missing cards, posts and notifications are in the tally). */
  outstanding: string[];
  settledAfterMs: number;
  loadMs: number;
  logFile: string;
  /** Exit code of the final SIGTERM (0 = clean shutdown). */
  shutdownCode: number | null;
  duplicateUpdates?: DuplicateUpdateResult;
  /** From the admin seeing an approval taken to its channel post, in ms. */
  approvalToPostMs: { median: number; max: number; over10s: number };
}

const SENTENCES = [
  "Kerja bakti membersihkan saluran air di RT {n}, warga yang hadir {k} orang.",
  "Posyandu balita bulan ini melayani {k} anak, kader mencatat berat dan tinggi badan.",
  "Musyawarah desa membahas rencana jalan usaha tani sepanjang {k} meter.",
  "Pelatihan membuat pupuk kompos untuk kelompok tani, diikuti {k} peserta.",
  "Lomba kebersihan lingkungan antar RT {n} dimulai pekan ini.",
  "Penyaluran bantuan benih padi untuk {k} kepala keluarga di desa kami.",
];

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const { log } = opts;
  // Separate generators, so the plan is the same for a seed whatever the timing of a run.
  const planRandom = mulberry32(opts.seed);
  const killRandom = mulberry32(opts.seed ^ 0x5bd1e995);
  const pauseRandom = mulberry32(opts.seed + 1);
  const memberCount = opts.members ?? Math.min(50, Math.max(2, Math.ceil(opts.submissions / 20)));
  const seeded = await seedDatabase(opts.dir);
  const tg = await startEmulator();
  const screen = new Screen(tg);
  const logFile = path.join(opts.dir, "bot.log");
  const supervisor = new BotSupervisor(botEnv(tg, seeded.url, opts.env), logFile);
  const started = Date.now();
  try {
    supervisor.start();
    if (!(await polling(tg))) throw new Error(`the bot did not start polling; see ${logFile}`);
    const users = Array.from({ length: memberCount }, (_, i) => ({ id: 7000 + i, first_name: `Anggota${i + 1}` }));
    await Promise.all(users.map((u, i) => join(tg, screen, u, seeded.inviteCodes[i % seeded.inviteCodes.length]!)));
    log(`${memberCount} members joined in ${((Date.now() - started) / 1000).toFixed(1)} s; faults on (${(opts.faultRate * 100).toFixed(0)} % of calls), kills start`);

    const planned = plan(opts, users.map((u) => u.id), planRandom);
    const byMarker = new Map(planned.map((p) => [p.marker, p]));
    // The admin waits a little longer than members: a decision's answer comes after a membership check.
    const adminPatience = { ...opts.patience, waitMs: Math.round(opts.patience.waitMs * 1.5) };
    const admin = new Admin(tg, screen, ADMIN.id, ADMIN_GROUP, (marker) => byMarker.get(marker ?? "")?.decision ?? "approve", adminPatience, opts.adminConcurrency ?? 8);
    tg.setRandomFaults({ rate: opts.faultRate, seed: opts.seed, kinds: opts.faultKinds ?? [...RANDOM_FAULT_KINDS] });

    const loadStarted = Date.now();
    const adminDone = admin.run();
    let loadDone = false;
    const killer = killLoop(tg, supervisor, opts, killRandom, () => loadDone);
    const memberLogs: MemberLog[] = [];
    const progress = setInterval(() => log(progressLine(tg, supervisor, memberLogs, planned.length, loadStarted)), 10_000);
    try {
      await Promise.all(
        users.map(async (u) => {
          const member = new Member(tg, screen, u.id, opts.patience);
          for (const p of planned.filter((x) => x.memberId === u.id)) {
            memberLogs.push(await member.submit(p));
            await sleep(Math.floor(pauseRandom() * 300));
          }
        }),
      );
      loadDone = true;
      const loadMs = Date.now() - loadStarted;
      log(`members done after ${(loadMs / 1000).toFixed(0)} s; waiting for the kills (${supervisor.kills.length} so far) and for every card, post and notification`);
      await killer;
      const settleStarted = Date.now();
      const outstanding = await settle(tg, screen, supervisor, seeded.file, admin, opts.settleTimeoutMs, opts.settleCapMs ?? opts.settleTimeoutMs * 4);
      const settledAfterMs = Date.now() - settleStarted;
      admin.stop();
      await adminDone;
      tg.setRandomFaults(undefined);
      const duplicates = opts.duplicates === false ? undefined : await duplicateUpdates(tg, screen, users[0]!, ADMIN_GROUP, opts.duplicateWaitMs);
      const snapshot = readDb(seeded.file);
      const t = tally(snapshot, screen, tg.calls, supervisor.kills, { adminGroup: ADMIN_GROUP, channel: CHANNEL });
      const shutdownCode = await supervisor.stop();
      writeFileSync(path.join(opts.dir, "transcript.txt"), tg.transcript());
      writeFileSync(path.join(opts.dir, "calls.jsonl"), tg.calls.map((c) => JSON.stringify(c)).join("\n"));
      return {
        tally: t,
        snapshot,
        memberLogs,
        adminLogs: [...admin.logs.values()],
        planned,
        kills: supervisor.kills,
        unexpectedExits: supervisor.unexpectedExits,
        errorLogs: supervisor.logs.filter((l) => l.level >= 50 || l.level === 0),
        faults: tg.injectedFaults,
        calls: tg.calls.length,
        outstanding,
        settledAfterMs,
        loadMs,
        logFile,
        shutdownCode,
        duplicateUpdates: duplicates,
        approvalToPostMs: approvalLatency(screen, admin),
      };
    } finally {
      clearInterval(progress);
      loadDone = true;
      admin.stop();
    }
  } finally {
    await supervisor.kill().catch(() => undefined);
    screen.close();
    await tg.stop();
  }
}

/** Who submits what, and what the admin will decide: seeded. */
function plan(opts: LoadOptions, memberIds: number[], random: () => number): Planned[] {
  const photoShare = opts.photoShare ?? 0.15;
  return Array.from({ length: opts.submissions }, (_, index) => {
    const marker = `FZ${String(index + 1).padStart(6, "0")}`;
    const r = random();
    const decision: Decision = r < 0.75 ? "approve" : r < 0.9 ? "reject" : "revision";
    const sentence = SENTENCES[index % SENTENCES.length]!.replace("{n}", String(1 + (index % 12))).replace("{k}", String(10 + Math.floor(random() * 90)));
    return {
      index,
      marker,
      memberId: memberIds[index % memberIds.length]!,
      kind: random() < photoShare ? "photo" : "text",
      text: `${sentence} (ref ${marker})`,
      decision,
    };
  });
}

/**
 * Kills the bot at a random moment of each process's working life: a random time after it started
 * polling (a process killed while it boots would test little but the boot, and on a busy machine
 * booting takes seconds). Goes on until the load is done and at least `kills` kills happened.
 */
async function killLoop(tg: BotApiEmulator, supervisor: BotSupervisor, opts: LoadOptions, random: () => number, loadDone: () => boolean): Promise<void> {
  const [min, max] = opts.killGapMs;
  const enough = () => (loadDone() && supervisor.kills.length >= opts.kills) || supervisor.kills.length >= (opts.maxKills ?? Infinity);
  while (!enough()) {
    const at = Date.now() + min + Math.floor(random() * (max - min));
    while (Date.now() < at && !enough()) await sleep(100);
    if (enough()) return;
    const polls = tg.stats.calls.getUpdates ?? 0;
    await supervisor.killAndRestart();
    await within(60_000, () => (tg.stats.calls.getUpdates ?? 0) > polls);
  }
}

/**
 * Waits until everything people should see is there and no job is left, as long as that gets
 * closer: it gives up when nothing progressed for `stallMs` (longer than a job lease, so jobs of a
 * killed process are waited for) or after `capMs` in all.
 */
async function settle(tg: BotApiEmulator, screen: Screen, supervisor: BotSupervisor, dbFile: string, admin: Admin, stallMs: number, capMs: number): Promise<string[]> {
  const started = Date.now();
  let best = Infinity;
  let bestAt = started;
  let doneSince: number | undefined;
  for (;;) {
    const snapshot = readDb(dbFile);
    const t = tally(snapshot, screen, tg.calls, supervisor.kills, { adminGroup: ADMIN_GROUP, channel: CHANNEL });
    const outstanding = waitingFor(snapshot, admin);
    const remaining = t.noCard.length + t.notPublished.length + t.notTold.length + outstanding.length + snapshot.busyJobs;
    if (remaining < best) {
      best = remaining;
      bestAt = Date.now();
    }
    if (remaining === 0 && admin.busy === 0) {
      doneSince ??= Date.now();
      if (Date.now() - doneSince >= 2000) return [];
    } else doneSince = undefined;
    if (Date.now() - bestAt >= stallMs || Date.now() - started >= capMs) return outstanding.concat(snapshot.busyJobs > 0 ? [`${snapshot.busyJobs} jobs pending or running`] : []);
    await sleep(1000);
  }
}

/** What people still wait for, besides what the tally counts as missing (cards, posts, notifications). */
function waitingFor(snapshot: DbSnapshot, admin: Admin): string[] {
  const out = snapshot.submissions
    .filter((s) => s.marker && s.status === "pending" && admin.cards.has(s.id) && !admin.logs.get(s.id)?.gaveUp)
    .map((s) => `#${s.id} (${s.marker}) has a card but is not decided yet`);
  return out;
}

function progressLine(tg: BotApiEmulator, supervisor: BotSupervisor, logs: MemberLog[], planned: number, since: number): string {
  const faults = Object.values(tg.injectedFaults).reduce((a, b) => a + b, 0);
  return `  ${((Date.now() - since) / 1000).toFixed(0)} s: ${logs.length}/${planned} submissions done by members, ${supervisor.kills.length} kills, ${faults} faults in ${tg.calls.length} calls`;
}

/** From the moment the admin saw an approval taken ("Tercatat.") to its channel post. */
function approvalLatency(screen: Screen, admin: Admin): LoadResult["approvalToPostMs"] {
  const posts = screen.botMessages(CHANNEL);
  const delays: number[] = [];
  for (const l of admin.logs.values()) {
    if (l.decision !== "approve" || !l.marker || l.sawDecisionAt === undefined) continue;
    const post = posts.find((p) => p.texts[0]!.includes(l.marker!));
    if (post) delays.push(Math.max(0, post.at - l.sawDecisionAt));
  }
  delays.sort((a, b) => a - b);
  return { median: delays[Math.floor(delays.length / 2)] ?? 0, max: delays.at(-1) ?? 0, over10s: delays.filter((d) => d > 10_000).length };
}

export function duplicatesLine(label: string, dups: Duplicate[]): string {
  const c = countReasons(dups);
  return `${label}: ${c.total} (kill window ${c["kill-window"]}, answer lost ${c["answer-lost"]}, unexplained ${c.unexplained})`;
}
