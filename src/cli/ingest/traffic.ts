// The emulated Telegram of bench:ingest and the members who use it: they send texts and photos,
// wait for the bot's preview, tap "Kirim" and see "Terkirim"; the admin group receives the review
// cards. Everything is timed from the emulator's events (performance.now() when the bot's call
// reached Telegram), in the benchmark's own process: the bot under measurement runs elsewhere.
import type { Message, PhotoSize } from "grammy/types";
import { BotApiEmulator, type EmulatorEvent, type EmulatorOptions } from "@jedikim/telegram-emulator";

export const ADMIN_GROUP = -1001000000001;
export const CHANNEL = -1001000000002;
export const ADMIN_ID = 5001;
export const FIRST_MEMBER_ID = 800_000_000;
const PHOTOGRAPHER_ID = 4001;

export interface Submission {
  seq: number;
  member: number;
  kind: "text" | "photo";
  sentAt: number;
  previewAt?: number;
  promptId?: number;
  submissionId?: number;
  /** The number the member was given with "Terkirim" (the one its review card shows). */
  number?: number;
  tapAt?: number;
  doneAt?: number;
  cardAt?: number;
  /** The bot answered "Maaf, terjadi kesalahan" instead of the preview or of "Terkirim". */
  failedAt?: number;
  /** Taps "Kirim" on the preview (done by itself unless the world's autoTap is off). */
  press?: () => void;
}

/** The texts members send: news as KIM members write it, each one different. */
const TEXTS = [
  "Kerja bakti membersihkan saluran air di RT 03 Desa Jaar pagi ini diikuti 40 warga. Kepala desa ikut turun bersama ibu-ibu PKK.",
  "Posyandu balita di Kelurahan Tamiang Layang hari Sabtu: penimbangan, imunisasi campak, dan pemberian makanan tambahan untuk 65 anak.",
  "Jalan penghubung Desa Telang ke kecamatan rusak sepanjang 200 meter setelah hujan deras. Warga berharap segera diperbaiki sebelum musim panen.",
  "Pelatihan membuat pupuk kompos dari limbah rumah tangga untuk kelompok tani perempuan, dibuka oleh camat Dusun Timur.",
  "Lomba kebersihan antar-RT menyambut hari jadi kabupaten: penilaian dilakukan Senin depan, hadiahnya bibit pohon dan alat kebersihan.",
];

export function submissionText(seq: number): string {
  return `${TEXTS[seq % TEXTS.length]} (laporan ${seq})`;
}

type Outcome = "preview" | "done" | "card" | "echo" | "failed";

/** The bot's apology when a handler failed (error-generic), in Indonesian and English. */
const APOLOGY = /terjadi kesalahan|something went wrong/;

export class IngestWorld {
  readonly members: number[];
  private photos: PhotoSize[][] = [];
  private seq = 0;
  private readonly waitingPreview = new Map<number, Submission[]>();
  private readonly waitingEcho = new Map<number, Submission[]>();
  private readonly byPrompt = new Map<string, Submission>();
  private readonly byNumber = new Map<number, Submission>();
  /**
   * Cards that arrived before their member's "Terkirim" (another instance's job worker can be
   * faster than the edit), by number, with when they arrived.
   */
  private readonly earlyCards = new Map<number, number>();
  private readonly listeners = new Set<(s: Submission, what: Outcome) => void>();
  /** Delay between the preview and the tap (a person reading it); 0 taps at once. */
  thinkMs = 0;
  /** Off: the preview is not tapped until `sub.press()` is called. */
  autoTap = true;
  cards = 0;
  failures = 0;
  /** Review cards for a number that already had one: each submission must get exactly one. */
  duplicateCards = 0;
  /** Submission numbers of every review card seen, matched to a member's submission or not. */
  readonly cardIds = new Set<number>();

  private constructor(
    readonly tg: BotApiEmulator,
    memberCount: number,
  ) {
    this.members = Array.from({ length: memberCount }, (_, i) => FIRST_MEMBER_ID + i);
    tg.onEvent((event) => this.onEvent(event));
  }

