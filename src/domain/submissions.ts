// Submissions: what members send for publication, from draft to confirmation and withdrawal.
// A draft is stored the moment content arrives, so nothing a member sent is lost; it reaches the
// admins only when the member confirms it.
import type { Db } from "../db/client.js";
import type { DbOrTx, Prisma } from "../db/types.js";
import { enqueue } from "../queue/jobs.js";
import { jobs } from "../queue/kinds.js";
import type { Actor } from "./audit.js";
import { moveSubmission } from "./submission-state.js";

export type SubmissionKind = "text" | "photo" | "album" | "video" | "document";
export type SubmissionStatus =
  | "draft"
  | "pending"
  | "revision"
  | "approved"
  | "published"
  | "rejected"
  | "hoax"
  | "withdrawn"
  | "publish_failed"
  | "removed"
  | "cancelled";

export type MediaKind = "photo" | "video" | "document";

export interface MediaInput {
  kind: MediaKind;
  fileId: string;
  fileUniqueId: string;
  width?: number;
  height?: number;
  fileSize?: number;
  mimeType?: string;
  fileName?: string;
}

export interface SubmissionLimits {
  perHour: number;
  perDay: number;
  /** Photos whose long side is below this many pixels get a quality warning. */
  minPhotoLongSide: number;
}

/** Telegram's limits that shape what a submission can hold. */
export const MAX_ALBUM_ITEMS = 10;
/** Bots can download files up to 20 MB from Telegram's cloud Bot API. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** A submission's text is at most one Telegram message; longer texts arrive as several messages. */
export const MAX_TEXT_LENGTH = 4096;

export function kindOf(media: ReadonlyArray<{ kind: MediaKind }>): SubmissionKind {
  if (media.length === 0) return "text";
  if (media.length > 1) return "album";
  return media[0]?.kind ?? "text";
}

/** True when a photo is probably too small to publish well. */
export function isSmallPhoto(m: Pick<MediaInput, "kind" | "width" | "height">, minLongSide: number): boolean {
  return m.kind === "photo" && Math.max(m.width ?? 0, m.height ?? 0) < minLongSide;
}

export interface DraftInput {
  memberId: number;
  kimId: number;
  text: string;
  entities?: unknown[];
  media: MediaInput[];
  mediaGroupId?: string;
  revisionOfId?: number;
  /** The update the draft is made from: the same update handled again returns the same draft. */
  sourceUpdateId?: number;
}

const WITH_MEDIA = { media: { orderBy: { position: "asc" as const } } };

export async function createDraft(db: DbOrTx, input: DraftInput, now: Date) {
  const source = input.sourceUpdateId === undefined ? null : BigInt(input.sourceUpdateId);
  const data = {
    memberId: input.memberId,
    kimId: input.kimId,
    kind: kindOf(input.media),
    text: input.text,
    entities: input.entities && input.entities.length > 0 ? (input.entities as Prisma.InputJsonValue) : undefined,
    revisionOfId: input.revisionOfId ?? null,
    status: "draft",
    createdAt: now,
    mediaGroupId: input.mediaGroupId ?? null,
    sourceUpdateId: source,
  };
  try {
    // The common case, a text, is one INSERT … RETURNING; only media need the nested write.
    if (input.media.length === 0) return { ...(await db.submission.create({ data })), media: [] };
    return await db.submission.create({
      data: { ...data, media: { create: input.media.map((m, position) => ({ ...m, position, sourceUpdateId: source })) } },
      include: WITH_MEDIA,
    });
  } catch (err) {
    // The same update handled again (after a crash or a passing failure): its draft is already there.
    if (source === null || (err as { code?: string }).code !== "P2002") throw err;
    const existing = await db.submission.findUnique({
      where: { memberId_sourceUpdateId: { memberId: input.memberId, sourceUpdateId: source } },
      include: WITH_MEDIA,
    });
    if (!existing) throw err;
    return existing;
  }
}

/** Drafts the member started since then (confirmed or not): the flood limit before confirmation. */
export async function draftsStartedSince(db: DbOrTx, memberId: number, since: Date): Promise<number> {
  return db.submission.count({ where: { memberId, createdAt: { gte: since } } });
}

