// The dashboard's HTML shells and static files. The page is a shell plus one script and one style
// sheet served from here (no inline code, so the CSP can forbid it; nothing from the internet).
// Every translated text put into HTML is escaped.
import { readFileSync } from "node:fs";
import path from "node:path";
import { escapeHtml } from "../../html.js";
import { PROJECT_ROOT } from "../../paths.js";

export const ASSETS_DIR = path.join(PROJECT_ROOT, "assets/dashboard");

/** The period choices of the page's menu (any other /laporan period can be typed). */
export const PERIOD_CHOICES = ["minggu-ini", "4-minggu", "bulan-ini", "12-bulan"] as const;

const SUBMISSION_STATES = ["draft", "pending", "revision", "approved", "published", "rejected", "hoax", "withdrawn", "publish_failed", "removed"];

/** The texts the page's script shows, sent by /api/me in the admin's language. */
export const PAGE_STRINGS = [
  "dash-title",
  "dash-loading",
  "dash-error",
  "dash-unauthorized",
  "dash-forbidden",
  "dash-bad-period",
  "dash-period",
  "dash-period-custom",
  "dash-overview",
  "dash-active-kims",
  "dash-published",
  "dash-articles",
  "dash-photos",
  "dash-median-hours",
  "dash-groups",
  "dash-kecamatan",
  "dash-kec-name",
  "dash-kec-kims",
  "dash-kec-active",
  "dash-kec-items",
  "dash-kec-published",
  "dash-kec-score",
  "dash-charts",
  "dash-chart-weekly",
  "dash-chart-score",
  "dash-kims",
  "dash-filter-kecamatan",
  "dash-filter-group",
  "dash-all",
  "dash-download-csv",
  "dash-show-more",
  "dash-back",
  "dash-members",
  "dash-member-pending",
  "dash-weekly",
  "dash-week",
  "dash-last-submissions",
  "dash-channel-post",
  "dash-reminders",
  "dash-none",
  "dash-paused-until",
  "dash-paused-open",
  "dash-not-paused",
  ...SUBMISSION_STATES.map((st) => `dash-status-${st}`),
];

const assets = new Map<string, string>();

/** app.js or app.css, read once. */
export function dashboardAsset(name: "app.js" | "app.css"): string {
  let text = assets.get(name);
  if (text === undefined) assets.set(name, (text = readFileSync(path.join(ASSETS_DIR, name), "utf8")));
  return text;
}

type T = (key: string) => string;

function shell(t: T, locale: string, body: string, attrs = ""): string {
  return `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(t("dash-title"))}</title>
<link rel="stylesheet" href="/dasbor/app.css">
</head>
<body${attrs}>
${body}
</body>
</html>
`;
}

/** The dashboard: a header and an empty main that app.js fills. The refusals are here too, for before /api/me answers. */
export function pageHtml(t: T, locale: string): string {
  const data = ["dash-unauthorized", "dash-forbidden", "dash-error", "dash-loading"].map((k) => ` data-${k}="${escapeHtml(t(k))}"`).join("");
  return shell(
    t,
    locale,
    `<header><h1 id="title">${escapeHtml(t("dash-title"))}</h1><span id="me"></span></header>
<main id="main"><p class="loading">${escapeHtml(t("dash-loading"))}</p></main>
<script src="/dasbor/app.js" defer></script>`,
    data,
  );
}

/** The page of a sign-in link: one button that uses the token up; or why it cannot be used. */
export function signInHtml(t: T, locale: string, token: string, problem?: string): string {
  const content =
    problem || !token
      ? `<p class="notice" role="alert" data-error="${escapeHtml(problem ?? "dash-link-invalid")}">${escapeHtml(t(problem ?? "dash-link-invalid"))}</p>`
      : `<p>${escapeHtml(t("dash-signin-text"))}</p>
<form method="post" action="/dasbor/masuk"><input type="hidden" name="t" value="${escapeHtml(token)}"><button type="submit" id="sign-in">${escapeHtml(t("dash-signin-button"))}</button></form>`;
  return shell(t, locale, `<main class="signin"><h1>${escapeHtml(t("dash-title"))}</h1>\n${content}</main>`);
}
