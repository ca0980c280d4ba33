// The Bot API emulator itself, through real HTTP with grammY's Api: if it does not behave like
// Telegram, every end-to-end test built on it proves less.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Api, Bot, GrammyError, HttpError, InputFile } from "grammy";
import type { Message, Update } from "grammy/types";
import sharp from "sharp";
import { BotApiEmulator, messageLink, parseTelegramHtml, TelegramHtmlError } from "../src/index.js";

const BUDI = { id: 1001, first_name: "Budi", username: "budi_kim" };
const SITI = { id: 1002, first_name: "Siti" };
const ADMIN_GROUP = { id: -1001234567890, title: "Admin group" };
const CHANNEL = { id: -1009876543210, title: "Info Bartim", username: "infobartim" };

let tg: BotApiEmulator;
let api: Api;

beforeEach(async () => {
  tg = await BotApiEmulator.start();
  api = new Api(tg.token, { apiRoot: tg.apiRoot });
  tg.addUser(BUDI);
  tg.addUser(SITI);
  tg.addGroup(ADMIN_GROUP);
  tg.addMember(ADMIN_GROUP.id, SITI.id, "administrator");
  tg.addChannel(CHANNEL);
});

afterEach(async () => {
  await tg.stop();
});

/** The GrammyError a call fails with. */
async function failure(call: Promise<unknown>): Promise<GrammyError> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof GrammyError)) throw new Error(`expected a GrammyError, got ${String(err)}`);
  return err;
}

/** Budi has started the bot, so it may write to him. */
function budiStarted(): void {
  tg.userSendsText(BUDI.id, "/start");
}

