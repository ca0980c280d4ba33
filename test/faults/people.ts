// The people of the fault suite: members who send news and confirm it with "Kirim", and an admin
// who decides on the review cards. They act only on what they see in the emulated Telegram and,
// like people, act again when nothing visible happened for a while (send the message again, tap
// the button again), but never twice while the screen shows their first action worked.
import type { BotApiEmulator } from "@jedikim/telegram-emulator";
import { phrase, phrases } from "./locale.js";
import { buttonData, buttons, numberPattern, shownNumber, sleep, textOf, within, type Screen, type Seen } from "./screen.js";

export type Decision = "approve" | "reject" | "revision";

export interface Planned {
  index: number;
  /** A code in the text that makes the item traceable in previews, cards and channel posts. */
  marker: string;
  memberId: number;
  kind: "text" | "photo";
  text: string;
  decision: Decision;
}

/** What one member did and saw for one planned submission. */
export interface MemberLog {
  marker: string;
  sends: number;
  taps: number;
  /** Bot messages "Maaf, terjadi kesalahan…" that followed the member's sends or taps. */
  apologies: number;
  /** Sends that were followed by nothing visible for the whole wait. */
  silentSends: number;
  /** Taps on "Kirim" that were followed by nothing visible for the whole wait. */
  silentTaps: number;
  /** The number the member saw ("Terkirim! … #12"). */
  sawNumber?: number;
  /** The preview ended as "sudah diproses" without the member ever seeing the number. */
  sawOnlyAlreadyProcessed: boolean;
  /** Gave up: why. */
  gaveUp?: string;
}

/** What the admin did for one card. */
export interface AdminLog {
  submissionId: number;
  marker?: string;
  decision: Decision;
  taps: number;
  notesSent: number;
  silentTaps: number;
  /** Callback answers the admin read, in order. */
  answers: string[];
  /** The admin's button presses on this card, oldest first (an answer to any of them counts). */
  queryIds: string[];
  /** The admin saw the decision take effect ("Tercatat.", or the card's footer). */
  sawDecision: boolean;
  /** Date.now() when they first saw it. */
  sawDecisionAt?: number;
  gaveUp?: string;
}

export interface Patience {
  /** How long a person waits for something visible before acting again. */
  waitMs: number;
  /** How often a member sends the same news before giving up. */
  maxSends: number;
  /** How often a person taps the same button before giving up. */
  maxTaps: number;
}

export const MARKER = /\bFZ(\d{6})\b/;
const PREVIEW = phrase("submission", "preview") ?? "Pratinjau kiriman";
/** Apologies that ask to send again, and the one that says the preview is on its way. */
const SEND_AGAIN = phrases("common", /^(error-generic|error-not-saved|error-storage|too-fast)$/);
const WILL_FOLLOW = phrases("common", /^error-saved$/);
/** Answers to a decision's tap that say it was taken (by this admin or another). */
const DECISION_TAKEN = [...phrases("review", /^review-done/), ...phrases("review", /^review-already$/)];
const STALE = phrase("review", "review-stale") ?? "sudah tidak berlaku";
/** The card's footer once decided. */
const DECIDED = phrases("review", /^card-decided-/);

export class Member {
  constructor(
    private readonly tg: BotApiEmulator,
    private readonly screen: Screen,
    readonly userId: number,
    private readonly patience: Patience,
  ) {}

