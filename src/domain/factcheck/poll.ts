// Polling the fact-check feeds: each feed is read (conditionally), parsed and imported on its
// own, so a feed that fails, is malformed, huge or slow is recorded and skipped while the others
// go on. New items become known false claims (origin "feed") in one transaction with their
// FactcheckItem rows, the audit event and the re-check of what is already out.
import type { Db } from "../../db/client.js";
import type { DbOrTx } from "../../db/types.js";
import { BOT_ACTOR, recordAudit } from "../audit.js";
import { claimProblem } from "../claims.js";
import { enqueueRecheck } from "../screening/recheck.js";
import { fetchFeed, type FetchLimits } from "./fetch.js";
import { guidKey, linkKey, publisherOf, titleKey, verdictOf } from "./items.js";
import type { FeedItem } from "./parse.js";

export interface FeedPollResult {
  url: string;
  feedId: number;
  /** "updated": read and imported; "not-modified": 304; "failed": see error. */
  outcome: "updated" | "not-modified" | "failed";
  items: number;
  created: Array<{ id: number; text: string }>;
  duplicates: number;
  /** Items that are no false claim (labelled true) or cannot be one (title too short). */
  skipped: number;
  error?: string;
}

export interface PollOptions {
  urls: readonly string[];
  limits: FetchLimits;
  now: () => Date;
  /** Called once per failed feed, for the log. */
  onFailure?: (url: string, error: string) => void;
}

/**
 * Polls every feed; never throws for one feed's failure. Feeds are fetched at the same time (a
 * slow one costs its timeout once, not once per feed behind it) and imported one after the
 * other, so an article in two feeds is seen as a duplicate by the second import.
 */
export async function pollFeeds(db: Db, opts: PollOptions): Promise<FeedPollResult[]> {
  // Fetched side by side, imported one at a time in the configured order: a claim two feeds carry
  // is always credited to the one listed first, however fast each answered.
  const finished = opts.urls.map(() => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  });
  return Promise.all(
    opts.urls.map(async (url, i) => {
      const inOrder = async <T>(fn: () => Promise<T>): Promise<T> => {
        if (i > 0) await finished[i - 1]!.promise;
        return fn();
      };
      try {
        return await pollFeed(db, url, opts, inOrder);
      } finally {
        // A feed that failed or did not change passes its turn on too.
        if (i > 0) await finished[i - 1]!.promise;
        finished[i]!.resolve();
      }
    }),
  );
}

export async function pollFeed(
  db: Db,
  url: string,
  opts: Omit<PollOptions, "urls">,
  serial: <T>(fn: () => Promise<T>) => Promise<T> = (fn) => fn(),
): Promise<FeedPollResult> {
  const feed = await db.factcheckFeed.upsert({ where: { url }, create: { url }, update: {} });
  const attemptAt = opts.now();
  const base = { url, feedId: feed.id, items: feed.itemCount, created: [], duplicates: 0, skipped: 0 };
  try {
    const answer = await fetchFeed(url, { etag: feed.etag, lastModified: feed.lastModified }, opts.limits);
    if (answer.status === "not-modified") {
      // Nothing changed: the items, the validators and the count stay as they were.
      await db.factcheckFeed.update({ where: { id: feed.id }, data: { lastAttemptAt: attemptAt, lastSuccessAt: opts.now(), lastError: null } });
      return { ...base, outcome: "not-modified" };
    }
    // The feed parsers (feedsmith, fast-xml-parser, entities: about 30 MB) load with the first feed.
    const { parseFactcheckFeed } = await import("./parse.js");
    const parsed = parseFactcheckFeed(answer.body);
    const report = await serial(() => importFeedItems(db, { id: feed.id, url }, parsed.items, opts.now()));
    await db.factcheckFeed.update({
      where: { id: feed.id },
      data: {
        title: parsed.title?.slice(0, 200) ?? feed.title,
        etag: answer.etag ?? null,
        lastModified: answer.lastModified ?? null,
        lastAttemptAt: attemptAt,
        lastSuccessAt: opts.now(),
        lastError: null,
        itemCount: parsed.items.length,
        claimsAdded: { increment: report.created.length },
      },
    });
    return { ...base, ...report, outcome: "updated", items: parsed.items.length };
  } catch (err) {
    const error = (err instanceof Error ? err.message : String(err)).slice(0, 300);
    await db.factcheckFeed.update({ where: { id: feed.id }, data: { lastAttemptAt: attemptAt, lastError: error } });
    opts.onFailure?.(url, error);
    return { ...base, outcome: "failed", error };
  }
}

interface ItemRow {
  item: FeedItem;
  claim: string;
  verdict: string;
  isTrue: boolean;
  guidKey?: string;
  linkKey?: string;
  titleKey: string;
}

/**
 * Imports a feed's items: an item already known by its guid, its link or its normalised title
 * (from any feed), or whose claim is already in the collection (same text, or same source link),
 * is a duplicate; the rest become claims. One transaction, so a crash imports all or nothing.
 */
