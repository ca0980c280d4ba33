// The emulated Telegram's state: users, chats, memberships and every chat's messages.
import type { Chat, ChatMember, ChatMemberAdministrator, Message, User } from "grammy/types";
import { badRequest, chatNotFound, forbidden } from "./errors.js";

export type MemberStatus = "creator" | "administrator" | "member" | "left" | "kicked";
/** The bot's own standing in a group or channel. */
export type BotStatus = "administrator" | "member" | "left" | "kicked";

export interface UserSpec {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface GroupSpec {
  id: number;
  title: string;
  type?: "group" | "supergroup";
  /** A public supergroup's @username. */
  username?: string;
}

export interface ChannelSpec {
  id: number;
  title: string;
  username?: string;
}

export interface UserState {
  user: User;
  /** The bot may write to a user only after the user wrote to it (usually /start). */
  started: boolean;
  blocked: boolean;
}

export interface StoredMessage {
  message: Message;
  byBot: boolean;
}

export interface ChatState {
  chat: Chat;
  /** In groups and channels; a private chat's standing comes from its user's state. */
  botStatus: BotStatus;
  members: Map<number, MemberStatus>;
  /** The transcript: messages not deleted, in the order they were sent. */
  messages: StoredMessage[];
  lastMessageId: number;
  /** Telegram's chat_instance of callback queries: stable per chat. */
  chatInstance: string;
  pinned?: number;
}

export class World {
  readonly users = new Map<number, UserState>();
  readonly chats = new Map<number, ChatState>();

  constructor(readonly bot: User) {}

  addUser(spec: UserSpec): User {
    const user: User = { id: spec.id, is_bot: false, first_name: spec.first_name };
    if (spec.last_name) user.last_name = spec.last_name;
    if (spec.username) user.username = spec.username;
    if (spec.language_code) user.language_code = spec.language_code;
    this.users.set(user.id, { user, started: false, blocked: false });
    const chat: Chat = { id: user.id, type: "private", first_name: user.first_name };
    if (user.last_name) chat.last_name = user.last_name;
    if (user.username) chat.username = user.username;
    this.addChat(chat, "member");
    return user;
  }

  addGroup(spec: GroupSpec): Chat {
    const type = spec.type ?? "supergroup";
    const chat: Chat =
      type === "group"
        ? { id: spec.id, type, title: spec.title }
        : { id: spec.id, type, title: spec.title, ...(spec.username ? { username: spec.username } : {}) };
    this.addChat(chat, "administrator");
    return chat;
  }

  addChannel(spec: ChannelSpec): Chat {
    const chat: Chat = { id: spec.id, type: "channel", title: spec.title, ...(spec.username ? { username: spec.username } : {}) };
    this.addChat(chat, "administrator");
    return chat;
  }

  private addChat(chat: Chat, botStatus: BotStatus): void {
    this.chats.set(chat.id, {
      chat,
      botStatus,
      members: new Map(),
      messages: [],
      lastMessageId: 0,
      chatInstance: String(-(4_000_000_000_000_000 + Math.abs(chat.id))),
    });
  }

  addMember(chatId: number, userId: number, status: MemberStatus = "member"): void {
    this.user(userId);
    this.chat(chatId).members.set(userId, status);
  }

  /** A user the test set up; a typo in a test fails loudly instead of as a Bot API error. */
  user(id: number): UserState {
    const state = this.users.get(id);
    if (!state) throw new Error(`emulator: unknown user ${id}; call addUser first`);
    return state;
  }

  chat(id: number): ChatState {
    const state = this.chats.get(id);
    if (!state) throw new Error(`emulator: unknown chat ${id}; call addUser, addGroup or addChannel first`);
    return state;
  }

  /** Resolves a chat_id parameter as Telegram does: a number, a numeric string or "@username". */
  resolve(chatId: unknown): ChatState {
    if (chatId === undefined || chatId === null || chatId === "") throw badRequest("chat_id is empty");
    if (typeof chatId === "string" && chatId.startsWith("@")) {
      const name = chatId.slice(1).toLowerCase();
      for (const state of this.chats.values()) {
        if (state.chat.type !== "private" && state.chat.username?.toLowerCase() === name) return state;
      }
      throw chatNotFound();
    }
    const id = typeof chatId === "number" ? chatId : typeof chatId === "string" && /^-?\d+$/.test(chatId) ? Number(chatId) : NaN;
    const state = this.chats.get(id);
    if (!state) throw chatNotFound();
    return state;
  }

  /** Throws the 403 Telegram answers when the bot may not write to the chat. */
  assertBotCanPost(state: ChatState): void {
    const chat = state.chat;
    if (chat.type === "private") {
      const user = this.user(chat.id);
      if (user.blocked) throw forbidden("bot was blocked by the user");
      if (!user.started) throw forbidden("bot can't initiate conversation with a user");
      return;
    }
    this.assertBotIsIn(state);
    if (chat.type === "channel" && state.botStatus !== "administrator") throw badRequest("need administrator rights in the channel chat");
  }

