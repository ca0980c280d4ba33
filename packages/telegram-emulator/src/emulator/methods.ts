// The Bot API methods the emulator answers, by name.
import type { BotCommand, ChatFullInfo, ChatMember, File, Update } from "grammy/types";
import { EditingMethods } from "./editing.js";
import { badRequest, ApiError } from "./errors.js";
import { MAX_DOWNLOAD_BYTES } from "./files.js";
import type { Params } from "./params.js";
import { SendingMethods } from "./sending.js";
import type { EmulatorState } from "./state.js";

export interface CallContext {
  /** Aborted when the client hangs up (a long poll the bot gave up). */
  signal: AbortSignal;
}

export interface Method {
  name: string;
  run(p: Params, call: CallContext): unknown;
  /** For sending methods: how many messages a call sends, for flood control. */
  sends?(p: Params): number;
}

const CALLBACK_QUERY_TTL_MS = 15 * 60 * 1000;
const MAX_CALLBACK_ANSWER = 200;
const CHAT_ACTIONS = new Set([
  "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
  "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note",
]);

/** Builds the method table; names are looked up case-insensitively, as Telegram does. */
export function createMethods(s: EmulatorState): Map<string, Method> {
  const sending = new SendingMethods(s);
  const editing = new EditingMethods(s);
  const other = new OtherMethods(s);
  const one = () => 1;
  const list: Method[] = [
    { name: "getMe", run: () => s.bot },
    { name: "getUpdates", run: (p, call) => other.getUpdates(p, call) },
    { name: "setWebhook", run: (p) => other.setWebhook(p) },
    { name: "deleteWebhook", run: (p) => other.deleteWebhook(p) },
    { name: "getWebhookInfo", run: () => other.getWebhookInfo() },
    { name: "setMyCommands", run: (p) => other.setMyCommands(p) },
    { name: "getMyCommands", run: (p) => s.commands.get(commandsKey(p)) ?? [] },
    { name: "deleteMyCommands", run: (p) => other.deleteMyCommands(p) },
    { name: "logOut", run: () => true },
    { name: "close", run: () => true },
    { name: "sendMessage", run: (p) => sending.sendMessage(p), sends: one },
    { name: "sendPhoto", run: (p) => sending.sendPhoto(p), sends: one },
    { name: "sendVideo", run: (p) => sending.sendVideo(p), sends: one },
    { name: "sendDocument", run: (p) => sending.sendDocument(p), sends: one },
    { name: "sendMediaGroup", run: (p) => sending.sendMediaGroup(p), sends: (p) => listLength(p, "media") },
    { name: "copyMessage", run: (p) => sending.copyMessage(p), sends: one },
    { name: "copyMessages", run: (p) => sending.copyMessages(p), sends: (p) => listLength(p, "message_ids") },
    { name: "forwardMessage", run: (p) => sending.forwardMessage(p), sends: one },
    { name: "forwardMessages", run: (p) => sending.forwardMessages(p), sends: (p) => listLength(p, "message_ids") },
    { name: "editMessageText", run: (p) => editing.editMessageText(p) },
    { name: "editMessageCaption", run: (p) => editing.editMessageCaption(p) },
    { name: "editMessageReplyMarkup", run: (p) => editing.editMessageReplyMarkup(p) },
    { name: "editMessageMedia", run: (p) => editing.editMessageMedia(p) },
    { name: "deleteMessage", run: (p) => editing.deleteMessage(p) },
    { name: "deleteMessages", run: (p) => editing.deleteMessages(p) },
    { name: "pinChatMessage", run: (p) => editing.pinChatMessage(p) },
    { name: "unpinChatMessage", run: (p) => editing.unpinChatMessage(p) },
    { name: "answerCallbackQuery", run: (p) => other.answerCallbackQuery(p) },
    { name: "getChat", run: (p) => other.getChat(p) },
    { name: "getChatMember", run: (p) => other.getChatMember(p) },
    { name: "getChatAdministrators", run: (p) => other.getChatAdministrators(p) },
    { name: "getChatMemberCount", run: (p) => other.getChatMemberCount(p) },
    { name: "getFile", run: (p) => other.getFile(p) },
    { name: "sendChatAction", run: (p) => other.sendChatAction(p) },
  ];
  return new Map(list.map((m) => [m.name.toLowerCase(), m]));
}

function listLength(p: Params, name: string): number {
  try {
    const value = p.json(name, "");
    return Array.isArray(value) ? Math.max(value.length, 1) : 1;
  } catch {
    return 1;
  }
}

/** Commands are kept per scope and language, as Telegram keeps them. */
function commandsKey(p: Params): string {
  const scope = p.json("scope", "can't parse BotCommandScope JSON object") ?? { type: "default" };
  return `${JSON.stringify(scope)}|${p.string("language_code") ?? ""}`;
}

class OtherMethods {
  constructor(private readonly s: EmulatorState) {}

