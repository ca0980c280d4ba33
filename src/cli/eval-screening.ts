// Evaluates disinformation screening on labelled JSON lines ({ text, label: "hoax" | "valid" }).
//
//   tsx src/cli/eval-screening.ts [--known <history.jsonl>] [<file.jsonl>]
//
// Without --known: deterministic 5-fold cross-validation over the file (the other folds are the
// history: their hoaxes become known claims and all of them train the classifier). With --known:
// that file is the history and the other file is screened. The last line is one JSON object.
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  classifierAuc,
  computeMetrics,
  crossValidate,
  formatMetrics,
  parseJsonl,
  screenWithHistory,
} from "../domain/screening/eval.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DEV_FILE = resolve(root, "../shared/data/hoax-dev/dev.jsonl");
const SAMPLE_FILE = resolve(root, "test/fixtures/screening/sample.jsonl");

function parseArgs(argv: readonly string[]): { known?: string; file?: string } {
  const out: { known?: string; file?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--known") {
      const value = argv[++i];
      if (!value) throw new Error("--known needs a file");
      out.known = value;
    } else if (arg === "--help" || arg === "-h") {
      console.log("usage: tsx src/cli/eval-screening.ts [--known <history.jsonl>] [<file.jsonl>]");
      process.exit(0);
    } else if (arg.startsWith("-")) {
      throw new Error(`unknown option ${arg}`);
    } else {
      out.file = arg;
    }
  }
  return out;
}

function load(path: string) {
  return parseJsonl(readFileSync(path, "utf8"), path);
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const file = args.file ? resolve(args.file) : existsSync(DEV_FILE) ? DEV_FILE : SAMPLE_FILE;
  const items = load(file);
  const started = performance.now();
  let mode: string;
  let screened;
  if (args.known) {
    const history = load(resolve(args.known));
    mode = `history ${args.known} (${history.length} items)`;
    screened = screenWithHistory(history, items);
  } else {
    mode = "5-fold cross-validation";
    screened = crossValidate(items, { folds: 5 });
  }
  const seconds = (performance.now() - started) / 1000;
  const metrics = computeMetrics(screened);
  const auc = classifierAuc(screened);
  console.log(`file: ${file}`);
  console.log(`mode: ${mode}   time: ${seconds.toFixed(1)} s`);
  console.log("");
  console.log(formatMetrics(metrics));
  console.log("");
  console.log(`classifier alone (pHoax, threshold-free): ROC AUC ${auc === undefined ? "–" : auc.toFixed(3)}`);
  console.log(JSON.stringify({ file, mode, seconds: Math.round(seconds * 10) / 10, ...metrics, classifierAuc: auc ?? null }));
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
