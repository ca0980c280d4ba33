// npm run test:fuzz [-- --updates 10000 --seed 9]
//
// Thousands of generated, seeded updates (every message type, empty and huge texts, mixed
// scripts, broken HTML and entities, random and truncated callback data, commands in wrong
// chats, callbacks from non-admins, edits of unknown messages, update types the bot did not ask
// for, malformed updates) into the real bot, then a normal submission that must go through.
// Checks: no crash, no error-level log line, no call Telegram would reject. Readable lines, then
// one JSON object on the last line; exits 1 when a check fails.
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { fuzzReport } from "./report.js";
import { runFuzz } from "./run.js";

const { values } = parseArgs({ options: { updates: { type: "string" }, seed: { type: "string" } } });
const updates = Number(values.updates ?? 10_000);
const seed = Number(values.seed ?? 20261202);
if (!Number.isInteger(updates) || updates < 1 || !Number.isInteger(seed)) {
  console.error("test:fuzz: --updates and --seed must be whole numbers");
  process.exit(2);
}
console.log(`fuzz: ${updates} updates, seed ${seed}`);
const result = await runFuzz({ updates, seed, log: (line) => console.log(line) });
const { lines, figures, failures } = fuzzReport(result, seed, loadavg());
for (const line of lines) console.log(line);
console.log(JSON.stringify(figures));
process.exit(failures.length === 0 ? 0 : 1);
