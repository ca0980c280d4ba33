// What the bot says, read from its Indonesian locale files, so the fault suite's people recognise
// an answer by its meaning (its key) even when its wording changes.
import { readFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../../src/paths.js";

const cache = new Map<string, Map<string, string>>();

/** The messages of locales/id/<file>.ftl, each as its first line of text. */
function messages(file: string): Map<string, string> {
  let map = cache.get(file);
  if (map) return map;
  map = new Map();
  let pending: string | undefined;
  for (const line of readFileSync(path.join(PROJECT_ROOT, "locales", "id", `${file}.ftl`), "utf8").split("\n")) {
    const entry = /^([a-z][a-z0-9-]*)\s*=\s*(.*)$/.exec(line);
    if (entry) {
      if (entry[2]!.trim()) map.set(entry[1]!, entry[2]!.trim());
      else pending = entry[1];
    } else if (pending && line.trim()) {
      map.set(pending, line.trim());
      pending = undefined;
    }
  }
  cache.set(file, map);
  return map;
}

/**
 * The fixed start of a message as people see it: its first line up to the first placeable, without
 * HTML tags ("✅ <b>Terkirim!</b> Nomor kiriman Anda <b>#{ $id }</b>." → "✅ Terkirim! Nomor kiriman Anda #").
 * Undefined when the locale has no such message.
 */
export function phrase(file: string, key: string): string | undefined {
  const text = messages(file).get(key);
  if (text === undefined) return undefined;
  const fixed = text.split("{")[0]!.replace(/<[^>]*>/g, "").trim();
  return fixed === "" ? undefined : fixed;
}

/** The phrases of every message of a file whose key matches. */
export function phrases(file: string, keys: RegExp): string[] {
  return [...messages(file).keys()].filter((k) => keys.test(k)).flatMap((k) => phrase(file, k) ?? []);
}
