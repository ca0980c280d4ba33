// npm run demo: the real bot, unchanged, against the project's Bot API emulator in this process,
// playing a short scene. No network, no token: it prints who said what in which chat.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createApp } from "../app.js";
import { parseConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { PROJECT_ROOT } from "../paths.js";
import { BotApiEmulator } from "@jedikim/telegram-emulator";
import { scenes, type DemoWorld } from "./scenes.js";
import { factcheckScene, startDemoFeed } from "./factcheck-scene.js";

const ADMIN_GROUP = -1001000000001;
const CHANNEL = -1001000000002;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "jedikim-demo-"));
  const tg = await BotApiEmulator.start({ bot: { username: "jedikim_demo_bot", first_name: "JEDI KIM Bot" } });
  tg.addGroup({ id: ADMIN_GROUP, title: "Admin Diskominfo" });
  tg.addChannel({ id: CHANNEL, title: "Info KIM Barito Timur", username: "infokimbartim" });
  const admin = { id: 5001, first_name: "Sari", last_name: "(admin)" };
  tg.addUser(admin);
  tg.addMember(ADMIN_GROUP, admin.id, "administrator");
  const feed = await startDemoFeed(); // issue 11: a fact-checker's feed on 127.0.0.1

  const config = parseConfig({
    BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    ADMIN_CHAT_ID: String(ADMIN_GROUP),
    CHANNEL_ID: String(CHANNEL),
    DATABASE_URL: `file:${path.join(dir, "demo.db")}`,
    LOG_LEVEL: "silent",
    SEND_RATE_PER_SECOND: "1000",
    GROUP_SENDS_PER_MINUTE: "1000",
    PRIVATE_SENDS_PER_SECOND: "1000",
    ALBUM_WAIT_MS: "300",
    FACTCHECK_FEEDS: feed.url,
    // The demo's health and metrics on a free port of 127.0.0.1, never colliding with a bot on 8080.
    HTTP_HOST: "127.0.0.1",
    PORT: "0",
  });
  const app = await createApp({ config, logger: createLogger({ level: "silent" }), pollTimeoutSeconds: 1, jobPollMs: 50 });
  const unsubscribe = tg.onEvent((_event, line) => console.log(line));
  // The start-up checks come first: the admin group hears that everything is set up.
  console.log("\n━━━ 0. Bot dimulai: pemeriksaan awal / the bot starts and checks its settings ━━━");
  await app.start();

  const world: DemoWorld = {
    tg,
    app,
    admin,
    adminGroup: ADMIN_GROUP,
    channel: CHANNEL,
    seedCsv: readFileSync(path.join(PROJECT_ROOT, "prisma/seed/barito-timur.csv")),
  };
  try {
    await settle(world);
    for (const scene of [...scenes, factcheckScene(feed)]) {
      console.log(`\n━━━ ${scene.title} ━━━`);
      await scene.play(world);
      await settle(world);
    }
    console.log("\nDemo selesai / demo finished.");
  } finally {
    unsubscribe();
    await app.stop();
    await tg.stop();
    await feed.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Lets queued jobs finish so each scene's output is complete before the next one starts. */
async function settle(world: DemoWorld): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const busy = await world.app.db.job.count({ where: { status: { in: ["pending", "running"] }, runAt: { lte: new Date(Date.now() + 1000) } } });
    if (busy === 0) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  await new Promise((r) => setTimeout(r, 150));
}


main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.stack ?? err.message : String(err));
    process.exit(1);
  },
);
