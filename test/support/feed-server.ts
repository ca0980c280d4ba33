// A local HTTP server (127.0.0.1, random port) that serves recorded fact-check feeds the way
// real sites do: ETag / Last-Modified with 304 on a matching conditional request, and the
// failures a poller must survive (slow, huge, broken, HTTP errors).
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import path from "node:path";

export const FEED_FIXTURES = path.resolve(import.meta.dirname, "../fixtures/feeds");

export function fixture(name: string): string {
  return readFileSync(path.join(FEED_FIXTURES, name), "utf8");
}

export type Route =
  | { kind: "feed"; body: string; contentType: string; etag?: string; lastModified?: string; conditional?: boolean }
  | { kind: "status"; status: number }
  /** Sends headers and a first chunk, then nothing until the server closes. */
  | { kind: "slow" }
  /** Streams `bytes` bytes of a valid-looking feed, without a Content-Length (or with it when `declared`). */
  | { kind: "huge"; bytes: number; declared?: boolean };

export interface FeedServer {
  url(route: string): string;
  set(route: string, r: Route): void;
  /** Request headers received per route, in order. */
  requests(route: string): IncomingHttpHeaders[];
  close(): Promise<void>;
}

export async function startFeedServer(routes: Record<string, Route> = {}): Promise<FeedServer> {
  const table = new Map(Object.entries(routes));
  const seen = new Map<string, IncomingHttpHeaders[]>();
  const open = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    const route = (req.url ?? "/").split("?")[0]!;
    seen.set(route, [...(seen.get(route) ?? []), req.headers]);
    const r = table.get(route);
    if (!r) {
      res.writeHead(404).end("not found");
      return;
    }
    serve(r, req.headers, res, open);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (route) => `http://127.0.0.1:${port}${route}`,
    set: (route, r) => void table.set(route, r),
    requests: (route) => seen.get(route) ?? [],
    close: async () => {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function serve(r: Route, headers: IncomingHttpHeaders, res: ServerResponse, open: Set<ServerResponse>): void {
  switch (r.kind) {
    case "feed": {
      const validators: Record<string, string> = {};
      if (r.etag) validators.etag = r.etag;
      if (r.lastModified) validators["last-modified"] = r.lastModified;
      const conditional = r.conditional !== false;
      const etagMatches = r.etag !== undefined && headers["if-none-match"] === r.etag;
      const dateMatches = r.etag === undefined && r.lastModified !== undefined && headers["if-modified-since"] === r.lastModified;
      if (conditional && (etagMatches || dateMatches)) {
        res.writeHead(304, validators).end();
        return;
      }
      res.writeHead(200, { "content-type": r.contentType, ...validators }).end(r.body);
      return;
    }
    case "status":
      res.writeHead(r.status, { "content-type": "text/plain" }).end(`status ${r.status}`);
      return;
    case "slow":
      open.add(res);
      res.on("close", () => open.delete(res));
      res.writeHead(200, { "content-type": "application/rss+xml" });
      res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Lambat</title>');
      return; // never finished: the poller's timeout must end it
    case "huge": {
      open.add(res);
      res.on("close", () => open.delete(res));
      res.writeHead(200, { "content-type": "application/rss+xml", ...(r.declared ? { "content-length": String(r.bytes) } : {}) });
      const item = "<item><title>[HOAKS] Isi besar sekali untuk menguji batas ukuran feed</title><link>https://besar.example/x</link></item>\n";
      const chunk = Buffer.from(item.repeat(Math.ceil(65536 / item.length)));
      let sent = 0;
      const pump = () => {
        while (sent < r.bytes && !res.destroyed) {
          const part = chunk.subarray(0, Math.min(chunk.length, r.bytes - sent));
          sent += part.length;
          if (!res.write(part)) {
            res.once("drain", pump);
            return;
          }
        }
        if (!res.destroyed) res.end();
      };
      pump();
      return;
    }
  }
}
