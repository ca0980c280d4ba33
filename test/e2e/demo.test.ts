import { execFile, spawn } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/paths.js";

describe("npm run demo", () => {
  it("plays its scene without network or token and exits 0", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "src/demo/main.ts")], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? "" },
      timeout: 90_000,
    });
    expect(stdout).toContain("Selamat bergabung di KIM Hapau Habar");
    expect(stdout).toContain("[Info KIM Barito Timur] bot #1: [photo 1600×1200] Kerja bakti");
    expect(stdout).toContain("Ajakan menyebarkan");
    expect(stdout).toContain("Mirip klaim hoaks yang sudah dikenal");
    expect(stdout).toContain("KIM Netampin Bersinar belum pernah mengirim berita");
    expect(stdout).toContain("Laporan keaktifan KIM");
    expect(stdout).toMatch(/\[document keaktifan-kim-[^\]]*\.csv/);
    expect(stdout).toContain("yang sudah terbit mirip klaim hoaks baru dari turnbackhoax.id");
    expect(stdout).toMatch(/\[Info KIM Barito Timur\] bot deletes #\d+/);
    expect(stdout).toContain("Demo selesai / demo finished.");
    expect(stdout).toMatch(/━━━ Dasbor \/ dashboard ━━━\nhttp:\/\/127\.0\.0\.1:\d+\/dasbor#tgWebAppData=/);

    // It starts with the start-up checks, all passing, and shows the admins' /bantuan.
    const first = stdout.indexOf("[Admin Diskominfo] bot #1:");
    const report = stdout.slice(first, stdout.indexOf("━━━", first));
    expect(report).toContain("🩺 Pemeriksaan JEDI KIM Bot");
    expect(report).not.toContain("❌");
    expect(stdout).toContain("Perintah grup admin");
    // What the bot says (the lines after "bot #n:" and their continuations) has no internal code,
    // no raw chat id, no English, and no contradiction of the kinds users saw.
    const botText = stdout
      .split(/\n(?=\[|━━━)/)
      .filter((block) => / bot (#\d+|edits #\d+|answers)/.test(block))
      .join("\n");
    expect(botText).not.toMatch(/submission\.|review\.card|pending →|→ pending|-100\d{10}/);
    expect(botText).not.toMatch(/\b(Submission|Reason|Sent!|Approved|Rejected|members?|Welcome)\b/);
    expect(botText).not.toMatch(/#\d{1,3}\.\d{3}/);
    expect(botText).not.toContain("Semua KIM aktif");
    expect(botText).not.toContain("Risiko: Risiko");
  }, 120_000);

  it("with --keep, keeps serving the dashboard it printed until Ctrl-C", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "src/demo/main.ts"), "--keep"], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? "" },
    });
    let out = "";
    child.stdout.on("data", (b: Buffer) => (out += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      const deadline = Date.now() + 100_000;
      while (!out.includes("Ctrl-C")) {
        if (Date.now() > deadline) throw new Error(`the demo did not keep running:\n${out.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      const link = [...out.matchAll(/(http:\/\/127\.0\.0\.1:\d+)\/dasbor#tgWebAppData=(\S+)/g)].pop()!;
      const me = await fetch(`${link[1]}/api/me`, { headers: { Authorization: `tma ${decodeURIComponent(link[2]!)}` } });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { user: { name: string } }).user.name).toBe("Sari (admin)");
      const table = (await (await fetch(`${link[1]}/api/kims`, { headers: { Authorization: `tma ${decodeURIComponent(link[2]!)}` } })).json()) as { total: number };
      expect(table.total).toBeGreaterThan(3);
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
  }, 150_000);
});
