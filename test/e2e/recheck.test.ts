// Issue 11, end to end: a fact-check arrives from a feed and what is already out is re-checked
// against it. A published post that matches is reported once, with a button that deletes the
// post from the channel, for admins only; a pending card shows the new reason.
import type { Message } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { enqueue } from "../../src/queue/jobs.js";
import { jobs } from "../../src/queue/kinds.js";
import { OffsetClock } from "../../src/clock.js";
import { ADMIN, ADMIN_GROUP, CHANNEL, buttonWith, startScenario, submitAs, textOf, waitUntil, type Scenario } from "../support/harness.js";
import { fixture, startFeedServer, type FeedServer } from "../support/feed-server.js";

const RECHECK_JOB = jobs.recheck.name;

const MEMBER = { id: 701, first_name: "Rina", language_code: "id" };
const STRANGER = { id: 702, first_name: "Orang", last_name: "Luar" };

const EMPTY_RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>TURNBACKHOAX (contoh)</title><link>https://turnbackhoax.id</link><description>-</description></channel></rss>`;
const RSS = fixture("turnbackhoax.rss.xml");
const CLAIM = "Pendaftaran Bantuan Sosial Tunai Rp 3 Juta Lewat Tautan WhatsApp";

// A post that spreads the claim, long enough to be published as two channel messages.
const LONG_POST = [
  "Kabar gembira untuk warga! Pendaftaran bantuan sosial tunai Rp 3 juta sekarang dibuka lewat tautan WhatsApp, jadi langsung daftar dari HP.",
  ...Array.from({ length: 45 }, (_, i) => `Catatan ${i + 1}: siapkan KTP dan kartu keluarga, isi formulir dengan lengkap, lalu tunggu konfirmasi dari petugas.`),
].join("\n");

let s: Scenario | undefined;
let feeds: FeedServer | undefined;
afterEach(async () => {
  await s?.stop();
  await s?.tg.stop();
  await feeds?.close();
  s = undefined;
  feeds = undefined;
});

async function scenario(clock?: OffsetClock): Promise<{ sc: Scenario; feeds: FeedServer }> {
  feeds = await startFeedServer({ "/feed": { kind: "feed", body: EMPTY_RSS, contentType: "application/rss+xml", etag: '"v1"' } });
  s = await startScenario({ env: { FACTCHECK_FEEDS: feeds.url("/feed") }, clock });
  await s.joinMember(MEMBER);
  s.tg.addUser(STRANGER);
  return { sc: s, feeds };
}

/** Approves a card (with the second tap a flagged card asks for) and waits for the channel post. */
async function publish(sc: Scenario, id: number, card: Message): Promise<void> {
  const { tg } = sc;
  tg.userPresses(ADMIN.id, card, buttonWith(card, "Setujui"));
  await waitUntil(async () => {
    const sub = await sc.app.db.submission.findUniqueOrThrow({ where: { id } });
    if (sub.status === "published") return true;
    const now = tg.message(ADMIN_GROUP, card.message_id)!;
    const second = (now.reply_markup?.inline_keyboard ?? []).flat().find((b) => b.text.includes("tetap setujui"));
    if (second && "callback_data" in second) tg.userPresses(ADMIN.id, now, second.callback_data!);
    return false;
  }, 10_000, `submission #${id} published`);
}

/** The feed publishes the fact-checks; the bot reads it now rather than at the next hour. */
async function factcheckArrives(sc: Scenario, server: FeedServer): Promise<void> {
  server.set("/feed", { kind: "feed", body: RSS, contentType: "application/rss+xml", etag: '"v2"' });
  const [result] = await sc.app.factcheck.poll();
  expect(result!.outcome).toBe("updated");
  await sc.idle();
}

function alertsFor(sc: Scenario, id: number): Message[] {
  return sc.tg.botMessages(ADMIN_GROUP).filter((m) => textOf(m).includes(`Kiriman #${id} yang sudah terbit`));
}

