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
import { createServer } from "node:net";
import { signInitData } from "../http/dashboard/init-data.js";
import { issueSignInLink } from "../db/dashboard-tokens.js";

const ADMIN_GROUP = -1001000000001;
const CHANNEL = -1001000000002;

/** A free port of 127.0.0.1, so PUBLIC_URL can name the dashboard's address before the bot starts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Where to open the demo's dashboard: as the Mini App would (init data signed for the admin), or by a one-time link. */
async function printDashboard(app: Awaited<ReturnType<typeof createApp>>, admin: { id: number; first_name: string; last_name: string }): Promise<void> {
  const base = app.deps.config.dashboard.publicUrl!;
  const initData = signInitData({ user: { ...admin, language_code: "id" }, authDate: new Date() }, app.deps.config.botToken!);
  const token = await issueSignInLink(app.db, { userId: admin.id, name: `${admin.first_name} ${admin.last_name}` }, new Date());
  console.log("\n━━━ Dasbor / dashboard ━━━");
  console.log(`${base}/dasbor#tgWebAppData=${encodeURIComponent(initData)}`);
  console.log(`(tautan masuk sekali pakai, 10 menit / one-time sign-in link, 10 minutes: ${base}/dasbor/masuk?t=${token})`);
  console.log(`Feeds: ${base}/feed.xml ${base}/feed.json`);
}

async function main(): Promise<void> {
  // --keep: the bot and its dashboard keep running after the scenes, until Ctrl-C.
  const keep = process.argv.includes("--keep");
  const port = await freePort();
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
    // The demo's HTTP server (health, metrics, the dashboard) on a free port of 127.0.0.1, never
    // colliding with a bot on 8080.
    HTTP_HOST: "127.0.0.1",
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
  });
  const app = await createApp({ config, logger: createLogger({ level: "silent" }), pollTimeoutSeconds: 1, jobPollMs: 50 });
  const unsubscribe = tg.onEvent((_event, line) => console.log(line));
  // The start-up checks come first: the admin group hears that everything is set up.
  console.log("\n━━━ 0. Bot dimulai: pemeriksaan awal / the bot starts and checks its settings ━━━");
  await app.start();
  await printDashboard(app, admin);

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
    if (keep) {
      await printDashboard(app, admin);
      console.log("Bot dan dasbor tetap berjalan; Ctrl-C untuk berhenti / the bot and the dashboard keep running; Ctrl-C stops them.");
      await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
    }
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
