// A scenario whose HTTP server listens on a known free port, with PUBLIC_URL pointing at it, so
// the links the bot hands out (/dasbor) open the real dashboard of the running bot.
import { createServer } from "node:net";
import type { Message } from "grammy/types";
import type { EmulatorOptions } from "@jedikim/telegram-emulator";
import { startScenario, type Scenario } from "./harness.js";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function dashboardScenario(env: Record<string, string> = {}, emulator?: EmulatorOptions): Promise<{ sc: Scenario; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const sc = await startScenario({ env: { PORT: String(port), PUBLIC_URL: base, ...env }, ...(emulator ? { emulator } : {}) });
  return { sc, base };
}

/** The URL buttons of a message, row by row. */
export function urlButtons(m: Message | undefined): Array<{ text: string; url?: string; webApp?: string }> {
  return (m?.reply_markup?.inline_keyboard ?? []).flat().map((b) => ({
    text: b.text,
    ...("url" in b && b.url ? { url: b.url } : {}),
    ...("web_app" in b && b.web_app ? { webApp: b.web_app.url } : {}),
  }));
}

/** The one-time sign-in link of the bot's private /dasbor answer. */
export function signInLink(m: Message | undefined): string {
  const link = urlButtons(m).find((b) => b.url?.includes("/dasbor/masuk?t="))?.url;
  if (!link) throw new Error(`no sign-in link in ${JSON.stringify(m)}`);
  return link;
}