  /** Sends the news, waits for the preview, taps "Kirim" until the screen says it was sent. */
  async submit(plan: Planned): Promise<MemberLog> {
    const log: MemberLog = { marker: plan.marker, sends: 0, taps: 0, apologies: 0, silentSends: 0, silentTaps: 0, sawOnlyAlreadyProcessed: false };
    const firstSince = this.screen.botMessages(this.userId).length;
    let preview: Seen | undefined;
    while (!preview && log.sends < this.patience.maxSends) {
      const since = this.screen.botMessages(this.userId).length;
      await this.send(plan);
      log.sends++;
      let seen = await within(this.patience.waitMs, () => this.previewOf(plan.marker, firstSince) ?? this.apologyAfter(since));
      if (seen === "will-follow") {
        // "Pesan Anda sudah tersimpan; pratinjaunya akan menyusul": the person waits, once more.
        log.apologies++;
        seen = (await within(this.patience.waitMs, () => this.previewOf(plan.marker, firstSince))) ?? undefined;
      }
      if (seen === undefined) log.silentSends++;
      else if (seen === "apology") {
        log.apologies++;
        await sleep(1000); // "silakan kirim lagi sebentar lagi"
      } else preview = seen;
    }
    // A preview that was late (its update waited for a restart) counts: the person sees it now.
    preview ??= this.previewOf(plan.marker, firstSince);
    if (!preview) {
      log.gaveUp = `no preview after ${log.sends} sends`;
      return log;
    }
    await this.confirm(preview, log);
    return log;
  }

  private async confirm(preview: Seen, log: MemberLog): Promise<void> {
    const id = preview.message.message_id;
    while (log.taps < this.patience.maxTaps) {
      const now = this.screen.get(this.userId, id)!;
      if (this.outcome(now, log)) return;
      const data = buttonData(now.message, "Kirim");
      if (!data) {
        // The preview changed into something without the button: wait for the change to finish.
        if (await within(this.patience.waitMs, () => this.outcome(this.screen.get(this.userId, id)!, log))) return;
        log.gaveUp = `preview #${id} lost its Kirim button: ${JSON.stringify(now.texts.at(-1))}`;
        return;
      }
      const since = this.screen.botMessages(this.userId).length;
      const query = this.tg.userPresses(this.userId, now.message, data);
      log.taps++;
      const seen = await within(this.patience.waitMs, () => {
        if (this.outcome(this.screen.get(this.userId, id)!, log)) return "done";
        const text = this.screen.answer(query.id)?.text;
        if (text) return `answer: ${text}`;
        return this.apologyAfter(since);
      });
      if (seen === "done") return;
      if (seen === undefined) log.silentTaps++;
      else if (seen === "apology" || seen === "will-follow") {
        log.apologies++;
        await sleep(1000);
      } else {
        // An alert such as a submission limit: the person reads it and stops.
        log.gaveUp = seen;
        return;
      }
    }
    if (!this.outcome(this.screen.get(this.userId, id)!, log)) log.gaveUp = `no visible result after ${log.taps} taps on Kirim`;
  }

  /** True once the preview shows the result of the tap; records what the member saw. */
  private outcome(preview: Seen, log: MemberLog): boolean {
    const sent = preview.texts.find((t) => t.includes("Terkirim"));
    if (sent) {
      log.sawNumber = shownNumber(sent);
      log.sawOnlyAlreadyProcessed = false;
      return true;
    }
    if (preview.texts.some((t) => t.includes("sudah diproses"))) {
      log.sawOnlyAlreadyProcessed = true;
      return true;
    }
    return false;
  }

  private async send(plan: Planned): Promise<void> {
    if (plan.kind === "photo") await this.tg.userSendsPhoto(this.userId, { width: 1024, height: 768, caption: plan.text });
    else this.tg.userSendsText(this.userId, plan.text);
  }

  /** The newest preview of this news, among the bot's messages since `since`. */
  private previewOf(marker: string, since: number): Seen | undefined {
    return this.screen
      .botMessagesAfter(this.userId, since)
      .reverse()
      .find((m) => !m.deleted && m.texts[0]!.includes(PREVIEW) && m.texts[0]!.includes(marker));
  }

  /** An apology among the bot's messages since `since`: one asking to send again, or one saying the preview follows. */
  private apologyAfter(since: number): "apology" | "will-follow" | undefined {
    const texts = this.screen.botMessagesAfter(this.userId, since).map((m) => m.texts[0]!);
    if (texts.some((t) => SEND_AGAIN.some((p) => t.includes(p)))) return "apology";
    if (texts.some((t) => WILL_FOLLOW.some((p) => t.includes(p)))) return "will-follow";
    return undefined;
  }
}