  /**
   * The emulator (flood limits off; `emulator` adds options such as webhook delivery), the admin
   * group and channel, the members, and a few photos.
   */
  static async start(memberCount: number, photoCount = 8, emulator: EmulatorOptions = {}): Promise<IngestWorld> {
    const tg = await BotApiEmulator.start(emulator);
    tg.addGroup({ id: ADMIN_GROUP, title: "Admin KIM Bartim" });
    tg.addChannel({ id: CHANNEL, title: "Info KIM Barito Timur", username: "infokimbartim" });
    tg.addUser({ id: ADMIN_ID, first_name: "Sari", username: "sari_admin" });
    tg.addMember(ADMIN_GROUP, ADMIN_ID, "administrator");
    const world = new IngestWorld(tg, memberCount);
    for (const [i, id] of world.members.entries()) tg.addUser({ id, first_name: `Anggota ${i + 1}` });
    // Photos are made once (sharp, in Telegram's sizes) and sent again by file_id, so the members'
    // photos cost the emulator nothing during the load; the bot still downloads and hashes each one.
    tg.addUser({ id: PHOTOGRAPHER_ID, first_name: "Fotografer" });
    for (let i = 0; i < photoCount; i++) world.photos.push((await tg.userSendsPhoto(PHOTOGRAPHER_ID)).photo ?? []);
    await world.dropPendingUpdates();
    return world;
  }

  /** Telegram forgets updates nobody has fetched yet (between the ceiling run and the bot's). */
  async dropPendingUpdates(): Promise<void> {
    const res = await fetch(`${this.tg.apiRoot}/bot${this.tg.token}/deleteWebhook?drop_pending_updates=true`);
    if (!res.ok || this.tg.pendingUpdates() !== 0) throw new Error("could not drop pending updates");
  }

