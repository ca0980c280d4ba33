// The dashboard page (issue 13). Plain script, no libraries, nothing from the internet. Every
// text from the server goes into the page with textContent, never as HTML, so names cannot
// inject markup. It signs in with Telegram's init data when opened as a Mini App (the URL hash
// #tgWebAppData=…, sent as "Authorization: tma …"), or with the session cookie of a sign-in link.
"use strict";

const INIT_KEY = "kim-dasbor-init-data";
const PAGE_SIZE = 100;

const state = {
  initData: "",
  me: null,
  period: "",
  kecamatan: "",
  group: "",
  sort: "",
  descending: false,
  table: null,
  blobs: [],
};

/** Init data from the hash Telegram opens a Mini App with, kept for reloads of this tab. */
function readInitData() {
  const hash = new URLSearchParams(window.location.hash.slice(1));
  const fromHash = hash.get("tgWebAppData");
  if (fromHash) {
    sessionStorage.setItem(INIT_KEY, fromHash);
    // The data stays out of the address bar (and out of screenshots and shared links).
    history.replaceState(null, "", window.location.pathname + window.location.search);
    return fromHash;
  }
  const telegram = window.Telegram && window.Telegram.WebApp && window.Telegram.WebApp.initData;
  if (telegram) return telegram;
  return sessionStorage.getItem(INIT_KEY) || "";
}

function s(key) {
  return (state.me && state.me.strings[key]) || document.body.dataset[key.replace(/-([a-z])/g, (_m, c) => c.toUpperCase())] || key;
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "onclick" || k === "onchange") node.addEventListener(k.slice(2), v);
    else if (k === "className") node.className = v;
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function headers() {
  return state.initData ? { Authorization: `tma ${state.initData}` } : {};
}

class HttpError extends Error {
  constructor(status) {
    super(`HTTP ${status}`);
    this.status = status;
  }
}

async function api(path) {
  const res = await fetch(path, { headers: headers(), credentials: "same-origin" });
  if (!res.ok) throw new HttpError(res.status);
  return res;
}

function query(extra) {
  // The same selection for the table, its next pages, and the CSV.
  const p = new URLSearchParams({ periode: state.period });
  if (state.kecamatan) p.set("kecamatan", state.kecamatan);
  if (state.group) p.set("grup", state.group);
  if (state.sort) {
    p.set("urut", state.sort);
    p.set("arah", state.descending ? "turun" : "naik");
  }
  for (const [k, v] of Object.entries(extra || {})) p.set(k, v);
  return p.toString();
}

function main() {
  return document.getElementById("main");
}

function showError(err) {
  const key = err instanceof HttpError && err.status === 403 ? "dash-forbidden" : err instanceof HttpError && err.status === 401 ? "dash-unauthorized" : "dash-error";
  main().replaceChildren(el("p", { className: "notice", role: "alert", "data-error": key }, s(key)));
}

function number(value, digits) {
  if (value === null || value === undefined) return "–";
  const locale = state.me && state.me.locale === "en" ? "en-GB" : "id-ID";
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits === undefined ? 1 : digits }).format(value);
}

/** A cell as the CSV writes it: numbers plain, with the CSV's decimal mark. */
function cellText(cell) {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return state.table.decimal === "," ? String(cell).replace(".", ",") : String(cell);
  return cell;
}

function card(label, value, id) {
  return el("div", { className: "card", "data-stat": id }, el("span", { className: "card-value" }, value), el("span", { className: "card-label" }, label));
}

function periodControls(onChange) {
  const select = el(
    "select",
    { id: "period", "aria-label": s("dash-period") },
    state.me.periods.map((p) => el("option", { value: p.spec, selected: p.spec === state.period }, p.label)),
  );
  const known = state.me.periods.some((p) => p.spec === state.period);
  const custom = el("input", { id: "period-custom", type: "text", placeholder: "2026-11", value: known ? "" : state.period, "aria-label": s("dash-period-custom") });
  select.addEventListener("change", () => {
    state.period = select.value;
    custom.value = "";
    onChange();
  });
  custom.addEventListener("change", () => {
    if (custom.value.trim()) state.period = custom.value.trim();
    onChange();
  });
  return el("div", { className: "controls" }, el("label", {}, s("dash-period"), " ", select), el("label", {}, s("dash-period-custom"), " ", custom));
}

