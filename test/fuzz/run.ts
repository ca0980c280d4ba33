// The fuzz run: the real bot in-process (test/support/harness.ts) against the emulator, fed
// thousands of generated updates with injectUpdate, then one normal submission that must go
// through. Its pino log goes to memory; every call the bot made is in the emulator's call log.
import type { CallRecord } from "@jedikim/telegram-emulator";
import type { Document, Message, PhotoSize, User } from "grammy/types";
import { createLogger } from "../../src/logger.js";
import { mulberry32 } from "../../src/random.js";
import { ADMIN, ADMIN_2, ADMIN_GROUP, CHANNEL, CHANNEL_USERNAME, startScenario, type Scenario } from "../support/harness.js";
import { Screen, buttonData, eventually, shownNumber, sleep, within } from "../faults/screen.js";
import { join } from "../faults/world.js";
import { generate, type FuzzWorld } from "./generate.js";

export interface FuzzOptions {
  updates: number;
  seed: number;
  log: (line: string) => void;
}

export interface LoggedLine {
  level: number;
  msg: string;
  line: string;
}

export interface FuzzResult {
  updates: number;
  kinds: Record<string, number>;
  seconds: number;
  crashes: string[];
  errorLines: LoggedLine[];
  warnLines: number;
  /** What each injected update was, by update_id (to name the update behind an error line). */
  injected: Map<number, string>;
  /** Calls Telegram answered with an error, by class (see classify). */
  rejected: CallRecord[];
  tolerated: { forbidden: number; notModified: number; unknownUser: number; gone: number };
  emulatorErrors: CallRecord[];
  inbox: Record<string, number>;
  /** Stored updates still not handled at the end: what they were. */
  neverHandled: string[];
  stalls: string[];
  final: { ok: boolean; steps: string[] };
}

const WORLD_CHATS = {
  groups: [
    { id: -1002000000001, title: "Grup Warga Jaar" },
    { id: -1002000000002, title: "Grup <b>Paju</b> & Epat" },
  ],
  otherChannel: { id: -1002000000009, title: "Kanal Lain" },
};

/**
 * What Telegram answering with an error means here. Tolerated: 403 to a user who never started
 * the bot or blocked it (the bot cannot know before it tries), and "message is not modified" (an
 * edit to what the message already shows: Telegram changes nothing and the bot may treat it as
 * done). Everything else (parse errors, texts too long, chat not found, bad ids, a callback
 * answered twice, …) is a request the bot should never have made.
 */
