import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "packages/*/test/**/*.test.ts"],
    // End-to-end tests start a bot, an emulator and migrate a fresh database file.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // TEST_DATABASE=postgresql: a migrated template database for the run.
    globalSetup: ["test/support/pg-global-setup.ts"],
  },
});