describe("re-check of what is already out", () => {
  it("alerts once for a published post matching a new fact-check, and shows the new reason on a pending card", async () => {
    const { sc, feeds: server } = await scenario();
    const { tg } = sc;
    const published = await submitAs(sc, MEMBER.id, () => tg.userSendsText(MEMBER.id, LONG_POST));
    await publish(sc, published.id, published.card);
    const pending = await submitAs(sc, MEMBER.id, () =>
      tg.userSendsText(MEMBER.id, "Teman-teman, katanya air rebusan daun sirsak bisa menyembuhkan demam berdarah dalam dua hari. Benarkah?"),
    );
    expect(textOf(pending.card)).not.toContain("Diperiksa ulang");

    await factcheckArrives(sc, server);
    const [alert] = alertsFor(sc, published.id);
    expect(textOf(alert)).toContain(`Kiriman #${published.id} yang sudah terbit mirip klaim hoaks baru dari turnbackhoax.id`);
    expect(textOf(alert)).toContain(CLAIM);
    expect(textOf(alert)).toContain("tinjau atau hapus dari kanal");
    expect(buttonWith(alert!, "Hapus dari kanal")).toMatch(/^rc:d:\d+$/);

    // The pending card now says why, and approving it needs the second tap.
    const card = await tg.waitFor(() => {
      const c = tg.message(ADMIN_GROUP, pending.card.message_id)!;
      return textOf(c).includes("Diperiksa ulang") && c;
    });
    expect(textOf(card)).toContain("turnbackhoax.id");
    const sub = await sc.app.db.submission.findUniqueOrThrow({ where: { id: pending.id } });
    expect(["medium", "high"]).toContain(sub.riskLevel);
    expect(sub.status).toBe("pending");

    // The same claim arriving again (added by hand), and the re-check running again: no second alert.
    tg.userSendsText(ADMIN.id, `/hoaks tambah ${CLAIM} | https://cekfakta.example/bansos-wa`, { chatId: ADMIN_GROUP });
    await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("ditambahkan"));
    const claimIds = (await sc.app.db.falseClaim.findMany({ select: { id: true } })).map((c) => c.id);
    // A second run of the same claims: without the kind's dedupe key, which would return the first job.
    await enqueue(sc.app.db, jobs.recheck, { claimIds }, { dedupeKey: null });
    sc.app.worker.wake();
    await sc.idle();
    const reruns = await sc.app.db.job.findMany({ where: { kind: RECHECK_JOB, status: "done" } });
    expect(reruns.length).toBeGreaterThanOrEqual(3);
    expect(alertsFor(sc, published.id)).toHaveLength(1);
    expect(await sc.app.db.recheckAlert.count({ where: { submissionId: published.id } })).toBe(1);
    // Nothing else was reported: the pending item is not "published", the rest did not match.
    expect(sc.tg.botMessages(ADMIN_GROUP).filter((m) => textOf(m).includes("yang sudah terbit"))).toHaveLength(1);

    // /hoaks sumber shows the feed's last success.
    tg.userSendsText(ADMIN.id, "/hoaks sumber", { chatId: ADMIN_GROUP });
    const sources = await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes("Sumber cek fakta"));
    expect(textOf(sources)).toContain("TURNBACKHOAX (contoh)");
    expect(textOf(sources)).toMatch(/Terakhir berhasil: \d/);
    expect(textOf(sources)).toContain("3 klaim ditambahkan");
  }, 60_000);

  it("deletes the whole post from the channel for an admin, and refuses non-admins and other chats", async () => {
    const { sc, feeds: server } = await scenario();
    const { tg } = sc;
    const published = await submitAs(sc, MEMBER.id, () => tg.userSendsText(MEMBER.id, LONG_POST));
    await publish(sc, published.id, published.card);
    const posted = await sc.app.db.submission.findUniqueOrThrow({ where: { id: published.id } });
    expect(posted.channelMessageIds).toHaveLength(2);
    expect(tg.botMessages(CHANNEL)).toHaveLength(2);

    await factcheckArrives(sc, server);
    const [alert] = alertsFor(sc, published.id);
    const remove = buttonWith(alert!, "Hapus dari kanal");

    // Someone who is not in the admin group.
    const stranger = tg.userPresses(STRANGER.id, alert!, remove);
    await tg.waitFor(() => tg.callbackAnswer(stranger.id));
    expect(tg.callbackAnswer(stranger.id)?.text).toContain("Hanya anggota grup admin");
    // An admin, but from another chat (forged onto a message of their private chat).
    tg.userSendsText(ADMIN.id, "/cek tes");
    const privateMsg = await tg.waitForBotMessage(ADMIN.id, (m) => textOf(m).includes("Hasil pemeriksaan"));
    const elsewhere = tg.userPresses(ADMIN.id, privateMsg, remove.replace("rc:d:", "rc:D:"), { allowMissingButton: true });
    await tg.waitFor(() => tg.callbackAnswer(elsewhere.id));
    expect(tg.callbackAnswer(elsewhere.id)?.text).toContain("Hanya anggota grup admin");
    await sc.idle();
    expect(tg.botMessages(CHANNEL)).toHaveLength(2);
    expect((await sc.app.db.submission.findUniqueOrThrow({ where: { id: published.id } })).status).toBe("published");

    // The admin: delete, then confirm.
    tg.userPresses(ADMIN.id, alert!, remove);
    const confirm = await tg.waitFor(() => {
      const m = tg.message(ADMIN_GROUP, alert!.message_id)!;
      return (m.reply_markup?.inline_keyboard ?? []).flat().some((b) => b.text.includes("Ya, hapus dari kanal")) && m;
    });
    expect(tg.botMessages(CHANNEL)).toHaveLength(2);
    tg.userPresses(ADMIN.id, confirm, buttonWith(confirm, "Ya, hapus dari kanal"));
    await tg.waitForBotMessage(ADMIN_GROUP, (m) => textOf(m).includes(`Kiriman #${published.id} dihapus dari kanal oleh Sari Admin`));
    await sc.idle();
    expect(tg.botMessages(CHANNEL)).toHaveLength(0);
    const removed = await sc.app.db.submission.findUniqueOrThrow({ where: { id: published.id } });
    expect(removed.status).toBe("removed");
    const told = await tg.waitForBotMessage(MEMBER.id, (m) => textOf(m).includes(`Kiriman #${published.id} kami turunkan dari kanal`));
    expect(textOf(told)).toContain("bukan berarti Anda sengaja");
    const events = await sc.app.db.auditEvent.findMany({ where: { submissionId: published.id }, orderBy: { id: "asc" } });
    const removal = events.find((e) => e.action === "submission.removed")!;
    expect(removal.actorId).toBe(BigInt(ADMIN.id));
    expect([removal.fromState, removal.toState]).toEqual(["published", "removed"]);
    expect(events.find((e) => e.action === "channel.post_deleted")?.detail).toEqual({ messageIds: posted.channelMessageIds });
    await tg.waitFor(() => textOf(tg.message(ADMIN_GROUP, published.card.message_id)).includes("Dihapus dari kanal"));

    // A second tap on the old alert does nothing more.
    const again = tg.userPresses(ADMIN.id, alert!, remove, { allowMissingButton: true });
    await tg.waitFor(() => tg.callbackAnswer(again.id));
    expect(tg.callbackAnswer(again.id)?.text).toContain("sudah dihapus dari kanal");
  }, 60_000);

  it("reports a post that was approved but not yet on the channel when the claim arrived, once it is published", async () => {
    const clock = new OffsetClock();
    const { sc, feeds: server } = await scenario(clock);
    const { tg } = sc;
    const { id, card } = await submitAs(sc, MEMBER.id, () => tg.userSendsText(MEMBER.id, LONG_POST));
    tg.holdNext("sendMessage", (p) => String(p.chat_id) === String(CHANNEL)); // publishing is under way
    tg.userPresses(ADMIN.id, card, buttonWith(card, "Setujui"));
    await tg.waitFor(() => tg.heldCount === 1);
    server.set("/feed", { kind: "feed", body: RSS, contentType: "application/rss+xml", etag: '"v2"' });
    await sc.app.factcheck.poll();
    const recheckDone = () => sc.app.db.job.count({ where: { kind: RECHECK_JOB, status: "done" } });
    await waitUntil(async () => (await recheckDone()) === 1, 10_000, "re-check done");
    // A follow-up is queued for a minute later, when the post should be out.
    expect(await sc.app.db.job.count({ where: { kind: RECHECK_JOB, status: "pending" } })).toBe(1);
    expect((await sc.app.db.submission.findUniqueOrThrow({ where: { id } })).status).toBe("approved");
    expect(alertsFor(sc, id)).toHaveLength(0);

    tg.releaseHolds();
    await waitUntil(async () => (await sc.app.db.submission.findUniqueOrThrow({ where: { id } })).status === "published", 10_000, "published");
    clock.advance(61_000); // the follow-up re-check is due
    sc.app.worker.wake();
    await tg.waitFor(() => alertsFor(sc, id).length === 1, 10_000);
    await sc.idle();
    expect(alertsFor(sc, id)).toHaveLength(1);
  }, 60_000);
});