/** The draft (or later state) made from one of the member's updates, if any. */
export async function draftFromUpdate(db: DbOrTx, telegramId: number, updateId: number) {
  const member = await db.member.findUnique({ where: { telegramId: BigInt(telegramId) }, select: { id: true } });
  if (!member) return null;
  return db.submission.findUnique({ where: { memberId_sourceUpdateId: { memberId: member.id, sourceUpdateId: BigInt(updateId) } } });
}

export type AlbumResult =
  | { outcome: "created" | "added"; submissionId: number }
  | { outcome: "full"; submissionId: number };

/**
 * Telegram delivers an album as separate messages sharing a media_group_id: the first one
 * creates the draft, the others join it. Items past Telegram's 10 are refused.
 */
export async function addAlbumItem(
  db: Db,
  input: {
    memberId: number;
    kimId: number;
    mediaGroupId: string;
    caption: string;
    entities?: unknown[];
    media: MediaInput;
    sourceUpdateId?: number;
    revisionOfId?: number;
  },
  now: Date,
): Promise<AlbumResult> {
  return db.$transaction(async (tx) => {
    const existing = await tx.submission.findFirst({
      where: { mediaGroupId: input.mediaGroupId, memberId: input.memberId, status: "draft" },
      include: { _count: { select: { media: true } } },
    });
    if (!existing) {
      const draft = await createDraft(
        tx,
        {
          memberId: input.memberId,
          kimId: input.kimId,
          text: input.caption,
          entities: input.entities,
          media: [input.media],
          mediaGroupId: input.mediaGroupId,
          sourceUpdateId: input.sourceUpdateId,
          revisionOfId: input.revisionOfId,
        },
        now,
      );
      return { outcome: "created", submissionId: draft.id };
    }
    const source = input.sourceUpdateId === undefined ? null : BigInt(input.sourceUpdateId);
    // The same album item handled again (its update ran twice) is already in the album.
    if (source !== null && (await tx.submissionMedia.count({ where: { submissionId: existing.id, sourceUpdateId: source } })) > 0) {
      return { outcome: "added", submissionId: existing.id };
    }
    const count = existing._count.media;
    if (count >= MAX_ALBUM_ITEMS) return { outcome: "full", submissionId: existing.id };
    await tx.submissionMedia.create({ data: { ...input.media, submissionId: existing.id, position: count, sourceUpdateId: source } });
    await tx.submission.update({
      where: { id: existing.id },
      data: {
        kind: "album",
        // Only one item of an album usually carries the caption.
        ...(existing.text === "" && input.caption
          ? { text: input.caption, entities: (input.entities ?? undefined) as Prisma.InputJsonValue | undefined }
          : {}),
      },
    });
    return { outcome: "added", submissionId: existing.id };
  });
}

export async function draftWithMedia(db: DbOrTx, id: number) {
  return db.submission.findUnique({
    where: { id },
    include: { media: { orderBy: { position: "asc" } }, kim: { include: { kecamatan: true } }, member: true },
  });
}

export type ConfirmResult =
  | { ok: true; submissionId: number; number: number; already: boolean }
  | { ok: false; reason: "not-found" | "not-draft" | "limit-hour" | "limit-day" | "empty" };

/**
 * Confirms a draft: it becomes pending and is handed to review in the same transaction, so an
 * acknowledged submission always reaches the admins. Confirming twice (a double tap, or a
 * replayed update after a crash) is harmless.
 */
