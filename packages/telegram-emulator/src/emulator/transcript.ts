// Human-readable lines for what happens in the emulated Telegram: the debugging transcript of a
// failing test and the live output of `npm run demo`.
import type { CallbackQuery, InlineKeyboardMarkup, Message } from "grammy/types";

export type EmulatorEvent =
  | { type: "message"; chatId: number; byBot: boolean; message: Message }
  | { type: "edit"; chatId: number; byBot: boolean; message: Message }
  | { type: "delete"; chatId: number; messageId: number }
  | { type: "callback"; chatId: number; query: CallbackQuery }
  | { type: "callback-answer"; chatId: number; queryId: string; text?: string; showAlert: boolean }
  /** The bot's standing in a chat changed: a user blocked it, it was removed from a group, … */
  | { type: "bot-status"; chatId: number; byUserId: number; privateChat: boolean; status: string };

/** How a line names chats and people; the emulator supplies it from its world. */
export interface Names {
  chat(chatId: number): string;
  user(userId: number): string;
}

export function describeEvent(event: EmulatorEvent, names: Names): string {
  switch (event.type) {
    case "message":
      return `[${names.chat(event.chatId)}] ${sender(event.message, event.byBot, names)} #${event.message.message_id}: ${describeMessage(event.message)}`;
    case "edit":
      return `[${names.chat(event.chatId)}] ${sender(event.message, event.byBot, names)} edits #${event.message.message_id}: ${describeMessage(event.message)}`;
    case "delete":
      return `[${names.chat(event.chatId)}] bot deletes #${event.messageId}`;
    case "callback":
      return `[${names.chat(event.chatId)}] ${names.user(event.query.from.id)} presses ${pressedButton(event.query)}`;
    case "callback-answer": {
      const answer = event.text === undefined ? "(no text)" : `"${event.text}"${event.showAlert ? " (alert)" : ""}`;
      return `[${names.chat(event.chatId)}] bot answers the button: ${answer}`;
    }
    case "bot-status":
      return `[${names.chat(event.chatId)}] ${names.user(event.byUserId)} ${botStatusChange(event.status, event.privateChat)}`;
  }
}

function botStatusChange(status: string, privateChat: boolean): string {
  if (privateChat) return status === "kicked" ? "blocks the bot" : "unblocks the bot";
  return status === "kicked" || status === "left" ? "removes the bot" : `adds the bot as ${status}`;
}

function sender(message: Message, byBot: boolean, names: Names): string {
  if (byBot) return "bot";
  if (message.from) return names.user(message.from.id);
  return message.sender_chat?.type === "channel" ? message.sender_chat.title : "someone";
}

/** One message as text: its flags, content and buttons; multi-line texts are indented. */
export function describeMessage(message: Message): string {
  const flags: string[] = [];
  if (message.forward_origin) flags.push(`(forwarded from ${originName(message)})`);
  if (message.reply_to_message) flags.push(`(reply to #${message.reply_to_message.message_id})`);
  if (message.media_group_id) flags.push(`(album ${message.media_group_id})`);
  const body = [...flags, describeContent(message)].filter((s) => s !== "").join(" ");
  return indent(body + describeButtons(message.reply_markup));
}

function describeContent(m: Message): string {
  const caption = m.caption ? ` ${m.caption}` : "";
  if (m.text !== undefined) return m.text;
  const largest = m.photo?.at(-1);
  if (largest) return `[photo ${largest.width}×${largest.height}]${caption}`;
  if (m.video) return `[video ${m.video.width}×${m.video.height}, ${m.video.duration}s]${caption}`;
  if (m.document) return `[document ${m.document.file_name ?? "?"} (${m.document.mime_type ?? "?"}, ${formatSize(m.document.file_size)})]${caption}`;
  if (m.sticker) return m.sticker.emoji ? `[sticker ${m.sticker.emoji}]` : "[sticker]";
  if (m.voice) return `[voice ${m.voice.duration}s]${caption}`;
  if (m.location) return `[location ${m.location.latitude}, ${m.location.longitude}]`;
  if (m.contact) return `[contact ${m.contact.first_name} ${m.contact.phone_number}]`;
  if (m.poll) return `[poll ${m.poll.question}]`;
  const kind = Object.keys(m).find((k) => !["message_id", "date", "chat", "from", "sender_chat"].includes(k));
  return `[${kind ?? "empty message"}]${caption}`;
}

function describeButtons(markup: InlineKeyboardMarkup | undefined): string {
  if (!markup) return "";
  return markup.inline_keyboard.map((row) => "\n" + row.map((b) => `[ ${b.text} ]`).join(" ")).join("");
}

function originName(message: Message): string {
  const origin = message.forward_origin;
  switch (origin?.type) {
    case "channel":
      return origin.chat.title;
    case "chat":
      return origin.sender_chat.type === "private" ? origin.sender_chat.first_name : origin.sender_chat.title;
    case "user":
      return origin.sender_user.first_name;
    case "hidden_user":
      return origin.sender_user_name;
    default:
      return "?";
  }
}

function pressedButton(query: CallbackQuery): string {
  const buttons = query.message && "reply_markup" in query.message ? (query.message.reply_markup?.inline_keyboard.flat() ?? []) : [];
  const button = buttons.find((b) => "callback_data" in b && b.callback_data === query.data);
  const on = query.message ? ` on #${query.message.message_id}` : "";
  return button ? `"${button.text}"${on}` : `a button${on} (data ${JSON.stringify(query.data)})`;
}

function formatSize(bytes: number | undefined): string {
  if (bytes === undefined) return "? B";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function indent(text: string): string {
  return text.replace(/\n/g, "\n    ");
}