describe("Telegram HTML", () => {
  it("turns tags into entities with UTF-16 offsets", () => {
    const parsed = parseTelegramHtml('😀 <b>Halo <i>dunia</i></b> &amp; <a href="https://kim.id/x?a=1&amp;b=2">tautan</a>');
    expect(parsed.text).toBe("😀 Halo dunia & tautan");
    expect(parsed.entities).toEqual([
      { type: "bold", offset: 3, length: 10 },
      { type: "italic", offset: 8, length: 5 },
      { type: "text_link", offset: 16, length: 6, url: "https://kim.id/x?a=1&b=2" },
    ]);
  });

  it("supports pre with a language, spoilers, blockquotes and numeric references", () => {
    const parsed = parseTelegramHtml(
      '<pre><code class="language-ts">x</code></pre><tg-spoiler>s</tg-spoiler><span class="tg-spoiler">t</span>' +
        "<blockquote expandable>q</blockquote><code>c</code>&#65;&#x42;",
    );
    expect(parsed.text).toBe("xstqcAB");
    expect(parsed.entities).toEqual([
      { type: "pre", offset: 0, length: 1, language: "ts" },
      { type: "spoiler", offset: 1, length: 1 },
      { type: "spoiler", offset: 2, length: 1 },
      { type: "expandable_blockquote", offset: 3, length: 1 },
      { type: "code", offset: 4, length: 1 },
    ]);
  });

  it("keeps unknown entities and bare ampersands as text", () => {
    expect(parseTelegramHtml("A &nbsp; B & C &copy D &amp").text).toBe("A &nbsp; B & C &copy D &");
  });

  it.each([
    ["Halo <foo>x</foo>", 'Unsupported start tag "foo" at byte offset 5'],
    ["Halo<br>dunia", 'Unsupported start tag "br" at byte offset 4'],
    ["é<foo>", 'Unsupported start tag "foo" at byte offset 2'],
    ["1 < 2", 'Unsupported start tag "" at byte offset 2'],
    ["<b>tebal", 'Can\'t find end tag corresponding to start tag "b"'],
    ["x</b>", "Unexpected end tag at byte offset 1"],
    ["<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'],
    ["<a href=https://kim.id>x</a>", "Unexpected end of name token at byte offset 8"],
    ['<span class="x">x</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'],
    ["<b", "Unclosed start tag at byte offset 0"],
  ])("rejects %j like Telegram", (html, reason) => {
    let error: unknown;
    try {
      parseTelegramHtml(html);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(TelegramHtmlError);
    expect((error as Error).message).toBe(`Bad Request: can't parse entities: ${reason}`);
  });

  it("answers 400 for bad HTML and stores plain text with entities for good HTML", async () => {
    budiStarted();
    const err = await failure(api.sendMessage(BUDI.id, "Nama: <Budi>", { parse_mode: "HTML" }));
    expect(err.error_code).toBe(400);
    expect(err.description).toBe('Bad Request: can\'t parse entities: Unsupported start tag "budi" at byte offset 6');

    const sent = await api.sendMessage(BUDI.id, "<b>Terima kasih</b>, Budi!", { parse_mode: "HTML" });
    expect(sent.text).toBe("Terima kasih, Budi!");
    expect(tg.lastBotMessage(BUDI.id)?.entities).toEqual([{ type: "bold", offset: 0, length: 12 }]);
  });

  it("rejects parse modes it does not implement", async () => {
    budiStarted();
    const err = await failure(api.sendMessage(BUDI.id, "*x*", { parse_mode: "MarkdownV2" }));
    expect(err.description).toBe("Bad Request: unsupported parse_mode");
  });
});

describe("length limits", () => {
  beforeEach(budiStarted);

  it("counts text after entity parsing, in UTF-16 code units", async () => {
    const html = "&amp;".repeat(1000); // 5000 characters of HTML, 1000 of text
    expect((await api.sendMessage(BUDI.id, html, { parse_mode: "HTML" })).text).toHaveLength(1000);
    await api.sendMessage(BUDI.id, "x".repeat(4096));
    expect((await failure(api.sendMessage(BUDI.id, "x".repeat(4097)))).description).toBe("Bad Request: message is too long");
    expect((await failure(api.sendMessage(BUDI.id, "😀".repeat(2049)))).description).toBe("Bad Request: message is too long");
  });

  it("rejects empty text, also when only whitespace or tags remain", async () => {
    expect((await failure(api.sendMessage(BUDI.id, " \n "))).description).toBe("Bad Request: message text is empty");
    expect((await failure(api.sendMessage(BUDI.id, "<b></b>", { parse_mode: "HTML" }))).description).toBe("Bad Request: message text is empty");
  });

  it("limits captions to 1024 characters", async () => {
    const photo = new InputFile(await jpeg(200, 100), "foto.jpg");
    const err = await failure(api.sendPhoto(BUDI.id, photo, { caption: "x".repeat(1025) }));
    expect(err.description).toBe("Bad Request: message caption is too long");
    const ok = await api.sendPhoto(BUDI.id, new InputFile(await jpeg(200, 100)), { caption: "<i>Foto</i>", parse_mode: "HTML" });
    expect(ok.caption).toBe("Foto");
    expect(ok.caption_entities).toEqual([{ type: "italic", offset: 0, length: 4 }]);
  });
});

describe("inline keyboards", () => {
  beforeEach(budiStarted);

  const keyboard = (callback_data: string) => ({ inline_keyboard: [[{ text: "OK", callback_data }]] });

  it("accepts callback_data of 1–64 bytes and rejects anything else", async () => {
    await api.sendMessage(BUDI.id, "a", { reply_markup: keyboard("x".repeat(64)) });
    for (const data of ["x".repeat(65), "é".repeat(33), ""]) {
      expect((await failure(api.sendMessage(BUDI.id, "a", { reply_markup: keyboard(data) }))).description).toBe("Bad Request: BUTTON_DATA_INVALID");
    }
  });

  it("rejects buttons without an action and bad URLs", async () => {
    const textOnly = { inline_keyboard: [[{ text: "?" }]] } as never;
    expect((await failure(api.sendMessage(BUDI.id, "a", { reply_markup: textOnly }))).description).toMatch(/Text buttons are unallowed/);
    const badUrl = { inline_keyboard: [[{ text: "web", url: "not a url" }]] };
    expect((await failure(api.sendMessage(BUDI.id, "a", { reply_markup: badUrl }))).description).toBe("Bad Request: BUTTON_URL_INVALID");
  });

  it("edits: not modified, keyboard dropped without reply_markup, unknown message", async () => {
    const sent = await api.sendMessage(BUDI.id, "Setujui?", { reply_markup: keyboard("ok") });
    const same = await failure(api.editMessageText(BUDI.id, sent.message_id, "Setujui?", { reply_markup: keyboard("ok") }));
    expect(same.description).toMatch(/^Bad Request: message is not modified: specified new message content/);
    const edited = (await api.editMessageText(BUDI.id, sent.message_id, "Disetujui")) as Message;
    expect(edited.reply_markup).toBeUndefined();
    expect(edited.edit_date).toBeTypeOf("number");
    expect(tg.lastBotMessage(BUDI.id)?.text).toBe("Disetujui");
    expect((await failure(api.editMessageText(BUDI.id, 999, "x"))).description).toBe("Bad Request: message to edit not found");
  });

  it("delivers button presses and records the answers", async () => {
    const sent = await api.sendMessage(BUDI.id, "Pilih", { reply_markup: keyboard("pilih:1") });
    await api.editMessageText(BUDI.id, sent.message_id, "Pilih lagi", { reply_markup: keyboard("pilih:2") });
    const query = tg.userPresses(BUDI.id, sent, "pilih:2");
    expect(query.message?.message_id).toBe(sent.message_id);
    expect(() => tg.userPresses(BUDI.id, sent, "pilih:1")).toThrow(/has no button "pilih:1"/);

    const updates = await api.getUpdates({ offset: 0 });
    expect(updates.at(-1)?.callback_query?.data).toBe("pilih:2");
    expect((await failure(api.answerCallbackQuery(query.id, { text: "x".repeat(201) }))).description).toBe("Bad Request: MESSAGE_TOO_LONG");
    await api.answerCallbackQuery(query.id, { text: "Tersimpan", show_alert: true });
    expect(tg.callbackAnswer(query.id)).toEqual({ text: "Tersimpan", show_alert: true });
    const again = await failure(api.answerCallbackQuery(query.id));
    expect(again.description).toBe("Bad Request: query is too old and response timeout expired or query ID is invalid");
  });

  it("expires button presses after 15 minutes", async () => {
    let now = Date.now();
    const clocked = await BotApiEmulator.start({ now: () => now });
    try {
      clocked.addUser(BUDI);
      clocked.userSendsText(BUDI.id, "/start");
      const clockedApi = new Api(clocked.token, { apiRoot: clocked.apiRoot });
      const sent = await clockedApi.sendMessage(BUDI.id, "Pilih", { reply_markup: keyboard("a") });
      const query = clocked.userPresses(BUDI.id, sent, "a");
      now += 16 * 60 * 1000;
      expect((await failure(clockedApi.answerCallbackQuery(query.id))).error_code).toBe(400);
    } finally {
      await clocked.stop();
    }
  });
});

describe("chats and permissions", () => {
  it("answers chat not found for unknown chats and resolves channel usernames", async () => {
    expect((await failure(api.sendMessage(424242, "halo"))).description).toBe("Bad Request: chat not found");
    const post = await api.sendMessage("@infobartim", "Pengumuman");
    expect(post.chat.id).toBe(CHANNEL.id);
    expect(post.sender_chat?.id).toBe(CHANNEL.id);
    expect(post.from).toBeUndefined();
    expect(tg.messageLink(CHANNEL.id, post.message_id)).toBe(`https://t.me/infobartim/${post.message_id}`);
    expect(messageLink(ADMIN_GROUP.id, 7)).toBe("https://t.me/c/1234567890/7");
  });

  it("forbids writing to users who never started the bot or blocked it", async () => {
    expect((await failure(api.sendMessage(BUDI.id, "halo"))).description).toBe("Forbidden: bot can't initiate conversation with a user");
    budiStarted();
    await api.sendMessage(BUDI.id, "halo");
    tg.userBlocksBot(BUDI.id);
    const blocked = await failure(api.sendMessage(BUDI.id, "halo lagi"));
    expect([blocked.error_code, blocked.description]).toEqual([403, "Forbidden: bot was blocked by the user"]);
    const updates = await api.getUpdates();
    expect(updates.at(-1)?.my_chat_member?.new_chat_member.status).toBe("kicked");
    tg.userUnblocksBot(BUDI.id);
    await api.sendMessage(BUDI.id, "selamat datang kembali");
  });

  it("forbids posting where the bot was removed", async () => {
    tg.botRemovedFrom(CHANNEL.id);
    expect((await failure(api.sendMessage(CHANNEL.id, "x"))).description).toBe("Forbidden: bot was kicked from the channel chat");
    tg.botRemovedFrom(ADMIN_GROUP.id);
    expect((await failure(api.sendMessage(ADMIN_GROUP.id, "x"))).description).toBe("Forbidden: bot was kicked from the supergroup chat");
  });

  it("reports chat members", async () => {
    expect((await api.getChatMember(ADMIN_GROUP.id, SITI.id)).status).toBe("administrator");
    expect((await api.getChatMember(ADMIN_GROUP.id, BUDI.id)).status).toBe("left");
    tg.addMember(ADMIN_GROUP.id, BUDI.id);
    expect((await api.getChatMember(ADMIN_GROUP.id, BUDI.id)).status).toBe("member");
    tg.removeMember(ADMIN_GROUP.id, BUDI.id);
    expect((await api.getChatMember(ADMIN_GROUP.id, BUDI.id)).status).toBe("left");
    const admins = await api.getChatAdministrators(ADMIN_GROUP.id);
    expect(admins.map((a) => a.user.id)).toEqual([SITI.id, tg.bot.id]);
  });

  it("answers 401 for a wrong token and 404 for an unknown method", async () => {
    const wrong = new Api("999:WRONG", { apiRoot: tg.apiRoot });
    expect((await failure(wrong.getMe())).error_code).toBe(401);
    const res = await fetch(`${tg.apiRoot}/bot${tg.token}/sendTelepathy`, { method: "POST" });
    expect([res.status, await res.json()]).toEqual([404, { ok: false, error_code: 404, description: "Not Found: method not found" }]);
    expect((await api.getMe()).username).toBe("jedikim_bot");
  });
});

describe("message methods", () => {
  beforeEach(budiStarted);

  it("forwards with the origin, copies without it, and deletes", async () => {
    const original = await tg.userSendsPhoto(BUDI.id, { width: 100, height: 100, caption: "Banjir di Sukamaju" });
    const forwarded = await api.forwardMessage(ADMIN_GROUP.id, BUDI.id, original.message_id);
    expect(forwarded.forward_origin).toMatchObject({ type: "user", sender_user: { id: BUDI.id } });
    expect(forwarded.caption).toBe("Banjir di Sukamaju");

    const copy = await api.copyMessage(CHANNEL.id, BUDI.id, original.message_id, { caption: "<b>Banjir</b>", parse_mode: "HTML" });
    const posted = tg.message(CHANNEL.id, copy.message_id);
    expect(posted?.forward_origin).toBeUndefined();
    expect([posted?.caption, posted?.caption_entities]).toEqual(["Banjir", [{ type: "bold", offset: 0, length: 6 }]]);
    expect((await failure(api.copyMessage(CHANNEL.id, BUDI.id, 999))).description).toBe("Bad Request: message to copy not found");

    await api.deleteMessage(CHANNEL.id, copy.message_id);
    expect(tg.messages(CHANNEL.id)).toEqual([]);
    expect((await failure(api.deleteMessage(CHANNEL.id, copy.message_id))).description).toBe("Bad Request: message to delete not found");
  });

  it("turns tg://user links to known users into text mentions", async () => {
    const sent = await api.sendMessage(ADMIN_GROUP.id, 'Dari <a href="tg://user?id=1001">Budi</a>', { parse_mode: "HTML" });
    expect(sent.entities).toEqual([{ type: "text_mention", offset: 5, length: 4, user: { id: BUDI.id, is_bot: false, first_name: "Budi", username: "budi_kim" } }]);
  });

  it("accepts form-encoded requests like Telegram", async () => {
    const body = new URLSearchParams({
      chat_id: String(BUDI.id),
      text: "<i>form</i>",
      parse_mode: "HTML",
      reply_markup: JSON.stringify({ inline_keyboard: [[{ text: "A", callback_data: "a" }]] }),
    });
    const res = await fetch(`${tg.apiRoot}/bot${tg.token}/sendMessage`, { method: "POST", body });
    const json = (await res.json()) as { ok: boolean; result: Message };
    expect(json.ok).toBe(true);
    expect(json.result.text).toBe("form");
    expect(json.result.reply_markup?.inline_keyboard[0]?.[0]?.text).toBe("A");
    expect(tg.calls.at(-1)?.params).toMatchObject({ chat_id: BUDI.id, reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "a" }]] } });
    const bad = await fetch(`${tg.apiRoot}/bot${tg.token}/sendMessage?chat_id=${BUDI.id}&text=x&reply_markup={oops`);
    expect(await bad.json()).toEqual({ ok: false, error_code: 400, description: "Bad Request: can't parse reply keyboard markup JSON object" });
  });

  it("keeps commands per scope, and answers chat actions and channel posts", async () => {
    await api.setMyCommands([{ command: "start", description: "Mulai" }]);
    expect(await api.getMyCommands()).toEqual([{ command: "start", description: "Mulai" }]);
    expect(tg.myCommands()).toEqual([{ command: "start", description: "Mulai" }]);
    expect((await failure(api.setMyCommands([{ command: "Mulai!", description: "x" }]))).description).toBe("Bad Request: BOT_COMMAND_INVALID");
    expect(await api.sendChatAction(BUDI.id, "typing")).toBe(true);
    tg.channelPost(CHANNEL.id, "Info #banjir");
    const updates = await api.getUpdates({ offset: 2 });
    expect(updates.at(-1)?.channel_post?.entities).toEqual([{ type: "hashtag", offset: 5, length: 7 }]);
  });
});

