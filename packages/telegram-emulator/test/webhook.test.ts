// Webhook delivery: POSTs with the secret, retries on errors, one in flight, 409 for getUpdates.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Api } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { BotApiEmulator } from "../src/index.js";

interface Received {
  secret: string | undefined;
  update: { update_id: number; message?: { text?: string } };
}

async function hook(answer: (n: number) => number): Promise<{ url: string; received: Received[]; maxInFlight: () => number; close(): Promise<void> }> {
  const received: Received[] = [];
  let inFlight = 0;
  let max = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    inFlight++;
    max = Math.max(max, inFlight);
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      received.push({ secret: req.headers["x-telegram-bot-api-secret-token"] as string | undefined, update: JSON.parse(body) as Received["update"] });
      setTimeout(() => {
        inFlight--;
        res.statusCode = answer(received.length);
        res.end("{}");
      }, 5);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    maxInFlight: () => max,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

describe("webhook delivery", () => {
  it("POSTs each update once, in order, one at a time, with the secret; getUpdates answers 409", async () => {
    const h = await hook(() => 200);
    const tg = await BotApiEmulator.start({ webhook: { target: () => h.url, retryMs: 10 } });
    cleanup.push(() => h.close(), () => tg.stop());
    tg.addUser({ id: 1, first_name: "Budi" });
    const api = new Api(tg.token, { apiRoot: tg.apiRoot });
    await api.setWebhook("https://bot.example/hook", { secret_token: "s3cret_-" });
    tg.userSendsText(1, "satu");
    tg.userSendsText(1, "dua");
    tg.userSendsText(1, "tiga");
    await tg.waitFor(() => h.received.length === 3 && tg.pendingUpdates() === 0);
    expect(h.received.map((r) => r.update.message?.text)).toEqual(["satu", "dua", "tiga"]);
    expect(h.received.every((r) => r.secret === "s3cret_-")).toBe(true);
    expect(h.maxInFlight()).toBe(1);
    await expect(api.getUpdates()).rejects.toThrow(/409|webhook is active/);
    const info = await api.getWebhookInfo();
    expect(info.url).toBe("https://bot.example/hook");
    expect(info.pending_update_count).toBe(0);
    await api.deleteWebhook();
    expect(await api.getUpdates({ timeout: 0 })).toEqual([]);
  });

  it("keeps an update the webhook refused and delivers it again; getWebhookInfo tells the error", async () => {
    const h = await hook((n) => (n <= 2 ? 503 : 200));
    const tg = await BotApiEmulator.start({ webhook: { target: () => h.url, retryMs: 10 } });
    cleanup.push(() => h.close(), () => tg.stop());
    tg.addUser({ id: 1, first_name: "Budi" });
    const api = new Api(tg.token, { apiRoot: tg.apiRoot });
    await api.setWebhook("https://bot.example/hook", { secret_token: "x" });
    tg.userSendsText(1, "halo");
    const update = { update_id: 1 }; // the emulator's first update_id
    await tg.waitFor(() => tg.pendingUpdates() === 0);
    expect(h.received.map((r) => r.update.update_id)).toEqual([update.update_id, update.update_id, update.update_id]);
    expect(tg.webhookAttempts(update.update_id)).toBe(3);
    const info = await api.getWebhookInfo();
    expect(info.last_error_message).toMatch(/503/);
  });

  it("counts what waits while the webhook cannot be reached", async () => {
    const tg = await BotApiEmulator.start({ webhook: { target: () => "http://127.0.0.1:1/none", retryMs: 10, maxRetryMs: 20 } });
    cleanup.push(() => tg.stop());
    tg.addUser({ id: 1, first_name: "Budi" });
    const api = new Api(tg.token, { apiRoot: tg.apiRoot });
    await api.setWebhook("https://bot.example/hook");
    tg.userSendsText(1, "halo");
    const update = { update_id: 1 }; // the emulator's first update_id
    await tg.waitFor(() => tg.webhookAttempts(update.update_id) >= 2);
    const info = await api.getWebhookInfo();
    expect(info.pending_update_count).toBe(1);
    expect(info.last_error_message).toMatch(/Connection refused/);
  });

  it("refuses a webhook that is not https", async () => {
    const tg = await BotApiEmulator.start();
    cleanup.push(() => tg.stop());
    const api = new Api(tg.token, { apiRoot: tg.apiRoot });
    await expect(api.setWebhook("http://bot.example/hook")).rejects.toThrow(/HTTPS URL must be provided/);
  });
});
