// The common end of every sending method: the target chat and its checks, the replied-to message,
// and the stored message as Telegram returns it.
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import { badRequest } from "./errors.js";
import type { Params } from "./params.js";
import type { EmulatorState } from "./state.js";
import { chatOf, cloneMessage, replySnapshot, type ChatState } from "./world.js";

export interface PostExtras {
  replyTo?: Message;
  markup?: InlineKeyboardMarkup;
  mediaGroupId?: string;
  protect?: boolean;
}

export class Outbox {
  constructor(private readonly s: EmulatorState) {}

  /** The chat of chat_id, if the bot may post there (404-like 400 or 403 otherwise). */
  target(p: Params): ChatState {
    const state = this.s.world.resolve(p.get("chat_id"));
    this.s.world.assertBotCanPost(state);
    return state;
  }

  /** The extras every send shares: reply target and protect_content. */
  extras(state: ChatState, p: Params): PostExtras {
    return { replyTo: this.replyTarget(state, p), protect: p.bool("protect_content") };
  }

  /** reply_parameters (or the older reply_to_message_id) must name a message of the chat. */
  private replyTarget(state: ChatState, p: Params): Message | undefined {
    const params = p.json("reply_parameters", "can't parse reply parameters JSON object") as
      | { message_id?: unknown; chat_id?: unknown; allow_sending_without_reply?: unknown }
      | undefined;
    const messageId = params?.message_id ?? p.int("reply_to_message_id");
    if (messageId === undefined) return undefined;
    const inChat = params?.chat_id === undefined ? state : this.s.world.resolve(params.chat_id);
    const found = this.s.world.find(inChat, messageId);
    if (found) return found.message;
    if (params?.allow_sending_without_reply === true || p.bool("allow_sending_without_reply")) return undefined;
    throw badRequest("message to be replied not found");
  }

  /** Stores a message of the bot, announces it and returns the copy the API answers with. */
  post(state: ChatState, content: Partial<Message>, extras: PostExtras = {}): Message {
    const chat = chatOf(state);
    const sender = chat.type === "channel" ? { sender_chat: chat } : { from: this.s.botUser };
    const message: Message = {
      message_id: this.s.world.nextMessageId(state),
      ...sender,
      chat,
      date: this.s.date(),
      ...(extras.mediaGroupId ? { media_group_id: extras.mediaGroupId } : {}),
      ...(extras.replyTo ? { reply_to_message: replySnapshot(extras.replyTo) } : {}),
      ...(extras.protect ? { has_protected_content: true as const } : {}),
      ...content,
      ...(extras.markup ? { reply_markup: extras.markup } : {}),
    };
    this.s.world.store(state, message, true);
    this.s.stats.delivered++;
    this.s.emit({ type: "message", chatId: chat.id, byBot: true, message: cloneMessage(message) });
    return cloneMessage(message);
  }
}

let albumCounter = 0;

/** Telegram's media_group_id: a long decimal string, shared by every message of one album. */
export function newMediaGroupId(): string {
  return String(13_000_000_000_000_000n + BigInt(Date.now()) * 1000n + BigInt(++albumCounter % 1000));
}