describe("getUpdates", () => {
  it("redelivers until confirmed by offset, and honours limit", async () => {
    tg.userSendsText(BUDI.id, "/start abc");
    tg.addMember(ADMIN_GROUP.id, BUDI.id);
    tg.userSendsText(BUDI.id, "halo grup", { chatId: ADMIN_GROUP.id });
    tg.userSendsText(BUDI.id, "/cek teks");

    const first = await api.getUpdates();
    expect(first.map((u) => u.message?.text)).toEqual(["/start abc", "halo grup", "/cek teks"]);
    expect(first[0]?.message?.entities).toEqual([{ type: "bot_command", offset: 0, length: 6 }]);
    expect(first.map((u) => u.update_id)).toEqual([1, 2, 3]);
    // A bot that crashed after fetching gets the same updates again.
    expect((await api.getUpdates()).map((u) => u.update_id)).toEqual([1, 2, 3]);
    expect((await api.getUpdates({ offset: 2, limit: 1 })).map((u) => u.update_id)).toEqual([2]);
    expect(tg.pendingUpdates()).toBe(2);
    expect(await api.getUpdates({ offset: 4 })).toEqual([]);
    expect(tg.pendingUpdates()).toBe(0);
  });

  it("wakes a long poll as soon as an update arrives", async () => {
    const started = Date.now();
    const poll = api.getUpdates({ timeout: 10 });
    setTimeout(() => tg.userSendsText(BUDI.id, "halo"), 50);
    const updates = await poll;
    expect(updates.map((u) => u.message?.text)).toEqual(["halo"]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("ends a long poll with 409 when another getUpdates starts, and with [] on stop", async () => {
    const first = api.getUpdates({ timeout: 10 });
    await tg.waitFor(() => tg.stats.calls.getUpdates === 1 || undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = api.getUpdates({ timeout: 10 });
    const conflict = await failure(first);
    expect(conflict.error_code).toBe(409);
    expect(conflict.description).toMatch(/^Conflict: terminated by other getUpdates request/);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await tg.stop();
    expect(await second).toEqual([]);
  });

  it("filters by allowed_updates and remembers the choice", async () => {
    tg.userSendsText(BUDI.id, "/start");
    const sent = await api.sendMessage(BUDI.id, "Pilih", { reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "a" }]] } });
    tg.userPresses(BUDI.id, sent, "a");
    expect((await api.getUpdates({ allowed_updates: ["callback_query"] })).map(kind)).toEqual(["callback_query"]);
    tg.userSendsText(BUDI.id, "diabaikan");
    expect((await api.getUpdates()).map(kind)).toEqual(["callback_query"]);
  });

  it("queues injected updates as they are", async () => {
    const update = tg.injectUpdate({ message: { weird: true } });
    expect(update.update_id).toBe(1);
    expect(await api.getUpdates()).toEqual([{ update_id: 1, message: { weird: true } }]);
  });

  it("feeds a real grammY bot", async () => {
    const bot = new Bot(tg.token, { client: { apiRoot: tg.apiRoot } });
    bot.command("start", (ctx) => ctx.reply(`Halo, <b>${ctx.from?.first_name}</b>!`, { parse_mode: "HTML" }));
    void bot.start({ timeout: 1, drop_pending_updates: false });
    try {
      tg.userSendsText(BUDI.id, "/start");
      const reply = await tg.waitForBotMessage(BUDI.id);
      expect(reply.text).toBe("Halo, Budi!");
    } finally {
      await bot.stop();
    }
    expect(tg.pendingUpdates()).toBe(0);
    expect(tg.transcript()).toContain("[Budi] Budi #1: /start");
    expect(tg.transcript()).toContain("[Budi] bot #2: Halo, Budi!");
  });
});

