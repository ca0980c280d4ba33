// What people do in the emulated Telegram: write, send photos, press buttons, block the bot.
// Each action is stored like any message and, where the bot would see it, queued as an update.
//
// Mistakes in a test's setup (an unknown user, a user writing in a group they are not in, a
// button that is not on the message) throw plain errors: they are bugs in the test, not API errors.
import { randomBytes } from "node:crypto";
import type { CallbackQuery, Message, MessageEntity, MessageOrigin, User } from "grammy/types";
import { storeDocument, storeVideo, type VideoInfo } from "./media.js";
import { newMediaGroupId } from "./outbox.js";
import type { EmulatorState } from "./state.js";
import { chatOf, cloneMessage, memberObject, replySnapshot, type BotStatus, type ChatState, type MemberStatus } from "./world.js";

interface Placement {
  /** A group the user writes in; the user's private chat with the bot by default. */
  chatId?: number;
  /** message_id in the same chat this message replies to. */
  replyTo?: number;
}

export interface TextOptions extends Placement {
  /** Replaces the entities Telegram would detect (commands, links, mentions, hashtags). */
  entities?: MessageEntity[];
  forwardOrigin?: MessageOrigin;
}

export interface PhotoOptions extends Placement {
  /** A real image (JPEG, PNG, …); without it a JPEG of width×height (default 1280×960) is made. */
  bytes?: Buffer;
  width?: number;
  height?: number;
  caption?: string;
  mediaGroupId?: string;
}

export interface VideoOptions extends Placement, VideoInfo {
  /** Without bytes, a few random bytes stand in; fileSize can still claim any size. */
  bytes?: Buffer;
  caption?: string;
  mediaGroupId?: string;
}

export interface DocumentOptions extends Placement {
  bytes?: Buffer;
  fileName: string;
  mimeType?: string;
  /** Claims a size without the bytes (a 30 MB file for the "file is too big" path). */
  fileSize?: number;
  caption?: string;
  mediaGroupId?: string;
}

export type AlbumItem = ({ type?: "photo" } & PhotoOptions) | ({ type: "video" } & VideoOptions) | ({ type: "document" } & DocumentOptions);

/** Any message content (sticker, voice, location, contact, poll, forwards, …) plus where it goes. */
export type UserMessage = Partial<Message> & Placement;

export interface PressOptions {
  /** Press even if the message has no such button (a stale or forged callback). */
  allowMissingButton?: boolean;
}

/** The account Telegram shows for service actions when a test names nobody. */
const SERVICE_USER: User = { id: 777000, is_bot: false, first_name: "Telegram" };

export class UserActions {
  private queryCounter = 0;

  constructor(private readonly s: EmulatorState) {}

  sendText(userId: number, text: string, opts: TextOptions = {}): Message {
    const entities = opts.entities ?? detectEntities(text);
    const content: Partial<Message> = {
      ...(opts.forwardOrigin ? { forward_origin: opts.forwardOrigin } : {}),
      text,
      ...(entities.length > 0 ? { entities } : {}),
    };
    return this.post(userId, opts, content);
  }

  async sendPhoto(userId: number, opts: PhotoOptions = {}): Promise<Message> {
    return this.post(userId, opts, await this.photoContent(opts), opts.mediaGroupId);
  }

  sendVideo(userId: number, opts: VideoOptions = {}): Message {
    return this.post(userId, opts, this.videoContent(opts), opts.mediaGroupId);
  }

  sendDocument(userId: number, opts: DocumentOptions): Message {
    return this.post(userId, opts, this.documentContent(opts), opts.mediaGroupId);
  }

