// Three instances of the bot in webhook mode, as a province would run them: one PostgreSQL
// database, one Redis for the shared flood limits, and a load balancer (here the emulator's
// webhook target) that spreads Telegram's updates over them. Members join and submit, the admin
// approves, rejects and asks for revisions, the weekly reminder run comes due at start, and one
// instance is killed (SIGKILL) in the middle: every result exactly once, nothing lost. And what
// decides (who is an admin, how fast a chat may go) is the same whichever instance an update reaches.
import { afterAll, describe, expect, it } from "vitest";
import type { Message } from "grammy/types";
import { BotApiEmulator, type CallRecord } from "@jedikim/telegram-emulator";
import { openDatabase, type Db } from "../../src/db/client.js";
import { applyMigrations, postgresAdmin, withDatabase } from "../../src/db/migrate.js";
import { importRegistry } from "../../src/domain/registry.js";
import { spawnBot, type ChildBot } from "../support/child-bot.js";
import { ADMIN, ADMIN_2, ADMIN_GROUP, CHANNEL, CHANNEL_USERNAME, REGISTRY_CSV, buttonData, buttonWith, textOf, waitUntil } from "../support/harness.js";
import { TEST_POSTGRES_SERVER } from "../support/temp-db.js";
import { freePorts } from "../../src/cli/ingest/free-port.js";

const SECRET = "tiga_instansi-KIM";
const HOOK = "https://kim.example.org/telegram/hook";
const MEMBERS = 6;
const POSTS_PER_MEMBER = 4;

const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
});

/** One instance's environment: webhook mode on its port, the shared database and Redis, Telegram's limits lifted. */
function instanceEnv(tg: { token: string; apiRoot: string }, url: string, port: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    ADMIN_CHAT_ID: String(ADMIN_GROUP),
    CHANNEL_ID: String(CHANNEL),
    DATABASE_URL: url,
    BOT_MODE: "webhook",
    WEBHOOK_URL: HOOK,
    WEBHOOK_SECRET: SECRET,
    PORT: String(port),
    REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
    SEND_RATE_PER_SECOND: "1000",
    GROUP_SENDS_PER_MINUTE: "1000",
    PRIVATE_SENDS_PER_SECOND: "1000",
    LOG_LEVEL: "warn",
    ...extra,
  };
}