describe("files", () => {
  beforeEach(budiStarted);

  it("accepts a multipart upload and serves it back through getFile", async () => {
    const csv = Buffer.from("kim,jumlah\nSukamaju,3\n");
    const sent = await api.sendDocument(BUDI.id, new InputFile(csv, "laporan.csv"), {
      caption: "<b>Laporan</b> mingguan",
      parse_mode: "HTML",
      reply_markup: { inline_keyboard: [[{ text: "Unduh lagi", callback_data: "again" }]] },
    });
    expect(sent.document).toMatchObject({ file_name: "laporan.csv", mime_type: "text/csv", file_size: csv.length });
    expect(sent.caption).toBe("Laporan mingguan");
    expect(sent.reply_markup?.inline_keyboard[0]?.[0]?.text).toBe("Unduh lagi");
    expect(tg.calls.at(-1)?.params.document).toEqual({ upload: "laporan.csv", size: csv.length });

    const file = await api.getFile(sent.document?.file_id ?? "");
    const download = await fetch(`${tg.apiRoot}/file/bot${tg.token}/${file.file_path}`);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(csv);
    expect(tg.fileBytes(sent.document?.file_id ?? "")).toEqual(csv);
  });

  it("gives user photos Telegram's sizes as real JPEGs", async () => {
    const message = await tg.userSendsPhoto(BUDI.id, { width: 1000, height: 500, caption: "Kerja bakti" });
    expect(message.photo?.map((p) => [p.width, p.height])).toEqual([
      [90, 45],
      [320, 160],
      [800, 400],
      [1000, 500],
    ]);
    const thumb = await api.getFile(message.photo?.[1]?.file_id ?? "");
    const bytes = Buffer.from(await (await fetch(`${tg.apiRoot}/file/bot${tg.token}/${thumb.file_path}`)).arrayBuffer());
    expect((await sharp(bytes).metadata()).width).toBe(320);

    // The bot can send it on by file_id; a wrong id or the wrong type fails like Telegram.
    const forwarded = await api.sendPhoto(ADMIN_GROUP.id, message.photo?.at(-1)?.file_id ?? "");
    expect(forwarded.photo).toEqual(message.photo);
    expect((await failure(api.sendPhoto(BUDI.id, "AgACnope"))).description).toBe("Bad Request: wrong file identifier/HTTP URL specified");
    const doc = tg.userSendsDocument(BUDI.id, { fileName: "a.pdf", bytes: Buffer.from("%PDF") });
    expect((await failure(api.sendPhoto(BUDI.id, doc.document?.file_id ?? ""))).description).toBe("Bad Request: can't use file of type Document as Photo");
  });

  it("sends a file stored directly by its file_id as media whose caption can be edited", async () => {
    const stored = tg.storeFile(Buffer.from("a,b\n1,2\n"), { kind: "document", fileName: "kim.csv", mimeType: "text/csv" });
    const sent = await api.sendDocument(ADMIN_GROUP.id, stored.file_id, { caption: "Kiriman #1" });
    expect(sent.document).toMatchObject({ file_id: stored.file_id, file_name: "kim.csv", mime_type: "text/csv", file_size: stored.file_size });
    const edited = await api.editMessageCaption(ADMIN_GROUP.id, sent.message_id, { caption: "Kiriman #1 · disetujui" });
    expect(edited).toMatchObject({ caption: "Kiriman #1 · disetujui", document: { file_id: stored.file_id } });
  });

  it("refuses to hand out files over 20 MB", async () => {
    const big = tg.userSendsDocument(BUDI.id, { fileName: "video.zip", fileSize: 30 * 1024 * 1024 });
    expect((await failure(api.getFile(big.document?.file_id ?? ""))).description).toBe("Bad Request: file is too big");
  });

  it("sends albums as messages sharing a media_group_id", async () => {
    const photo = async () => new InputFile(await jpeg(400, 300));
    const album: Message[] = await api.sendMediaGroup(ADMIN_GROUP.id, [
      { type: "photo", media: await photo(), caption: "<b>Album</b>", parse_mode: "HTML" },
      { type: "photo", media: await photo() },
    ]);
    expect(album).toHaveLength(2);
    expect(album[0]?.media_group_id).toBeDefined();
    expect(album[1]?.media_group_id).toBe(album[0]?.media_group_id);
    expect(album[0]?.caption).toBe("Album");
    expect(album[1]?.message_id).toBe((album[0]?.message_id ?? 0) + 1);

    const one = await failure(api.sendMediaGroup(ADMIN_GROUP.id, [{ type: "photo", media: await photo() }]));
    expect(one.error_code).toBe(400);
    const mixed = await failure(
      api.sendMediaGroup(ADMIN_GROUP.id, [
        { type: "photo", media: await photo() },
        { type: "document", media: new InputFile(Buffer.from("x"), "x.txt") },
      ] as never),
    );
    expect(mixed.description).toBe("Bad Request: document can't be mixed with other media types");
  });

  it("delivers user albums as separate updates in one batch", async () => {
    await tg.userSendsAlbum(BUDI.id, [{ width: 200, height: 200 }, { type: "video" }], { chatId: BUDI.id });
    const updates = await api.getUpdates({ offset: 2 });
    expect(updates).toHaveLength(2);
    expect(new Set(updates.map((u) => u.message?.media_group_id)).size).toBe(1);
  });
});

