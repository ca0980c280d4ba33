// npm run test:faults [-- --submissions 1000 --kills 20 --fault-rate 0.1 --seed 20261201 --members 50
//                         --settle-seconds 150 --no-disk]
//
// The real bot as a child process, against the emulator answering a share of calls with 429,
// 500 or a lost connection, killed with SIGKILL at random moments and restarted at once, while
// members submit and an admin decides. Readable lines, then one JSON object on the last line.
// Exits 1 when a check fails. The disk scenarios mount a tmpfs: run as root (CI does).
// --settle-seconds: after the members are done, how long to wait while nothing progresses.
import { parseArgs } from "node:util";
import { FULL_RUN, runFaultSuite, type SuiteOptions } from "./suite.js";

const { values } = parseArgs({
  options: {
    submissions: { type: "string" },
    kills: { type: "string" },
    "fault-rate": { type: "string" },
    seed: { type: "string" },
    members: { type: "string" },
    "settle-seconds": { type: "string" },
    "no-disk": { type: "boolean" },
  },
});

function num(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number, not ${JSON.stringify(value)}`);
  return n;
}

const opts: SuiteOptions = {
  ...FULL_RUN,
  submissions: num("submissions", values.submissions, FULL_RUN.submissions),
  kills: num("kills", values.kills, FULL_RUN.kills),
  faultRate: num("fault-rate", values["fault-rate"], FULL_RUN.faultRate),
  seed: num("seed", values.seed, FULL_RUN.seed),
  members: values.members === undefined ? undefined : num("members", values.members, 0),
  settleTimeoutMs: num("settle-seconds", values["settle-seconds"], FULL_RUN.settleTimeoutMs / 1000) * 1000,
  disk: !values["no-disk"],
  log: (line) => console.log(line),
};
if (opts.disk && process.getuid?.() !== 0) {
  console.error("test:faults: the disk scenarios mount a tmpfs and need root; run as root or pass --no-disk");
  process.exit(2);
}

const result = await runFaultSuite(opts);
console.log(JSON.stringify(result.figures));
process.exit(result.failures.length === 0 ? 0 : 1);
