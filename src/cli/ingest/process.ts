// A Node process under measurement: spawned with its own arguments and environment, its CPU time
// and memory read from /proc (Linux) while it runs, so the figures are that process's alone.
import { spawn, type ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { PROJECT_ROOT } from "../../paths.js";

export interface ProcStats {
  /** User + system CPU time in ms since the process started (all its threads). */
  cpuMs: number;
  /** Resident set size now, and its high-water mark (VmHWM), in MB. */
  rssMb: number;
  peakRssMb: number;
}

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** CPU and memory of a process, from /proc/<pid>/stat and /proc/<pid>/status. */
export function procStats(pid: number): ProcStats {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may contain spaces) start at state: utime is field 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
  return { cpuMs: (ticks * 1000) / clockTicks(), rssMb: kb("VmRSS") / 1024, peakRssMb: kb("VmHWM") / 1024 };
}

export interface MeasuredProcess {
  child: ChildProcess;
  pid: number;
  stats(): ProcStats;
  /** Highest RSS seen by the sampler (every 100 ms) since the last reset, in MB. */
  sampledPeakRssMb(): number;
  resetSampledPeak(): void;
  /** Puts back a peak seen before a reset (so the overall peak survives per-phase peaks). */
  restorePeak(mb: number): void;
  /** Lines written to stdout and stderr (JSON log lines of the bot). */
  outputLines(): number;
  /** Log lines at level error or above (pino levels 50, 60), and the first few of them. */
  errorLines(): { count: number; first: string[] };
  /** The last 20,000 characters of output, for error reports. */
  tail(): string;
  /** SIGTERM, then waits for the exit code (SIGKILL after `graceMs`). */
  terminate(graceMs?: number): Promise<number | null>;
  exited: Promise<number | null>;
}

/** Starts `node <nodeArgs…>` in the project root with exactly `env` (plus PATH and HOME). */
export function spawnMeasured(nodeArgs: string[], env: Record<string, string>): MeasuredProcess {
  const child = spawn(process.execPath, nodeArgs, {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid === undefined) throw new Error(`could not start node ${nodeArgs.join(" ")}`);
  const pid = child.pid;
  let out = "";
  let lines = 0;
  let partial = "";
  const errors = { count: 0, first: [] as string[] };
  const collect = (d: Buffer) => {
    const s = d.toString();
    out = (out + s).slice(-20_000);
    const parts = (partial + s).split("\n");
    partial = parts.pop() ?? "";
    lines += parts.length;
    for (const line of parts) {
      if (!/"level":(50|60)\b/.test(line)) continue;
      errors.count++;
      if (errors.first.length < 3) errors.first.push(line.slice(0, 600));
    }
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  let running = true;
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      running = false;
      resolve(code);
    }),
  );
  let peak = 0;
  const sampler = setInterval(() => {
    if (!running) return;
    try {
      peak = Math.max(peak, procStats(pid).rssMb);
    } catch {
      // exited between the check and the read
    }
  }, 100);
  sampler.unref();
  void exited.then(() => clearInterval(sampler));
  return {
    child,
    pid,
    exited,
    stats: () => procStats(pid),
    sampledPeakRssMb: () => peak,
    resetSampledPeak: () => {
      peak = 0;
    },
    restorePeak: (mb: number) => {
      peak = Math.max(peak, mb);
    },
    outputLines: () => lines,
    errorLines: () => errors,
    tail: () => out,
    async terminate(graceMs = 20_000) {
      if (!running) return exited;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** What the benchmark reads of the bot: one process, or several instances taken together. */
export type Measured = Omit<MeasuredProcess, "child" | "pid">;

/**
 * Several processes measured as one: CPU time, RSS and log lines summed over all of them (the
 * cost of the whole deployment), the RSS peak sampled as a sum every 100 ms; `exited` settles when
 * the first one exits, with its code, and terminate() stops them all (the worst code).
 */
export function measuredTogether(procs: readonly MeasuredProcess[]): Measured {
  const sum = (f: (p: MeasuredProcess) => number) => procs.reduce((acc, p) => acc + f(p), 0);
  let running = true;
  let peak = 0;
  const sampler = setInterval(() => {
    if (!running) return;
    try {
      peak = Math.max(peak, sum((p) => procStats(p.pid).rssMb));
    } catch {
      // one of them exited between the check and the read
    }
  }, 100);
  sampler.unref();
  const exited = Promise.race(procs.map((p) => p.exited));
  void exited.then(() => (running = false));
  return {
    exited,
    stats: () => {
      const all = procs.map((p) => p.stats());
      return { cpuMs: all.reduce((a, s) => a + s.cpuMs, 0), rssMb: all.reduce((a, s) => a + s.rssMb, 0), peakRssMb: all.reduce((a, s) => a + s.peakRssMb, 0) };
    },
    sampledPeakRssMb: () => peak,
    resetSampledPeak: () => {
      peak = 0;
    },
    restorePeak: (mb: number) => {
      peak = Math.max(peak, mb);
    },
    outputLines: () => sum((p) => p.outputLines()),
    errorLines: () => {
      const each = procs.map((p) => p.errorLines());
      return { count: each.reduce((a, e) => a + e.count, 0), first: each.flatMap((e) => e.first).slice(0, 3) };
    },
    tail: () => procs.map((p, i) => `——— instance ${i + 1} (pid ${p.pid}) ———\n${p.tail().slice(-5000)}`).join("\n"),
    async terminate(graceMs?: number) {
      running = false;
      clearInterval(sampler);
      const codes = await Promise.all(procs.map((p) => p.terminate(graceMs)));
      return codes.find((c) => c !== 0) ?? codes[0] ?? null;
    },
  };
}