describe("flood control", () => {
  it("answers 429 with retry_after beyond the per-chat burst and the group limit", async () => {
    // Time stands still, so the result cannot depend on how fast a loaded machine sends.
    const limited = await BotApiEmulator.start({ limits: { enabled: true }, floodClock: () => 1_000_000 });
    try {
      const limitedApi = new Api(limited.token, { apiRoot: limited.apiRoot });
      limited.addUser(BUDI);
      limited.userSendsText(BUDI.id, "/start");
      for (let i = 0; i < 3; i++) await limitedApi.sendMessage(BUDI.id, `pesan ${i}`);
      const err = await failure(limitedApi.sendMessage(BUDI.id, "satu lagi"));
      expect(err.error_code).toBe(429);
      expect(err.description).toBe(`Too Many Requests: retry after ${err.parameters.retry_after}`);
      expect(err.parameters.retry_after).toBeGreaterThanOrEqual(1);

      limited.addGroup(ADMIN_GROUP);
      for (let i = 0; i < 20; i++) await limitedApi.sendMessage(ADMIN_GROUP.id, `grup ${i}`);
      const group = await failure(limitedApi.sendMessage(ADMIN_GROUP.id, "ke-21"));
      expect(group.parameters.retry_after).toBeGreaterThan(50);
      expect(limited.stats.rejected429).toBe(2);
      expect(limited.stats.delivered).toBe(23);
    } finally {
      await limited.stop();
    }
  });

  it("scales its windows with timeScale and then gives fractional retry_after", async () => {
    // A hand-moved clock: with real time, a loaded machine could let the window pass between sends.
    let nowMs = 1_000_000;
    const fast = await BotApiEmulator.start({ limits: { enabled: true, timeScale: 100 }, floodClock: () => nowMs });
    try {
      const fastApi = new Api(fast.token, { apiRoot: fast.apiRoot });
      fast.addUser(BUDI);
      fast.userSendsText(BUDI.id, "/start");
      for (let i = 0; i < 3; i++) await fastApi.sendMessage(BUDI.id, `pesan ${i}`);
      const err = await failure(fastApi.sendMessage(BUDI.id, "lagi"));
      expect(err.parameters.retry_after).toBeGreaterThan(0);
      expect(err.parameters.retry_after).toBeLessThan(1);
      nowMs += (err.parameters.retry_after ?? 0) * 1000 + 1;
      await fastApi.sendMessage(BUDI.id, "lagi");
    } finally {
      await fast.stop();
    }
  });
});