  /** An album arrives as Telegram sends it: separate messages (and updates) sharing a media_group_id. */
  async sendAlbum(userId: number, items: AlbumItem[], opts: Placement = {}): Promise<Message[]> {
    if (items.length < 2 || items.length > 10) throw new Error(`emulator: an album has 2–10 items, not ${items.length}`);
    const contents: Partial<Message>[] = [];
    for (const item of items) {
      if (item.type === "video") contents.push(this.videoContent(item));
      else if (item.type === "document") contents.push(this.documentContent(item));
      else contents.push(await this.photoContent(item));
    }
    // Posted together only once every file is ready, so a waiting getUpdates gets the whole album.
    const mediaGroupId = newMediaGroupId();
    return contents.map((content) => this.post(userId, opts, content, mediaGroupId));
  }

  send(userId: number, message: UserMessage): Message {
    const { chatId, replyTo, ...content } = message;
    if (content.text !== undefined && content.entities === undefined) {
      const entities = detectEntities(content.text);
      if (entities.length > 0) content.entities = entities;
    }
    return this.post(userId, { chatId, replyTo }, content, content.media_group_id);
  }

  /** The user edits their own text message: an edited_message update. */
  edit(userId: number, message: Pick<Message, "message_id" | "chat">, text: string): Message {
    const state = this.s.world.chat(message.chat.id);
    const stored = this.s.world.find(state, message.message_id);
    if (!stored || stored.message.from?.id !== userId) throw new Error(`emulator: user ${userId} has no message #${message.message_id} to edit`);
    const entities = detectEntities(text);
    stored.message.text = text;
    if (entities.length > 0) stored.message.entities = entities;
    else delete stored.message.entities;
    stored.message.edit_date = this.s.date();
    this.s.emit({ type: "edit", chatId: state.chat.id, byBot: false, message: cloneMessage(stored.message) });
    this.deliver(state, { edited_message: cloneMessage(stored.message) });
    return cloneMessage(stored.message);
  }

  /** Presses an inline button of a message (as it is now, after any edits). */
  press(userId: number, message: Pick<Message, "message_id" | "chat">, data: string, opts: PressOptions = {}): CallbackQuery {
    const user = this.s.world.user(userId).user;
    const state = this.s.world.chat(message.chat.id);
    const stored = this.s.world.find(state, message.message_id);
    if (!stored) throw new Error(`emulator: message #${message.message_id} is not in ${this.s.world.label(state)} (deleted?)`);
    if (!opts.allowMissingButton && !hasButton(stored.message, data)) {
      const buttons = stored.message.reply_markup?.inline_keyboard.flat().map((b) => ("callback_data" in b ? b.callback_data : b.text));
      throw new Error(`emulator: message #${message.message_id} has no button "${data}"; it has ${JSON.stringify(buttons ?? [])}`);
    }
    const query: CallbackQuery = {
      id: `${userId}${String(++this.queryCounter).padStart(8, "0")}`,
      from: user,
      message: cloneMessage(stored.message),
      chat_instance: state.chatInstance,
      data,
    };
    this.s.callbacks.set(query.id, { query, chatId: state.chat.id, createdAt: this.s.now(), answered: false });
    this.s.emit({ type: "callback", chatId: state.chat.id, query: structuredClone(query) });
    this.deliver(state, { callback_query: structuredClone(query) });
    return structuredClone(query);
  }

  /** Makes the callback query of an injected update answerable, as if a user had pressed a button. */
  adoptInjectedQuery(update: object): void {
    const query = (update as { callback_query?: unknown }).callback_query as
      | { id?: unknown; from?: { id?: unknown }; message?: { chat?: { id?: unknown } } }
      | undefined;
    if (!query || typeof query !== "object" || typeof query.id !== "string" || this.s.callbacks.has(query.id)) return;
    const chatId = query.message?.chat?.id ?? query.from?.id;
    this.s.callbacks.set(query.id, {
      query: query as CallbackQuery,
      chatId: typeof chatId === "number" ? chatId : 0,
      createdAt: this.s.now(),
      answered: false,
    });
  }

  block(userId: number): void {
    const user = this.s.world.user(userId);
    if (user.blocked) return;
    user.blocked = true;
    this.botStatusChanged(this.s.world.chat(userId), user.user, "member", "kicked");
  }

