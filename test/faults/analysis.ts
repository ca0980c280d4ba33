// Counting from what people see (the emulator's chats), with the database only to know which
// items were confirmed and decided, and the emulator's call log with the kill times to explain
// anything that appeared twice.
import Database from "better-sqlite3";
import type { CallRecord } from "@jedikim/telegram-emulator";
import type { KillRecord } from "./supervisor.js";
import { MARKER, cardNumber, type Decision } from "./people.js";
import { numberPattern, shownNumber, type Screen, type Seen } from "./screen.js";

export interface SubmissionRow {
  /** The number people see (#128): the submission's `number` where the schema has one, else its id. */
  id: number;
  status: string;
  marker: string | undefined;
  confirmed: boolean;
  decided: boolean;
  telegramId: number;
}

export interface DbSnapshot {
  submissions: SubmissionRow[];
  /** Jobs due or running (not failed, not done). */
  busyJobs: number;
  failedJobs: Array<{ id: number; kind: string; lastError: string | null }>;
  pendingInbox: number;
}

export function readDb(file: string): DbSnapshot {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    const columns = db.prepare(`PRAGMA table_info("Submission")`).all() as Array<{ name: string }>;
    const shown = columns.some((c) => c.name === "number") ? `COALESCE(s.number, s.id)` : `s.id`;
    const rows = db
      .prepare(
        `SELECT ${shown} AS id, s.status AS status, s.text AS text, s.confirmedAt AS confirmedAt, s.decidedAt AS decidedAt, m.telegramId AS telegramId
         FROM Submission s JOIN Member m ON m.id = s.memberId`,
      )
      .all() as Array<{ id: number; status: string; text: string; confirmedAt: number | null; decidedAt: number | null; telegramId: number | bigint }>;
    const jobs = db.prepare(`SELECT COUNT(*) AS n FROM Job WHERE status IN ('pending', 'running')`).get() as { n: number };
    const failed = db.prepare(`SELECT id, kind, lastError FROM Job WHERE status = 'failed'`).all() as DbSnapshot["failedJobs"];
    const inbox = db.prepare(`SELECT COUNT(*) AS n FROM InboxUpdate WHERE status = 'pending'`).get() as { n: number };
    return {
      submissions: rows.map((r) => ({
        id: r.id,
        status: r.status,
        marker: MARKER.exec(r.text)?.[0],
        confirmed: r.confirmedAt !== null,
        decided: r.decidedAt !== null,
        telegramId: Number(r.telegramId),
      })),
      busyJobs: jobs.n,
      failedJobs: failed,
      pendingInbox: inbox.n,
    };
  } finally {
    db.close();
  }
}

/** Why something appeared twice. */
export type DuplicateReason = "kill-window" | "answer-lost" | "unexplained";

export interface Duplicate {
  what: string;
  submissionId: number;
  marker?: string;
  count: number;
  reason: DuplicateReason;
  /** How the call log and the kill times explain it. */
  evidence: string;
}

export interface Tally {
  confirmed: number;
  decided: Record<Decision | "other", number>;
  /** Confirmed items without a review card. */
  noCard: SubmissionRow[];
  /** Approved items not in the channel. */
  notPublished: SubmissionRow[];
  /** Decided items whose member was not told. */
  notTold: SubmissionRow[];
  /** Channel posts of items that were not approved. */
  publishedWithoutApproval: SubmissionRow[];
  cardsTwice: Duplicate[];
  publishedTwice: Duplicate[];
  toldTwice: Duplicate[];
  /** Drafts left behind for news the member then confirmed in another draft. */
  orphanDrafts: number;
}

export interface World {
  adminGroup: number;
  channel: number;
}

const SEND_METHODS = new Set(["sendMessage", "sendPhoto", "sendVideo", "sendDocument", "sendMediaGroup", "copyMessage"]);