describe("fault injection and the call log", () => {
  beforeEach(budiStarted);

  it("fails the next matching calls with the given error", async () => {
    tg.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 7", retry_after: 7 }, 1, (p) => p.text === "kena");
    await api.sendMessage(BUDI.id, "lolos");
    const err = await failure(api.sendMessage(BUDI.id, "kena"));
    expect([err.error_code, err.parameters.retry_after]).toEqual([429, 7]);
    await api.sendMessage(BUDI.id, "kena");
    expect(tg.calls.filter((c) => c.method === "sendMessage").map((c) => c.ok)).toEqual([true, false, true]);
    expect(tg.calls[1]?.error).toEqual({ error_code: 429, description: "Too Many Requests: retry after 7" });
    expect(tg.stats.calls.sendMessage).toBe(3);
  });

  it("drops connections before or after running the method", async () => {
    tg.dropConnectionNext("sendMessage");
    await expect(api.sendMessage(BUDI.id, "hilang")).rejects.toBeInstanceOf(HttpError);
    expect(tg.botMessages(BUDI.id)).toHaveLength(0);
    tg.dropConnectionNext("sendMessage", { afterExecuting: true });
    await expect(api.sendMessage(BUDI.id, "terkirim")).rejects.toBeInstanceOf(HttpError);
    expect(tg.botMessages(BUDI.id).map((m) => m.text)).toEqual(["terkirim"]);
  });

  it("reports what happened when waitFor times out", async () => {
    await api.sendMessage(BUDI.id, "halo");
    await expect(tg.waitForBotMessage(BUDI.id, (m) => m.text === "tidak ada", 50)).rejects.toThrow(/timed out after 50 ms[\s\S]*sendMessage → ok/);
  });

  it("tells listeners about every event", async () => {
    const lines: string[] = [];
    tg.onEvent((_event, line) => lines.push(line));
    tg.addMember(ADMIN_GROUP.id, BUDI.id);
    tg.userSendsText(BUDI.id, "Ada kabar", { chatId: ADMIN_GROUP.id });
    const sent = await api.sendMessage(ADMIN_GROUP.id, "Kabar baru:\nbaris dua", {
      reply_markup: { inline_keyboard: [[{ text: "✅ Setujui", callback_data: "ok" }]] },
    });
    tg.userPresses(SITI.id, sent, "ok");
    expect(lines).toEqual([
      "[Admin group] Budi #1: Ada kabar",
      "[Admin group] bot #2: Kabar baru:\n    baris dua\n    [ ✅ Setujui ]",
      '[Admin group] Siti presses "✅ Setujui" on #2',
    ]);
  });
});