export class Admin {
  readonly logs = new Map<number, AdminLog>();
  /** Review cards the admin saw, by submission id (more than one = a card posted twice). */
  readonly cards = new Map<number, number[]>();
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;
  private scanned = 0;
  /** Button presses whose answer the admin has read. */
  private readonly read = new Set<string>();

  constructor(
    private readonly tg: BotApiEmulator,
    private readonly screen: Screen,
    readonly userId: number,
    private readonly groupId: number,
    private readonly decisionOf: (marker: string | undefined, submissionId: number) => Decision,
    private readonly patience: Patience,
    /** Cards the admin works on at the same time. */
    private readonly concurrency = 8,
  ) {}

  /** Watches the group for new cards and decides each, until stop(). */
  async run(): Promise<void> {
    const queue: Array<{ id: number; card: Seen }> = [];
    while (!this.stopped) {
      const messages = this.screen.botMessages(this.groupId);
      for (; this.scanned < messages.length; this.scanned++) {
        const m = messages[this.scanned]!;
        const id = cardNumber(m);
        if (!id || !buttons(m.message).length) continue;
        const known = this.cards.get(id);
        this.cards.set(id, [...(known ?? []), m.message.message_id]);
        if (!known) queue.push({ id, card: m });
      }
      while (queue.length > 0 && this.inFlight.size < this.concurrency) {
        const next = queue.shift()!;
        const task = this.decide(next.id, next.card).finally(() => this.inFlight.delete(task));
        this.inFlight.add(task);
      }
      await sleep(100);
    }
    await Promise.allSettled([...this.inFlight]);
  }

  stop(): void {
    this.stopped = true;
  }

  get busy(): number {
    return this.inFlight.size;
  }

  private async decide(id: number, card: Seen): Promise<void> {
    const marker = MARKER.exec(card.texts[0]!)?.[0];
    const decision = this.decisionOf(marker, id);
    const log: AdminLog = { submissionId: id, marker, decision, taps: 0, notesSent: 0, silentTaps: 0, answers: [], queryIds: [], sawDecision: false };
    this.logs.set(id, log);
    if (decision === "approve") {
      // Flagged items ask for a second tap on "Ya, tetap setujui".
      await this.tapUntil(id, log, ["tetap setujui", "Setujui"], () => this.decided(id));
    } else if (decision === "reject") {
      const presets = await this.tapUntil(id, log, ["Tolak"], () => !!buttonData(this.card(id).message, "Kurang layak") || this.decided(id));
      if (presets && !log.sawDecision && !this.decided(id)) await this.tapUntil(id, log, ["Kurang layak"], () => this.decided(id));
    } else {
      await this.askRevision(id, log);
    }
    if (this.decided(id)) {
      log.sawDecision = true;
      log.sawDecisionAt ??= Date.now();
    }
  }