  getUpdates(p: Params, call: CallContext): Promise<Update[]> {
    if (this.s.webhook.url) {
      throw new ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    const allowed = p.json("allowed_updates", "can't parse allowed updates JSON object");
    return this.s.updates.poll(
      {
        offset: p.int("offset"),
        limit: p.int("limit"),
        timeout: p.int("timeout"),
        allowedUpdates: Array.isArray(allowed) ? allowed.map(String) : undefined,
      },
      call.signal,
    );
  }

  /** Delivers the queued updates to the URL from now on; getUpdates answers 409 meanwhile, like Telegram. */
  async setWebhook(p: Params): Promise<true> {
    const url = p.string("url") ?? "";
    if (url === "") {
      await this.s.webhook.clear();
      return true;
    }
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw badRequest("bad webhook: Failed to resolve host: Name or service not known");
    }
    // Telegram calls https only, on these ports.
    if (parsed.protocol !== "https:") throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
    if (parsed.port && !["443", "80", "88", "8443"].includes(parsed.port)) throw badRequest("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443");
    const secret = p.string("secret_token");
    if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) throw badRequest("bad webhook: secret token contains unallowed characters");
    const allowed = p.json("allowed_updates", "can't parse allowed updates JSON object");
    if (Array.isArray(allowed)) this.s.updates.chooseAllowed(allowed.map(String));
    if (p.bool("drop_pending_updates")) this.s.updates.dropAll();
    this.s.webhook.set(url, secret);
    return true;
  }

  async deleteWebhook(p: Params): Promise<true> {
    await this.s.webhook.clear();
    if (p.bool("drop_pending_updates")) this.s.updates.dropAll();
    return true;
  }

  getWebhookInfo(): Record<string, unknown> {
    const allowed = this.s.updates.allowedUpdates();
    const info = this.s.webhook.info();
    return {
      url: info.url,
      has_custom_certificate: false,
      pending_update_count: this.s.updates.pending(),
      ...(info.lastErrorDate !== undefined ? { last_error_date: info.lastErrorDate, last_error_message: info.lastErrorMessage } : {}),
      max_connections: 40,
      ...(allowed ? { allowed_updates: allowed } : {}),
    };
  }

  setMyCommands(p: Params): true {
    const commands = p.json("commands", "can't parse commands JSON object");
    if (!Array.isArray(commands)) throw badRequest("field \"commands\" must be an Array");
    if (commands.length > 100) throw badRequest("too many commands specified");
    for (const c of commands as Partial<BotCommand>[]) {
      if (typeof c.command !== "string" || !/^[a-z0-9_]{1,32}$/.test(c.command)) throw badRequest("BOT_COMMAND_INVALID");
      if (typeof c.description !== "string" || c.description.trim().length === 0 || c.description.length > 256) {
        throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
      }
    }
    this.s.commands.set(commandsKey(p), commands as BotCommand[]);
    return true;
  }

  deleteMyCommands(p: Params): true {
    this.s.commands.delete(commandsKey(p));
    return true;
  }

  answerCallbackQuery(p: Params): true {
    const id = p.string("callback_query_id") ?? "";
    const record = this.s.callbacks.get(id);
    if (!record || record.answered || this.s.now() - record.createdAt > CALLBACK_QUERY_TTL_MS) {
      throw badRequest("query is too old and response timeout expired or query ID is invalid");
    }
    const text = p.string("text");
    if (text !== undefined && text.length > MAX_CALLBACK_ANSWER) throw badRequest("MESSAGE_TOO_LONG");
    record.answered = true;
    const showAlert = p.bool("show_alert");
    this.s.callbackAnswers.set(id, {
      ...(text !== undefined ? { text } : {}),
      show_alert: showAlert,
      ...(p.has("url") ? { url: p.string("url") } : {}),
      ...(p.has("cache_time") ? { cache_time: p.int("cache_time") } : {}),
    });
    this.s.emit({ type: "callback-answer", chatId: record.chatId, queryId: id, text: text || undefined, showAlert });
    return true;
  }

  getChat(p: Params): ChatFullInfo {
    const state = this.chat(p);
    // Fields every ChatFullInfo has; the rest of the chat's profile is not modelled.
    return { ...structuredClone(state.chat), accent_color_id: 0, max_reaction_count: 11 } as ChatFullInfo;
  }

  getChatMember(p: Params): ChatMember {
    const state = this.chat(p);
    const userId = p.int("user_id");
    if (userId === undefined) throw badRequest("invalid user_id specified");
    return structuredClone(this.s.world.member(state, userId));
  }

  getChatAdministrators(p: Params): ChatMember[] {
    return structuredClone(this.s.world.administrators(this.chat(p)));
  }

  getChatMemberCount(p: Params): number {
    const state = this.chat(p);
    if (state.chat.type === "private") return 2;
    const present = [...state.members.values()].filter((status) => status !== "left" && status !== "kicked").length;
    return present + (state.botStatus === "administrator" || state.botStatus === "member" ? 1 : 0);
  }

  getFile(p: Params): File {
    const fileId = p.string("file_id") ?? "";
    if (fileId === "") throw badRequest("file_id is empty");
    const file = this.s.files.get(fileId);
    if (!file) throw badRequest("invalid file_id");
    if (file.file_size > MAX_DOWNLOAD_BYTES) throw badRequest("file is too big");
    return { file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.file_size, file_path: file.file_path };
  }

  sendChatAction(p: Params): true {
    const state = this.s.world.resolve(p.get("chat_id"));
    this.s.world.assertBotCanPost(state);
    if (!CHAT_ACTIONS.has(p.string("action") ?? "")) throw badRequest("wrong parameter action in request");
    return true;
  }

  private chat(p: Params) {
    const state = this.s.world.resolve(p.get("chat_id"));
    this.s.world.assertBotIsIn(state);
    return state;
  }
}
