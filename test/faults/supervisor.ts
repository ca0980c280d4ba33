// The bot as a real process (`node --import tsx src/main.ts`, test/support/child-bot.ts), killed
// with SIGKILL and restarted at once, like systemd's Restart=always would after a crash. Every
// line the bot prints goes to a log file; warnings and errors are also kept, parsed, for the report.
import { appendFileSync } from "node:fs";
import { spawnBot, type ChildBot } from "../support/child-bot.js";

export interface KillRecord {
  /** Date.now() when SIGKILL was sent. */
  at: number;
  /** When the killed process had exited. */
  exitedAt: number;
  /** When its successor was spawned. */
  restartedAt: number;
  /** Which process (0-based) was killed. */
  process: number;
}

export interface LogLine {
  /** pino level (40 warn, 50 error, 60 fatal); 0 for a line that is not JSON (a raw stack trace). */
  level: number;
  msg: string;
  /** The whole line, as printed. */
  line: string;
  process: number;
  at: number;
}

export interface Exit {
  process: number;
  code: number | null;
  at: number;
  /** The last lines the process printed. */
  tail: string[];
}

export class BotSupervisor {
  private child: ChildBot | undefined;
  private generation = -1;
  private stopping = false;
  private killing = false;
  readonly kills: KillRecord[] = [];
  /** Warnings, errors and lines that are not JSON, from every process. */
  readonly logs: LogLine[] = [];
  /** Processes that exited without being killed or stopped by the supervisor. */
  readonly unexpectedExits: Exit[] = [];
  /** Date.now() of each spawn. */
  readonly spawns: number[] = [];

  constructor(
    private readonly env: Record<string, string>,
    private readonly logFile: string,
    private readonly opts: { restartOnExit?: boolean; restartDelayMs?: number } = {},
  ) {}

  get processes(): number {
    return this.generation + 1;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.process.exitCode === null && this.child.process.signalCode === null;
  }

  start(): void {
    this.stopping = false;
    this.spawn();
  }

  /** SIGKILL, then a new process at once. */
  async killAndRestart(): Promise<KillRecord> {
    const child = this.child;
    if (!child) throw new Error("supervisor: no process to kill");
    this.killing = true;
    const at = Date.now();
    await child.kill();
    const exitedAt = Date.now();
    this.killing = false;
    const killed = this.generation;
    this.spawn();
    const record = { at, exitedAt, restartedAt: Date.now(), process: killed };
    this.kills.push(record);
    return record;
  }

  /** SIGKILL without restarting (a test restarts later with start()). */
  async kill(): Promise<void> {
    this.stopping = true;
    await this.child?.kill();
    this.child = undefined;
  }

  /** SIGTERM and wait: the bot's own shutdown. */
  async stop(): Promise<number | null> {
    this.stopping = true;
    const child = this.child;
    this.child = undefined;
    if (!child || child.process.exitCode !== null) return child?.process.exitCode ?? null;
    return child.terminate();
  }

  /** Warnings and errors at or above `level` printed since `since` (Date.now()). */
  logsSince(since: number, level = 40): LogLine[] {
    return this.logs.filter((l) => l.at >= since && (l.level >= level || l.level === 0));
  }

  private spawn(): void {
    const generation = ++this.generation;
    const child = spawnBot(this.env);
    this.child = child;
    this.spawns.push(Date.now());
    appendFileSync(this.logFile, `--- process ${generation} started at ${new Date().toISOString()} ---\n`);
    const tail: string[] = [];
    const onLine = (line: string) => {
      if (line.trim() === "") return;
      appendFileSync(this.logFile, `${line}\n`);
      tail.push(line);
      if (tail.length > 20) tail.shift();
      const parsed = parseLine(line);
      if (parsed.level >= 40 || parsed.level === 0) this.logs.push({ ...parsed, line, process: generation, at: Date.now() });
    };
    splitLines(child.process.stdout, onLine);
    splitLines(child.process.stderr, onLine);
    void child.exited.then((code) => {
      if (this.stopping || this.killing || this.child !== child) return;
      this.unexpectedExits.push({ process: generation, code, at: Date.now(), tail: [...tail] });
      appendFileSync(this.logFile, `--- process ${generation} exited by itself with code ${code} ---\n`);
      if (this.opts.restartOnExit !== false) setTimeout(() => !this.stopping && this.child === child && this.spawn(), this.opts.restartDelayMs ?? 0);
    });
  }
}

function parseLine(line: string): { level: number; msg: string } {
  try {
    const json = JSON.parse(line) as { level?: unknown; msg?: unknown };
    return { level: typeof json.level === "number" ? json.level : 30, msg: typeof json.msg === "string" ? json.msg : "" };
  } catch {
    return { level: 0, msg: line.slice(0, 200) };
  }
}

function splitLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  let buffered = "";
  stream?.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) onLine(line);
  });
  stream?.on("end", () => buffered && onLine(buffered));
}
