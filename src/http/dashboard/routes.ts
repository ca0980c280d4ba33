// The admins' dashboard (issue 13) on the app's HTTP server: the page and its files under
// /dasbor, the sign-in link, and a read-only JSON API under /api/. Every API answer needs an
// admin (auth.ts); anyone else gets 401 or 403 with no data. Nothing here changes state except
// signing in (a one-time token for a session), so there is no CSRF surface: the session cookie is
// SameSite=Strict and no route accepts a change.
import type { Context, Hono } from "hono";
import { setCookie } from "hono/cookie";
import type { Config } from "../../config.js";
import { issueSession, redeemSignInLink, SESSION_TTL_MS } from "../../db/dashboard-tokens.js";
import type { IndicatorReport } from "../../domain/activity/indicators.js";
import { DEFAULT_PERIOD, PeriodError, parsePeriod, type Period } from "../../domain/activity/periods.js";
import { ACTIVITY_GROUPS } from "../../domain/activity/score.js";
import { csvStyleFor, kimCsv, kimCsvFileName, kimTable, KIM_CSV_COLUMNS } from "../../reports/csv.js";
import { dashboardOverview, isActivityGroup, isKimColumn, selectKims, type KimSelection } from "../../reports/dashboard.js";
import { kimPage } from "../../reports/kim-page.js";
import { localeFor, type Locale, type Translate } from "../../bot/i18n.js";
import { authenticate, SESSION_COOKIE, type AuthDeps } from "./auth.js";
import { dashboardAsset, pageHtml, PAGE_STRINGS, PERIOD_CHOICES, signInHtml } from "./page.js";

export interface DashboardDeps extends AuthDeps {
  config: Config;
  translate: Translate;
  /** The indicator report of a period: the same one /laporan sends. */
  report(period: Pick<Period, "from" | "to">): Promise<IndicatorReport>;
}

/** Rows of the KIM table per request (the page asks for more), and the most it may ask for. */
const PAGE_ROWS = 100;
const MAX_PAGE_ROWS = 1000;

/** A report is reused this long: the overview, the table, the charts and the CSV of one view agree. */
const REPORT_TTL_MS = 30_000;

/** Strict CSP: scripts and styles only from this server, no inline code, nothing from the internet. */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  // Telegram's web clients show a Mini App in a frame.
  "frame-ancestors 'self' https://web.telegram.org https://*.telegram.org",
].join("; ");

function secure(c: Context): void {
  c.header("Content-Security-Policy", CSP);
  c.header("X-Content-Type-Options", "nosniff");
  c.header("Referrer-Policy", "no-referrer");
  c.header("Cache-Control", "no-store");
}

class ReportCache {
  private readonly entries = new Map<string, { at: number; report: Promise<IndicatorReport> }>();
  constructor(private readonly deps: DashboardDeps) {}

  get(period: Period): Promise<IndicatorReport> {
    const key = `${period.from.getTime()}-${period.to.getTime()}`;
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < REPORT_TTL_MS) return hit.report;
    for (const [k, e] of this.entries) if (now - e.at >= REPORT_TTL_MS) this.entries.delete(k);
    const report = this.deps.report(period);
    // A failed build is not kept: the next request tries again.
    report.catch(() => this.entries.delete(key));
    this.entries.set(key, { at: now, report });
    return report;
  }
}

