// The app's one HTTP server (hono on Node's http): /healthz, /readyz, /metrics, in webhook mode
// the webhook path, and the dashboard and feeds (issue 13). It runs in polling mode too; HTTP=off
// turns it off.
import type { AddressInfo } from "node:net";
import { Hono } from "hono";
import { serve, type ServerType } from "@hono/node-server";
import { checkReadiness, type ReadinessChecks } from "./health.js";
import { webhookHandler, type WebhookTarget } from "./webhook.js";
import { dashboardRoutes, type DashboardDeps } from "./dashboard/routes.js";
import { feedRoutes, type FeedDeps } from "./feeds.js";

export interface HttpServerOptions {
  readiness: ReadinessChecks;
  /** Prometheus text; omitted while the app cannot run (a storage outage at start). */
  metrics?: { text(): Promise<string>; contentType: string };
  webhook?: { path: string; secret: string; target: WebhookTarget | undefined; onError?: (err: unknown) => void };
  /** The admins' dashboard and the public feeds (issue 13); omitted with DASHBOARD=off. */
  dashboard?: DashboardDeps;
  feeds?: FeedDeps;
}

export function createRoutes(opts: HttpServerOptions): Hono {
  const app = new Hono();
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    const r = await checkReadiness(opts.readiness);
    return c.json({ status: r.ready ? "ready" : "not ready", checks: r.checks }, r.ready ? 200 : 503);
  });
  app.get("/metrics", async (c) => {
    if (!opts.metrics) return c.text("metrics unavailable\n", 503);
    return c.body(await opts.metrics.text(), 200, { "Content-Type": opts.metrics.contentType });
  });
  if (opts.webhook) app.post(opts.webhook.path, webhookHandler(opts.webhook));
  if (opts.dashboard) dashboardRoutes(app, opts.dashboard);
  if (opts.feeds) feedRoutes(app, opts.feeds);
  app.notFound((c) => c.json({ ok: false, error: "not found" }, 404));
  return app;
}

export interface RunningHttpServer {
  /** The port it listens on (the one chosen when PORT=0). */
  port: number;
  close(): Promise<void>;
}

export function startHttpServer(routes: Hono, listen: { port: number; host: string }): Promise<RunningHttpServer> {
  return new Promise((resolve, reject) => {
    let server: ServerType | undefined = undefined;
    const onError = (err: Error) => reject(err);
    server = serve({ fetch: routes.fetch, port: listen.port, hostname: listen.host }, (info: AddressInfo) => {
      server?.off("error", onError);
      const s = server!;
      resolve({
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            s.close(() => done());
            // Keep-alive connections (Telegram's, the emulator's) would hold close() open.
            (s as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
    server.once("error", onError);
  });
}
