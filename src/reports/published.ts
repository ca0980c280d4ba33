// What the channel shows, for the public feeds (issue 13): submissions whose status is
// "published" right now. A post withdrawn or taken off the channel changes status and so leaves
// the feeds by itself; nothing else (drafts, pending items, names of members) is read.
import type { DbOrTx } from "../db/types.js";

export interface PublishedPost {
  id: number;
  number: number | null;
  text: string;
  kind: string;
  publishedAt: Date;
  /** The channel post. */
  url: string;
  /** The channel message of each photo, in album order. */
  photoUrls: string[];
  kimId: number;
  kimName: string;
  kecamatanName: string;
}

/** At most this many posts per feed: feed readers keep their own history. */
export const FEED_SIZE = 50;

/** t.me/<channel>/<id> → the same link for another message of that post. */
function linkFor(url: string, messageId: number): string {
  return url.replace(/\/\d+$/, `/${messageId}`);
}

function photoLinks(url: string, channelMessageIds: unknown, media: Array<{ kind: string; position: number }>): string[] {
  const ids = Array.isArray(channelMessageIds) ? channelMessageIds.filter((x): x is number => typeof x === "number") : [];
  // An album is sent as one message per item, in position order; a single photo is the first message.
  return media.flatMap((m, i) => (m.kind === "photo" ? [ids[i] !== undefined ? linkFor(url, ids[i]) : url] : []));
}

export async function publishedPosts(db: DbOrTx, opts: { kimId?: number; limit?: number } = {}): Promise<PublishedPost[]> {
  const rows = await db.submission.findMany({
    where: { status: "published", publishedUrl: { not: null }, publishedAt: { not: null }, ...(opts.kimId === undefined ? {} : { kimId: opts.kimId }) },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: opts.limit ?? FEED_SIZE,
    select: {
      id: true,
      number: true,
      text: true,
      kind: true,
      publishedAt: true,
      publishedUrl: true,
      channelMessageIds: true,
      kimId: true,
      kim: { select: { name: true, kecamatan: { select: { name: true } } } },
      media: { select: { kind: true, position: true }, orderBy: { position: "asc" } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    text: r.text,
    kind: r.kind,
    publishedAt: r.publishedAt!,
    url: r.publishedUrl!,
    photoUrls: photoLinks(r.publishedUrl!, r.channelMessageIds, r.media),
    kimId: r.kimId,
    kimName: r.kim.name,
    kecamatanName: r.kim.kecamatan.name,
  }));
}

/**
 * A KIM's address in feed URLs: its id and its name in lower-case ASCII ("12-kim-hapau-habar").
 * The id keeps it unique (two kecamatan may have KIMs of one name) and stable: a renamed KIM is
 * still found by its id, so old feed subscriptions keep working.
 */
export function kimSlug(kim: { id: number; name: string }): string {
  const words = kim.name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return words ? `${kim.id}-${words}` : String(kim.id);
}

/** The KIM id of a slug, or undefined for anything else. */
export function kimIdOfSlug(slug: string): number | undefined {
  const m = /^(\d{1,9})(?:-[a-z0-9-]*)?$/.exec(slug);
  return m ? Number(m[1]) : undefined;
}
