// npm run webhook -- info|set|delete against the emulator, in Indonesian by default.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { BotApiEmulator } from "@jedikim/telegram-emulator";
import { PROJECT_ROOT } from "../../src/paths.js";

const run = promisify(execFile);
let tg: BotApiEmulator | undefined;
afterEach(async () => {
  await tg?.stop();
  tg = undefined;
});

function webhook(args: string[], env: Record<string, string>) {
  return run(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "src/cli/webhook.ts"), ...args], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? "", ...env },
  });
}

describe("npm run webhook", () => {
  it("--help prints the usage and exits 0", async () => {
    const { stdout } = await webhook(["--help"], {});
    expect(stdout).toContain("npm run webhook -- delete");
    expect(stdout).toContain("hapus webhook");
  }, 30_000);

  it("sets, shows and deletes the webhook, keeping pending updates", async () => {
    tg = await BotApiEmulator.start({ webhook: { target: () => "http://127.0.0.1:1/unreachable", retryMs: 50, maxRetryMs: 100 } });
    tg.addUser({ id: 1, first_name: "Budi" });
    const env = { BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, WEBHOOK_URL: "https://bot.example.org/tg", WEBHOOK_SECRET: "abc_DEF-1" };
    expect((await webhook(["info"], env)).stdout).toContain("Tidak ada webhook");
    expect((await webhook(["set"], env)).stdout).toContain("Webhook terdaftar: https://bot.example.org/tg");
    tg.userSendsText(1, "halo");
    await tg.waitFor(() => tg!.webhookAttempts(1) >= 1);
    const info = (await webhook(["info"], env)).stdout;
    expect(info).toContain("Webhook: https://bot.example.org/tg — 1 update tertunda");
    expect(info).toContain("Galat terakhir");
    expect((await webhook(["delete"], env)).stdout).toContain("Webhook dihapus");
    expect(tg.pendingUpdates()).toBe(1);
    expect(tg.calls.find((c) => c.method === "setWebhook")?.params).toMatchObject({ secret_token: "abc_DEF-1" });
  }, 60_000);

  it("set without the settings says what is missing", async () => {
    tg = await BotApiEmulator.start();
    await expect(webhook(["set"], { BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("WEBHOOK_URL: is required"),
    });
  }, 30_000);
});