  /**
   * Taps the first of `labels` the card offers until `done` holds or an answer says the decision
   * was taken; acts again when nothing visible happened for a while.
   */
  private async tapUntil(id: number, log: AdminLog, labels: string[], done: () => boolean): Promise<boolean> {
    for (let taps = 0; taps < this.patience.maxTaps; ) {
      if (done()) return true;
      const card = this.card(id);
      const cardId = card.message.message_id;
      const data = labels.map((l) => buttonData(card.message, l)).find((d) => d !== undefined);
      if (!data) {
        if (await within(this.patience.waitMs, done)) return true;
        log.gaveUp = `card #${cardId} offers none of ${JSON.stringify(labels)}: ${JSON.stringify(buttons(card.message).map((b) => b.text))}`;
        return false;
      }
      const keyboards = this.keyboards(id);
      log.queryIds.push(this.tg.userPresses(this.userId, card.message, data).id);
      log.taps++;
      taps++;
      const seen = await within(this.patience.waitMs, () => {
        if (done()) return "done";
        const text = this.newAnswer(log);
        if (text) return `answer:${text}`;
        return this.keyboards(id) !== keyboards ? "changed" : undefined;
      });
      if (seen === undefined) log.silentTaps++;
      if (seen?.startsWith("answer:")) {
        const text = seen.slice("answer:".length);
        log.answers.push(text);
        if (DECISION_TAKEN.some((p) => text.startsWith(p))) {
          log.sawDecision = true;
          log.sawDecisionAt ??= Date.now();
          return true;
        }
        if (text.includes(STALE)) {
          // A card posted twice: the bot only takes the one it recorded; a person tries the other.
          if (new Set(this.cards.get(id)).size > 1 && this.card(id).message.message_id !== cardId) continue;
          log.gaveUp = `"${text}" on card message ${cardId}`;
          return false;
        }
        // Another answer (the flag warning): the card changes next; look again.
        await within(this.patience.waitMs, () => this.keyboards(id) !== keyboards || done());
      }
    }
    if (done()) return true;
    log.gaveUp = `no visible decision after ${this.patience.maxTaps} taps on ${JSON.stringify(labels)} (${log.decision}; answers ${JSON.stringify(log.answers)}; cards ${JSON.stringify(this.cards.get(id))}; now ${JSON.stringify(buttons(this.card(id).message).map((b) => b.text))})`;
    return false;
  }

  /** The text of an answer not read yet, to this press or a late one to an earlier press on the card. */
  private newAnswer(log: AdminLog): string | undefined {
    for (const q of log.queryIds) {
      const text = this.screen.answer(q)?.text;
      if (text && !this.read.has(q)) {
        this.read.add(q);
        return text;
      }
    }
    return undefined;
  }

  private async askRevision(id: number, log: AdminLog): Promise<void> {
    // The bot answers a typed note only with the card's footer: when none comes, the admin starts
    // over with "Minta revisi" (a new prompt to reply to), a few times.
    for (let attempt = 0; attempt < this.patience.maxSends && !this.decided(id); attempt++) {
      const since = this.screen.botMessages(this.groupId).length;
      const asked = () =>
        this.screen
          .botMessagesAfter(this.groupId, since)
          .reverse()
          .find((m) => new RegExp(`catatan revisi untuk kiriman ${numberPattern(id)}`).test(m.texts[0]!));
      if (!(await this.tapUntil(id, log, ["Minta revisi"], () => !!asked() || this.decided(id)))) return;
      // "Sudah diputuskan …": the note went through, the card is only late to show it.
      if (log.sawDecision) return;
      const ask = asked();
      if (!ask) continue;
      this.tg.userSendsText(this.userId, `Mohon lengkapi tanggal dan tempat kegiatan (${id}).`, { chatId: this.groupId, replyTo: ask.message.message_id });
      log.notesSent++;
      if (await within(this.patience.waitMs * 2, () => this.decided(id))) return;
    }
    if (!this.decided(id) && !log.sawDecision) log.gaveUp ??= `the card never showed the revision request after ${log.notesSent} typed notes in reply to the bot's prompt`;
  }


  /**
   * The card a person would use: the newest one for the submission. When a card was posted twice,
   * the bot edits only the one it recorded, so the admin goes to where the buttons change.
   */
  private card(id: number): Seen {
    const all = this.cards.get(id)!.map((m) => this.screen.get(this.groupId, m)!);
    return all.find((c) => buttons(c.message).length > 0 && c.texts.length > 1) ?? all.at(-1)!;
  }

  private keyboards(id: number): string {
    return JSON.stringify(this.cards.get(id)!.map((m) => this.screen.get(this.groupId, m)!.message.reply_markup ?? null));
  }

  private decided(id: number): boolean {
    return this.cards.get(id)!.some((m) => DECIDED.some((d) => textOf(this.screen.get(this.groupId, m)!.message).includes(d)));
  }
}

/** The submission number of a review card ("📥 Kiriman #12 · Teks"), or undefined for other messages. */
export function cardNumber(m: Seen): number | undefined {
  return shownNumber(m.texts[0]!, "📥 Kiriman ");
}
