// Seeded generation of hostile and odd updates for the fuzz test. Most are shaped as Telegram
// would send them (known chats and users, real file ids, callbacks on real bot messages) with
// hostile content; some are of types the bot did not ask for; some are malformed (missing
// fields, wrong types, ids beyond 2^63), which Telegram never sends but a bot must survive.
import type { Document, Message, MessageEntity, PhotoSize, User } from "grammy/types";
import { callbackData as cd, type ReviewAction } from "../../src/bot/callback-data.js";

export type Rng = () => number;

export interface BotMessageRef {
  chatId: number;
  message: Message;
}

export interface FuzzWorld {
  adminGroup: { id: number; title: string };
  channel: { id: number; title: string; username: string };
  otherChannel: { id: number; title: string };
  otherGroups: Array<{ id: number; title: string }>;
  /** Members of the admin group (the real admin first). */
  admins: User[];
  /** Registered KIM members; they started the bot. */
  members: User[];
  /** Started the bot, but are not members of any KIM. */
  unregistered: User[];
  /** Never wrote to the bot: they only act in groups and on buttons. */
  strangers: User[];
  botUsername: string;
  photos: PhotoSize[][];
  documents: Document[];
  video: { file_id: string; file_unique_id: string };
  /** Messages of the bot, to press buttons on (refreshed by the runner). */
  botMessages: BotMessageRef[];
  /** Whether a message is still there (the bot may have deleted it since the last refresh). */
  exists(ref: BotMessageRef): boolean;
  submissionIds: number[];
  kimIds: number[];
  inviteCodes: string[];
}

export interface Generated {
  kind: string;
  update: Record<string, unknown>;
}