  unblock(userId: number): void {
    const user = this.s.world.user(userId);
    if (!user.blocked) return;
    user.blocked = false;
    this.botStatusChanged(this.s.world.chat(userId), user.user, "kicked", "member");
  }

  /**
   * A member's status in a group or channel changes. Telegram sends chat_member updates only to
   * bots that are administrators there and listed "chat_member" in allowed_updates (the update
   * queue applies the second rule).
   */
  setMemberStatus(chatId: number, userId: number, status: MemberStatus, byUserId?: number): void {
    const user = this.s.world.user(userId).user;
    const state = this.s.world.chat(chatId);
    const old = state.members.get(userId) ?? "left";
    this.s.world.addMember(chatId, userId, status);
    if (old === status || state.chat.type === "private" || state.botStatus !== "administrator") return;
    const channel = state.chat.type === "channel";
    this.s.updates.push({
      chat_member: {
        chat: chatOf(state),
        from: byUserId === undefined ? user : this.s.world.user(byUserId).user,
        date: this.s.date(),
        old_chat_member: memberObject(user, old, channel),
        new_chat_member: memberObject(user, status, channel),
      },
    });
  }

  /** The bot is removed from (status "kicked") or added back to a group or channel. */
  setBotStatus(chatId: number, status: BotStatus, byUserId?: number): void {
    const state = this.s.world.chat(chatId);
    if (state.chat.type === "private") throw new Error("emulator: in a private chat use userBlocksBot/userUnblocksBot");
    const old = state.botStatus;
    state.botStatus = status;
    this.botStatusChanged(state, this.actorIn(state, byUserId), old, status);
  }

  /** A post by the channel's admins: a channel_post update. */
  channelPost(chatId: number, content: string | Partial<Message>): Message {
    const state = this.s.world.chat(chatId);
    if (state.chat.type !== "channel") throw new Error(`emulator: ${this.s.world.label(state)} is not a channel`);
    const body = typeof content === "string" ? textContent(content) : content;
    const chat = chatOf(state);
    const message: Message = { message_id: this.s.world.nextMessageId(state), sender_chat: chat, chat, date: this.s.date(), ...body };
    this.s.world.store(state, message, false);
    this.s.emit({ type: "message", chatId, byBot: false, message: cloneMessage(message) });
    this.deliver(state, { channel_post: cloneMessage(message) });
    return cloneMessage(message);
  }

  private post(userId: number, placement: Placement, content: Partial<Message>, mediaGroupId?: string): Message {
    const user = this.s.world.user(userId);
    const state = this.s.world.chat(placement.chatId ?? userId);
    this.assertCanWrite(userId, state);
    if (state.chat.type === "private") {
      // Writing to a bot you blocked unblocks it first, as Telegram's "Restart" button does.
      this.unblock(userId);
      user.started = true;
    }
    const reply = placement.replyTo === undefined ? undefined : this.s.world.find(state, placement.replyTo);
    if (placement.replyTo !== undefined && !reply) throw new Error(`emulator: no message #${placement.replyTo} to reply to`);
    const message: Message = {
      message_id: this.s.world.nextMessageId(state),
      from: user.user,
      chat: chatOf(state),
      date: this.s.date(),
      ...(mediaGroupId ? { media_group_id: mediaGroupId } : {}),
      ...(reply ? { reply_to_message: replySnapshot(reply.message) } : {}),
      ...content,
    };
    this.s.world.store(state, message, false);
    this.s.emit({ type: "message", chatId: state.chat.id, byBot: false, message: cloneMessage(message) });
    this.deliver(state, { message: cloneMessage(message) });
    return cloneMessage(message);
  }

  /** Queues the update if the bot is there to receive it. */
  private deliver(state: ChatState, update: Record<string, unknown>): void {
    if (this.s.world.isBotIn(state)) this.s.updates.push(update);
  }

