// Links in a submission: where they come from (plain text or Telegram entities, passed as plain
// data so this module knows nothing of Telegram) and what is suspicious about them.
import { hostMatches, hostOf, trimUrl, urlPattern } from "./url.js";

/** The subset of a Telegram MessageEntity that matters here. */
export interface LinkEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
}

export interface ExtractedLink {
  url: string;
  host: string | undefined;
  source: "text" | "url" | "text_link";
  /** For text_link: the visible text the link hides behind. */
  shownText?: string;
}

export interface LinkConfig {
  /** URL shorteners hide the real target. Subdomains match too. */
  shorteners: string[];
  /** Known hoax or satire sites (reviewed by admins). Subdomains match too. */
  hoaxDomains: string[];
  /**
   * Words of institutions that scams imitate ("bansos", "kemensos"). A host containing one of
   * them that is not under an official suffix or domain is reported as impersonation.
   */
  impersonatedWords: string[];
  officialSuffixes: string[];
  officialDomains: string[];
}

export const defaultLinkConfig: LinkConfig = {
  shorteners: [
    "bit.ly", "bitly.com", "s.id", "tinyurl.com", "t.co", "cutt.ly", "shorturl.at", "rb.gy", "is.gd", "v.gd",
    "goo.gl", "ow.ly", "t.ly", "tiny.cc", "buff.ly", "bit.do", "shorturl.asia", "lnkd.in", "clck.ru", "rebrand.ly",
    "short.io", "tr.im", "x.co",
  ],
  // Deliberately empty: which sites count as hoax or satire is an editorial decision for the
  // admins of each office, not something to hard-code.
  hoaxDomains: [],
  impersonatedWords: [
    "kemensos", "bansos", "kemenkes", "kominfo", "bpjs", "prakerja", "pertamina", "subsidi", "kemendikbud",
    "kemenag", "polri", "presiden", "pemerintah", "bantuan", "blt",
  ],
  officialSuffixes: ["go.id", "mil.id", "polri.go.id", "ac.id", "sch.id", "desa.id"],
  officialDomains: ["pertamina.com", "bpjs-kesehatan.go.id", "bpjsketenagakerjaan.go.id", "prakerja.go.id"],
};

/** All links of a message: URLs in the text plus url/text_link entities, without duplicates. */
export function extractLinks(text: string, entities: readonly LinkEntity[] = []): ExtractedLink[] {
  const links: ExtractedLink[] = [];
  const seen = new Set<string>();
  const push = (link: ExtractedLink) => {
    const key = `${link.source === "text_link" ? link.shownText ?? "" : ""}|${link.url.toLowerCase()}`;
    if (seen.has(key)) return;
    seen.add(key);
    links.push(link);
  };
  // Entities first: their text_link targets are invisible in the text itself.
  for (const entity of entities) {
    // Offsets are UTF-16 code units, which is exactly how JavaScript strings index.
    const shown = text.slice(entity.offset, entity.offset + entity.length);
    if (entity.type === "text_link" && entity.url) {
      push({ url: entity.url, host: hostOf(entity.url), source: "text_link", shownText: shown });
    } else if (entity.type === "url" && shown) {
      const url = trimUrl(shown);
      push({ url, host: hostOf(url), source: "url" });
    }
  }
  for (const match of text.matchAll(urlPattern())) {
    const url = trimUrl(match[0]);
    if (links.some((l) => l.source !== "text_link" && l.url.toLowerCase() === url.toLowerCase())) continue;
    push({ url, host: hostOf(url), source: "text" });
  }
  return links;
}

export type LinkFindingCode = "link.shortener" | "link.hoax-domain" | "link.mismatch" | "link.impersonation";

export interface LinkFinding {
  code: LinkFindingCode;
  params: Record<string, string>;
}

/** What is suspicious about the links; one finding per code and host. */
export function inspectLinks(links: readonly ExtractedLink[], config: LinkConfig = defaultLinkConfig): LinkFinding[] {
  const findings: LinkFinding[] = [];
  const seen = new Set<string>();
  const add = (finding: LinkFinding) => {
    const key = `${finding.code}|${JSON.stringify(finding.params)}`;
    if (!seen.has(key)) {
      seen.add(key);
      findings.push(finding);
    }
  };
  for (const link of links) {
    const host = link.host;
    if (!host) continue;
    const shortener = config.shorteners.find((d) => hostMatches(host, d));
    if (shortener) add({ code: "link.shortener", params: { domain: host } });
    const hoax = config.hoaxDomains.find((d) => hostMatches(host, d));
    if (hoax) add({ code: "link.hoax-domain", params: { domain: host } });
    const word = impersonatedWord(host, config);
    if (word && !shortener) add({ code: "link.impersonation", params: { domain: host, word } });
    const shownHost = link.source === "text_link" ? shownDomain(link.shownText ?? "") : undefined;
    if (shownHost && !sameSite(shownHost, host)) {
      add({ code: "link.mismatch", params: { shown: shownHost, target: host } });
    }
  }
  return findings;
}

/** The domain a visible link text claims to be, if it looks like one ("kemenkes.go.id/info"). */
function shownDomain(shown: string): string | undefined {
  const trimmed = shown.trim();
  const match = urlPattern().exec(trimmed);
  if (!match) return undefined;
  return hostOf(trimUrl(match[0]));
}

/** Same site when either host is the other or a subdomain of it. */
function sameSite(a: string, b: string): boolean {
  return hostMatches(a, b) || hostMatches(b, a);
}

function impersonatedWord(host: string, config: LinkConfig): string | undefined {
  if (config.officialSuffixes.some((s) => hostMatches(host, s))) return undefined;
  if (config.officialDomains.some((d) => hostMatches(host, d))) return undefined;
  const parts = host.split(/[.-]/u);
  return config.impersonatedWords.find((word) =>
    // Short words ("blt", "bpjs") only as a whole label part, long ones also inside a part
    // ("bansoskemensos2024"), so "explnet" never matches "pln".
    parts.some((part) => (word.length >= 5 ? part.includes(word) : part === word)),
  );
}