  on(listener: (s: Submission, what: Outcome) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A member sends a text (or a photo with a caption); the bot's preview is tapped when it comes. */
  offer(member: number, kind: "text" | "photo"): Submission {
    const seq = ++this.seq;
    const sub: Submission = { seq, member, kind, sentAt: performance.now() };
    queue(this.waitingPreview, member).push(sub);
    const text = submissionText(seq);
    if (kind === "photo" && this.photos.length > 0) {
      this.tg.userSends(member, { photo: structuredClone(this.photos[seq % this.photos.length]!), caption: text });
    } else {
      this.tg.userSendsText(member, text);
    }
    return sub;
  }

  /** A text for the echo bot; `done` when its answer arrives. */
  offerEcho(member: number): Submission {
    const seq = ++this.seq;
    const sub: Submission = { seq, member, kind: "text", sentAt: performance.now() };
    queue(this.waitingEcho, member).push(sub);
    this.tg.userSendsText(member, submissionText(seq));
    return sub;
  }

  /** Echo messages still unanswered are forgotten (the echo bot is gone; its updates were dropped). */
  forgetEcho(): number {
    let n = 0;
    for (const q of this.waitingEcho.values()) n += q.splice(0).length;
    return n;
  }

  private emit(s: Submission, what: Outcome): void {
    for (const l of this.listeners) l(s, what);
  }

  private onEvent(event: EmulatorEvent): void {
    if (event.type !== "message" && event.type !== "edit") return;
    if (!event.byBot) return;
    const now = performance.now();
    const m = event.message;
    if (event.chatId === ADMIN_GROUP) {
      if (event.type !== "message" || !m.reply_markup) return;
      const number = numberIn(/Kiriman #/, m.text ?? m.caption ?? "");
      if (number === undefined) return;
      if (this.cardIds.has(number)) {
        this.duplicateCards++;
        return;
      }
      this.cardIds.add(number);
      const sub = this.byNumber.get(number);
      if (sub) this.carded(sub, now);
      else this.earlyCards.set(number, now);
      return;
    }
    if (event.chatId < 0) return;
    if (event.type === "message") {
      const echo = this.waitingEcho.get(event.chatId)?.shift();
      if (echo) {
        echo.doneAt = now;
        this.emit(echo, "echo");
        return;
      }
      const submitData = kirimButton(m);
      if (!submitData) {
        if (APOLOGY.test(m.text ?? "")) this.failed(event.chatId, now);
        return;
      }
      const sub = this.waitingPreview.get(event.chatId)?.shift();
      if (!sub) return;
      sub.previewAt = now;
      sub.promptId = m.message_id;
      sub.submissionId = Number(/(\d+)$/.exec(submitData)?.[1]);
      this.byPrompt.set(`${event.chatId}:${m.message_id}`, sub);
      // Never inside the emulator's handling of the bot's call: the press is a new update.
      sub.press = () => {
        sub.tapAt = performance.now();
        this.tg.userPresses(sub.member, m, submitData);
      };
      const press = sub.press;
      this.emit(sub, "preview");
      if (!this.autoTap) return;
      if (this.thinkMs > 0) setTimeout(press, this.thinkMs);
      else setImmediate(press);
      return;
    }
    if (!(m.text ?? "").includes("Terkirim")) return;
    const sub = this.byPrompt.get(`${event.chatId}:${m.message_id}`);
    if (!sub || sub.doneAt !== undefined) return;
    sub.doneAt = now;
    sub.number = numberIn(/#/, m.text ?? "");
    this.emit(sub, "done");
    if (sub.number === undefined) return;
    this.byNumber.set(sub.number, sub);
    const early = this.earlyCards.get(sub.number);
    if (early === undefined) return;
    this.earlyCards.delete(sub.number);
    this.carded(sub, early);
  }

  private carded(sub: Submission, at: number): void {
    if (sub.cardAt !== undefined) return;
    sub.cardAt = at;
    this.cards++;
    this.emit(sub, "card");
  }

  /** The apology belongs to the member's oldest submission without a preview, or else to one tapped and not confirmed. */
  private failed(chatId: number, now: number): void {
    const waiting = this.waitingPreview.get(chatId);
    let sub = waiting?.shift();
    if (!sub) {
      for (const s of this.byPrompt.values()) {
        if (s.member === chatId && s.tapAt !== undefined && s.doneAt === undefined && s.failedAt === undefined) {
          sub = s;
          break;
        }
      }
    }
    if (!sub) return;
    sub.failedAt = now;
    this.failures++;
    this.emit(sub, "failed");
  }

  async stop(): Promise<void> {
    await this.tg.stop();
  }
}

function queue<K, V>(map: Map<K, V[]>, key: K): V[] {
  let q = map.get(key);
  if (!q) map.set(key, (q = []));
  return q;
}

/**
 * The submission number after `prefix`: written #1234 (Fluent may wrap it in isolation marks;
 * separators are tolerated for runs against older versions).
 */
function numberIn(prefix: RegExp, text: string): number | undefined {
  const digits = new RegExp(`${prefix.source}\u2068?(\\d[\\d.,\u00a0\u202f]*)`).exec(text)?.[1];
  return digits ? Number(digits.replace(/\D/g, "")) : undefined;
}

/** The callback data of the preview's "Kirim" button. */
function kirimButton(m: Message): string | undefined {
  for (const b of (m.reply_markup?.inline_keyboard ?? []).flat()) {
    if (b.text.includes("Kirim") && "callback_data" in b && b.callback_data?.startsWith("s:y:")) return b.callback_data;
  }
  return undefined;
}

// ——— Load shapes ———

/** Runs until `deadline` or until `done()` holds, checking every 20 ms. */
export async function waitUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Closed loop: every member keeps one submission (or echo message) in flight for `durationMs`,
 * sending the next as soon as the last one is done. Returns every submission started.
 */
export async function closedLoop(
  world: IngestWorld,
  opts: { durationMs: number; echo: boolean; photoEvery: number },
): Promise<{ subs: Submission[]; startedAt: number; endedAt: number }> {
  const subs: Submission[] = [];
  const startedAt = performance.now();
  const endAt = startedAt + opts.durationMs;
  const send = (member: number) => {
    const kind = opts.photoEvery > 0 && (subs.length + 1) % opts.photoEvery === 0 ? "photo" : "text";
    subs.push(opts.echo ? world.offerEcho(member) : world.offer(member, kind));
  };
  const off = world.on((s, what) => {
    if ((what === "done" || what === "echo" || what === "failed") && performance.now() < endAt) setImmediate(() => send(s.member));
  });
  for (const m of world.members) send(m);
  await sleep(opts.durationMs);
  off();
  return { subs, startedAt, endedAt: performance.now() };
}

/** Open loop: one submission every 1/rate s for `durationMs`, whatever the bot answers, members in turn. */
export async function openLoop(
  world: IngestWorld,
  opts: { rate: number; durationMs: number; photoEvery: number },
): Promise<Submission[]> {
  const subs: Submission[] = [];
  const total = Math.max(1, Math.round((opts.rate * opts.durationMs) / 1000));
  const startedAt = performance.now();
  while (subs.length < total) {
    const due = Math.min(total, Math.floor(((performance.now() - startedAt) * opts.rate) / 1000) + 1);
    while (subs.length < due) {
      const n = subs.length;
      const kind = opts.photoEvery > 0 && (n + 1) % opts.photoEvery === 0 ? "photo" : "text";
      subs.push(world.offer(world.members[n % world.members.length]!, kind));
    }
    await sleep(1);
  }
  return subs;
}