describe("random faults", () => {
  beforeEach(budiStarted);

  /** Sends `n` messages one after another; returns how each ended: "ok", an error code, or "network". */
  async function sendMany(n: number, target: Api = api): Promise<string[]> {
    const outcomes: string[] = [];
    for (let i = 0; i < n; i++) {
      try {
        await target.sendMessage(BUDI.id, `pesan ${i}`);
        outcomes.push("ok");
      } catch (err) {
        outcomes.push(err instanceof GrammyError ? String(err.error_code) : err instanceof HttpError ? "network" : "other");
      }
    }
    return outcomes;
  }

  it("fails a seeded share of calls, the same calls for the same seed", async () => {
    tg.setRandomFaults({ rate: 0.3, seed: 42, methods: ["sendMessage"] });
    const first = await sendMany(200);
    const again = await BotApiEmulator.start({ faults: { rate: 0.3, seed: 42, methods: ["sendMessage"] } });
    try {
      again.addUser(BUDI);
      again.userSendsText(BUDI.id, "/start");
      expect(await sendMany(200, new Api(again.token, { apiRoot: again.apiRoot }))).toEqual(first);
    } finally {
      await again.stop();
    }
    const failed = first.filter((o) => o !== "ok").length;
    expect(failed).toBeGreaterThan(40);
    expect(failed).toBeLessThan(80);
    expect(new Set(first)).toEqual(new Set(["ok", "429", "500", "network"]));
    const tally = tg.injectedFaults;
    expect(tally["429"] + tally["500"] + tally["drop-before"] + tally["drop-after"]).toBe(failed);
  });

  it("answers 429 with retry_after and 500 without running the call; drops lose the answer before or after running", async () => {
    tg.setRandomFaults({ rate: 1, kinds: ["429"], retryAfter: [2, 4] });
    const flood = await failure(api.sendMessage(BUDI.id, "banjir"));
    expect(flood.error_code).toBe(429);
    expect(flood.parameters.retry_after).toBeGreaterThanOrEqual(2);
    expect(flood.parameters.retry_after).toBeLessThanOrEqual(4);
    expect(flood.description).toBe(`Too Many Requests: retry after ${flood.parameters.retry_after}`);
    tg.setRandomFaults({ rate: 1, kinds: ["500"] });
    expect((await failure(api.sendMessage(BUDI.id, "rusak"))).error_code).toBe(500);
    tg.setRandomFaults({ rate: 1, kinds: ["drop-before"] });
    await expect(api.sendMessage(BUDI.id, "hilang")).rejects.toBeInstanceOf(HttpError);
    expect(tg.botMessages(BUDI.id)).toHaveLength(0);
    tg.setRandomFaults({ rate: 1, kinds: ["drop-after"] });
    await expect(api.sendMessage(BUDI.id, "terkirim")).rejects.toBeInstanceOf(HttpError);
    expect(tg.botMessages(BUDI.id).map((m) => m.text)).toEqual(["terkirim"]);
    tg.setRandomFaults(undefined);
    await api.sendMessage(BUDI.id, "normal");

    expect(tg.calls.filter((c) => c.method === "sendMessage").map((c) => [c.ok, c.fault ?? "-", c.error?.error_code ?? 200])).toEqual([
      [false, "429", 429],
      [false, "500", 500],
      [false, "drop-before", 0],
      [false, "drop-after", 0],
      [true, "-", 200],
    ]);
    expect(tg.injectedFaults).toEqual({ "429": 1, "500": 1, "drop-before": 1, "drop-after": 1 });
  });

  it("fails only the chosen methods, and never the ones excepted", async () => {
    tg.setRandomFaults({ rate: 1, methods: ["sendMessage", "getMe"], exceptMethods: ["getMe"] });
    expect((await api.getMe()).id).toBe(tg.bot.id);
    await expect(api.sendMessage(BUDI.id, "x")).rejects.toThrow();
    expect(await api.sendChatAction(BUDI.id, "typing")).toBe(true);
  });

  it("never confirms the offset of a getUpdates it failed, and never loses a getUpdates answer after running it", async () => {
    tg.userSendsText(BUDI.id, "satu");
    const [start, one] = await api.getUpdates();
    tg.setRandomFaults({ rate: 1, kinds: ["drop-after"], methods: ["getUpdates"] });
    // drop-after is the only kind allowed and getUpdates may not lose an answer after running: no fault.
    expect((await api.getUpdates({ offset: start!.update_id })).map((u) => u.update_id)).toEqual([start!.update_id, one!.update_id]);
    tg.setRandomFaults({ rate: 1, methods: ["getUpdates"] });
    for (let i = 0; i < 20; i++) {
      await expect(api.getUpdates({ offset: one!.update_id + 1 })).rejects.toThrow();
    }
    expect(tg.calls.filter((c) => c.method === "getUpdates" && c.fault === "drop-after")).toHaveLength(0);
    // Twenty failed calls carried an offset past both updates; none confirmed them.
    expect(tg.pendingUpdates()).toBe(2);
    tg.setRandomFaults(undefined);
    expect(await api.getUpdates({ offset: one!.update_id + 1 })).toEqual([]);
    expect(tg.pendingUpdates()).toBe(0);
  });
});

