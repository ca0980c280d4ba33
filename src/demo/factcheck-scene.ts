// Demo scene of issue 11: a fact-check arrives from a feed and a post already on the channel is
// re-checked against it. The feed is served by a small local HTTP server (127.0.0.1), as a
// fact-checker's WordPress feed would be; nothing leaves the machine.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { button, MEMBER, submit, textOf, type Scene } from "./scenes.js";

const CHANNEL_XML = (items: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>TURNBACKHOAX (demo)</title><link>https://turnbackhoax.id</link><description>Contoh untuk demo</description>${items}</channel></rss>`;

const FACT_CHECK = `<item>
  <title>[SALAH] Pendaftaran Bantuan Sosial Tunai Rp 3 Juta Lewat Tautan WhatsApp</title>
  <link>https://turnbackhoax.id/2026/11/30/salah-pendaftaran-bansos-tunai-lewat-whatsapp/</link>
  <guid isPermaLink="false">https://turnbackhoax.id/?p=90101</guid>
  <pubDate>Mon, 30 Nov 2026 08:30:00 +0000</pubDate>
  <description>Kementerian Sosial tidak membuka pendaftaran bansos lewat tautan pesan berantai.</description>
</item>`;

export interface DemoFeed {
  url: string;
  publish(): void;
  close(): Promise<void>;
}

/** An RSS feed with an ETag that answers 304 while nothing changed; empty until publish(). */
export async function startDemoFeed(): Promise<DemoFeed> {
  let body = CHANNEL_XML("");
  let etag = '"demo-1"';
  const server: Server = createServer((req, res) => {
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/rss+xml; charset=UTF-8", etag }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/feed/`,
    publish() {
      body = CHANNEL_XML(FACT_CHECK);
      etag = '"demo-2"';
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function factcheckScene(feed: DemoFeed): Scene {
  const memberId = MEMBER.id;
  return {
    title: "7. Cek fakta baru dari feed, kiriman yang sudah terbit diperiksa ulang / a fact-check arrives, a published post is re-checked",
    async play(w) {
      const card = await submit(w, memberId, () =>
        w.tg.userSendsText(memberId, "Kabar gembira: pendaftaran bantuan sosial tunai Rp 3 juta kini lewat tautan WhatsApp, langsung daftar dari HP ya."),
      );
      w.tg.userPresses(w.admin.id, card, button(card, "Setujui"));
      const post = await w.tg.waitForBotMessage(w.channel, (m) => textOf(m).includes("bantuan sosial tunai"), 10_000);
      await w.tg.waitForBotMessage(memberId, (m) => textOf(m).includes("sudah terbit") && textOf(m).includes(`/${post.message_id}`), 10_000);
      // Later that day turnbackhoax.id publishes the fact-check; the hourly poll reads it (here: now).
      feed.publish();
      await w.app.factcheck.poll();
      const alert = await w.tg.waitForBotMessage(w.adminGroup, (m) => textOf(m).includes("yang sudah terbit mirip klaim hoaks baru"), 10_000);
      w.tg.userPresses(w.admin.id, alert, button(alert, "Hapus dari kanal"));
      const confirm = await w.tg.waitFor(() => {
        const m = w.tg.message(w.adminGroup, alert.message_id)!;
        return (m.reply_markup?.inline_keyboard ?? []).flat().some((b) => b.text.includes("Ya, hapus")) && m;
      });
      w.tg.userPresses(w.admin.id, confirm, button(confirm, "Ya, hapus"));
      await w.tg.waitFor(() => !w.tg.message(w.channel, post.message_id), 10_000);
      await w.tg.waitForBotMessage(memberId, (m) => textOf(m).includes("kami turunkan dari kanal"), 10_000);
      w.tg.userSendsText(w.admin.id, "/hoaks sumber", { chatId: w.adminGroup });
      await w.tg.waitForBotMessage(w.adminGroup, (m) => textOf(m).includes("Sumber cek fakta"), 10_000);
    },
  };
}
