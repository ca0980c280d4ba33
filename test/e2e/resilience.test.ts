// What members and admins see when Telegram misbehaves for a moment: late callback answers,
// double taps, dropped connections and 5xx in the middle of a handler.
import { afterEach, describe, expect, it } from "vitest";
import pg from "pg";
import { ADMIN_GROUP, buttonWith, startScenario, textOf, waitForCard, waitUntil, type Scenario } from "../support/harness.js";
import { TEST_PROVIDER, tempDatabase } from "../support/temp-db.js";

let s: Scenario | undefined;
afterEach(async () => {
  await s?.stop();
  await s?.tg.stop();
  s = undefined;
});

const MEMBER = { id: 901, first_name: "Tini" };
const TOO_OLD = { error_code: 400, description: "Bad Request: query is too old and response timeout expired or query ID is invalid" };

async function preview(sc: Scenario, text: string) {
  const { tg } = sc;
  const since = tg.botMessages(MEMBER.id).length;
  tg.userSendsText(MEMBER.id, text);
  return tg.waitFor(() => tg.botMessages(MEMBER.id).slice(since).find((m) => textOf(m).includes("Pratinjau kiriman")));
}

describe("a member's answers survive a misbehaving Telegram", () => {
  it("shows Terkirim with the number even when the tap's answer is refused as too old", async () => {
    s = await startScenario();
    await s.joinMember(MEMBER);
    const { tg } = s;
    const prompt = await preview(s, "Posyandu balita di Desa Jaar setiap Rabu pagi.");
    tg.failNext("answerCallbackQuery", TOO_OLD);
    tg.userPresses(MEMBER.id, prompt, buttonWith(prompt, "Kirim"));
    const done = await tg.waitFor(() => textOf(tg.message(MEMBER.id, prompt.message_id)).includes("Terkirim") && tg.message(MEMBER.id, prompt.message_id));
    const id = Number(/#(\d+)/.exec(textOf(done))![1]);
    await waitForCard(s, id);
    expect(tg.botMessages(MEMBER.id).some((m) => textOf(m).includes("kesalahan"))).toBe(false);
  });

  it("answers a double tap on Kirim with the same number, never with an error", async () => {
    s = await startScenario();
    await s.joinMember(MEMBER);
    const { tg } = s;
    const prompt = await preview(s, "Lomba kebersihan antar-RT di Tamiang Layang.");
    const data = buttonWith(prompt, "Kirim");
    tg.userPresses(MEMBER.id, prompt, data);
    tg.userPresses(MEMBER.id, prompt, data);
    const done = await tg.waitFor(() => textOf(tg.message(MEMBER.id, prompt.message_id)).includes("Terkirim") && tg.message(MEMBER.id, prompt.message_id));
    const id = Number(/#(\d+)/.exec(textOf(done))![1]);
    await waitForCard(s, id);
    await s.settled();
    expect(tg.botMessages(MEMBER.id).some((m) => textOf(m).includes("kesalahan"))).toBe(false);
    expect(textOf(tg.message(MEMBER.id, prompt.message_id))).toContain(`#${id}`);
    const cards = tg.botMessages(ADMIN_GROUP).filter((m) => textOf(m).includes(`Kiriman #${id}`));
    expect(cards).toHaveLength(1);
  });

  it("still gets the preview when Telegram drops the connection and answers 500 on the way", async () => {
    s = await startScenario();
    await s.joinMember(MEMBER);
    const { tg } = s;
    tg.dropConnectionNext("sendMessage");
    tg.failNext("sendMessage", { error_code: 500, description: "Internal Server Error" }, 1, (p) => p.chat_id === MEMBER.id);
    const prompt = await preview(s, "Pembagian bibit karet untuk kelompok tani Paju Epat.");
    expect(textOf(prompt)).toContain("bibit karet");
    expect(await s.app.db.submission.count({ where: { text: { contains: "bibit karet" } } })).toBe(1);
  });
});

describe("an update whose handler failed for a passing reason runs again", () => {
  const FIVE_HUNDRED = { error_code: 500, description: "Internal Server Error" };
  const toMember = (p: Record<string, unknown>) => p.chat_id === MEMBER.id;

  it("sends the preview on a later run when Telegram fails longer than the in-place retries: one draft, one preview", async () => {
    s = await startScenario();
    await s.joinMember(MEMBER);
    const { tg } = s;
    // Four failures: the first run gives up after its three in-place retries; the second run succeeds.
    tg.failNext("sendMessage", FIVE_HUNDRED, 4, toMember);
    const prompt = await preview(s, "Gotong royong membersihkan makam desa di Telang.");
    await s.settled();
    expect(await s.app.db.submission.count({ where: { text: { contains: "makam desa" } } })).toBe(1);
    expect(tg.botMessages(MEMBER.id).filter((m) => textOf(m).includes("Pratinjau kiriman"))).toHaveLength(1);
    expect(tg.botMessages(MEMBER.id).some((m) => textOf(m).includes("Maaf"))).toBe(false);
    expect(textOf(prompt)).toContain("makam desa");
  });

  it("shows Terkirim with the number on a later run when the edit keeps failing for a while", async () => {
    s = await startScenario();
    await s.joinMember(MEMBER);
    const { tg } = s;
    const prompt = await preview(s, "Sosialisasi pencegahan stunting di Puskesmas Tamiang Layang.");
    tg.failNext("editMessageText", FIVE_HUNDRED, 5, toMember);
    tg.userPresses(MEMBER.id, prompt, buttonWith(prompt, "Kirim"));
    const done = await tg.waitFor(() => textOf(tg.message(MEMBER.id, prompt.message_id)).includes("Terkirim") && tg.message(MEMBER.id, prompt.message_id));
    const id = Number(/#(\d+)/.exec(textOf(done))![1]);
    await waitForCard(s, id);
    await s.settled();
    expect(tg.botMessages(ADMIN_GROUP).filter((m) => textOf(m).includes(`Kiriman #${id}`))).toHaveLength(1);
  });

  it("when every run fails, says the message is saved only because it is, and sends the preview once Telegram is back", async () => {
    s = await startScenario();
    await s.joinMember(MEMBER);
    const { tg } = s;
    // Five runs of four calls each all fail, and the apology after them too.
    tg.failNext("sendMessage", FIVE_HUNDRED, 24, toMember);
    const since = tg.botMessages(MEMBER.id).length;
    tg.userSendsText(MEMBER.id, "Pelatihan jurnalistik warga untuk pengurus KIM se-Kecamatan Dusun Timur.");
    const prompt = await tg.waitFor(() => tg.botMessages(MEMBER.id).slice(since).find((m) => textOf(m).includes("Pratinjau kiriman")), 20_000);
    expect(textOf(prompt)).toContain("jurnalistik warga");
    await s.settled();
    expect(await s.app.db.submission.count({ where: { text: { contains: "jurnalistik warga" } } })).toBe(1);
    expect(tg.botMessages(MEMBER.id).filter((m) => textOf(m).includes("Pratinjau kiriman"))).toHaveLength(1);
  });
});

describe("a tap on Kirim that meets other work in the database", () => {
  /**
   * Makes the tap's confirmation fail the way it did with three instances at full load: on
   * PostgreSQL its transaction waits behind another one's lock on the submission counter for
   * longer than a transaction may last (Prisma's 5 s) and expires (P2028); SQLite has one writer,
   * so there its transaction cannot even start within its wait (2 s) while another one is open
   * (P2028 too). Either way the confirmation was rolled back whole. Returns the release.
   */
  async function blockConfirmations(sc: Scenario, pressed: () => void): Promise<() => Promise<void>> {
    if (TEST_PROVIDER === "postgresql") {
      const other = new pg.Client({ connectionString: sc.config.databaseUrl });
      await other.connect();
      await other.query(`INSERT INTO "Counter" ("name", "value") VALUES ('submission', 0) ON CONFLICT DO NOTHING`);
      await other.query("BEGIN");
      await other.query(`SELECT "value" FROM "Counter" WHERE "name" = 'submission' FOR UPDATE`);
      pressed();
      const waiting = async () =>
        Number((await other.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).rows[0].n) > 0;
      await waitUntil(waiting, 10_000, "the confirmation waiting for the counter");
      // Past the confirmation's transaction timeout (5 s): it expires while it waits.
      await new Promise((r) => setTimeout(r, 5_500));
      return async () => {
        await other.query("COMMIT");
        await other.end();
      };
    }
    let release!: () => void;
    const held = sc.app.db.$transaction(
      async (tx) => {
        await tx.counter.findMany();
        await new Promise<void>((r) => (release = r));
      },
      { timeout: 60_000 },
    );
    pressed();
    // The confirmation gave up waiting to start: logged as a failure of the update, whichever kind.
    await waitUntil(async () => sc.logs.some((l) => /running it again|handler failed/.test(String(l.msg))), 15_000, "the confirmation to fail");
    return async () => {
      release();
      await held;
    };
  }

  it("runs again once the other work is done: Terkirim, one card, no apology", async () => {
    s = await startScenario({ captureLogs: true });
    await s.joinMember(MEMBER);
    const { tg, app } = s;
    const prompt = await preview(s, "Penyuluhan kesehatan ibu hamil di Posyandu Desa Telang.");
    const release = await blockConfirmations(s, () => tg.userPresses(MEMBER.id, prompt, buttonWith(prompt, "Kirim")));
    await release();
    const done = await tg.waitFor(() => textOf(tg.message(MEMBER.id, prompt.message_id)).includes("Terkirim") && tg.message(MEMBER.id, prompt.message_id), 30_000);
    const id = Number(/#(\d+)/.exec(textOf(done))![1]);
    await waitForCard(s, id);
    await s.settled();
    expect(tg.botMessages(ADMIN_GROUP).filter((m) => textOf(m).includes(`Kiriman #${id}`))).toHaveLength(1);
    expect(tg.botMessages(MEMBER.id).some((m) => /kesalahan|Maaf/.test(textOf(m)))).toBe(false);
    expect(await app.db.submission.count({ where: { number: id, status: "pending" } })).toBe(1);
    // Said in the log as what it was: a conflict, retried.
    const retried = s.logs.filter((l) => String(l.msg).includes("running it again"));
    expect(retried.length).toBeGreaterThan(0);
    expect(String(retried[0]!.reason)).toMatch(/^database conflict/);
    expect(s.logs.some((l) => l.level >= 50)).toBe(false);
  }, 60_000);
});

describe("a database that cannot be written", () => {
  it("tells the member to try later, says why in the log once, loses nothing and recovers by itself", async () => {
    // SQLite's own way of refusing writes, on a SQLite file whatever TEST_DATABASE says.
    s = await startScenario({ captureLogs: true, env: { DATABASE_URL: tempDatabase().url } });
    await s.joinMember(MEMBER);
    const { tg, app } = s;
    // The database turns read-only (a remounted disk, a changed permission): no write succeeds.
    await app.db.$queryRawUnsafe("PRAGMA query_only = 1");
    const since = tg.botMessages(MEMBER.id).length;
    tg.userSendsText(MEMBER.id, "Kabar banjir di Desa Jaar: air mulai surut sore ini.");
    await tg.waitFor(() => tg.botMessages(MEMBER.id).slice(since).find((m) => textOf(m).includes("coba kirim lagi nanti") || textOf(m).includes("Coba kirim lagi nanti")), 10_000);
    await tg.waitFor(() => s!.logs.some((l) => String(l.msg).startsWith("database read-only")), 10_000);

    // Writable again: the update Telegram kept is stored and handled without anyone re-sending it.
    await app.db.$queryRawUnsafe("PRAGMA query_only = 0");
    const prompt = await tg.waitFor(() => tg.botMessages(MEMBER.id).slice(since).find((m) => textOf(m).includes("Pratinjau kiriman")), 20_000);
    expect(textOf(prompt)).toContain("air mulai surut");
    expect(tg.botMessages(MEMBER.id).slice(since).filter((m) => textOf(m).includes("lagi nanti"))).toHaveLength(1);
    expect(s.logs.filter((l) => String(l.msg).startsWith("database read-only"))).toHaveLength(1);
    await tg.waitFor(() => s!.logs.some((l) => String(l.msg).startsWith("database writable again")));
  });
});

describe("bad input gets a clear answer", () => {
  it("answers commands whose argument Telegram could never echo back", async () => {
    s = await startScenario();
    const { tg } = s;
    const huge = "Hapau ".repeat(900);
    for (const command of [`/undangan ${huge}`, `/anggota ${huge}`, "/riwayat 99999999999999999999", "/terbitkan_ulang #99999999999999999999", "/hoaks hapus 1e99"]) {
      const before = tg.botMessages(ADMIN_GROUP).length;
      tg.userSendsText(5001, command, { chatId: ADMIN_GROUP });
      const answer = await tg.waitForNewBotMessage(ADMIN_GROUP, before);
      expect(textOf(answer).length).toBeLessThan(4096);
    }
    await s.settled();
    expect(tg.calls.filter((c) => !c.ok && c.method !== "getUpdates")).toEqual([]);
  });
});

describe("one chat cannot flood the bot before confirming anything", () => {
  it("a member pasting 30 posts at once gets 10 drafts and one 'terlalu cepat'", async () => {
    s = await startScenario();
    await s.joinMember(MEMBER);
    const { tg } = s;
    const since = tg.botMessages(MEMBER.id).length;
    for (let i = 0; i < 30; i++) tg.userSendsText(MEMBER.id, `Kabar kegiatan nomor ${i} dari Desa Jaar.`);
    await s.settled();
    const answers = tg.botMessages(MEMBER.id).slice(since);
    expect(answers.filter((m) => textOf(m).includes("Pratinjau kiriman"))).toHaveLength(10);
    expect(answers.filter((m) => textOf(m).includes("Terlalu cepat"))).toHaveLength(1);
    expect(await s.app.db.submission.count({ where: { text: { contains: "Kabar kegiatan nomor" } } })).toBe(10);
  });

  it("a stranger sending /start 100 times gets at most the per-minute limit of answers", async () => {
    s = await startScenario();
    const { tg } = s;
    const stranger = { id: 977, first_name: "Iseng" };
    tg.addUser(stranger);
    for (let i = 0; i < 100; i++) tg.userSendsText(stranger.id, "/start");
    await s.settled(20_000);
    const answers = tg.botMessages(stranger.id);
    // Each /start handled gets a greeting (and the kecamatan picker); the rest get nothing.
    expect(answers.filter((m) => textOf(m).includes("Halo, Iseng")).length).toBe(s.config.flood.updatesPerMinute);
    expect(answers.filter((m) => textOf(m).includes("Terlalu cepat"))).toHaveLength(1);
  });
});
