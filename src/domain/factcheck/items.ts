// What a fact-check item says (its verdict label) and what makes two items the same one: the
// keys that deduplicate items across feeds (one article in two feeds, or syndicated by
// cekfakta.com) and across re-reads of the same feed.
import { normalizeText } from "../screening/normalize.js";
import type { FeedItem } from "./parse.js";

export interface ItemVerdict {
  /** Lower-case label, e.g. "salah", "hoaks", "disinformasi"; "hoaks" when the title has none. */
  verdict: string;
  /** The claim as the title states it, without the label. */
  claim: string;
  /** True when the fact-checker found the claim true: not a false claim. */
  isTrue: boolean;
}

const LABELS = [
  "salah",
  "hoaks",
  "hoax",
  "disinformasi",
  "misinformasi",
  "malinformasi",
  "penipuan",
  "fitnah",
  "keliru",
  "menyesatkan",
  "satire",
  "konten yang menyesatkan",
  "konten palsu",
  "konten yang dimanipulasi",
  "konten tiruan",
  "koneksi yang salah",
  "konteks yang salah",
  "klarifikasi",
  "tidak benar",
  "sebagian benar",
  "benar",
  "fakta",
  "cek fakta",
  "false",
  "misleading",
  "true",
];
const TRUE_LABELS = new Set(["benar", "fakta", "true"]);
const NO_VERDICT = new Set(["cek fakta"]);

// "[SALAH] …", "(HOAKS) …", "【Disinformasi】 …", and "HOAKS: …" / "Cek Fakta: …".
const BRACKETED = /^\s*[[(【]\s*([^\])】]{2,40}?)\s*[\])】]\s*[:\-–—|]?\s*/u;
const PREFIXED = new RegExp(`^\\s*(${LABELS.map((l) => l.replace(/ /g, "\\s+")).join("|")})\\s*[:\\-–—|]\\s*`, "iu");

export function verdictOf(title: string): ItemVerdict {
  let rest = title.trim();
  let verdict: string | undefined;
  // Several labels may stand in front ("Cek Fakta: [HOAKS] …"); the last informative one wins.
  for (let i = 0; i < 3; i++) {
    const m = BRACKETED.exec(rest) ?? PREFIXED.exec(rest);
    if (!m) break;
    const label = m[1]!.toLocaleLowerCase("id").replace(/\s+/g, " ").trim();
    if (!NO_VERDICT.has(label)) verdict = label;
    rest = rest.slice(m[0].length);
  }
  const claim = rest.trim() || title.trim();
  const v = verdict ?? "hoaks";
  return { verdict: v, claim, isTrue: TRUE_LABELS.has(v) };
}

/** Normalised title: the same claim worded with other case, punctuation or slang gives one key. */
export function titleKey(claim: string): string {
  return normalizeText(claim).replace(/\s+/g, " ").trim();
}

const TRACKING = /^(utm_|fbclid$|gclid$|amp$|ref$)/i;

/** A link without scheme, "www.", fragment, tracking parameters or trailing slash. */
export function linkKey(link: string | undefined): string | undefined {
  if (!link) return undefined;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  const params = [...url.searchParams.entries()].filter(([k]) => !TRACKING.test(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : "";
  const host = url.hostname.toLowerCase().replace(/^www\./, "");
  const path = url.pathname.replace(/\/amp\/?$/i, "/").replace(/\/+$/, "");
  return `${host}${path}${query}`;
}

/**
 * A guid is global when it is a URL or a URI (tag:, urn:); a bare number or slug is only unique
 * inside its own feed, so it is scoped by the feed's URL.
 */
export function guidKey(guid: string | undefined, feedUrl: string): string | undefined {
  if (!guid) return undefined;
  if (/^https?:\/\//i.test(guid)) return `url:${linkKey(guid) ?? guid}`;
  if (/^(tag|urn):/i.test(guid)) return guid;
  return `${linkKey(feedUrl) ?? feedUrl}#${guid}`;
}

/** The fact-checker: the host of the item's link (or of the feed), without "www.". */
export function publisherOf(item: Pick<FeedItem, "link">, feedUrl: string): string {
  return hostOf(item.link) ?? hostOf(feedUrl) ?? feedUrl;
}

/** A link's host in lower case without "www."; undefined for what is not a URL. */
export function hostOf(link: string | undefined | null): string | undefined {
  if (!link) return undefined;
  try {
    return new URL(link).hostname.toLowerCase().replace(/^www\./, "") || undefined;
  } catch {
    return undefined;
  }
}
