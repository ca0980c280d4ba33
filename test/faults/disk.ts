// Bad disks: the database on a small tmpfs that the suite fills (disk full) or makes read-only.
//
// Linux refuses to remount a filesystem read-only while a process has a file on it open for
// writing (the bot's database), so "read-only" is the bot (re)starting onto a read-only
// filesystem, as after a crash or a reboot with a failing disk. "Disk full" happens while the bot
// runs. For each: the member writes while the condition lasts and must be told to try again later
// ("coba lagi nanti"); the log must say what is wrong in one line; nothing stored may be lost; and
// once the condition clears, the bot must work again by itself (a process that exited is restarted
// as systemd's Restart=always would, and that exit is reported).
import { execFileSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, rmSync, statfsSync, writeSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { BotApiEmulator } from "@jedikim/telegram-emulator";
import { Screen, buttonData, sleep, within } from "./screen.js";
import { BotSupervisor, type LogLine } from "./supervisor.js";
import { ADMIN_GROUP, botEnv, join, polling, seedDatabase, startEmulator } from "./world.js";

export interface ConditionResult {
  condition: "read-only" | "disk full";
  /** What the member was answered while it lasted (first line of each message). */
  replies: string[];
  toldTryLater: boolean;
  /** Warnings and errors logged while it lasted (msg, or the start of a line that is not JSON). */
  logLines: string[];
  /** A log line whose message names the condition. */
  saidWhy: boolean;
  /** Times the bot process exited by itself while it lasted. */
  exits: number;
  exitOutput: string[];
  /** After the condition cleared: ms until the member's next message got its preview (undefined = never). */
  recoveredAfterMs?: number;
  /** The message sent during the condition was handled once the condition cleared (it was not lost). */
  messageDuringConditionHandled: boolean;
}

export interface DiskResult {
  conditions: ConditionResult[];
  rowsBefore: Record<string, number>;
  rowsAfter: Record<string, number>;
  integrity: string;
  failures: string[];
  logFile: string;
}

const MEMBER = { id: 7900, first_name: "Disk" };
const TABLES = ["Member", "Submission", "AuditEvent", "Kim"];

export async function diskScenarios(opts: { dir: string; log: (line: string) => void; waitMs?: number; recoverWithinMs?: number }): Promise<DiskResult> {
  const waitMs = opts.waitMs ?? 15_000;
  const recoverWithinMs = opts.recoverWithinMs ?? 90_000;
  const mountPoint = path.join(opts.dir, "disk");
  mkdirSync(mountPoint, { recursive: true });
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=24m,mode=0755", "tmpfs", mountPoint]);
  const unmount = () => {
    try {
      execFileSync("mount", ["-o", "remount,rw", mountPoint], { stdio: "ignore" });
    } catch {
      // not mounted any more
    }
    execFileSync("umount", ["-l", mountPoint], { stdio: "ignore" });
  };
  process.once("exit", unmount);
  const logFile = path.join(opts.dir, "bot-disk.log");
  let tg: BotApiEmulator | undefined;
  let screen: Screen | undefined;
  let supervisor: BotSupervisor | undefined;
  try {
    const seeded = await seedDatabase(mountPoint);
    tg = await startEmulator();
    screen = new Screen(tg);
    supervisor = new BotSupervisor(botEnv(tg, seeded.url), logFile, { restartOnExit: true, restartDelayMs: 1000 });
    supervisor.start();
    if (!(await polling(tg))) throw new Error(`the bot did not start on the tmpfs database; see ${logFile}`);
    await join(tg, screen, MEMBER, seeded.inviteCodes[0]!);
    const baseline = await submitOne(tg, screen, "Kabar sebelum disk bermasalah (ref DISK-0)", waitMs);
    if (!baseline) throw new Error("the baseline submission did not go through");
    const rowsBefore = countRows(seeded.file);

    const ctx = { tg, screen, supervisor, waitMs, recoverWithinMs, log: opts.log };
    const conditions: ConditionResult[] = [];
    conditions.push(
      await underCondition(ctx, "disk full", "DISK-FULL", {
        apply: () => {
          checkpoint(seeded.file);
          fill(mountPoint);
        },
        clear: () => rmSync(path.join(mountPoint, "filler"), { force: true }),
      }),
    );
    conditions.push(
      await underCondition(ctx, "read-only", "DISK-RO", {
        apply: async () => {
          await supervisor!.kill();
          execFileSync("mount", ["-o", "remount,ro", mountPoint]);
          supervisor!.start();
          await sleep(3000);
        },
        clear: () => execFileSync("mount", ["-o", "remount,rw", mountPoint]),
      }),
    );

    await supervisor.stop();
    const rowsAfter = countRows(seeded.file);
    const integrity = integrityCheck(seeded.file);
    const failures: string[] = [];
    for (const c of conditions) {
      if (!c.toldTryLater) failures.push(`${c.condition}: the member was not told "coba lagi nanti" (answers: ${JSON.stringify(c.replies)})`);
      if (!c.saidWhy) failures.push(`${c.condition}: no log line says "${c.condition === "read-only" ? "read-only" : "disk full"}" (logged: ${JSON.stringify(c.logLines.slice(0, 5))})`);
      if (c.exits > 0) failures.push(`${c.condition}: the bot exited ${c.exits} times (output: ${JSON.stringify(c.exitOutput.slice(0, 3))})`);
      if (c.recoveredAfterMs === undefined) failures.push(`${c.condition}: the bot did not work again within ${recoverWithinMs / 1000} s after the condition cleared`);
      if (!c.toldTryLater && !c.messageDuringConditionHandled) failures.push(`${c.condition}: the message sent meanwhile was neither answered nor handled later (lost)`);
    }
    for (const table of TABLES) {
      if ((rowsAfter[table] ?? 0) < (rowsBefore[table] ?? 0)) failures.push(`${table}: ${rowsBefore[table]} rows before, ${rowsAfter[table]} after`);
    }
    if (integrity !== "ok") failures.push(`integrity_check: ${integrity}`);
    return { conditions, rowsBefore, rowsAfter, integrity, failures, logFile };
  } finally {
    await supervisor?.kill().catch(() => undefined);
    screen?.close();
    await tg?.stop();
    process.removeListener("exit", unmount);
    unmount();
  }
}

interface Ctx {
  tg: BotApiEmulator;
  screen: Screen;
  supervisor: BotSupervisor;
  waitMs: number;
  recoverWithinMs: number;
  log: (line: string) => void;
}

async function underCondition(
  ctx: Ctx,
  condition: ConditionResult["condition"],
  ref: string,
  how: { apply: () => unknown; clear: () => unknown },
): Promise<ConditionResult> {
  const { tg, screen, supervisor } = ctx;
  const since = Date.now();
  const exitsBefore = supervisor.unexpectedExits.length;
  await how.apply();
  const before = screen.botMessages(MEMBER.id).length;
  tg.userSendsText(MEMBER.id, `Kabar saat ${condition} (ref ${ref}-1)`);
  await within(ctx.waitMs, () => screen.botMessagesAfter(MEMBER.id, before).length > 0);
  await sleep(1000);
  const replies = screen.botMessagesAfter(MEMBER.id, before).map((m) => m.texts[0]!.split("\n")[0]!);
  const logs = supervisor.logsSince(since);
  const exits = supervisor.unexpectedExits.slice(exitsBefore);
  ctx.log(`  ${condition}: answers ${JSON.stringify(replies)}, ${logs.length} warnings/errors logged, ${exits.length} exits`);
  how.clear();
  const clearedAt = Date.now();
  const recoveredAfterMs = await recovery(ctx, ref, clearedAt);
  const handled = screen.botMessages(MEMBER.id).some((m) => m.texts[0]!.includes("Pratinjau kiriman") && m.texts[0]!.includes(`${ref}-1`));
  return {
    condition,
    replies,
    toldTryLater: replies.some((r) => /coba (kirim )?lagi nanti/i.test(r)) || screen.botMessagesAfter(MEMBER.id, before).some((m) => /coba (kirim )?lagi nanti/i.test(m.texts[0]!)),
    logLines: logs.map(summary),
    saidWhy: logs.some((l) => l.level >= 40 && (condition === "read-only" ? /read-?only/i : /disk (is )?full/i).test(l.msg)),
    exits: exits.length,
    exitOutput: exits.flatMap((e) => e.tail.slice(-3)),
    recoveredAfterMs,
    messageDuringConditionHandled: handled,
  };
}

/** The member writes again every 10 s, as a person would, until a preview comes back. */
async function recovery(ctx: Ctx, ref: string, clearedAt: number): Promise<number | undefined> {
  const { tg, screen } = ctx;
  const deadline = clearedAt + ctx.recoverWithinMs;
  for (let attempt = 2; Date.now() < deadline; attempt++) {
    const before = screen.botMessages(MEMBER.id).length;
    tg.userSendsText(MEMBER.id, `Kabar sesudah pulih (ref ${ref}-${attempt})`);
    // Any of this condition's messages (the one sent while it lasted included) counts.
    const preview = await within(Math.min(10_000, deadline - Date.now()), () =>
      screen.botMessagesAfter(MEMBER.id, before).find((m) => m.texts[0]!.includes("Pratinjau kiriman") && m.texts[0]!.includes(`${ref}-`)),
    );
    if (preview) return preview.at - clearedAt;
  }
  return undefined;
}

/** Sends one item and confirms it; true once the preview says "Terkirim". */
async function submitOne(tg: BotApiEmulator, screen: Screen, text: string, waitMs: number): Promise<boolean> {
  const before = screen.botMessages(MEMBER.id).length;
  tg.userSendsText(MEMBER.id, text);
  const preview = await within(waitMs, () => screen.botMessagesAfter(MEMBER.id, before).find((m) => m.texts[0]!.includes("Pratinjau kiriman")));
  if (!preview) return false;
  tg.userPresses(MEMBER.id, preview.message, buttonData(preview.message, "Kirim")!);
  const sent = await within(waitMs, () => preview.texts.some((t) => t.includes("Terkirim")));
  const card = await within(waitMs, () => screen.botMessages(ADMIN_GROUP).length > 0);
  return !!sent && !!card;
}

/** Fills the filesystem with a file of zeros until it has no space left. */
function fill(mountPoint: string): void {
  const fd = openSync(path.join(mountPoint, "filler"), "w");
  const chunk = Buffer.alloc(256 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOSPC") throw err;
  } finally {
    closeSync(fd);
  }
  const { bavail, bsize } = statfsSync(mountPoint);
  if (bavail * bsize > 64 * 1024) throw new Error(`disk not full: ${bavail * bsize} bytes free`);
}

/** Empties the WAL, so the bot's next write needs new space (an emptied WAL is reused in place). */
function checkpoint(file: string): void {
  const db = new Database(file);
  try {
    db.pragma("busy_timeout = 5000");
    db.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    db.close();
  }
}

function countRows(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(TABLES.map((t) => [t, (db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

function integrityCheck(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return String(db.pragma("integrity_check", { simple: true }));
  } finally {
    db.close();
  }
}

function summary(l: LogLine): string {
  return l.level === 0 ? `(not JSON) ${l.line.slice(0, 160)}` : `${l.level}: ${l.msg}`;
}