export const pick = <T>(r: Rng, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
const int = (r: Rng, min: number, max: number): number => min + Math.floor(r() * (max - min + 1));
const chance = (r: Rng, p: number): boolean => r() < p;

// ——— Text ———

const WORDS = ["kabar", "desa", "kerja bakti", "posyandu", "banjir", "jalan rusak", "KIM", "kecamatan", "warga", "bantuan", "hoaks", "SEBARKAN", "VIRAL", "klarifikasi", "yg", "gak", "tdk"];
const SCRIPTS = [
  "سلام عليكم", "你好，世界", "Привет мир", "नमस्ते दुनिया", "สวัสดีครับ", "こんにちは", "안녕하세요", "Γειά σου", "שלום", "ꦲꦤꦕꦫꦏ",
  "👨‍👩‍👧‍👦", "🇮🇩🇲🇾", "👍🏽", "😀😃😄", "e\u0301\u0302\u0303", "Z̴̡̧̛͓̗̣a̸̢̛l̷̨̛g̵o̸", "\u202eterbalik\u202c", "\u200b\u200c\u200d\u2060", "\ufeff", "\u0000\u0001\u0007",
  "\ud83d", "\udc00x", "ǅǈǋ", "ﬁﬂ", "𝕂𝕀𝕄", "ｆｕｌｌｗｉｄｔｈ",
];
const HTML_BITS = [
  "<b>tebal", "</i>", "<a href='javascript:alert(1)'>klik</a>", "<a href=\"https://x.id\">ok</a>", "&amp", "&#x;", "&#99999999;", "&lt;b&gt;", "<script>alert(1)</script>",
  "<<>>", "< b >", "<tg-spoiler>rahasia", "<span class=\"tg-spoiler\">", "<pre><code class=\"language-<b>\">", "<blockquote expandable>", "1 < 2 && 3 > 2", "\"'`", "<!-- -->", "&nbsp;", "<br/>",
];
const FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+SUM(1;2)", "-1+1", "@cmd", "=cmd|' /C calc'!A0", "\t=1"];
const LINKS = ["https://bit.ly/3xYz", "http://xn--80ak6aa92e.com", "https://kominfo.go.id.evil.example/berita", "www.example.com/?q=<b>", "https://t.me/+invite", "tg://user?id=1", "javascript:void(0)"];
const NUMBERS = ["99999999999999999999", "9223372036854775808", "-1", "0", "1e309", "NaN", "Infinity", "0x10", "#12", "12abc", "١٢٣", "３", "1.5", " 7 "];
const COMMANDS = [
  "start", "help", "bantuan", "kirim", "batal", "cancel", "status", "profil", "cek", "id", "antrian", "riwayat", "terbitkan_ulang", "impor", "kim", "undangan", "undangan_baru",
  "anggota", "keluarkan", "pindah", "hoaks", "jeda", "lanjut", "pengingat", "laporan", "tidakada", "START", "s", "x".repeat(32),
];
/** Commands that render charts or send to many people: rare, or the run would be about them. */
const HEAVY = new Set(["laporan", "pengingat"]);

export function fuzzText(r: Rng, w: FuzzWorld): string {
  switch (int(r, 0, 11)) {
    case 0:
      return pick(r, ["", " ", "\n\n\t", "\u200b", "   \n  "]);
    case 1:
      return "a".repeat(pick(r, [4096, 4097, 5000, 10_000, 40_000]));
    case 2:
      return Array.from({ length: int(r, 1, 6) }, () => pick(r, SCRIPTS)).join(" ");
    case 3:
      return Array.from({ length: int(r, 1, 5) }, () => pick(r, HTML_BITS)).join(pick(r, [" ", "", "\n"]));
    case 4:
      return pick(r, FORMULAS);
    case 5:
      return `${pick(r, WORDS)} ${pick(r, LINKS)} ${pick(r, WORDS)}`;
    case 6:
      return pick(r, NUMBERS);
    case 7:
      return Array.from({ length: int(r, 1, 40) }, () => String.fromCodePoint(int(r, 1, 0x2ffff))).join("");
    case 8:
      return pick(r, w.inviteCodes).slice(0, int(r, 0, 30)) + pick(r, ["", "x", "-_", "!", "%00"]);
    case 9:
      return `${pick(r, WORDS)} `.repeat(int(r, 1, 400)).trim();
    case 10:
      return "🎉".repeat(int(r, 1, 2100));
    default:
      return [fuzzText(r, w), fuzzText(r, w)].join(pick(r, [" ", "\n", ""]));
  }
}

function commandText(r: Rng, w: FuzzWorld): { text: string; entities: MessageEntity[] } {
  let name = pick(r, COMMANDS);
  if (HEAVY.has(name) && !chance(r, 0.03)) name = "status";
  const suffix = pick(r, ["", "", "", `@${w.botUsername}`, "@otherbot", "@"]);
  const args = pick(r, [
    () => "",
    () => fuzzText(r, w),
    () => pick(r, NUMBERS),
    () => `${pick(r, ["tambah", "hapus", "impor", "cek", "kirim", "x"])} ${fuzzText(r, w)} | ${pick(r, LINKS)}`,
    () => `${pick(r, ["KIM Hapau Habar", "KIM Pawawara", "kim", "%", "_"])} ${pick(r, ["", "| 2026-13-45", "| 9999-01-01", "| kemarin"])}`,
    () => `${int(r, -5, 2_000_000_000)} ${pick(r, ["KIM Pawawara", fuzzText(r, w)])}`,
    () => "x".repeat(5000),
    () => pick(r, ["minggu-ini", "4-minggu", "2026-11", "12-bulan", "2026-11-31..2026-02-01", "0000-00", "9999-12..0000-01"]),
  ])();
  const head = `/${name}${suffix}`;
  const text = args ? `${head} ${args}` : head;
  const entities: MessageEntity[] = chance(r, 0.9) ? [{ type: "bot_command", offset: 0, length: head.length }] : [];
  return { text, entities };
}

function fuzzEntities(r: Rng, text: string, w: FuzzWorld): MessageEntity[] | undefined {
  if (!chance(r, 0.3)) return undefined;
  const types = ["bold", "italic", "underline", "strikethrough", "spoiler", "code", "pre", "text_link", "text_mention", "url", "mention", "hashtag", "cashtag", "bot_command", "email", "phone_number", "custom_emoji", "blockquote", "expandable_blockquote", "no_such_type"];
  return Array.from({ length: int(r, 1, 8) }, () => {
    const type = pick(r, types);
    const e: Record<string, unknown> = { type, offset: int(r, -2, text.length + 3), length: int(r, 0, text.length + 5) };
    if (type === "text_link") e.url = pick(r, [...LINKS, "", "https://<b>.id", "mailto:x"]);
    if (type === "text_mention") e.user = pick(r, [...w.members, { id: 1, is_bot: false, first_name: "<b>Palsu</b>" }]);
    if (type === "pre") e.language = pick(r, ["ts", "<script>", "\"", ""]);
    if (type === "custom_emoji") e.custom_emoji_id = "5368324170671202286";
    return e as unknown as MessageEntity;
  });
}

// ——— Chats and messages ———

let messageCounter = 500_000;

function privateChat(u: User) {
  return { id: u.id, type: "private", first_name: u.first_name, ...(u.username ? { username: u.username } : {}) };
}

function groupChat(g: { id: number; title: string }) {
  return { id: g.id, type: "supergroup", title: g.title };
}

function baseMessage(r: Rng, chat: Record<string, unknown>, from: User | undefined): Record<string, unknown> {
  return {
    message_id: chance(r, 0.1) ? int(r, 1, 50) : ++messageCounter,
    ...(from ? { from } : {}),
    chat,
    date: Math.floor(Date.now() / 1000) - (chance(r, 0.05) ? int(r, 0, 10_000_000) : 0),
  };
}

/** Content of a message: text (with or without a command) or something else a user can send. */
function content(r: Rng, w: FuzzWorld): { kind: string; fields: Record<string, unknown> } {
  const roll = r();
  if (roll < 0.45) {
    const text = fuzzText(r, w);
    const entities = fuzzEntities(r, text, w);
    return { kind: "text", fields: { text, ...(entities ? { entities } : {}) } };
  }
  if (roll < 0.6) {
    const { text, entities } = commandText(r, w);
    return { kind: "command", fields: { text, entities } };
  }
  const caption = chance(r, 0.6) ? fuzzText(r, w) : undefined;
  const captioned = (fields: Record<string, unknown>) => ({ ...fields, ...(caption !== undefined ? { caption, ...(chance(r, 0.3) ? { caption_entities: fuzzEntities(r, caption, w) ?? [] } : {}) } : {}) });
  const kind = pick(r, ["photo", "video", "document", "big-document", "sticker", "voice", "video_note", "audio", "animation", "location", "venue", "contact", "poll", "dice", "game", "story", "invoice", "service", "web_app_data"]);
  switch (kind) {
    case "photo":
      return { kind, fields: captioned({ photo: pick(r, w.photos), ...(chance(r, 0.2) ? { has_media_spoiler: true } : {}) }) };
    case "video":
      return { kind, fields: captioned({ video: { ...w.video, width: int(r, 0, 8000), height: int(r, 0, 8000), duration: int(r, 0, 100_000), file_size: int(r, 0, 2_000_000_000) } }) };
    case "document":
      return { kind, fields: captioned({ document: pick(r, w.documents) }) };
    case "big-document":
      return { kind, fields: captioned({ document: { ...pick(r, w.documents), file_size: pick(r, [20 * 1024 * 1024 + 1, 2_000_000_000, 0]) } }) };
    case "sticker":
      return { kind, fields: { sticker: { file_id: "CAACAgIAAxk", file_unique_id: "AgAD", type: "regular", width: 512, height: 512, is_animated: false, is_video: false, emoji: "😀" } } };
    case "voice":
      return { kind, fields: captioned({ voice: { file_id: "AwACAgIAAxk", file_unique_id: "AgADv", duration: int(r, 0, 3600) } }) };
    case "video_note":
      return { kind, fields: { video_note: { file_id: "DQACAgIAAxk", file_unique_id: "AgADn", length: 240, duration: 10 } } };
    case "audio":
      return { kind, fields: captioned({ audio: { file_id: "CQACAgIAAxk", file_unique_id: "AgADa", duration: 200, title: fuzzText(r, w).slice(0, 100) } }) };
    case "animation":
      return { kind, fields: captioned({ animation: { file_id: "CgACAgIAAxk", file_unique_id: "AgADg", width: 320, height: 240, duration: 3 }, document: pick(r, w.documents) }) };
    case "location":
      return { kind, fields: { location: { latitude: r() * 180 - 90, longitude: r() * 360 - 180 } } };
    case "venue":
      return { kind, fields: { location: { latitude: -2, longitude: 115 }, venue: { location: { latitude: -2, longitude: 115 }, title: fuzzText(r, w).slice(0, 50), address: "<b>Jl.</b>" } } };
    case "contact":
      return { kind, fields: { contact: { phone_number: "+62 812 <b>", first_name: fuzzText(r, w).slice(0, 60) || "x" } } };
    case "poll":
      return { kind, fields: { poll: { id: String(int(r, 1, 1e9)), question: fuzzText(r, w).slice(0, 300) || "?", options: [{ text: "a", voter_count: 0 }], total_voter_count: 0, is_closed: false, is_anonymous: true, type: "regular", allows_multiple_answers: false } } };
    case "dice":
      return { kind, fields: { dice: { emoji: "🎲", value: int(r, 1, 6) } } };
    case "game":
      return { kind, fields: { game: { title: "Game", description: "<b>", photo: pick(r, w.photos) } } };
    case "story":
      return { kind, fields: { story: { chat: privateChat(pick(r, w.members)), id: int(r, 1, 100) } } };
    case "invoice":
      return { kind, fields: { invoice: { title: "x", description: "y", start_parameter: "z", currency: "IDR", total_amount: 1000 } } };
    case "web_app_data":
      return { kind, fields: { web_app_data: { data: fuzzText(r, w).slice(0, 4096), button_text: "x" } } };
    default:
      return {
        kind: "service",
        fields: pick(r, [
          { new_chat_members: [pick(r, w.strangers)] },
          { left_chat_member: pick(r, w.members) },
          { new_chat_title: fuzzText(r, w).slice(0, 128) },
          { pinned_message: { message_id: 1, date: 0, chat: { id: 1, type: "private", first_name: "x" } } },
          { group_chat_created: true },
          { message_auto_delete_timer_changed: { message_auto_delete_time: 86400 } },
          { migrate_to_chat_id: -1009999999999 },
          { write_access_allowed: { from_request: true } },
          { users_shared: { request_id: 1, users: [{ user_id: 5 }] } },
        ]),
      };
  }
}

function forwardOrigin(r: Rng, w: FuzzWorld): Record<string, unknown> {
  return pick(r, [
    { type: "channel", chat: { id: w.otherChannel.id, type: "channel", title: w.otherChannel.title }, message_id: int(r, 1, 1000), date: 1 },
    { type: "user", sender_user: pick(r, w.strangers), date: 1 },
    { type: "hidden_user", sender_user_name: fuzzText(r, w).slice(0, 64) || "x", date: 1 },
    { type: "chat", sender_chat: groupChat(pick(r, w.otherGroups)), date: 1 },
  ]);
}

// ——— Update kinds ———

type Maker = (r: Rng, w: FuzzWorld) => Generated;

const privateFrom = (users: (w: FuzzWorld) => User[], label: string): Maker => (r, w) => {
  const from = pick(r, users(w));
  const c = content(r, w);
  const msg = { ...baseMessage(r, privateChat(from), from), ...c.fields };
  if (chance(r, 0.08)) Object.assign(msg, { forward_origin: forwardOrigin(r, w) });
  if (chance(r, 0.05)) Object.assign(msg, { reply_to_message: { ...baseMessage(r, privateChat(from), from), text: "lama" } });
  if (chance(r, 0.05) && c.kind === "photo") Object.assign(msg, { media_group_id: String(int(r, 1, 5)) });
  return { kind: `${label}:${c.kind}`, update: { message: msg } };
};

const inGroup: Maker = (r, w) => {
  const inAdmin = chance(r, 0.5);
  const chat = inAdmin ? groupChat(w.adminGroup) : groupChat(pick(r, w.otherGroups));
  const from = inAdmin ? pick(r, chance(r, 0.7) ? w.admins : w.strangers) : pick(r, [...w.members, ...w.strangers, ...w.admins]);
  const c = content(r, w);
  const msg = { ...baseMessage(r, chat, from), ...c.fields };
  const target = w.botMessages.filter((m) => m.chatId === chat.id);
  if (chance(r, 0.3) && target.length > 0) Object.assign(msg, { reply_to_message: pick(r, target).message });
  if (chance(r, 0.05)) Object.assign(msg, { sender_chat: { id: w.otherChannel.id, type: "channel", title: w.otherChannel.title } });
  return { kind: `${inAdmin ? "admin-group" : "group"}:${c.kind}`, update: { message: msg } };
};

const commandInWrongChat: Maker = (r, w) => {
  const { text, entities } = commandText(r, w);
  const where = int(r, 0, 3);
  if (where === 0) {
    const from = pick(r, [...w.members, ...w.unregistered]);
    return { kind: "command:private", update: { message: { ...baseMessage(r, privateChat(from), from), text, entities } } };
  }
  if (where === 1) {
    const from = pick(r, w.strangers);
    return { kind: "command:admin-group-non-admin", update: { message: { ...baseMessage(r, groupChat(w.adminGroup), from), text, entities } } };
  }
  if (where === 2) {
    const from = pick(r, [...w.members, ...w.admins]);
    return { kind: "command:other-group", update: { message: { ...baseMessage(r, groupChat(pick(r, w.otherGroups)), from), text, entities } } };
  }
  const channel = { id: w.channel.id, type: "channel", title: w.channel.title, username: w.channel.username };
  return { kind: "command:channel-post", update: { channel_post: { ...baseMessage(r, channel, undefined), sender_chat: channel, text, entities } } };
};

const adminCommand: Maker = (r, w) => {
  const { text, entities } = commandText(r, w);
  const from = w.admins[0]!;
  const msg: Record<string, unknown> = { ...baseMessage(r, groupChat(w.adminGroup), from), text, entities };
  if (chance(r, 0.1)) Object.assign(msg, { document: pick(r, w.documents), caption: text, caption_entities: entities, text: undefined, entities: undefined });
  return { kind: "command:admin", update: { message: JSON.parse(JSON.stringify(msg)) as Record<string, unknown> } };
};

/** Payloads the bot's own buttons carry, with real or made-up ids. */
function payload(r: Rng, w: FuzzWorld): string {
  const sub = chance(r, 0.7) && w.submissionIds.length > 0 ? pick(r, w.submissionIds) : int(r, 0, 999_999_999);
  const kim = chance(r, 0.7) ? pick(r, w.kimIds) : int(r, 0, 999_999_999);
  const code = chance(r, 0.5) ? pick(r, w.inviteCodes) : "AAAAAAAAAAAA";
  const action = pick(r, ["a", "A", "r", "h", "H", "e", "t", "b"] as ReviewAction[]);
  return pick(r, [
    () => cd.join(kim, code),
    () => cd.joinRename(kim, code),
    () => cd.joinCancel(),
    () => cd.pickKecamatan(int(r, 0, 20), int(r, 0, 999)),
    () => cd.pickKim(kim),
    () => cd.pickBack(),
    () => cd.requestSend(kim),
    () => cd.requestRename(kim),
    () => cd.joinDecision(int(r, 0, 50), chance(r, 0.5)),
    () => cd.submit(sub),
    () => cd.cancelDraft(sub),
    () => cd.withdrawAsk(sub),
    () => cd.withdrawYes(sub),
    () => cd.withdrawNo(sub),
    () => cd.reviseStart(sub),
    () => cd.review(action, sub),
    () => cd.rejectPreset(int(r, 0, 9), sub),
  ])();
}

function callbackDataFor(r: Rng, w: FuzzWorld, message: Message | undefined): { kind: string; data?: string } {
  const own = (message?.reply_markup?.inline_keyboard ?? []).flat().flatMap((b) => ("callback_data" in b && b.callback_data ? [b.callback_data] : []));
  const roll = r();
  if (roll < 0.2 && own.length > 0) return { kind: "own-button", data: pick(r, own) };
  if (roll < 0.5) return { kind: "forged-payload", data: payload(r, w) };
  if (roll < 0.7) {
    const full = own.length > 0 && chance(r, 0.5) ? pick(r, own) : payload(r, w);
    return { kind: "truncated-payload", data: full.slice(0, int(r, 0, Math.max(0, full.length - 1))) };
  }
  if (roll < 0.9) {
    const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789:-_vsjrwAHé😀\n ";
    const data = Array.from({ length: int(r, 1, 64) }, () => pick(r, [...alphabet])).join("");
    return { kind: "random-data", data: Buffer.from(data).subarray(0, 64).toString() };
  }
  return { kind: "odd-data", data: pick(r, [undefined, "", " ", "v:a:", "v:a:0", "v:a:-1", "v:a:1e9", "v:Z:1", "s:y:1:2", "s:y:01", "v:a:1\n", "x".repeat(65), "v:a:9999999999"]) };
}

let queryCounter = 0;

const callback: Maker = (r, w) => {
  // Cards in the admin group are few but matter most: pick the chat first, then a message there.
  const where = pick(r, ["admin-group", "admin-group", "private", "private", "private", "group"]);
  const inChat = w.botMessages.filter((m) => (where === "admin-group" ? m.chatId === w.adminGroup.id : where === "private" ? m.chatId > 0 : m.chatId < 0 && m.chatId !== w.adminGroup.id));
  const candidates = (inChat.length > 0 ? inChat : w.botMessages).filter((m) => w.exists(m));
  const target = candidates.length > 0 && chance(r, 0.95) ? pick(r, candidates) : undefined;
  const inPrivate = target && target.chatId > 0;
  const owner = inPrivate ? [...w.members, ...w.unregistered].find((u) => u.id === target.chatId) : undefined;
  const from = owner && chance(r, 0.85) ? owner : pick(r, [...w.admins, ...w.members, ...w.strangers, ...w.unregistered]);
  const { kind, data } = callbackDataFor(r, w, target?.message);
  const query: Record<string, unknown> = {
    id: `fz${++queryCounter}`,
    from,
    chat_instance: String(target?.chatId ?? from.id),
    ...(data !== undefined ? { data } : { game_short_name: "game" }),
  };
  if (target) query.message = target.message;
  else query.inline_message_id = "AgAAAInline";
  const chat = !target ? "inline" : target.chatId === w.adminGroup.id ? "admin-group" : inPrivate ? "private" : "group";
  return { kind: `callback:${chat}:${kind}`, update: { callback_query: query } };
};

const edited: Maker = (r, w) => {
  const from = pick(r, [...w.members, ...w.unregistered]);
  const c = content(r, w);
  const msg = { ...baseMessage(r, privateChat(from), from), ...c.fields, edit_date: Math.floor(Date.now() / 1000) };
  if (chance(r, 0.3)) {
    const channel = { id: w.channel.id, type: "channel", title: w.channel.title, username: w.channel.username };
    return { kind: "edited_channel_post", update: { edited_channel_post: { ...baseMessage(r, channel, undefined), sender_chat: channel, text: fuzzText(r, w), edit_date: 1 } } };
  }
  return { kind: `edited_message:${c.kind}`, update: { edited_message: msg } };
};

const channelPost: Maker = (r, w) => {
  const ch = chance(r, 0.5) ? w.channel : w.otherChannel;
  const chat = { id: ch.id, type: "channel", title: ch.title };
  const c = content(r, w);
  return { kind: `channel_post:${c.kind}`, update: { channel_post: { ...baseMessage(r, chat, undefined), sender_chat: chat, ...c.fields } } };
};

const unexpectedType: Maker = (r, w) => {
  const user = pick(r, [...w.members, ...w.strangers]);
  const chat = chance(r, 0.5) ? groupChat(w.adminGroup) : groupChat(pick(r, w.otherGroups));
  const member = (status: string) => ({ status, user });
  const updates: Array<[string, unknown]> = [
    ["inline_query", { id: String(int(r, 1, 1e9)), from: user, query: fuzzText(r, w).slice(0, 256), offset: "" }],
    ["chosen_inline_result", { result_id: "1", from: user, query: "x" }],
    ["shipping_query", { id: "1", from: user, invoice_payload: "p", shipping_address: { country_code: "ID", state: "", city: "", street_line1: "", street_line2: "", post_code: "" } }],
    ["pre_checkout_query", { id: "1", from: user, currency: "IDR", total_amount: 1, invoice_payload: "p" }],
    ["poll", { id: "1", question: "?", options: [], total_voter_count: 0, is_closed: true, is_anonymous: true, type: "regular", allows_multiple_answers: false }],
    ["poll_answer", { poll_id: "1", user, option_ids: [0] }],
    ["chat_join_request", { chat, from: user, user_chat_id: user.id, date: 1 }],
    ["chat_boost", { chat, boost: { boost_id: "1", add_date: 1, expiration_date: 2, source: { source: "premium", user } } }],
    ["removed_chat_boost", { chat, boost_id: "1", remove_date: 1, source: { source: "premium", user } }],
    ["message_reaction", { chat, message_id: 1, user, date: 1, old_reaction: [], new_reaction: [{ type: "emoji", emoji: "👍" }] }],
    ["message_reaction_count", { chat, message_id: 1, date: 1, reactions: [] }],
    ["business_connection", { id: "b", user, user_chat_id: user.id, date: 1, can_reply: true, is_enabled: true }],
    ["business_message", { ...baseMessage(r, privateChat(user), user), text: fuzzText(r, w), business_connection_id: "b" }],
    ["deleted_business_messages", { business_connection_id: "b", chat: privateChat(user), message_ids: [1, 2] }],
    ["purchased_paid_media", { from: user, paid_media_payload: "x" }],
    ["chat_member", { chat: groupChat(w.adminGroup), from: user, date: 1, old_chat_member: member("administrator"), new_chat_member: member(pick(r, ["left", "kicked", "member", "restricted"])) }],
    ["my_chat_member", { chat: chance(r, 0.5) ? privateChat(user) : chat, from: user, date: 1, old_chat_member: member("member"), new_chat_member: member(pick(r, ["kicked", "member", "left", "administrator"])) }],
    ["no_such_update_type", { whatever: fuzzText(r, w).slice(0, 100) }],
  ];
  const [type, body] = pick(r, updates);
  return { kind: `type:${type}`, update: { [type]: body } };
};

const KINDS: Array<[Maker, number]> = [
  [privateFrom((w) => w.members, "member"), 20],
  [privateFrom((w) => w.unregistered, "unregistered"), 8],
  [adminCommand, 6],
  [commandInWrongChat, 8],
  [inGroup, 8],
  [callback, 22],
  [edited, 5],
  [channelPost, 3],
  [unexpectedType, 6],
];
const TOTAL_WEIGHT = KINDS.reduce((a, [, weight]) => a + weight, 0);

/** One generated update; about one in ten is malformed on purpose. */
export function generate(r: Rng, w: FuzzWorld): Generated {
  let roll = r() * TOTAL_WEIGHT;
  let maker = KINDS[0]![0];
  for (const [m, weight] of KINDS) {
    roll -= weight;
    if (roll < 0) {
      maker = m;
      break;
    }
  }
  const g = maker(r, w);
  return chance(r, 0.1) ? malform(r, g) : g;
}

// ——— Malformed updates ———

const WRONG_VALUES: unknown[] = [null, 42, -1, 1.5, "abc", "", true, [], {}, [1, 2], { nested: { deeper: [null] } }, 2 ** 63, -(2 ** 63) - 1025, 2 ** 64, 1e308, 2 ** 53 + 2, "9223372036854775808"];

/** Deletes or replaces one field somewhere in the update, or breaks the update itself. */
export function malform(r: Rng, g: Generated): Generated {
  const update = structuredClone(g.update);
  const roll = int(r, 0, 12);
  const body = Object.values(update)[0] as Record<string, unknown> | undefined;
  const msg = body && typeof body === "object" ? ((body.message as Record<string, unknown> | undefined) ?? body) : undefined;
  // The cases the issue names, each for sure; then any field at random.
  if (roll === 10 && msg) {
    msg.text = pick(r, [42, { b: "x" }, ["a"], null, true]);
    return { kind: "malformed:text-not-string", update };
  }
  if (roll === 11 && body) {
    delete body.from;
    return { kind: "malformed:no-from", update };
  }
  if (roll === 12 && msg) {
    const chat = (msg.chat as Record<string, unknown> | undefined) ?? {};
    chat.id = pick(r, ["abc", "-100x", 1.5, null, 2 ** 63, -(2 ** 63) - 4096, 2 ** 64, 1e21]);
    msg.chat = chat;
    if (chance(r, 0.5) && body?.from && typeof body.from === "object") (body.from as Record<string, unknown>).id = pick(r, [2 ** 63, "7", 2 ** 53 + 2]);
    return { kind: "malformed:chat-or-user-id", update };
  }
  if (roll === 0) return { kind: `malformed:no-payload`, update: {} };
  if (roll === 1) return { kind: `malformed:update_id`, update: { ...update, update_id: pick(r, ["12", -1, 2 ** 63, 1.5, null]) } };
  if (roll === 2) return { kind: `malformed:payload-not-object`, update: { [Object.keys(update)[0]!]: pick(r, WRONG_VALUES.filter((v) => typeof v !== "object" || v === null)) } };
  if (roll === 3) return { kind: `malformed:two-payloads`, update: { ...update, callback_query: { id: `fz-two-${++queryCounter}`, from: { id: 1 } }, message: { text: "dua" } } };
  const paths = leafPaths(update).filter((p) => p.length > 1);
  if (paths.length === 0) return { kind: `malformed:empty`, update };
  const path = chance(r, 0.5) ? pick(r, paths.filter((p) => /^(id|text|from|chat|date|message_id|data|entities|photo|file_id|caption|user|first_name|type)$/.test(p.at(-1)!)).concat([paths[0]!])) : pick(r, paths);
  const parent = path.slice(0, -1).reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, update);
  const key = path.at(-1)!;
  if (chance(r, 0.35)) {
    delete parent[key];
    return { kind: `malformed:missing-${key}`, update };
  }
  parent[key] = pick(r, WRONG_VALUES);
  return { kind: `malformed:wrong-${key}`, update };
}

/** Every path to a field (objects and arrays included), depth-first. */
function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (!value || typeof value !== "object") return [prefix];
  const out: string[][] = prefix.length > 0 ? [prefix] : [];
  for (const [k, v] of Object.entries(value)) out.push(...leafPaths(v, [...prefix, k]));
  return out;
}