export function dashboardRoutes(app: Hono, deps: DashboardDeps): void {
  const cache = new ReportCache(deps);
  const defaultLocale = deps.config.defaultLocale;

  app.use("/dasbor/*", async (c, next) => {
    await next();
    secure(c);
  });
  app.use("/dasbor", async (c, next) => {
    await next();
    secure(c);
  });
  app.use("/api/*", async (c, next) => {
    await next();
    secure(c);
  });

  app.get("/dasbor", (c) => c.html(pageHtml((k) => deps.translate.text(defaultLocale, k), defaultLocale)));
  app.get("/dasbor/app.js", (c) => c.body(dashboardAsset("app.js"), 200, { "Content-Type": "text/javascript; charset=utf-8" }));
  app.get("/dasbor/app.css", (c) => c.body(dashboardAsset("app.css"), 200, { "Content-Type": "text/css; charset=utf-8" }));

  // The link from /dasbor in a private chat shows a button; only pressing it (a POST from this
  // page) uses the token. Link previews and scanners that fetch the URL sign nobody in, and the
  // cookie is set by a same-site request, so SameSite=Strict sends it on the next page.
  app.get("/dasbor/masuk", (c) => c.html(signInHtml((k) => deps.translate.text(defaultLocale, k), defaultLocale, c.req.query("t") ?? "")));
  app.post("/dasbor/masuk", async (c) => {
    const t = (k: string) => deps.translate.text(defaultLocale, k);
    const form = await c.req.parseBody();
    const token = typeof form.t === "string" ? form.t : "";
    const user = token ? await redeemSignInLink(deps.db, token, deps.now()) : undefined;
    if (!user) return c.html(signInHtml(t, defaultLocale, "", "dash-link-invalid"), 401);
    if (!(await deps.isAdmin(user.userId))) return c.html(signInHtml(t, defaultLocale, "", "dash-forbidden"), 403);
    const session = await issueSession(deps.db, user, deps.now());
    setCookie(c, SESSION_COOKIE, session, {
      httpOnly: true,
      sameSite: "Strict",
      secure: deps.config.dashboard.secureCookie,
      path: "/",
      maxAge: Math.floor(SESSION_TTL_MS / 1000),
    });
    return c.redirect("/dasbor", 303);
  });

  /** Runs `handle` for an admin, with t() in their language; 401/403 with no data otherwise. */
  const forAdmin =
    (handle: (c: Context, ctx: { locale: Locale; t: (k: string, v?: Record<string, string | number>) => string; name: string; userId: number }) => Promise<Response>) =>
    async (c: Context): Promise<Response> => {
      const auth = await authenticate(c, deps);
      if (!auth.ok) return c.json({ ok: false, error: auth.status === 401 ? "unauthorized" : "forbidden" }, auth.status);
      const locale = localeFor(auth.admin.languageCode, defaultLocale);
      return handle(c, { locale, t: (k, v) => deps.translate.text(locale, k, v), name: auth.admin.name, userId: auth.admin.userId });
    };

  const periodOf = (c: Context): Period | undefined => {
    try {
      return parsePeriod(c.req.query("periode") || DEFAULT_PERIOD, deps.now(), deps.config.timeZone);
    } catch (err) {
      if (err instanceof PeriodError) return undefined;
      throw err;
    }
  };
  type AdminCtx = Parameters<Parameters<typeof forAdmin>[0]>[1];
  /** forAdmin with the period's report (the query's "periode"); 400 for a period /laporan would refuse. */
  const forReport =
    (handle: (c: Context, ctx: AdminCtx, report: IndicatorReport, period: Period) => Promise<Response>) =>
    forAdmin(async (c, ctx) => {
      const period = periodOf(c);
      if (!period) return c.json({ ok: false, error: "bad-period" }, 400);
      return handle(c, ctx, await cache.get(period), period);
    });

  const selectionOf = (c: Context): KimSelection => {
    const kec = Number(c.req.query("kecamatan"));
    const group = c.req.query("grup") ?? "";
    const sort = c.req.query("urut") ?? "";
    return {
      ...(Number.isSafeInteger(kec) && kec > 0 ? { kecamatanId: kec } : {}),
      ...(isActivityGroup(group) ? { group } : {}),
      ...(isKimColumn(sort) ? { sort } : {}),
      descending: c.req.query("arah") === "turun",
    };
  };

  app.get(
    "/api/me",
    forAdmin(async (c, { locale, t, name, userId }) =>
      c.json({
        ok: true,
        user: { id: userId, name },
        locale,
        strings: Object.fromEntries(PAGE_STRINGS.map((k) => [k, t(k)])),
        periods: PERIOD_CHOICES.map((spec) => ({ spec, label: t(`dash-period-${spec}`) })),
        defaultPeriod: DEFAULT_PERIOD,
        groups: ACTIVITY_GROUPS.map((g) => ({ id: g, label: t(`report-group-${g}`) })),
      }),
    ),
  );

  app.get(
    "/api/overview",
    forReport(async (c, _ctx, report, period) => c.json({ ok: true, period: period.spec, ...dashboardOverview(report) })),
  );

  app.get(
    "/api/kims",
    forReport(async (c, { locale, t }, report, period) => {
      const kims = selectKims(report, selectionOf(c));
      // One page of rows per request: 10,000 rows are 1 MB of JSON the phone has no use for at once.
      const offset = Math.max(0, Math.floor(Number(c.req.query("offset")) || 0));
      const limit = Math.min(MAX_PAGE_ROWS, Math.max(1, Math.floor(Number(c.req.query("limit")) || PAGE_ROWS)));
      const table = kimTable(report, { kims: kims.slice(offset, offset + limit), t, spreadsheet: false });
      return c.json({
        ok: true,
        period: period.spec,
        columns: KIM_CSV_COLUMNS,
        header: table.header,
        // The page writes numbers with the CSV's decimal mark, so a cell reads as in the file.
        decimal: csvStyleFor(locale).decimal,
        rows: table.rows,
        offset,
        matching: kims.length,
        total: report.kims.length,
        kecamatan: report.kecamatan.map((k) => ({ id: k.kecamatanId, name: k.kecamatanName })),
      });
    }),
  );

  app.get(
    "/api/kims.csv",
    forReport(async (c, { locale, t }, report) => {
      const csv = kimCsv(report, { kims: selectKims(report, selectionOf(c)), style: csvStyleFor(locale), t });
      return c.body(csv, 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${kimCsvFileName(report)}"`,
      });
    }),
  );

  app.get(
    "/api/charts/:chart{(weekly|score)\\.svg}",
    forReport(async (c, { locale, t }, report) => {
      // The PNG charts' own specifications, drawn as SVG: the page and /laporan always agree.
      const charts = await import("../../reports/chart.js");
      const spec = c.req.param("chart") === "weekly.svg" ? charts.weeklyPublishedSpec(report, { t, locale }) : charts.scoreSpec(report, { t, locale });
      return c.body(await charts.renderSvg(spec), 200, { "Content-Type": "image/svg+xml; charset=utf-8" });
    }),
  );

  app.get(
    "/api/kim/:id{[0-9]+}",
    forReport(async (c, { t }, report, period) => {
      const id = Number(c.req.param("id"));
      const page = await kimPage(deps.db, id, { from: period.from, to: period.to, now: deps.now(), timeZone: deps.config.timeZone });
      if (!page) return c.json({ ok: false, error: "not-found" }, 404);
      const row = report.kims.find((k) => k.kimId === id);
      const indicators = row ? kimTable(report, { kims: [row], t, spreadsheet: false }) : undefined;
      return c.json({ ok: true, period: period.spec, ...page, indicators: indicators && { header: indicators.header, cells: indicators.rows[0] } });
    }),
  );
}
