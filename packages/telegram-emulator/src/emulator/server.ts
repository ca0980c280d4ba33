// The HTTP side: a node:http server on 127.0.0.1 that can stop at once, even with keep-alive
// connections and long polls open.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface HttpServer {
  port: number;
  /** Lets the requests in progress answer, then closes every connection. */
  close(): Promise<void>;
}

export async function listen(handler: RequestHandler): Promise<HttpServer> {
  const sockets = new Set<Socket>();
  const inFlight = new Set<Promise<void>>();
  const server = createServer((req, res) => {
    const done = handler(req, res)
      .catch((err: unknown) => {
        // A bug in the emulator itself: say so loudly, answer like a failing Telegram.
        console.error("emulator: request handler crashed", err);
        sendJson(res, 500, { ok: false, error_code: 500, description: "Internal Server Error" });
      })
      .finally(() => inFlight.delete(done));
    inFlight.add(done);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.race([Promise.allSettled([...inFlight]), sleep(1000)]);
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  const json = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
  res.end(json);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
