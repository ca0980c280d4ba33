// The project's own TypeScript sources, for the tests that read them (the import graph, escaping,
// the locale rule, SQL aliases). The generated Prisma client is not ours to check.
import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

export const SRC = resolve(import.meta.dirname, "../../src");

export function sourceFiles(dir: string = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "generated" ? [] : sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}
