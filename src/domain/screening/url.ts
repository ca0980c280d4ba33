// One URL pattern shared by the normaliser (which removes URLs from text before tokenising) and
// links.ts (which inspects them), so both agree on what counts as a link.

// Bare domains ("bit.ly/abc", "kompas.com") are only recognised with a known top-level domain:
// otherwise abbreviations like "Kab." or "dr." followed by a word would look like hosts.
const TLDS =
  "com|net|org|info|biz|id|ly|co|gd|at|me|io|xyz|site|online|club|top|tk|ml|ga|cf|gq|link|us|in|cc|to|gl|sh|news|tv|my|sg|uk";

const URL_SOURCE =
  String.raw`(?:https?:\/\/|www\.)[^\s<>"']+` +
  String.raw`|(?<![\p{L}\p{N}@.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:` +
  TLDS +
  String.raw`)(?![\p{L}\p{N}-])(?:\/[^\s<>"']*)?`;

/** A fresh global regex each call: global regexes carry lastIndex state between uses. */
export function urlPattern(): RegExp {
  return new RegExp(URL_SOURCE, "giu");
}

/** Trailing punctuation is almost always sentence punctuation, not part of the link. */
export function trimUrl(raw: string): string {
  return raw.replace(/[.,;:!?)\]}'"”’]+$/u, "");
}

/** Host of a URL in lower case without "www.", or undefined when it cannot be parsed. */
export function hostOf(url: string): string | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`;
  try {
    const host = new URL(withScheme).hostname.toLowerCase();
    return host.replace(/^www\./, "") || undefined;
  } catch {
    return undefined;
  }
}

/** True when `host` is `domain` or one of its subdomains. */
export function hostMatches(host: string, domain: string): boolean {
  const d = domain.toLowerCase().replace(/^www\./, "");
  return host === d || host.endsWith(`.${d}`);
}
