// The ceiling of bench:ingest: a minimal grammY bot that answers every text message, with
// grammY's own long polling (bot.start: one getUpdates after another, the updates of a batch
// handled one after another). It runs as its own process, like the real bot, against the same
// emulator, so its updates per second and CPU per update are what the stack (HTTP, JSON, grammY)
// costs without any of the app.
//
//   node --import tsx src/cli/ingest/echo-bot.ts <apiRoot> <token> [--concurrent]
//
// --concurrent handles each batch's updates at the same time (as the app's inbox does across
// chats) with a plain getUpdates loop instead of bot.start.
import { Bot } from "grammy";

const [apiRoot, token, mode] = process.argv.slice(2);
if (!apiRoot || !token) {
  console.error("usage: echo-bot.ts <apiRoot> <token> [--concurrent]");
  process.exit(2);
}

const bot = new Bot(token, { client: { apiRoot } });
bot.on("message", (ctx) => ctx.reply(`Diterima: ${ctx.msg.text ?? "pesan"}`));

let stopping = false;
async function concurrentLoop(): Promise<void> {
  await bot.init();
  let offset = 0;
  while (!stopping) {
    const updates = await bot.api.getUpdates({ offset, timeout: 1, limit: 100 });
    for (const u of updates) offset = Math.max(offset, u.update_id + 1);
    await Promise.all(updates.map((u) => bot.handleUpdate(u)));
  }
  // Confirms the last batch, as bot.stop does.
  await bot.api.getUpdates({ offset, timeout: 0, limit: 1 });
}

const running = mode === "--concurrent" ? concurrentLoop() : bot.start({ timeout: 1 });
process.once("SIGTERM", () => {
  stopping = true;
  void (mode === "--concurrent" ? running : bot.stop()).then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
await running;