export async function importFeedItems(db: Db, feed: { id: number; url: string }, items: readonly FeedItem[], now: Date) {
  const rows: ItemRow[] = [];
  for (const item of items) {
    const v = verdictOf(item.title);
    const tKey = titleKey(v.claim);
    if (!tKey) continue;
    rows.push({ item, claim: v.claim, verdict: v.verdict, isTrue: v.isTrue, guidKey: guidKey(item.guid, feed.url), linkKey: linkKey(item.link), titleKey: tKey });
  }
  const report = { created: [] as Array<{ id: number; text: string }>, duplicates: 0, skipped: items.length - rows.length };
  await db.$transaction(async (tx) => {
    const seen = await knownKeys(tx, rows);
    for (const row of rows) {
      const keys = [row.guidKey && `g:${row.guidKey}`, row.linkKey && `l:${row.linkKey}`, `t:${row.titleKey}`, `c:${row.claim.toLocaleLowerCase("id")}`];
      if (row.item.link) keys.push(`s:${row.item.link}`);
      if (keys.some((k) => k && seen.has(k))) {
        report.duplicates++;
        continue;
      }
      for (const k of keys) if (k) seen.add(k);
      const problem = row.isTrue ? "true" : claimProblem({ text: row.claim, sourceUrl: row.item.link });
      const claim = problem
        ? undefined
        : await tx.falseClaim.create({
            data: {
              text: row.claim,
              normText: row.claim.toLocaleLowerCase("id"),
              verdict: row.verdict,
              sourceUrl: row.item.link ?? null,
              origin: "feed",
              createdAt: now,
            },
          });
      // An item that is no claim is still recorded, so it is not looked at again.
      await tx.factcheckItem.create({
        data: {
          feedId: feed.id,
          claimId: claim?.id ?? null,
          guidKey: row.guidKey ?? null,
          linkKey: row.linkKey ?? null,
          titleKey: row.titleKey,
          title: row.item.title.slice(0, 500),
          summary: row.item.summary ?? null,
          link: row.item.link ?? null,
          publisher: publisherOf(row.item, feed.url),
          publishedAt: row.item.publishedAt ?? null,
          verdict: row.verdict,
          createdAt: now,
        },
      });
      if (claim) report.created.push({ id: claim.id, text: claim.text });
      else report.skipped++;
    }
    if (report.created.length > 0) {
      await enqueueRecheck(tx, report.created.map((c) => c.id));
      await recordAudit(tx, {
        actor: BOT_ACTOR,
        action: "claim.imported",
        detail: { origin: "feed", feed: feed.url, created: report.created.length, duplicates: report.duplicates, claimIds: report.created.map((c) => c.id) },
        at: now,
      });
    }
  });
  return report;
}

/** Keys of the rows' items and claims that are already stored, prefixed by their kind. */
async function knownKeys(tx: DbOrTx, rows: readonly ItemRow[]): Promise<Set<string>> {
  const guids = rows.flatMap((r) => (r.guidKey ? [r.guidKey] : []));
  const links = rows.flatMap((r) => (r.linkKey ? [r.linkKey] : []));
  const titles = rows.map((r) => r.titleKey);
  const items = await tx.factcheckItem.findMany({
    where: { OR: [{ guidKey: { in: guids } }, { linkKey: { in: links } }, { titleKey: { in: titles } }] },
    select: { guidKey: true, linkKey: true, titleKey: true },
  });
  const claims = await tx.falseClaim.findMany({
    where: {
      removedAt: null,
      OR: [{ normText: { in: rows.map((r) => r.claim.toLocaleLowerCase("id")) } }, { sourceUrl: { in: rows.flatMap((r) => (r.item.link ? [r.item.link] : [])) } }],
    },
    select: { normText: true, sourceUrl: true },
  });
  const seen = new Set<string>();
  for (const i of items) {
    if (i.guidKey) seen.add(`g:${i.guidKey}`);
    if (i.linkKey) seen.add(`l:${i.linkKey}`);
    seen.add(`t:${i.titleKey}`);
  }
  for (const c of claims) {
    seen.add(`c:${c.normText}`);
    if (c.sourceUrl) seen.add(`s:${c.sourceUrl}`);
  }
  return seen;
}

/** One feed's health, for `/hoaks sumber` and `npm run doctor`. */
export interface FeedHealth {
  url: string;
  title: string | null;
  lastSuccessAt: Date | null;
  lastAttemptAt: Date | null;
  lastError: string | null;
  itemCount: number;
  claimsAdded: number;
}

/** The configured feeds, in configuration order, with what their polls recorded (nothing yet for a new one). */
export async function feedHealth(db: DbOrTx, urls: readonly string[]): Promise<FeedHealth[]> {
  const rows = await db.factcheckFeed.findMany({ where: { url: { in: [...urls] } } });
  return urls.map((url) => {
    const r = rows.find((x) => x.url === url);
    return {
      url,
      title: r?.title ?? null,
      lastSuccessAt: r?.lastSuccessAt ?? null,
      lastAttemptAt: r?.lastAttemptAt ?? null,
      lastError: r?.lastError ?? null,
      itemCount: r?.itemCount ?? 0,
      claimsAdded: r?.claimsAdded ?? 0,
    };
  });
}

/** Plain-text lines of feedHealth for a terminal (`npm run doctor`); dates in ISO 8601 UTC. */
export function formatFeedHealth(rows: readonly FeedHealth[]): string[] {
  if (rows.length === 0) return ["fact-check feeds: none configured (FACTCHECK_FEEDS)"];
  return rows.map((r) => {
    const ok = r.lastSuccessAt ? `last success ${r.lastSuccessAt.toISOString()}` : "never read successfully";
    const failing = r.lastError ? `; last attempt ${r.lastAttemptAt?.toISOString() ?? "-"} failed: ${r.lastError}` : "";
    return `${r.lastError ? "FAIL" : r.lastSuccessAt ? "ok  " : "-   "} ${r.url}: ${ok}, ${r.itemCount} items, ${r.claimsAdded} claims added${failing}`;
  });
}