async function chartImage(name) {
  const img = el("img", { className: "chart", alt: s(`dash-chart-${name}`), "data-chart": name });
  try {
    const blob = await (await api(`/api/charts/${name}.svg?${query()}`)).blob();
    const url = URL.createObjectURL(blob);
    state.blobs.push(url);
    img.src = url;
  } catch (err) {
    img.replaceWith(el("p", { className: "notice" }, s("dash-error")));
    console.warn(err);
  }
  return img;
}

function overviewSection(o) {
  const groups = state.me.groups;
  return el(
    "section",
    { id: "overview" },
    el("h2", {}, s("dash-overview"), " ", el("small", {}, `${o.from} – ${o.to}`)),
    el(
      "div",
      { className: "cards" },
      card(s("dash-active-kims"), `${number(o.activeKims, 0)} / ${number(o.kims, 0)}`, "active"),
      card(s("dash-published"), number(o.published, 0), "published"),
      card(s("dash-articles"), number(o.articles, 0), "articles"),
      card(s("dash-photos"), number(o.photos, 0), "photos"),
      card(s("dash-median-hours"), number(o.medianDecisionHours), "median"),
    ),
    el("h3", {}, s("dash-groups")),
    el("div", { className: "cards" }, groups.map((g) => card(g.label, number(o.groups[g.id], 0), `group-${g.id}`))),
    el("h3", {}, s("dash-kecamatan")),
    el(
      "div",
      { className: "scroll" },
      el(
        "table",
        { id: "kecamatan-table" },
        el("thead", {}, el("tr", {}, ["dash-kec-name", "dash-kec-kims", "dash-kec-active", "dash-kec-items", "dash-kec-published", "dash-kec-score"].map((k) => el("th", {}, s(k))))),
        el(
          "tbody",
          {},
          o.kecamatan.map((k) =>
            el(
              "tr",
              {},
              el("td", {}, k.name),
              el("td", { className: "num" }, number(k.kims, 0)),
              el("td", { className: "num" }, `${number(Math.round(k.activeShare * 100), 0)}%`),
              el("td", { className: "num" }, number(k.submissions, 0)),
              el("td", { className: "num" }, number(k.published, 0)),
              el("td", { className: "num" }, number(k.averageScore)),
            ),
          ),
        ),
      ),
    ),
  );
}

function tableRows(table) {
  const idIndex = table.columns.indexOf("kim-id");
  return table.rows.map((row) =>
    el(
      "tr",
      { "data-kim": row[idIndex] },
      row.map((cell, i) => {
        const text = cellText(cell);
        // The label shows beside the value where a phone shows each KIM as a card (app.css).
        const label = table.header[i];
        if (table.columns[i] === "kim") return el("td", { "data-label": label }, el("a", { href: `?kim=${row[idIndex]}`, onclick: (e) => openKim(e, row[idIndex]) }, text));
        return el("td", { className: typeof cell === "number" ? "num" : undefined, "data-label": label }, text);
      }),
    ),
  );
}

function sortButton(table, col, i) {
  const active = state.sort === col;
  const mark = active ? (state.descending ? " ▼" : " ▲") : "";
  return el(
    "th",
    { "aria-sort": active ? (state.descending ? "descending" : "ascending") : "none" },
    el(
      "button",
      {
        type: "button",
        "data-sort": col,
        onclick: () => {
          state.descending = active ? !state.descending : false;
          state.sort = col;
          void loadTable();
        },
      },
      table.header[i] + mark,
    ),
  );
}