describe("chat_member updates", () => {
  const memberUpdates = async () => (await api.getUpdates({ allowed_updates: ["message", "chat_member"] })).filter((u) => u.chat_member);

  it("tell an administrator bot that asked for them when a member joins, is promoted, leaves or is removed", async () => {
    await api.getUpdates({ allowed_updates: ["message", "chat_member"] });
    tg.addMember(ADMIN_GROUP.id, BUDI.id);
    tg.addMember(ADMIN_GROUP.id, BUDI.id, "administrator", SITI.id);
    tg.addMember(ADMIN_GROUP.id, BUDI.id, "administrator"); // no change, no update
    tg.removeMember(ADMIN_GROUP.id, SITI.id);
    tg.removeMember(ADMIN_GROUP.id, BUDI.id, SITI.id);
    const updates = await memberUpdates();
    expect(updates.map((u) => [u.chat_member!.new_chat_member.user.id, u.chat_member!.old_chat_member.status, u.chat_member!.new_chat_member.status, u.chat_member!.from.id])).toEqual([
      [BUDI.id, "left", "member", BUDI.id],
      [BUDI.id, "member", "administrator", SITI.id],
      [SITI.id, "administrator", "left", SITI.id],
      [BUDI.id, "administrator", "left", SITI.id],
    ]);
    expect(updates[0]!.chat_member!.chat).toEqual({ id: ADMIN_GROUP.id, type: "supergroup", title: ADMIN_GROUP.title });
    expect((await api.getChatMember(ADMIN_GROUP.id, BUDI.id)).status).toBe("left");
  });

  it("are not sent by default, nor where the bot is not an administrator", async () => {
    tg.addMember(ADMIN_GROUP.id, BUDI.id);
    expect(await api.getUpdates()).toHaveLength(0);
    await api.getUpdates({ allowed_updates: ["chat_member"] });
    const plain = { id: -1005555, title: "Grup biasa" };
    tg.addGroup(plain);
    tg.botAddedTo(plain.id, "member");
    tg.addMember(plain.id, SITI.id);
    tg.removeMember(ADMIN_GROUP.id, BUDI.id);
    const updates = await memberUpdates();
    expect(updates.map((u) => [u.chat_member!.chat.id, u.chat_member!.new_chat_member.user.id])).toEqual([[ADMIN_GROUP.id, BUDI.id]]);
  });
});

describe("injected updates", () => {
  it("let the bot answer an injected callback query once", async () => {
    tg.injectUpdate({ callback_query: { id: "q-1", from: BUDI, chat_instance: "1", data: "x" } });
    await api.answerCallbackQuery("q-1", { text: "Oke" });
    expect(tg.callbackAnswer("q-1")).toEqual({ text: "Oke", show_alert: false });
    expect((await failure(api.answerCallbackQuery("q-1"))).error_code).toBe(400);
    tg.injectUpdate({ callback_query: { id: 17, from: "nobody" } });
    expect((await failure(api.answerCallbackQuery("17"))).error_code).toBe(400);
  });
});

function kind(update: Update): string {
  return Object.keys(update).find((k) => k !== "update_id") ?? "";
}

function jpeg(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 20 } } })
    .jpeg()
    .toBuffer();
}
