// Changing sent messages: edits, deletions and pins.
//
// Two Telegram rules matter most for a bot: an edit that changes nothing fails with "message is
// not modified", and an edit without reply_markup removes the message's inline keyboard.
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import { captionOf, captionParams, messageText, parseReplyMarkup, sameJson } from "./content.js";
import { badRequest } from "./errors.js";
import { botMedia, hasMedia, isMediaType, MEDIA_FIELDS } from "./media.js";
import type { Params } from "./params.js";
import type { EmulatorState } from "./state.js";
import { cloneMessage, type ChatState, type StoredMessage } from "./world.js";

const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

interface EditTarget {
  state: ChatState;
  stored: StoredMessage;
}

export class EditingMethods {
  constructor(private readonly s: EmulatorState) {}

  editMessageText(p: Params): Message {
    const target = this.target(p);
    const message = target.stored.message;
    if (message.text === undefined) throw badRequest("there is no text in the message to edit");
    const { text, entities } = messageText(p, this.s.resolveUser);
    const markup = parseReplyMarkup(p, true).inline;
    const unchanged = message.text === text && sameJson(message.entities ?? [], entities) && sameJson(message.reply_markup, markup);
    if (unchanged) throw badRequest(NOT_MODIFIED);
    message.text = text;
    setOrDelete(message, "entities", entities.length > 0 ? entities : undefined);
    return this.finish(target, markup);
  }

  editMessageCaption(p: Params): Message {
    const target = this.target(p);
    const message = target.stored.message;
    if (!hasMedia(message)) throw badRequest("there is no caption in the message to edit");
    const caption = captionOf(captionParams(p), this.s.resolveUser);
    const markup = parseReplyMarkup(p, true).inline;
    const unchanged =
      message.caption === caption.caption && sameJson(message.caption_entities, caption.caption_entities) && sameJson(message.reply_markup, markup);
    if (unchanged) throw badRequest(NOT_MODIFIED);
    setOrDelete(message, "caption", caption.caption);
    setOrDelete(message, "caption_entities", caption.caption_entities);
    return this.finish(target, markup);
  }

  editMessageReplyMarkup(p: Params): Message {
    const target = this.target(p);
    const markup = parseReplyMarkup(p, true).inline;
    if (sameJson(target.stored.message.reply_markup, markup)) throw badRequest(NOT_MODIFIED);
    return this.finish(target, markup);
  }

  /** Replaces a photo, video or document (and its caption) with another. */
  async editMessageMedia(p: Params): Promise<Message> {
    const target = this.target(p);
    const message = target.stored.message;
    if (!hasMedia(message)) throw badRequest("there is no media in the message to edit");
    const item = p.json("media", "can't parse InputMedia JSON object") as Record<string, unknown> | undefined;
    if (!item || typeof item !== "object" || !isMediaType(item.type) || typeof item.media !== "string") {
      throw badRequest("can't parse InputMedia JSON object");
    }
    const caption = captionOf(item, this.s.resolveUser);
    const markup = parseReplyMarkup(p, true).inline;
    const media = await botMedia(this.s.files, item.type, p.fileRef(item.media));
    for (const field of [...MEDIA_FIELDS, "caption", "caption_entities"] as const) delete message[field];
    Object.assign(message, media, caption);
    return this.finish(target, markup);
  }

  deleteMessage(p: Params): true {
    const state = this.chat(p);
    const messageId = p.int("message_id");
    if (messageId === undefined) throw badRequest("message identifier is not specified");
    if (!this.s.world.delete(state, messageId)) throw badRequest("message to delete not found");
    this.s.emit({ type: "delete", chatId: state.chat.id, messageId });
    return true;
  }

  /** Deletes what exists of 1–100 messages; like Telegram, missing ones are skipped. */
  deleteMessages(p: Params): true {
    const state = this.chat(p);
    const ids = p.json("message_ids", "can't parse message identifiers JSON object");
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > 100) throw badRequest("message_ids must be non-empty");
    for (const id of ids) {
      if (typeof id === "number" && this.s.world.delete(state, id)) this.s.emit({ type: "delete", chatId: state.chat.id, messageId: id });
    }
    return true;
  }

  pinChatMessage(p: Params): true {
    const state = this.chat(p);
    const messageId = p.int("message_id");
    if (messageId === undefined || !this.s.world.find(state, messageId)) throw badRequest("message to pin not found");
    state.pinned = messageId;
    return true;
  }

  unpinChatMessage(p: Params): true {
    const state = this.chat(p);
    state.pinned = undefined;
    return true;
  }

  private chat(p: Params): ChatState {
    const state = this.s.world.resolve(p.get("chat_id"));
    this.s.world.assertBotIsIn(state);
    return state;
  }

  /** chat_id + message_id of a message the bot sent; inline messages do not exist here. */
  private target(p: Params): EditTarget {
    if (p.has("inline_message_id")) throw badRequest("message to edit not found");
    const state = this.chat(p);
    const messageId = p.int("message_id");
    if (messageId === undefined) throw badRequest("message identifier is not specified");
    const stored = this.s.world.find(state, messageId);
    if (!stored) throw badRequest("message to edit not found");
    if (!stored.byBot) throw badRequest("message can't be edited");
    return { state, stored };
  }

  /** The keyboard is whatever this edit says: none when reply_markup was left out. */
  private finish({ state, stored }: EditTarget, markup: InlineKeyboardMarkup | undefined): Message {
    setOrDelete(stored.message, "reply_markup", markup);
    stored.message.edit_date = this.s.date();
    this.s.emit({ type: "edit", chatId: state.chat.id, byBot: true, message: cloneMessage(stored.message) });
    return cloneMessage(stored.message);
  }
}

function setOrDelete<K extends keyof Message>(message: Message, key: K, value: Message[K] | undefined): void {
  if (value === undefined) delete message[key];
  else message[key] = value;
}