function filterControls(table) {
  const kec = el(
    "select",
    { id: "filter-kecamatan", "aria-label": s("dash-filter-kecamatan") },
    el("option", { value: "" }, s("dash-all")),
    table.kecamatan.map((k) => el("option", { value: String(k.id), selected: String(k.id) === state.kecamatan }, k.name)),
  );
  const group = el(
    "select",
    { id: "filter-group", "aria-label": s("dash-filter-group") },
    el("option", { value: "" }, s("dash-all")),
    state.me.groups.map((g) => el("option", { value: g.id, selected: g.id === state.group }, g.label)),
  );
  const changed = () => {
    state.kecamatan = kec.value;
    state.group = group.value;
    void loadTable();
  };
  kec.addEventListener("change", changed);
  group.addEventListener("change", changed);
  const download = el("button", { type: "button", id: "download-csv", onclick: () => void downloadCsv() }, s("dash-download-csv"));
  return el(
    "div",
    { className: "controls" },
    el("label", {}, s("dash-filter-kecamatan"), " ", kec),
    el("label", {}, s("dash-filter-group"), " ", group),
    download,
  );
}

function renderTable(table) {
  const section = document.getElementById("kims");
  const more = table.rows.length < table.matching ? el("button", { type: "button", id: "show-more", onclick: () => void loadMore() }, s("dash-show-more")) : null;
  section.replaceChildren(
    el("h2", {}, s("dash-kims"), " ", el("small", { id: "kim-count" }, `${number(table.matching, 0)} / ${number(table.total, 0)}`)),
    filterControls(table),
    el(
      "div",
      { className: "scroll" },
      el("table", { id: "kim-table" }, el("thead", {}, el("tr", {}, table.columns.map((c, i) => sortButton(table, c, i)))), el("tbody", {}, tableRows(table))),
    ),
    ...(more ? [more] : []),
  );
}

async function loadTable() {
  try {
    state.table = await (await api(`/api/kims?${query({ limit: String(PAGE_SIZE) })}`)).json();
    renderTable(state.table);
  } catch (err) {
    showError(err);
  }
}

/** The next page of rows of the same selection, added below the ones shown. */
async function loadMore() {
  try {
    const next = await (await api(`/api/kims?${query({ offset: String(state.table.rows.length), limit: String(PAGE_SIZE) })}`)).json();
    state.table.rows = state.table.rows.concat(next.rows);
    renderTable(state.table);
  } catch (err) {
    showError(err);
  }
}

async function downloadCsv() {
  try {
    const res = await api(`/api/kims.csv?${query()}`);
    const name = /filename="([^"]+)"/.exec(res.headers.get("Content-Disposition") || "");
    const url = URL.createObjectURL(await res.blob());
    const a = el("a", { href: url, download: name ? name[1] : "kim.csv" });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (err) {
    showError(err);
  }
}

function releaseBlobs() {
  for (const url of state.blobs) URL.revokeObjectURL(url);
  state.blobs = [];
}

async function showDistrict() {
  releaseBlobs();
  main().replaceChildren(el("p", { className: "loading" }, s("dash-loading")));
  try {
    // Both asked at once: on a slow mobile network every round trip counts.
    const [overview, table] = await Promise.all([
      api(`/api/overview?${query()}`).then((r) => r.json()),
      api(`/api/kims?${query({ limit: String(PAGE_SIZE) })}`).then((r) => r.json()),
    ]);
    const kims = el("section", { id: "kims" });
    const charts = el("section", { id: "charts" }, el("h2", {}, s("dash-charts")));
    main().replaceChildren(periodControls(() => void showDistrict()), overviewSection(overview), charts, kims);
    state.table = table;
    renderTable(table);
    // Usable from here: the figures and the table are on the page; the charts follow.
    document.body.dataset.interactive = "district";
    charts.append(...(await Promise.all([chartImage("weekly"), chartImage("score")])));
    document.body.dataset.ready = "district";
  } catch (err) {
    if (err instanceof HttpError && err.status === 400) {
      main().replaceChildren(periodControls(() => void showDistrict()), el("p", { className: "notice", role: "alert" }, s("dash-bad-period")));
      return;
    }
    showError(err);
  }
}

function list(items, render, emptyKey) {
  if (items.length === 0) return el("p", { className: "muted" }, s(emptyKey));
  return el("ul", {}, items.map((i) => el("li", {}, render(i))));
}