/** The user-visible text of a call: text, caption or the first album caption, without HTML tags. */
export function callText(c: CallRecord): string {
  const p = c.params as { text?: unknown; caption?: unknown; media?: unknown };
  const media = Array.isArray(p.media) ? (p.media[0] as { caption?: unknown } | undefined) : undefined;
  const raw = [p.text, p.caption, media?.caption].find((v) => typeof v === "string") as string | undefined;
  return (raw ?? "").replace(/<[^>]*>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
}

/** Calls Telegram carried out: answered ok, or run and then lost on purpose (drop-after). */
function accepted(c: CallRecord): boolean {
  return c.ok || c.fault === "drop-after";
}

function notification(status: string, id: number): RegExp | undefined {
  const n = numberPattern(id);
  if (status === "published" || status === "approved") return new RegExp(`Kiriman ${n} sudah terbit`);
  if (status === "rejected") return new RegExp(`Kiriman ${n} belum bisa diterbitkan`);
  if (status === "revision") return new RegExp(`perbaikan untuk kiriman ${n}:`);
  if (status === "hoax") return new RegExp(`Kiriman ${n} tidak diterbitkan`);
  return undefined;
}

const DECIDED_STATUSES: Record<string, Decision> = {
  approved: "approve",
  published: "approve",
  publish_failed: "approve",
  rejected: "reject",
  revision: "revision",
};

/**
 * Counts what people see. Duplicates are explained from the call log: two accepted sends of the
 * same thing are "answer-lost" when Telegram carried out the first but the bot never got its answer
 * (a drop-after fault: the bot cannot know it was sent), "kill-window" when the process that made
 * the first send was killed before it made another call about that item to that chat (the kill fell between
 * Telegram accepting the call and the bot recording it: a single call), "unexplained" otherwise.
 */
export function tally(snapshot: DbSnapshot, screen: Screen, calls: readonly CallRecord[], kills: readonly KillRecord[], world: World): Tally {
  const subs = snapshot.submissions.filter((s) => s.marker !== undefined);
  const confirmed = subs.filter((s) => s.confirmed);
  const cards = indexBy(screen.botMessages(world.adminGroup), cardNumber);
  const posts = indexBy(screen.botMessages(world.channel), (m) => MARKER.exec(m.texts[0]!)?.[0]);
  const sends = calls.filter((c) => SEND_METHODS.has(c.method) && accepted(c));

  const t: Tally = {
    confirmed: confirmed.length,
    decided: { approve: 0, reject: 0, revision: 0, other: 0 },
    noCard: [],
    notPublished: [],
    notTold: [],
    publishedWithoutApproval: [],
    cardsTwice: [],
    publishedTwice: [],
    toldTwice: [],
    orphanDrafts: 0,
  };
  const confirmedMarkers = new Set(confirmed.map((s) => s.marker));
  t.orphanDrafts = subs.filter((s) => s.status === "draft" && confirmedMarkers.has(s.marker)).length;

  for (const s of confirmed) {
    const related = relatedTo(s);
    const cardCount = cards.get(s.id)?.length ?? 0;
    if (cardCount === 0) t.noCard.push(s);
    if (cardCount > 1) {
      const cardSends = sends.filter((c) => Number(c.params.chat_id) === world.adminGroup && shownNumber(callText(c), "📥 Kiriman ") === s.id);
      t.cardsTwice.push(explain("review card", s, cardCount, cardSends, calls, kills, related));
    }
    if (s.decided) t.decided[DECIDED_STATUSES[s.status] ?? "other"]++;

    const approved = s.status === "approved" || s.status === "published" || s.status === "publish_failed";
    const postCount = posts.get(s.marker!)?.length ?? 0;
    if (approved && postCount === 0) t.notPublished.push(s);
    if (!approved && postCount > 0) t.publishedWithoutApproval.push(s);
    if (postCount > 1) {
      const postSends = sends.filter((c) => Number(c.params.chat_id) === world.channel && callText(c).includes(s.marker!));
      t.publishedTwice.push(explain("channel post", s, postCount, postSends, calls, kills, related));
    }

    const told = s.decided ? notification(s.status, s.id) : undefined;
    if (told) {
      const seen = screen.botMessages(s.telegramId).filter((m) => told.test(m.texts[0]!)).length;
      if (seen === 0) t.notTold.push(s);
      if (seen > 1) {
        const toldSends = sends.filter((c) => Number(c.params.chat_id) === s.telegramId && told.test(callText(c)));
        t.toldTwice.push(explain("member notification", s, seen, toldSends, calls, kills, related));
      }
    }
  }
  return t;
}

/** Every call whose parameters mention the submission (its number or its marker). */
export function relatedTo(s: SubmissionRow): (c: CallRecord) => boolean {
  const pattern = new RegExp(`${numberPattern(s.id)}|${s.marker}`);
  return (c) => pattern.test(JSON.stringify(c.params));
}

export function explain(
  what: string,
  s: SubmissionRow,
  count: number,
  sends: CallRecord[],
  calls: readonly CallRecord[],
  kills: readonly KillRecord[],
  related: (c: CallRecord) => boolean,
): Duplicate {
  const base = { what, submissionId: s.id, marker: s.marker, count };
  const ordered = [...sends].sort((a, b) => a.at - b.at);
  const reasons: Array<{ reason: DuplicateReason; evidence: string }> = [];
  for (let i = 0; i + 1 < ordered.length; i++) {
    const first = ordered[i]!;
    const next = ordered[i + 1]!;
    if (first.fault === "drop-after") {
      reasons.push({ reason: "answer-lost", evidence: `Telegram ran the ${first.method} at ${iso(first.at)} but the answer was lost (drop-after); the bot sent it again at ${iso(next.at)}` });
      continue;
    }
    // The process that made the first send died before it made another call about this item.
    const kill = kills.find((k) => k.exitedAt + 100 >= first.at && k.restartedAt <= next.at);
    if (kill) {
      // The same job's next step would be a call to the same chat (another part of the post):
      // calls about the item elsewhere (a card edit while a notification went out) are other jobs.
      const between = calls.filter((c) => c.at > first.at && c.at <= kill.at && c !== first && sameChat(c, first) && related(c));
      if (between.length === 0) {
        reasons.push({
          reason: "kill-window",
          evidence: `${first.method} accepted at ${iso(first.at)}, SIGKILL ${kill.at - first.at} ms later (process ${kill.process}) before any other call about #${s.id}; sent again at ${iso(next.at)} by a later process`,
        });
        continue;
      }
      reasons.push({ reason: "unexplained", evidence: `${between.length} calls about #${s.id} to the same chat between the first send (${iso(first.at)}) and the kill (${iso(kill.at)}): ${between.map((c) => c.method).join(", ")}` });
      continue;
    }
    reasons.push({ reason: "unexplained", evidence: `sent at ${iso(first.at)} and again at ${iso(next.at)} with no kill and no lost answer in between` });
  }
  if (reasons.length === 0) reasons.push({ reason: "unexplained", evidence: `${count} seen but ${ordered.length} accepted sends in the call log` });
  const worst = reasons.find((r) => r.reason === "unexplained") ?? reasons[0]!;
  return { ...base, reason: worst.reason, evidence: reasons.map((r) => r.evidence).join("; ") };
}

function sameChat(a: CallRecord, b: CallRecord): boolean {
  return String(a.params.chat_id) === String(b.params.chat_id);
}

function indexBy(messages: Seen[], key: (m: Seen) => string | number | undefined): Map<string | number, Seen[]> {
  const map = new Map<string | number, Seen[]>();
  for (const m of messages) {
    const k = key(m);
    if (k === undefined) continue;
    map.set(k, [...(map.get(k) ?? []), m]);
  }
  return map;
}

export function countReasons(dups: Duplicate[]): Record<DuplicateReason, number> & { total: number } {
  const out = { total: dups.length, "kill-window": 0, "answer-lost": 0, unexplained: 0 };
  for (const d of dups) out[d.reason]++;
  return out;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(11, 23);
}
