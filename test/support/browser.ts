// Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core
// (no downloaded browser), an empty profile per launch. A missing Chromium fails the tests with
// the command that installs it; it never skips them.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { PROJECT_ROOT } from "../../src/paths.js";

export const CHROMIUM = "/usr/bin/chromium";
export const ARTIFACTS_DIR = path.join(PROJECT_ROOT, "test-artifacts");

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM}. Install it with: apt-get update && apt-get install -y chromium (.ci/run does this when it is missing).`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

/** Where a test keeps its screenshots (gitignored; CI keeps them as artifacts). */
export function artifactPath(...parts: string[]): string {
  const file = path.join(ARTIFACTS_DIR, ...parts);
  mkdirSync(path.dirname(file), { recursive: true });
  return file;
}