function indicatorList(ind) {
  if (!ind) return null;
  return el(
    "dl",
    { className: "indicators" },
    ind.header.flatMap((h, i) => [el("dt", {}, h), el("dd", {}, cellText(ind.cells[i]))]),
  );
}

function statusLabel(status) {
  return s(`dash-status-${status}`);
}

async function showKim(id) {
  releaseBlobs();
  main().replaceChildren(el("p", { className: "loading" }, s("dash-loading")));
  try {
    const k = await (await api(`/api/kim/${encodeURIComponent(id)}?${query()}`)).json();
    if (!state.table) state.table = { decimal: state.me.locale === "en" ? "." : "," };
    const weeks = el(
      "div",
      { className: "scroll" },
      el(
        "table",
        { id: "kim-weekly" },
        el("thead", {}, el("tr", {}, el("th", {}, s("dash-week")), el("th", {}, s("dash-kec-items")), el("th", {}, s("dash-kec-published")))),
        el("tbody", {}, k.weekly.map((w) => el("tr", {}, el("td", {}, w.week), el("td", { className: "num" }, w.submissions), el("td", { className: "num" }, w.published)))),
      ),
    );
    const pause = k.pause ? (k.pause.until ? `${s("dash-paused-until")} ${k.pause.until}` : s("dash-paused-open")) : s("dash-not-paused");
    main().replaceChildren(
      el("p", {}, el("a", { href: "?", id: "back", onclick: (e) => openDistrict(e) }, `← ${s("dash-back")}`)),
      el("section", { id: "kim-page", "data-kim": k.id }, [
        el("h2", {}, k.name),
        el("p", { className: "muted" }, [k.desa, k.kecamatan].filter(Boolean).join(", ")),
        el("p", { id: "kim-pause" }, pause, k.pause && k.pause.reason ? ` (${k.pause.reason})` : ""),
        indicatorList(k.indicators),
        el("h3", {}, s("dash-members")),
        list(k.members, (m) => (m.status === "pending" ? `${m.name} (${s("dash-member-pending")})` : m.name), "dash-none"),
        el("h3", {}, s("dash-weekly")),
        weeks,
        el("h3", {}, s("dash-last-submissions")),
        list(
          k.submissions,
          (x) => [
            el("span", { className: "muted" }, `${x.number === null ? "" : `#${x.number} `}${x.confirmedAt || ""} · ${statusLabel(x.status)} `),
            x.url ? el("a", { href: x.url, target: "_blank", rel: "noopener noreferrer" }, s("dash-channel-post")) : null,
            el("div", {}, x.excerpt),
          ],
          "dash-none",
        ),
        el("h3", {}, s("dash-reminders")),
        list(k.reminders, (r) => `${r.week} · ${r.sentAt}`, "dash-none"),
      ]),
    );
    document.body.dataset.ready = "kim";
  } catch (err) {
    showError(err);
  }
}

function openKim(event, id) {
  event.preventDefault();
  history.pushState({ kim: id }, "", `?kim=${id}`);
  void showKim(id);
}

function openDistrict(event) {
  event.preventDefault();
  history.pushState({}, "", window.location.pathname);
  void showDistrict();
}

function route() {
  const kim = new URLSearchParams(window.location.search).get("kim");
  delete document.body.dataset.ready;
  delete document.body.dataset.interactive;
  if (kim && /^\d+$/.test(kim)) return showKim(kim);
  return showDistrict();
}

async function start() {
  state.initData = readInitData();
  try {
    state.me = await (await api("/api/me")).json();
  } catch (err) {
    showError(err);
    document.body.dataset.ready = "refused";
    return;
  }
  document.documentElement.lang = state.me.locale;
  state.period = new URLSearchParams(window.location.search).get("periode") || state.me.defaultPeriod;
  document.getElementById("me").textContent = state.me.user.name;
  document.getElementById("title").textContent = s("dash-title");
  window.addEventListener("popstate", () => void route());
  await route();
}

void start();