export async function confirmDraft(
  db: Db,
  args: { submissionId: number; memberId: number; now: Date; limits: SubmissionLimits; actor: Actor },
): Promise<ConfirmResult> {
  const { submissionId, memberId, now, limits, actor } = args;
  return db.$transaction(async (tx) => {
    const sub = await tx.submission.findFirst({ where: { id: submissionId, memberId }, include: { _count: { select: { media: true } } } });
    if (!sub) return { ok: false, reason: "not-found" } as const;
    // Confirmed before (a double tap, a replayed update): the member sees their number again.
    if (sub.confirmedAt) return { ok: true, submissionId, number: sub.number ?? sub.id, already: true } as const;
    if (sub.status !== "draft") return { ok: false, reason: "not-draft" } as const;
    if (sub.text.trim() === "" && sub._count.media === 0) return { ok: false, reason: "empty" } as const;
    const limit = await overLimit(tx, memberId, now, limits);
    if (limit) return { ok: false, reason: limit } as const;
    const number = await nextNumber(tx, "submission");
    const moved = await moveSubmission(tx, {
      submissionId,
      from: "draft",
      to: "pending",
      data: { number, confirmedAt: now, mediaGroupId: null },
      audit: { actor, at: now, action: "submission.confirmed" },
    });
    if (!moved) return { ok: false, reason: "not-draft" } as const;
    await enqueue(tx, jobs.reviewCard, { submissionId });
    return { ok: true, submissionId, number, already: false } as const;
  });
}

/**
 * The next number of a counter, in the caller's transaction: numbers are handed out only when a
 * submission is confirmed, so they have no gaps (an upsert that increments is atomic on SQLite
 * and PostgreSQL alike).
 */
async function nextNumber(tx: DbOrTx, name: string): Promise<number> {
  const row = await tx.counter.upsert({ where: { name }, create: { name, value: 1 }, update: { value: { increment: 1 } } });
  return row.value;
}

/** The number people see, or the id for rows from before numbers (they were shown their ids). */
export function numberOf(sub: { id: number; number: number | null }): number {
  return sub.number ?? sub.id;
}

/** A submission by the number people see. */
export async function submissionByNumber(db: DbOrTx, number: number) {
  return db.submission.findUnique({ where: { number } });
}

async function overLimit(tx: DbOrTx, memberId: number, now: Date, limits: SubmissionLimits) {
  const hourAgo = new Date(now.getTime() - 60 * 60 * 1000);
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  const lastDay = await tx.submission.findMany({
    where: { memberId, confirmedAt: { gte: dayAgo } },
    select: { confirmedAt: true },
  });
  if (lastDay.length >= limits.perDay) return "limit-day" as const;
  if (lastDay.filter((s) => s.confirmedAt && s.confirmedAt >= hourAgo).length >= limits.perHour) return "limit-hour" as const;
  return undefined;
}

/** Cancels a draft the member does not want to send. */
export async function cancelDraft(db: DbOrTx, submissionId: number, memberId: number): Promise<boolean> {
  return moveSubmission(db, { submissionId, from: "draft", to: "cancelled", where: { memberId }, data: { mediaGroupId: null } });
}

/** A member takes back a submission that admins have not decided yet. */
export async function withdrawSubmission(
  db: Db,
  args: { submissionId: number; memberId: number; now: Date; actor: Actor },
): Promise<{ ok: boolean; status?: string }> {
  return db.$transaction(async (tx) => {
    const sub = await tx.submission.findFirst({ where: { id: args.submissionId, memberId: args.memberId } });
    if (!sub) return { ok: false };
    if (sub.status !== "pending" && sub.status !== "revision") return { ok: false, status: sub.status };
    const moved = await moveSubmission(tx, {
      submissionId: sub.id,
      from: sub.status,
      to: "withdrawn",
      where: { version: sub.version },
      data: { decidedAt: args.now },
      audit: { actor: args.actor, at: args.now },
    });
    if (!moved) {
      const current = await tx.submission.findUniqueOrThrow({ where: { id: sub.id }, select: { status: true } });
      return { ok: false, status: current.status };
    }
    await enqueue(tx, jobs.reviewCardUpdate, { submissionId: sub.id });
    return { ok: true, status: "withdrawn" };
  });
}

export async function recentSubmissions(db: DbOrTx, memberId: number, take = 10) {
  return db.submission.findMany({
    where: { memberId, status: { notIn: ["draft", "cancelled"] } },
    orderBy: { id: "desc" },
    take,
    include: { _count: { select: { media: true } } },
  });
}