  private assertCanWrite(userId: number, state: ChatState): void {
    const chat = state.chat;
    if (chat.type === "private") {
      if (chat.id !== userId) throw new Error(`emulator: user ${userId} cannot write in the private chat of user ${chat.id}`);
      return;
    }
    if (chat.type === "channel") throw new Error(`emulator: users do not post in channels; use channelPost`);
    const status = state.members.get(userId);
    if (status !== "member" && status !== "administrator" && status !== "creator") {
      throw new Error(`emulator: user ${userId} is not a member of "${chat.title}"; call addMember first`);
    }
  }

  private botStatusChanged(state: ChatState, from: User, oldStatus: BotStatus, newStatus: BotStatus): void {
    const channel = state.chat.type === "channel";
    this.s.updates.push({
      my_chat_member: {
        chat: chatOf(state),
        from,
        date: this.s.date(),
        old_chat_member: memberObject(this.s.botUser, oldStatus, channel),
        new_chat_member: memberObject(this.s.botUser, newStatus, channel),
      },
    });
    this.s.emit({ type: "bot-status", chatId: state.chat.id, byUserId: from.id, privateChat: state.chat.type === "private", status: newStatus });
  }

  /** Who acts in a group: the named user, else its creator or first admin. */
  private actorIn(state: ChatState, byUserId: number | undefined): User {
    if (byUserId !== undefined) return this.s.world.user(byUserId).user;
    const admins = [...state.members].filter(([, status]) => status === "creator" || status === "administrator");
    const first = admins.find(([, status]) => status === "creator") ?? admins[0];
    return first ? this.s.world.user(first[0]).user : SERVICE_USER;
  }

  private async photoContent(opts: PhotoOptions): Promise<Partial<Message>> {
    const bytes = opts.bytes ?? (await this.s.files.makeJpeg(opts.width ?? 1280, opts.height ?? 960));
    return { photo: await this.s.files.storePhoto(bytes), ...captionContent(opts.caption) };
  }

  private videoContent(opts: VideoOptions): Partial<Message> {
    const info = { width: 1280, height: 720, duration: 10, ...opts };
    return { video: storeVideo(this.s.files, opts.bytes ?? randomBytes(256), info), ...captionContent(opts.caption) };
  }

  private documentContent(opts: DocumentOptions): Partial<Message> {
    const document = storeDocument(this.s.files, opts.bytes ?? randomBytes(256), opts);
    return { document, ...captionContent(opts.caption) };
  }
}

function hasButton(message: Message, data: string): boolean {
  return message.reply_markup?.inline_keyboard.some((row) => row.some((b) => "callback_data" in b && b.callback_data === data)) ?? false;
}

function textContent(text: string): Partial<Message> {
  const entities = detectEntities(text);
  return entities.length > 0 ? { text, entities } : { text };
}

function captionContent(caption: string | undefined): Partial<Message> {
  if (caption === undefined) return {};
  const entities = detectEntities(caption);
  return entities.length > 0 ? { caption, caption_entities: entities } : { caption };
}

/** Entities Telegram's clients mark in what users type, with their UTF-16 offsets. */
const DETECTED: Array<{ type: MessageEntity["type"]; pattern: RegExp }> = [
  { type: "bot_command", pattern: /(?<=^|\s)\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?=$|[\s.,!?;:])/g },
  { type: "url", pattern: /(?<=^|[\s(])(?:https?:\/\/|www\.)[^\s<>]+[^\s<>.,!?;:)"']/gi },
  { type: "mention", pattern: /(?<=^|\s)@[A-Za-z0-9_]{5,32}\b/g },
  { type: "hashtag", pattern: /(?<=^|\s)#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*/gu },
];

export function detectEntities(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  for (const { type, pattern } of DETECTED) {
    for (const match of text.matchAll(pattern)) {
      entities.push({ type, offset: match.index, length: match[0].length } as MessageEntity);
    }
  }
  return entities.sort((a, b) => a.offset - b.offset);
}
