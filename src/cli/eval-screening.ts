// Evaluates disinformation screening on labelled JSON lines ({ text, label: "hoax" | "valid", source? }).
//
//   tsx src/cli/eval-screening.ts [--known <history.jsonl>] [--community <ordinary.jsonl>] [<file.jsonl>]
//
// Without --known: deterministic 5-fold cross-validation over the file (the other folds are the
// history: their hoaxes become known claims, all of them train and calibrate the classifier).
// With --known: that file is the history and the other file is screened. Then the community set
// of ordinary posts (default test/fixtures/screening/community.jsonl) is screened with three
// histories: the file, approved ordinary posts plus the file's hoaxes, and none, to give the
// false-flag rate and the precision a flag would have at a 5 % hoax rate.
// The last line is one JSON object.
import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  classifierAuc,
  computeMetrics,
  crossValidate,
  falseFlags,
  flaggedShare,
  formatLevelTable,
  formatMetrics,
  levelTable,
  ordinaryReplay,
  parseJsonl,
  perSource,
  precisionAt,
  screenWithHistory,
  type FalseFlags,
  type LabelledItem,
  type ScreenedItem,
} from "../domain/screening/eval.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DEV_FILE = resolve(root, "../shared/data/hoax-dev/dev.jsonl");
const SAMPLE_FILE = resolve(root, "test/fixtures/screening/sample.jsonl");
const COMMUNITY_FILE = resolve(root, "test/fixtures/screening/community.jsonl");
/** The hoax rate at which the precision of a flag is reported. */
const PREVALENCE = 0.05;

interface Args {
  known?: string;
  community?: string;
  file?: string;
}

function parseArgs(argv: readonly string[]): Args {
  const out: Args = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--known" || arg === "--community") {
      const value = argv[++i];
      if (!value) throw new Error(`${arg} needs a file`);
      out[arg === "--known" ? "known" : "community"] = value;
    } else if (arg === "--help" || arg === "-h") {
      console.log("usage: tsx src/cli/eval-screening.ts [--known <history.jsonl>] [--community <ordinary.jsonl>] [<file.jsonl>]");
      process.exit(0);
    } else if (arg.startsWith("-")) {
      throw new Error(`unknown option ${arg}`);
    } else {
      out.file = arg;
    }
  }
  return out;
}

function load(path: string): LabelledItem[] {
  return parseJsonl(readFileSync(path, "utf8"), path);
}

const pct = (x: number | undefined) => (x === undefined ? "–" : `${(x * 100).toFixed(1)} %`);

function communityLine(name: string, { flags, recall }: { flags: FalseFlags; recall: number }): string {
  const kinds = Object.entries(flags.byKind)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(", ");
  return [
    name.padEnd(40),
    pct(flags.flagged).padStart(7),
    pct(flags.high).padStart(7),
    pct(recall).padStart(7),
    pct(precisionAt(PREVALENCE, recall, flags.flagged)).padStart(9),
    `  ${kinds || "–"}`,
  ].join(" ");
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const file = args.file ? resolve(args.file) : existsSync(DEV_FILE) ? DEV_FILE : SAMPLE_FILE;
  const items = load(file);
  const started = performance.now();
  let mode: string;
  let screened: ScreenedItem[];
  let history: LabelledItem[];
  if (args.known) {
    history = load(resolve(args.known));
    mode = `history ${args.known} (${history.length} items)`;
    screened = screenWithHistory(history, items);
  } else {
    history = items;
    mode = "5-fold cross-validation";
    screened = crossValidate(items, { folds: 5 });
  }
  const metrics = computeMetrics(screened);
  const auc = classifierAuc(screened);
  const calibration = levelTable(screened);
  const sources = perSource(screened);

  const communityFile = resolve(args.community ?? COMMUNITY_FILE);
  const community = load(communityFile);
  const hoaxes = history.filter((h) => h.label === "hoax");
  // Each history's own recall: the file's from its replay, the others' on held-out hoaxes.
  const replay = ordinaryReplay(community, hoaxes, { folds: 5 });
  const rows = {
    withFile: { flags: falseFlags(screenWithHistory(history, community)), recall: metrics.perLabel.hoax.recall },
    withOrdinary: { flags: falseFlags(replay.ordinary), recall: flaggedShare(replay.hoaxes) },
    withNone: { flags: falseFlags(screenWithHistory([], community)), recall: flaggedShare(screenWithHistory([], hoaxes)) },
  };
  const seconds = (performance.now() - started) / 1000;

  console.log(`file: ${file}`);
  console.log(`mode: ${mode}   time: ${seconds.toFixed(1)} s   load average: ${loadavg()[0]!.toFixed(2)}`);
  console.log("");
  console.log(formatMetrics(metrics));
  console.log("");
  console.log(`classifier alone (pHoax, threshold-free): ROC AUC ${auc === undefined ? "–" : auc.toFixed(3)}`);
  console.log("");
  console.log("calibration per level (share of items, share of hoaxes among them, mean probability)");
  console.log(formatLevelTable(calibration));
  if (sources) {
    console.log("");
    console.log("per source (macro F1, hoax recall, valid flagged)");
    for (const [source, m] of Object.entries(sources)) {
      const validFlagged = m.confusion.valid.hoax / Math.max(1, m.perLabel.valid.support);
      console.log(`${source.padEnd(48)} n=${String(m.count).padStart(4)}  F1 ${pct(m.macro.f1)}  recall ${pct(m.perLabel.hoax.recall)}  valid flagged ${pct(validFlagged)}`);
    }
  }
  console.log("");
  console.log(`community set: ${communityFile} (${community.length} ordinary posts)`);
  console.log(
    `${"history".padEnd(40)} ${"flagged".padStart(7)} ${"high".padStart(7)} ${"recall".padStart(7)} ${`prec@${PREVALENCE * 100}%`.padStart(9)}   flagged by kind`,
  );
  console.log(communityLine(`the file (${history.length} decisions)`, rows.withFile));
  console.log(communityLine(`approved posts + ${hoaxes.length} hoaxes, 5-fold`, rows.withOrdinary));
  console.log(communityLine("none", rows.withNone));
  console.log(
    `(flagged: ordinary posts at medium or high; recall: held-out hoaxes of the file flagged; precision at a ${PREVALENCE * 100} % hoax rate from both)`,
  );
  console.log(
    JSON.stringify({
      file,
      mode,
      seconds: Math.round(seconds * 10) / 10,
      ...metrics,
      classifierAuc: auc ?? null,
      calibration,
      perSource: sources ?? null,
      community: {
        file: communityFile,
        count: community.length,
        prevalence: PREVALENCE,
        ...Object.fromEntries(
          Object.entries(rows).map(([name, { flags, recall }]) => [
            name,
            { ...flags, recall, precision: precisionAt(PREVALENCE, recall, flags.flagged) ?? null },
          ]),
        ),
      },
    }),
  );
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