export function classify(c: CallRecord): "ok" | "fault" | "forbidden" | "not-modified" | "unknown-user" | "gone" | "emulator" | "rejected" {
  if (c.ok) return "ok";
  if (c.fault) return "fault";
  const d = c.error?.description ?? "";
  if (c.error?.error_code === 403 && /bot can't initiate conversation|bot was blocked by the user/.test(d)) return "forbidden";
  if (/message is not modified/.test(d)) return "not-modified";
  // Asking whether a stranger is in the admin group is the only way to know; Telegram answers
  // "user not found" for an id it has never seen together with that chat.
  if (c.method === "getChatMember" && /user not found/.test(d)) return "unknown-user";
  // A tapped or prompted message that is no longer there: people delete messages (a member in
  // their private chat, an admin in the group) at any time, and nothing tells the bot first.
  if (/message to (edit|delete) not found/.test(d)) return "gone";
  if (c.error?.error_code === 500) return "emulator";
  return "rejected";
}

export async function runFuzz(opts: FuzzOptions): Promise<FuzzResult> {
  const { log } = opts;
  const errorLines: LoggedLine[] = [];
  let warnLines = 0;
  const logger = createLogger({
    level: "info",
    destination: {
      write(line: string) {
        const json = JSON.parse(line) as { level: number; msg?: string };
        if (json.level >= 50) errorLines.push({ level: json.level, msg: json.msg ?? "", line: line.trim() });
        else if (json.level >= 40) warnLines++;
      },
    },
  });
  const crashes: string[] = [];
  const onCrash = (err: unknown) => crashes.push(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.on("uncaughtException", onCrash);
  process.on("unhandledRejection", onCrash);
  const started = Date.now();
  // Thousands of updates from twenty chats in a minute: the per-chat flood guard would answer most
  // with "terlalu cepat" and the handlers would never see them, so its limits are raised.
  const sc = await startScenario({
    logger,
    env: { SUBMISSIONS_PER_HOUR: "1000", SUBMISSIONS_PER_DAY: "10000", PRIVATE_UPDATES_PER_MINUTE: "10000", DRAFTS_PER_MINUTE: "1000" },
  });
  const screen = new Screen(sc.tg);
  try {
    const world = await buildWorld(sc, screen);
    const setupCalls = sc.tg.calls.length;
    log(`world ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${world.members.length} members, ${world.unregistered.length} unregistered users, ${world.strangers.length} strangers, ${world.otherGroups.length + 1} groups`);
    const random = mulberry32(opts.seed);
    const kinds: Record<string, number> = {};
    const injected = new Map<number, string>();
    const stalls: string[] = [];
    const fuzzStarted = Date.now();
    for (let i = 0; i < opts.updates; i++) {
      if (i % 100 === 0) await refresh(sc, world);
      const g = generate(random, world);
      const family = g.kind.split(":").slice(0, 2).join(":");
      kinds[family] = (kinds[family] ?? 0) + 1;
      const queued = sc.tg.injectUpdate(g.update);
      injected.set(queued.update_id, g.kind);
      if (i % 50 === 49) {
        const stall = await keepUp(sc);
        if (stall) stalls.push(`after update ${i + 1}: ${stall}`);
      }
      if (i % 1000 === 999) log(`  ${i + 1} updates in ${((Date.now() - fuzzStarted) / 1000).toFixed(0)} s; ${errorLines.length} error lines, ${sc.tg.calls.slice(setupCalls).filter((c) => classify(c) === "rejected").length} rejected calls so far`);
    }
    const drained = await drain(sc);
    if (drained) stalls.push(`at the end: ${drained}`);
    const seconds = (Date.now() - fuzzStarted) / 1000;
    log(`${opts.updates} updates handled in ${seconds.toFixed(0)} s; now a normal submission`);
    const final = await normalSubmission(sc, screen);
    const calls = sc.tg.calls.slice(setupCalls);
    const inboxRows = await sc.app.db.inboxUpdate.groupBy({ by: ["status"], _count: { _all: true } });
    const stuck = await sc.app.db.inboxUpdate.findMany({ where: { status: "pending" }, take: 10 });
    return {
      updates: opts.updates,
      kinds,
      injected,
      seconds,
      crashes,
      errorLines,
      warnLines,
      rejected: calls.filter((c) => classify(c) === "rejected"),
      tolerated: { forbidden: calls.filter((c) => classify(c) === "forbidden").length, notModified: calls.filter((c) => classify(c) === "not-modified").length, unknownUser: calls.filter((c) => classify(c) === "unknown-user").length, gone: calls.filter((c) => classify(c) === "gone").length },
      emulatorErrors: calls.filter((c) => classify(c) === "emulator"),
      inbox: Object.fromEntries(inboxRows.map((r) => [r.status, r._count._all])),
      neverHandled: stuck.map((row) => `update ${row.updateId} (${injected.get(Number(row.updateId)) ?? "?"}, chat key ${row.orderKey}): ${row.payload.slice(0, 200)}`),
      stalls,
      final,
    };
  } finally {
    screen.close();
    await sc.stop();
    await sc.tg.stop();
    process.removeListener("uncaughtException", onCrash);
    process.removeListener("unhandledRejection", onCrash);
  }
}

/** Members, users who only started the bot, strangers, more groups and a channel, real files. */
async function buildWorld(sc: Scenario, screen: Screen): Promise<FuzzWorld> {
  const { tg } = sc;
  for (const g of WORLD_CHATS.groups) {
    tg.addGroup(g);
    tg.botAddedTo(g.id, "member");
  }
  tg.addChannel(WORLD_CHATS.otherChannel);
  const members: User[] = [];
  for (let i = 0; i < 12; i++) {
    const u = { id: 6000 + i, is_bot: false, first_name: i % 3 === 0 ? `<b>Ang&gota</b> ${i}` : `Anggota ${i}`, ...(i % 4 === 0 ? { language_code: "en" } : {}) };
    await sc.joinMember(u, ["KIM Hapau Habar", "KIM Pawawara", "KIM Netampin Bersinar"][i % 3]);
    members.push(u);
  }
  const unregistered: User[] = [];
  for (let i = 0; i < 8; i++) {
    const u = { id: 6100 + i, is_bot: false, first_name: `Warga ${i}`, ...(i % 2 ? { username: `warga_${i}` } : {}) };
    tg.addUser(u);
    const before = screen.botMessages(u.id).length;
    tg.userSendsText(u.id, "/start");
    await within(10_000, () => screen.botMessages(u.id).length > before);
    unregistered.push(u);
  }
  const strangers: User[] = [];
  for (let i = 0; i < 6; i++) {
    const u = { id: 6200 + i, is_bot: false, first_name: `Orang<i>${i}</i>` };
    tg.addUser(u);
    strangers.push(u);
  }
  for (const g of WORLD_CHATS.groups) for (const u of [...members, ...strangers, ADMIN]) tg.addMember(g.id, u.id);
  for (const u of strangers) tg.addMember(ADMIN_GROUP, u.id);
  const photos: PhotoSize[][] = [];
  for (const [width, height] of [[1280, 960], [300, 200], [2000, 1500]] as const) {
    const m = await tg.userSendsPhoto(unregistered[0]!.id, { width, height });
    photos.push(m.photo!);
  }
  const doc = (bytes: Buffer, fileName: string, mimeType: string): Document => {
    const f = tg.storeFile(bytes, { kind: "document", fileName, mimeType });
    return { file_id: f.file_id, file_unique_id: f.file_unique_id, file_name: fileName, mime_type: mimeType, file_size: f.file_size };
  };
  const documents = [
    doc(Buffer.from("kecamatan,desa,nama_kim\nDusun Timur,Jaar,=HYPERLINK(\"x\")\n<b>,;;,\n"), "kim.csv", "text/csv"),
    doc(Buffer.from("klaim,status,sumber\n\"Air sirsak sembuhkan kanker\",hoaks,https://cekfakta.com\n"), "hoaks.csv", "text/csv"),
    doc(Buffer.from('[{"klaim": 5}, null, {"klaim": "<b>x</b>", "sumber": "javascript:x"}]'), "hoaks.json", "application/json"),
    doc(Buffer.from([0, 159, 146, 150, 255, 0]), "../../etc/passwd", "application/octet-stream"),
  ];
  const v = tg.storeFile(Buffer.alloc(300, 1), { kind: "video", fileName: "v.mp4", mimeType: "video/mp4" });
  const world: FuzzWorld = {
    adminGroup: { id: ADMIN_GROUP, title: "Admin KIM Bartim" },
    channel: { id: CHANNEL, title: "Info KIM Barito Timur", username: CHANNEL_USERNAME },
    otherChannel: WORLD_CHATS.otherChannel,
    otherGroups: WORLD_CHATS.groups,
    admins: [{ ...ADMIN, is_bot: false }, { ...ADMIN_2, is_bot: false }],
    members,
    unregistered,
    strangers,
    botUsername: tg.bot.username,
    photos,
    documents,
    video: { file_id: v.file_id, file_unique_id: v.file_unique_id },
    botMessages: [],
    exists: (ref) => tg.message(ref.chatId, ref.message.message_id) !== undefined,
    submissionIds: [],
    kimIds: [],
    inviteCodes: [],
  };
  await sc.idle(30_000).catch(() => undefined);
  return world;
}

/** What the generator draws from that changes as the bot works: its messages, ids and codes. */
async function refresh(sc: Scenario, world: FuzzWorld): Promise<void> {
  const chats = [ADMIN_GROUP, ...world.otherGroups.map((g) => g.id), ...world.members.map((u) => u.id), ...world.unregistered.map((u) => u.id)];
  const messages = chats.flatMap((chatId) => sc.tg.botMessages(chatId).slice(-15).map((message: Message) => ({ chatId, message })));
  world.botMessages = messages.filter((m) => m.message.reply_markup || Math.random() < 0.2).slice(-300);
  world.submissionIds = (await sc.app.db.submission.findMany({ select: { id: true }, orderBy: { id: "desc" }, take: 60 })).map((s) => s.id);
  const kims = await sc.app.db.kim.findMany({ select: { id: true, inviteCode: true } });
  world.kimIds = kims.map((k) => k.id);
  world.inviteCodes = kims.map((k) => k.inviteCode);
}

/** Waits while the bot is behind: Telegram holds updates, or stored ones wait to be handled. */
async function keepUp(sc: Scenario): Promise<string | undefined> {
  const ok = await eventually(30_000, async () => sc.tg.pendingUpdates() <= 10 && (await pendingInbox(sc)) <= 60, 20);
  return ok ? undefined : `bot behind for 30 s: ${sc.tg.pendingUpdates()} updates with Telegram, ${await pendingInbox(sc)} stored but not handled`;
}

async function drain(sc: Scenario): Promise<string | undefined> {
  const ok = await eventually(60_000, async () => sc.tg.pendingUpdates() <= 2 && (await pendingInbox(sc)) === 0, 50);
  if (!ok) return `not drained after 60 s: ${sc.tg.pendingUpdates()} updates with Telegram, ${await pendingInbox(sc)} stored but not handled`;
  try {
    await sc.idle(60_000);
  } catch (err) {
    return String(err);
  }
  return undefined;
}

function pendingInbox(sc: Scenario): Promise<number> {
  return sc.app.db.inboxUpdate.count({ where: { status: "pending" } });
}

/** A new member joins, sends news, confirms it; the admin approves; it is in the channel. */
async function normalSubmission(sc: Scenario, screen: Screen): Promise<{ ok: boolean; steps: string[] }> {
  const { tg } = sc;
  const steps: string[] = [];
  const user = { id: 6999, first_name: "Akhir" };
  const kim = await sc.app.db.kim.findFirstOrThrow({ where: { name: "KIM Pawawara" } });
  try {
    await join(tg, screen, user, kim.inviteCode, 20_000);
    steps.push("joined");
  } catch (err) {
    steps.push(`could not join: ${String(err)}`);
    return { ok: false, steps };
  }
  const text = "Gotong royong memperbaiki jembatan desa bersama warga (ref AKHIR)";
  tg.userSendsText(user.id, text);
  const preview = await within(20_000, () => screen.botMessages(user.id).find((m) => m.texts[0]!.includes("Pratinjau kiriman") && m.texts[0]!.includes("AKHIR")));
  if (!preview) return { ok: false, steps: [...steps, "no preview"] };
  steps.push("preview");
  tg.userPresses(user.id, preview.message, buttonData(preview.message, "Kirim")!);
  const sent = await within(20_000, () => preview.texts.find((t) => t.includes("Terkirim")));
  const id = shownNumber(sent ?? "");
  if (!id) return { ok: false, steps: [...steps, `no "Terkirim": ${JSON.stringify(preview.texts.at(-1))}`] };
  steps.push(`Terkirim #${id}`);
  const card = await within(30_000, () => screen.botMessages(ADMIN_GROUP).find((m) => shownNumber(m.texts[0]!, "📥 Kiriman ") === id && buttonData(m.message, "Setujui")));
  if (!card) return { ok: false, steps: [...steps, "no review card"] };
  steps.push("card");
  for (let tap = 0; tap < 3; tap++) {
    const now = screen.get(ADMIN_GROUP, card.message.message_id)!;
    const data = buttonData(now.message, "tetap setujui") ?? buttonData(now.message, "Setujui");
    if (!data) break;
    tg.userPresses(ADMIN.id, now.message, data);
    await sleep(1500);
  }
  const post = await within(30_000, () => screen.botMessages(CHANNEL).find((m) => m.texts[0]!.includes("AKHIR")));
  if (!post) return { ok: false, steps: [...steps, "not in the channel"] };
  steps.push("published");
  return { ok: true, steps };
}