  /** Groups and channels the bot was removed from answer 403 to everything. */
  assertBotIsIn(state: ChatState): void {
    if (state.chat.type === "private") return;
    if (state.botStatus === "kicked") throw forbidden(`bot was kicked from the ${state.chat.type} chat`);
    if (state.botStatus === "left") throw forbidden(`bot is not a member of the ${state.chat.type} chat`);
  }

  isBotIn(state: ChatState): boolean {
    return state.chat.type === "private" ? !this.user(state.chat.id).blocked : state.botStatus === "administrator" || state.botStatus === "member";
  }

  nextMessageId(state: ChatState): number {
    return ++state.lastMessageId;
  }

  store(state: ChatState, message: Message, byBot: boolean): StoredMessage {
    const stored = { message, byBot };
    state.messages.push(stored);
    return stored;
  }

  find(state: ChatState, messageId: unknown): StoredMessage | undefined {
    return state.messages.find((m) => m.message.message_id === messageId);
  }

  delete(state: ChatState, messageId: number): boolean {
    const index = state.messages.findIndex((m) => m.message.message_id === messageId);
    if (index === -1) return false;
    state.messages.splice(index, 1);
    return true;
  }

  /** What getChatMember answers for a user (or the bot) in a chat. */
  member(state: ChatState, userId: number): ChatMember {
    if (userId === this.bot.id) return this.botMember(state);
    const user = this.users.get(userId)?.user;
    if (!user) throw badRequest("user not found");
    if (state.chat.type === "private") {
      return state.chat.id === userId ? { status: "member", user } : { status: "left", user };
    }
    return memberObject(user, state.members.get(userId) ?? "left");
  }

  private botMember(state: ChatState): ChatMember {
    const user = this.bot;
    if (state.chat.type === "private") {
      return this.user(state.chat.id).blocked ? { status: "kicked", user, until_date: 0 } : { status: "member", user };
    }
    return memberObject(user, state.botStatus, state.chat.type === "channel");
  }

  administrators(state: ChatState): ChatMember[] {
    if (state.chat.type === "private") throw badRequest("there are no administrators in the private chat");
    const admins: ChatMember[] = [];
    for (const [userId, status] of state.members) {
      if (status === "creator" || status === "administrator") admins.push(this.member(state, userId));
    }
    if (state.botStatus === "administrator") admins.push(this.botMember(state));
    return admins;
  }

  /** A short name for transcripts: the group or channel title, or the user's name for a private chat. */
  label(state: ChatState): string {
    const chat = state.chat;
    return chat.type === "private" ? displayName(this.user(chat.id).user) : chat.title;
  }
}

export function displayName(user: User): string {
  return user.last_name ? `${user.first_name} ${user.last_name}` : user.first_name;
}

/** A ChatMember object as Telegram shapes it for each status. */
export function memberObject(user: User, status: MemberStatus, channel = false): ChatMember {
  switch (status) {
    case "creator":
      return { status, user, is_anonymous: false };
    case "administrator":
      return adminMember(user, channel);
    case "kicked":
      return { status, user, until_date: 0 };
    default:
      return { status, user };
  }
}

function adminMember(user: User, channel: boolean): ChatMemberAdministrator {
  const rights = {
    can_be_edited: false,
    is_anonymous: false,
    can_manage_chat: true,
    can_delete_messages: true,
    can_manage_video_chats: true,
    can_restrict_members: true,
    can_promote_members: false,
    can_change_info: true,
    can_invite_users: true,
    can_post_stories: false,
    can_edit_stories: false,
    can_delete_stories: false,
    can_send_welcome_messages: false,
  };
  return channel
    ? { status: "administrator", user, ...rights, can_post_messages: true, can_edit_messages: true }
    : { status: "administrator", user, ...rights, can_pin_messages: true };
}

/**
 * The public link to a message: t.me/<username>/<id> for public chats, t.me/c/<id>/<id> for
 * private supergroups and channels (their id without the -100 prefix). Basic groups and private
 * chats have no message links.
 */
export function messageLink(chatId: number, messageId: number, username?: string): string {
  if (username) return `https://t.me/${username}/${messageId}`;
  const id = String(chatId);
  if (!id.startsWith("-100")) throw new Error(`messageLink: chat ${chatId} is not a supergroup or channel`);
  return `https://t.me/c/${id.slice(4)}/${messageId}`;
}

/** The `chat` to show on a message: what Telegram includes, not the emulator's bookkeeping. */
export function chatOf(state: ChatState): Chat {
  return structuredClone(state.chat);
}

export function cloneMessage(message: Message): Message {
  return structuredClone(message);
}

/** Telegram nests one level of replies: the replied-to message comes without its own reply. */
export function replySnapshot(message: Message): Message & { reply_to_message: undefined } {
  const { reply_to_message: _nested, ...rest } = structuredClone(message);
  return rest as Message & { reply_to_message: undefined };
}
