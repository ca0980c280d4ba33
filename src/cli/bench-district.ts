// The synthetic district of the benchmarks (bench:reports, bench:dashboard): a temporary SQLite
// database with the migrations before the activity summary, filled with KIMs across kecamatan
// and submissions over two years (better-sqlite3, prepared statements, one transaction), and the
// timing helpers both report with.
import { copyFileSync, cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { mulberry32 } from "../random.js";
import { applyMigrations, MIGRATIONS_DIR } from "../db/migrate.js";

export const TIME_ZONE = "Asia/Jakarta";
export const NOW = new Date("2026-11-30T03:00:00Z"); // Monday 10:00 in Jakarta
export const DAY = 86_400_000;

function pick<T>(r: () => number, table: Array<[T, number]>): T {
  let x = r();
  for (const [v, p] of table) {
    if ((x -= p) < 0) return v;
  }
  return table[table.length - 1]![0];
}

export function generate(file: string, kims: number, submissions: number): { seconds: number; mediaRows: number; members: number } {
  const started = performance.now();
  const r = mulberry32(20261130);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -200000");
  const start = NOW.getTime() - 730 * DAY;
  const kecamatanCount = Math.max(1, Math.round(kims / 20));

  const insKec = db.prepare(`INSERT INTO "Kecamatan" ("id", "name", "normName", "createdAt") VALUES (?, ?, ?, ?)`);
  const insKim = db.prepare(
    `INSERT INTO "Kim" ("id", "kecamatanId", "name", "normName", "inviteCode", "isSample", "pausedUntil", "createdAt", "updatedAt")
     VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)`,
  );
  const insMember = db.prepare(
    `INSERT INTO "Member" ("id", "telegramId", "firstName", "displayName", "languageCode", "kimId", "status", "blockedAt", "joinedAt", "createdAt", "updatedAt")
     VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?)`,
  );
  const insSub = db.prepare(
    `INSERT INTO "Submission" ("id", "memberId", "kimId", "kind", "text", "status", "createdAt", "confirmedAt", "decidedAt", "riskLevel", "publishedAt", "version")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
  );
  const insMedia = db.prepare(
    `INSERT INTO "SubmissionMedia" ("submissionId", "position", "kind", "fileId", "fileUniqueId") VALUES (?, ?, ?, ?, ?)`,
  );

  // Texts of varied length, some long enough to count as articles with a photo.
  const words = "warga desa gotong royong kerja bakti posyandu balita jalan rusak musyawarah bantuan sosial pelatihan umkm".split(" ");
  const texts = Array.from({ length: 512 }, () => {
    const len = Math.floor(20 + r() * r() * 900);
    let s = "";
    while (s.length < len) s += words[Math.floor(r() * words.length)] + " ";
    return s.slice(0, len).trim();
  });

  // KIM activity profiles: some busy, most moderate, some that went quiet months ago.
  const weight = new Float64Array(kims);
  const quietSince = new Float64Array(kims).fill(Infinity);
  const memberOf = new Int32Array(kims);
  let members = 0;
  let mediaRows = 0;

  const tx = db.transaction(() => {
    for (let k = 1; k <= kecamatanCount; k++) insKec.run(k, `Kecamatan ${k}`, `kecamatan ${k}`, start - 30 * DAY);
    for (let i = 0; i < kims; i++) {
      const id = i + 1;
      const kec = 1 + (i % kecamatanCount);
      const profile = r();
      weight[i] = profile < 0.2 ? 3 : profile < 0.75 ? 1 : profile < 0.9 ? 0.3 : 0.5;
      if (profile >= 0.9) quietSince[i] = NOW.getTime() - (30 + r() * 300) * DAY;
      const paused = r() < 0.02 ? NOW.getTime() + 20 * DAY : null;
      const created = start - Math.floor(r() * 60) * DAY;
      insKim.run(id, kec, `KIM Desa ${id}`, `kim desa ${id}`, `inv${id.toString(36)}x${i}`, paused, created, created);
      const n = 1 + Math.floor(r() * 3);
      for (let m = 0; m < n; m++) {
        members++;
        if (m === 0) memberOf[i] = members;
        const blocked = r() < 0.03 ? NOW.getTime() - 10 * DAY : null;
        insMember.run(members, 100_000_000 + members, `Anggota ${members}`, `Anggota ${members}`, r() < 0.1 ? "en" : "id", id, blocked, created, created, created);
      }
    }

    // Cumulative weights for picking a KIM in proportion to its activity.
    const cum = new Float64Array(kims);
    let acc = 0;
    for (let i = 0; i < kims; i++) cum[i] = acc += weight[i]!;
    const pickKim = (): number => {
      const x = r() * acc;
      let lo = 0;
      let hi = kims - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cum[mid]! < x) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };

    // Submissions in time order, as ids grow in real life.
    const times = new Float64Array(submissions);
    for (let i = 0; i < submissions; i++) times[i] = start + Math.floor(r() * 730 * DAY);
    times.sort();
    for (let i = 0; i < submissions; i++) {
      const id = i + 1;
      const t = times[i]!;
      let k = pickKim();
      for (let tries = 0; tries < 5 && t >= quietSince[k]!; tries++) k = pickKim();
      const kind = pick(r, [
        ["text", 0.35],
        ["photo", 0.4],
        ["album", 0.1],
        ["video", 0.1],
        ["document", 0.05],
      ]);
      const recent = NOW.getTime() - t < 3 * DAY;
      const draft = r() < 0.02;
      const status = draft
        ? "draft"
        : recent && r() < 0.5
          ? "pending"
          : pick(r, [
              ["published", 0.7],
              ["rejected", 0.1],
              ["hoax", 0.01],
              ["approved", 0.03],
              ["publish_failed", 0.01],
              ["withdrawn", 0.03],
              ["revision", 0.02],
              ["pending", 0.1],
            ]);
      const decided = ["published", "rejected", "hoax", "approved", "publish_failed", "revision"].includes(status);
      const decidedAt = decided ? Math.min(NOW.getTime() - 1000, t + Math.floor(-Math.log(1 - r()) * 6 * 3_600_000)) : null;
      const risk = draft ? null : pick(r, [["low", 0.8], ["medium", 0.12], ["high", 0.03], [null, 0.05]]);
      insSub.run(
        id,
        memberOf[k]!,
        k + 1,
        kind,
        texts[Math.floor(r() * texts.length)]!,
        status,
        t - 60_000,
        draft ? null : t,
        decidedAt,
        risk,
        status === "published" ? decidedAt : null,
      );
      const media = kind === "album" ? 2 + Math.floor(r() * 5) : kind === "text" ? 0 : 1;
      for (let p = 0; p < media; p++) {
        const mk = kind === "album" ? (r() < 0.85 ? "photo" : "video") : kind;
        insMedia.run(id, p, mk, `f${id}_${p}`, `u${id}_${p}`);
        mediaRows++;
      }
    }
  });
  tx();
  db.close();
  return { seconds: (performance.now() - started) / 1000, mediaRows, members };
}

/**
 * Median wall time of `runs` runs after a warm-up, and the median CPU time of the process over
 * the same runs (less sensitive than wall time to other work on a shared machine).
 */
export async function timeIt<T>(runs: number, fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; all: number[]; result: T }> {
  let result = await fn(); // warm-up
  const all: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = await fn();
    all.push(Math.round((performance.now() - t0) * 10) / 10);
    const c = process.cpuUsage(c0);
    cpu.push(Math.round((c.user + c.system) / 100) / 10);
  }
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { ms: mid(all), cpuMs: mid(cpu), all, result };
}

/** The migrations that come before the activity summary's, copied to a folder of their own. */
export function migrationsBeforeSummary(): string {
  const all = readdirSync(MIGRATIONS_DIR).filter((d) => /^\d{14}_/.test(d)).sort();
  const own = all.findIndex((d) => d.endsWith("_activity_summary"));
  const dir = mkdtempSync(path.join(tmpdir(), "jedikim-bench-migrations-"));
  copyFileSync(path.join(MIGRATIONS_DIR, "migration_lock.toml"), path.join(dir, "migration_lock.toml"));
  for (const d of all.slice(0, own)) cpSync(path.join(MIGRATIONS_DIR, d), path.join(dir, d), { recursive: true });
  return dir;
}

export function machine(): string {
  const c = cpus();
  return `${c.length} × ${c[0]?.model.trim() ?? "?"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/**
 * A new temporary database with the migrations before the activity summary, filled with the
 * district; the caller applies the rest (the summary's migration fills it for these rows).
 */
export async function districtBeforeSummary(
  prefix: string,
  kims: number,
  submissions: number,
): Promise<{ dir: string; file: string; generated: { seconds: number; mediaRows: number; members: number } }> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const file = path.join(dir, "bench.db");
  const older = migrationsBeforeSummary();
  try {
    await applyMigrations(`file:${file}`, older);
  } finally {
    rmSync(older, { recursive: true, force: true });
  }
  console.log(`Generating ${kims} KIMs and ${submissions} submissions in ${file} …`);
  const generated = generate(file, kims, submissions);
  console.log(`Generated in ${generated.seconds.toFixed(1)} s (${generated.members} members, ${generated.mediaRows} media rows)`);
  return { dir, file, generated };
}