async function postgresDatabase(): Promise<{ url: string; db: Db }> {
  const name = `jedikim_instances_${Math.random().toString(16).slice(2, 10)}`;
  await postgresAdmin(TEST_POSTGRES_SERVER, `CREATE DATABASE "${name}"`);
  cleanup.push(() => postgresAdmin(TEST_POSTGRES_SERVER, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  const url = withDatabase(TEST_POSTGRES_SERVER, name);
  await applyMigrations(url);
  const db = await openDatabase(url);
  cleanup.push(() => db.$disconnect());
  return { url, db };
}

/** Sends into the channel, by the text they carry. */
function channelSends(calls: readonly CallRecord[]): Array<{ text: string; at: number }> {
  return calls
    .filter((c) => String(c.params.chat_id) === String(CHANNEL) && /^(sendMessage|sendPhoto|sendMediaGroup|copyMessage)$/.test(c.method) && (c.ok || c.fault === "drop-after"))
    .map((c) => ({ text: String(c.params.text ?? c.params.caption ?? ""), at: c.at }));
}

describe("three instances on one PostgreSQL database", () => {
  it("give every result exactly once while the updates are spread over them and one is killed", async () => {
    const ports = await freePorts(3);
    const live = new Set(ports);
    let turn = 0;
    const tg = await BotApiEmulator.start({
      webhook: {
        // The load balancer: round robin over the instances it still sees alive.
        target: (u) => {
          const alive = ports.filter((p) => live.has(p));
          return `http://127.0.0.1:${alive[turn++ % alive.length]}${new URL(u).pathname}`;
        },
        retryMs: 50,
        maxRetryMs: 200,
      },
    });
    cleanup.push(() => tg.stop());
    tg.addGroup({ id: ADMIN_GROUP, title: "Admin KIM Bartim" });
    tg.addChannel({ id: CHANNEL, title: "Info KIM Barito Timur", username: CHANNEL_USERNAME });
    tg.addUser(ADMIN);
    tg.addMember(ADMIN_GROUP, ADMIN.id, "administrator");

    const { url, db } = await postgresDatabase();
    await importRegistry(db, REGISTRY_CSV);
    // A dead instance's jobs are taken over when their lease ends: a short one for the test.
    const env = (port: number) => instanceEnv(tg, url, port, { JOB_LEASE_SECONDS: "3" });
    const bots: ChildBot[] = ports.map((p) => spawnBot(env(p)));
    for (const b of bots) cleanup.push(() => b.kill());
    for (const [i, p] of ports.entries()) {
      await waitUntil(async () => (await fetch(`http://127.0.0.1:${p}/readyz`).catch(() => undefined))?.status === 200, 60_000, `instance on ${p} ready`).catch(
        (err: unknown) => {
          throw new Error(`${String(err)}; its output: ${bots[i]!.output().slice(-2000)}`);
        },
      );
    }

    // Members join through their KIM's invite link.
    const kim = await db.kim.findFirstOrThrow({ where: { name: "KIM Hapau Habar" } });
    const members = Array.from({ length: MEMBERS }, (_, i) => ({ id: 8100 + i, first_name: `Warga${i}` }));
    await Promise.all(
      members.map(async (m) => {
        tg.addUser(m);
        tg.userSendsText(m.id, `/start ${kim.inviteCode}`);
        const prompt = await tg.waitForNewBotMessage(m.id, 0, 20_000);
        tg.userPresses(m.id, prompt, buttonData(prompt, 0));
        await tg.waitFor(() => tg.lastBotMessage(m.id)?.text?.includes("Selamat bergabung"), 20_000);
      }),
    );

    // Each member sends posts one after another; all members at once. Halfway, one instance dies.
    let confirmed = 0;
    let killedAt = 0;
    let orphaned: number[] = [];
    const killer = (async () => {
      await waitUntil(async () => confirmed >= (MEMBERS * POSTS_PER_MEMBER) / 2, 60_000, "half the posts confirmed");
      const dead = await db.instance.findFirstOrThrow({ where: { pid: bots[1]!.process.pid! } });
      killedAt = Date.now();
      live.delete(ports[1]!);
      await bots[1]!.kill();
      // The jobs it held when it died: the others must take them over within seconds.
      orphaned = (await db.job.findMany({ where: { status: "running", lockedBy: dead.id }, select: { id: true } })).map((j) => j.id);
    })();
    const numbers: number[] = [];
    await Promise.all(
      members.map(async (m) => {
        for (let k = 0; k < POSTS_PER_MEMBER; k++) {
          const since = tg.botMessages(m.id).length;
          tg.userSendsText(m.id, `Kabar ${m.first_name} nomor ${k}: kerja bakti di Desa Jaar bersama warga.`);
          const preview = await tg.waitFor(() => tg.botMessages(m.id).slice(since).find((x) => textOf(x).includes("Pratinjau kiriman")), 30_000);
          tg.userPresses(m.id, preview, buttonWith(preview, "Kirim"));
          const done = await tg.waitFor(() => /Terkirim/.test(textOf(tg.message(m.id, preview.message_id))) && tg.message(m.id, preview.message_id), 30_000);
          numbers.push(Number(/#(\d+)/.exec(textOf(done as Message))![1]));
          confirmed++;
        }
      }),
    );
    await killer;

    // The admin decides every card: approve, reject (with a reason), or ask for a revision.
    const cardOf = (n: number) => tg.waitForBotMessage(ADMIN_GROUP, (x) => new RegExp(`Kiriman #${n}\\b`).test(textOf(x)) && !!x.reply_markup, 30_000);
    const decided = new Map<number, "approve" | "reject" | "revision">();
    const byNumber = new Map((await db.submission.findMany({ where: { number: { in: numbers } }, select: { number: true, text: true } })).map((x) => [x.number, x.text ?? ""]));
    const textByAuthor = (name: string, n: number) => byNumber.get(n)?.includes(`Kabar ${name} `) ?? false;
    numbers.sort((a, b) => a - b);
    for (const [i, n] of numbers.entries()) {
      const card = await cardOf(n);
      const action = i % 6 === 5 ? "reject" : i % 6 === 4 ? "revision" : "approve";
      decided.set(n, action);
      if (action === "approve") {
        tg.userPresses(ADMIN.id, card, buttonWith(card, "Setujui"));
        continue;
      }
      if (action === "reject") {
        tg.userPresses(ADMIN.id, card, buttonWith(card, "Tolak"));
        // The card now offers the preset reasons.
        const presets = await tg.waitFor(() => {
          const c = tg.message(ADMIN_GROUP, card.message_id);
          return (c?.reply_markup?.inline_keyboard ?? []).flat().some((b) => b.text.includes("Kualitas foto")) && c;
        }, 20_000);
        tg.userPresses(ADMIN.id, presets as Message, buttonWith(presets as Message, "Kualitas foto kurang baik"));
        continue;
      }
      tg.userPresses(ADMIN.id, card, buttonWith(card, "Minta revisi"));
      const ask = await tg.waitForBotMessage(ADMIN_GROUP, (x) => textOf(x).includes(`catatan revisi untuk kiriman #${n}`), 20_000);
      tg.userSendsText(ADMIN.id, "Tambahkan tanggal kegiatan", { chatId: ADMIN_GROUP, replyTo: ask.message_id });
      const member = members.find((m) => textByAuthor(m.first_name, n));
      if (member) await tg.waitForBotMessage(member.id, (x) => textOf(x).includes("Tambahkan tanggal kegiatan"), 20_000);
    }

    const approved = [...decided].filter(([, a]) => a === "approve").map(([n]) => n);
    await waitUntil(
      async () => (await db.submission.count({ where: { number: { in: approved }, status: "published" } })) === approved.length,
      60_000,
      "every approved post published",
    );

    // Exactly once: a post in the channel, a card in the group, a final state per submission. The
    // only repeat allowed is the documented one: the killed instance died the instant Telegram
    // had taken a send, before it could record it.
    const sends = channelSends(tg.calls);
    for (const n of approved) {
      const marker = byNumber.get(n)!.slice(0, 30);
      const posts = sends.filter((s) => s.text.includes(marker));
      const explained = posts.length === 2 && killedAt - posts[0]!.at >= 0 && killedAt - posts[0]!.at < 1000;
      expect(posts.length === 1 || explained, `#${n} posted ${posts.length} times`).toBe(true);
    }
    for (const n of numbers) {
      const cards = tg.botMessages(ADMIN_GROUP).filter((x) => new RegExp(`Kiriman #${n}\\b`).test(textOf(x)) && x.reply_markup);
      expect(cards.length, `cards of #${n}`).toBeLessThanOrEqual(2);
      if (cards.length === 2) expect(Math.abs(cards[0]!.date * 1000 - killedAt)).toBeLessThan(2000);
    }
    const want = (n: number) => ({ approve: "published", reject: "rejected", revision: "revision" })[decided.get(n)!];
    const finalStates = async () => (await db.submission.findMany({ where: { number: { in: numbers } }, select: { number: true, status: true } })).map((x) => [x.number!, x.status] as const);
    await waitUntil(async () => (await finalStates()).every(([n, status]) => status === want(n)), 30_000, "every decision recorded").catch(() => undefined);
    for (const [n, status] of await finalStates()) expect(status, `#${n}`).toBe(want(n));
    await waitUntil(async () => (await db.job.count({ where: { status: { in: ["pending", "running"] } } })) === 0, 60_000, "no job left");
    // A dead instance's jobs were taken over within seconds (their lease is 3 s).
    for (const j of await db.job.findMany({ where: { id: { in: orphaned } }, select: { id: true, status: true, finishedAt: true } })) {
      expect(j.status, `job ${j.id}`).toBe("done");
      expect(j.finishedAt!.getTime() - killedAt, `job ${j.id} finished after the kill`).toBeLessThan(10_000);
    }
    // The weekly run came due at start: three instances, one run and one summary.
    const summaries = tg.botMessages(ADMIN_GROUP).filter((x) => textOf(x).includes("Pengingat mingguan"));
    expect(await db.reminderRun.count()).toBe(1);
    expect(summaries).toHaveLength(1);
    // The two instances left are still serving.
    for (const p of [ports[0]!, ports[2]!]) expect((await fetch(`http://127.0.0.1:${p}/healthz`)).status).toBe(200);
  }, 240_000);
});

describe("two instances decide alike, whichever one an update reaches", () => {
  it("refuse an admin removed on the other instance, and let a flooding chat through its limit once", async () => {
    const ports = await freePorts(2);
    // The load balancer: to the instance the test names, or round robin.
    let route: number | "round robin" = "round robin";
    let turn = 0;
    const tg = await BotApiEmulator.start({
      webhook: {
        target: (u) => `http://127.0.0.1:${ports[route === "round robin" ? turn++ % ports.length : route]}${new URL(u).pathname}`,
        retryMs: 50,
        maxRetryMs: 200,
      },
    });
    cleanup.push(() => tg.stop());
    tg.addGroup({ id: ADMIN_GROUP, title: "Admin KIM Bartim" });
    tg.addChannel({ id: CHANNEL, title: "Info KIM Barito Timur", username: CHANNEL_USERNAME });
    for (const admin of [ADMIN, ADMIN_2]) {
      tg.addUser(admin);
      tg.addMember(ADMIN_GROUP, admin.id, "administrator");
    }
    const { url, db } = await postgresDatabase();
    await importRegistry(db, REGISTRY_CSV);
    const bots = ports.map((port) =>
      spawnBot(instanceEnv(tg, url, port, { PRIVATE_UPDATES_PER_MINUTE: "6", REMINDERS: "off" })),
    );
    for (const b of bots) cleanup.push(() => b.kill());
    for (const [i, p] of ports.entries()) {
      await waitUntil(async () => (await fetch(`http://127.0.0.1:${p}/readyz`).catch(() => undefined))?.status === 200, 60_000, `instance on ${p} ready`).catch(
        (err: unknown) => {
          throw new Error(`${String(err)}; its output: ${bots[i]!.output().slice(-2000)}`);
        },
      );
    }
    const handled = (orderKey: string, count: number) =>
      waitUntil(async () => (await db.inboxUpdate.count({ where: { orderKey, status: "done" } })) >= count, 20_000, `${count} updates of ${orderKey} handled`);

    // Yudi's /kim reaches the first instance, which asks Telegram and remembers him as a member.
    route = 0;
    const since = tg.botMessages(ADMIN_GROUP).length;
    tg.userSendsText(ADMIN_2.id, "/kim", { chatId: ADMIN_GROUP });
    await tg.waitFor(() => tg.botMessages(ADMIN_GROUP).slice(since).some((m) => textOf(m).includes("KIM Hapau Habar")), 20_000);
    // He is removed from the group; Telegram's chat_member update reaches the second instance.
    route = 1;
    tg.removeMember(ADMIN_GROUP, ADMIN_2.id);
    const removal = tg.injectUpdate({
      chat_member: {
        chat: { id: ADMIN_GROUP, type: "supergroup", title: "Admin KIM Bartim" },
        from: { id: ADMIN.id, is_bot: false, first_name: ADMIN.first_name },
        date: Math.floor(Date.now() / 1000),
        old_chat_member: { status: "administrator", user: { id: ADMIN_2.id, is_bot: false, first_name: ADMIN_2.first_name } },
        new_chat_member: { status: "left", user: { id: ADMIN_2.id, is_bot: false, first_name: ADMIN_2.first_name } },
      },
    });
    await waitUntil(
      async () => (await db.inboxUpdate.findUnique({ where: { updateId: BigInt(removal.update_id) } }))?.status === "done",
      20_000,
      "the removal handled",
    );
    // His next command reaches the first instance, well within the minute it remembered him.
    route = 0;
    const before = await db.falseClaim.count();
    const refusedSince = tg.botMessages(ADMIN_GROUP).length;
    // Written while he was still a member, it reaches the bot after the removal (the emulator, like
    // Telegram, lets no one write in a group they left).
    const text = "/hoaks tambah Vaksin mengandung chip pelacak untuk warga desa | https://cekfakta.example/1";
    tg.injectUpdate({
      message: {
        message_id: 9001,
        date: Math.floor(Date.now() / 1000),
        chat: { id: ADMIN_GROUP, type: "supergroup", title: "Admin KIM Bartim" },
        from: { id: ADMIN_2.id, is_bot: false, first_name: ADMIN_2.first_name },
        text,
        entities: [{ type: "bot_command", offset: 0, length: 6 }],
      },
    });
    await tg.waitFor(() => tg.botMessages(ADMIN_GROUP).slice(refusedSince).some((m) => textOf(m).includes("Hanya anggota grup admin")), 20_000);
    expect(await db.falseClaim.count()).toBe(before);

    // A stranger sends /start 15 times; the updates alternate between the instances. The limit is 6
    // a minute for the chat, not for each instance, and the chat hears "terlalu cepat" once.
    route = "round robin";
    const stranger = { id: 977, first_name: "Iseng" };
    tg.addUser(stranger);
    for (let i = 0; i < 15; i++) tg.userSendsText(stranger.id, "/start");
    await handled(`chat:${stranger.id}`, 15);
    await waitUntil(async () => (await db.job.count({ where: { status: { in: ["pending", "running"] } } })) === 0, 20_000, "no job left");
    const answers = tg.botMessages(stranger.id);
    expect(answers.filter((m) => textOf(m).includes("Halo, Iseng"))).toHaveLength(6);
    expect(answers.filter((m) => textOf(m).includes("Terlalu cepat"))).toHaveLength(1);
  }, 120_000);
});
