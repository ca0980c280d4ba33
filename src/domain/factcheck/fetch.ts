// Reading one feed over HTTP: a conditional GET (If-None-Match / If-Modified-Since from the last
// answer), abandoned when it takes longer than the timeout or grows beyond the byte cap, so one
// slow, huge or broken feed never holds up the others.

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
}

export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export type FetchResult =
  | { status: "not-modified" }
  | { status: "ok"; body: string; contentType: string | undefined; etag: string | undefined; lastModified: string | undefined };

/** A feed that could not be read; `message` is what the admins see in /hoaks sumber. */
export class FeedFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FeedFetchError";
  }
}

const USER_AGENT = "JEDI-KIM-Bot/0.1 (fact-check feed reader)";
const ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5";

export async function fetchFeed(url: string, validators: Validators, limits: FetchLimits): Promise<FetchResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new FeedFetchError(`no complete answer within ${Math.round(limits.timeoutMs / 1000)} s`)), limits.timeoutMs);
  try {
    const headers: Record<string, string> = { "user-agent": USER_AGENT, accept: ACCEPT };
    if (validators.etag) headers["if-none-match"] = validators.etag;
    if (validators.lastModified) headers["if-modified-since"] = validators.lastModified;
    const res = await fetch(url, { headers, signal: controller.signal, redirect: "follow" });
    if (res.status === 304) {
      await res.body?.cancel();
      return { status: "not-modified" };
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new FeedFetchError(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`);
    }
    const declared = Number(res.headers.get("content-length") ?? NaN);
    if (Number.isFinite(declared) && declared > limits.maxBytes) {
      await res.body?.cancel();
      throw tooLarge(limits.maxBytes);
    }
    const body = await readCapped(res, limits.maxBytes, controller);
    return {
      status: "ok",
      body,
      contentType: res.headers.get("content-type") ?? undefined,
      etag: res.headers.get("etag") ?? undefined,
      lastModified: res.headers.get("last-modified") ?? undefined,
    };
  } catch (err) {
    throw asFetchError(err, controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

/** The body as UTF-8 text; stops reading (and drops the connection) past maxBytes. */
async function readCapped(res: Response, maxBytes: number, controller: AbortController): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      const err = tooLarge(maxBytes);
      controller.abort(err);
      await reader.cancel().catch(() => undefined);
      throw err;
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8").decode(Buffer.concat(chunks));
}

function tooLarge(maxBytes: number): FeedFetchError {
  return new FeedFetchError(`larger than ${Math.round(maxBytes / (1024 * 1024))} MB, not read`);
}

function asFetchError(err: unknown, signal: AbortSignal): FeedFetchError {
  if (err instanceof FeedFetchError) return err;
  if (signal.aborted && signal.reason instanceof FeedFetchError) return signal.reason;
  // undici wraps network failures: "fetch failed" with the real cause (ECONNREFUSED, ENOTFOUND…).
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : undefined;
  const message = err instanceof Error ? err.message : String(err);
  return new FeedFetchError(cause ? `${message}: ${cause}` : message);
}
