// The sending methods: sendMessage, sendPhoto/Video/Document, sendMediaGroup, copy and forward.
import type { Message, MessageId, MessageOrigin } from "grammy/types";
import { captionOf, captionParams, contentOf, messageText, parseReplyMarkup } from "./content.js";
import { badRequest } from "./errors.js";
import { botMedia, isMediaType, type MediaType } from "./media.js";
import { newMediaGroupId, Outbox } from "./outbox.js";
import type { Params } from "./params.js";
import type { EmulatorState } from "./state.js";
import type { ChatState, StoredMessage } from "./world.js";

const MAX_ALBUM = 10;

export class SendingMethods {
  private readonly outbox: Outbox;

  constructor(private readonly s: EmulatorState) {
    this.outbox = new Outbox(s);
  }

  sendMessage(p: Params): Message {
    const { text, entities } = messageText(p, this.s.resolveUser);
    const markup = parseReplyMarkup(p);
    const state = this.outbox.target(p);
    const content: Partial<Message> = { text, ...(entities.length > 0 ? { entities } : {}), ...linkPreview(p) };
    return this.outbox.post(state, content, { ...this.outbox.extras(state, p), markup: markup.inline });
  }

  sendPhoto(p: Params): Promise<Message> {
    return this.sendMedia(p, "photo");
  }

  sendVideo(p: Params): Promise<Message> {
    return this.sendMedia(p, "video");
  }

  sendDocument(p: Params): Promise<Message> {
    return this.sendMedia(p, "document");
  }

  private async sendMedia(p: Params, type: MediaType): Promise<Message> {
    const caption = captionOf(captionParams(p), this.s.resolveUser);
    const markup = parseReplyMarkup(p);
    const state = this.outbox.target(p);
    const extras = this.outbox.extras(state, p);
    const info = { width: p.int("width"), height: p.int("height"), duration: p.int("duration") };
    const media = await botMedia(this.s.files, type, p.file(type), info);
    const flags = { ...(p.bool("has_spoiler") ? { has_media_spoiler: true as const } : {}) };
    return this.outbox.post(state, { ...media, ...caption, ...flags }, { ...extras, markup: markup.inline });
  }

  /** 2–10 photos/videos, or 2–10 documents: separate messages sharing a media_group_id. */
  async sendMediaGroup(p: Params): Promise<Message[]> {
    const items = p.json("media", "can't parse media JSON object");
    if (items === undefined) throw badRequest("parameter \"media\" is required");
    if (!Array.isArray(items)) throw badRequest("expected an Array of InputMedia");
    if (items.length === 0) throw badRequest("media to send are not specified");
    if (items.length > MAX_ALBUM) throw badRequest("too much messages to send as an album");
    // Documented as 2–10; Telegram happens to accept a single item, the emulator holds the bot to the docs.
    if (items.length < 2) throw badRequest("media group must include 2-10 items");
    const types = items.map(albumItemType);
    if (types.includes("document") && types.some((t) => t !== "document")) {
      throw badRequest("document can't be mixed with other media types");
    }
    const state = this.outbox.target(p);
    const extras = this.outbox.extras(state, p);
    // Everything is checked and stored before the first message goes out: an album is all or nothing.
    const contents: Partial<Message>[] = [];
    for (const [i, item] of items.entries()) {
      const caption = captionOf(item as Record<string, unknown>, this.s.resolveUser);
      const media = await botMedia(this.s.files, types[i] ?? "photo", p.fileRef(String((item as { media?: unknown }).media ?? "")));
      contents.push({ ...media, ...caption });
    }
    const mediaGroupId = newMediaGroupId();
    return contents.map((content) => this.outbox.post(state, content, { ...extras, mediaGroupId }));
  }

  copyMessage(p: Params): MessageId {
    const original = this.source(p, "message to copy not found");
    const markup = parseReplyMarkup(p);
    const state = this.outbox.target(p);
    const content = this.copiedContent(original.message, p);
    const sent = this.outbox.post(state, content, { ...this.outbox.extras(state, p), markup: markup.inline });
    return { message_id: sent.message_id };
  }

  /** Copies in order; messages that do not exist are skipped, albums stay albums. */
  copyMessages(p: Params): MessageId[] {
    const state = this.outbox.target(p);
    return this.eachSource(p, (original, mediaGroupId) => {
      const content = this.copiedContent(original.message, p);
      return { message_id: this.outbox.post(state, content, { mediaGroupId, protect: p.bool("protect_content") }).message_id };
    });
  }

  forwardMessage(p: Params): Message {
    const original = this.source(p, "message to forward not found");
    const state = this.outbox.target(p);
    return this.outbox.post(state, this.forwardedContent(original), { protect: p.bool("protect_content") });
  }

  forwardMessages(p: Params): MessageId[] {
    const state = this.outbox.target(p);
    return this.eachSource(p, (original, mediaGroupId) => ({
      message_id: this.outbox.post(state, this.forwardedContent(original), { mediaGroupId, protect: p.bool("protect_content") }).message_id,
    }));
  }

  /** from_chat_id + message_id, which the bot must be able to see. */
  private source(p: Params, notFound: string): StoredMessage {
    const from = this.s.world.resolve(p.get("from_chat_id"));
    this.s.world.assertBotIsIn(from);
    const id = p.int("message_id");
    if (id === undefined) throw badRequest("message identifier is not specified");
    const original = this.s.world.find(from, id);
    if (!original) throw badRequest(notFound);
    if (Object.keys(contentOf(original.message)).length === 0) throw badRequest("message can't be copied");
    return original;
  }

  private eachSource<T>(p: Params, send: (original: StoredMessage, mediaGroupId: string | undefined) => T): T[] {
    const ids = p.json("message_ids", "can't parse message identifiers JSON object");
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > 100) throw badRequest("message_ids must be non-empty");
    const from: ChatState = this.s.world.resolve(p.get("from_chat_id"));
    this.s.world.assertBotIsIn(from);
    const groups = new Map<string, string>();
    const out: T[] = [];
    for (const id of ids) {
      const original = this.s.world.find(from, id);
      if (!original) continue;
      const sourceGroup = original.message.media_group_id;
      if (sourceGroup && !groups.has(sourceGroup)) groups.set(sourceGroup, newMediaGroupId());
      out.push(send(original, sourceGroup ? groups.get(sourceGroup) : undefined));
    }
    return out;
  }

  /** A copy: the content without any link to the original; `caption` replaces a media caption. */
  private copiedContent(original: Message, p: Params): Partial<Message> {
    const content = contentOf(original);
    if (content.text !== undefined) return content;
    const removeCaption = p.bool("remove_caption");
    if (removeCaption || p.has("caption")) {
      delete content.caption;
      delete content.caption_entities;
    }
    if (!removeCaption && p.has("caption")) Object.assign(content, captionOf(captionParams(p), this.s.resolveUser));
    return content;
  }

  /** A forward keeps the content and says where it came from (the first origin, for a forward of a forward). */
  private forwardedContent(original: StoredMessage): Partial<Message> {
    const message = original.message;
    return { forward_origin: message.forward_origin ?? this.originOf(message), ...contentOf(message) };
  }

  private originOf(message: Message): MessageOrigin {
    const date = message.date;
    if (message.chat.type === "channel") return { type: "channel", chat: structuredClone(message.chat), message_id: message.message_id, date };
    if (message.from) return { type: "user", sender_user: structuredClone(message.from), date };
    return { type: "chat", sender_chat: structuredClone(message.sender_chat ?? message.chat), date };
  }
}

function albumItemType(item: unknown): MediaType {
  const type = (item as { type?: unknown } | null)?.type;
  if (!item || typeof item !== "object" || typeof (item as { media?: unknown }).media !== "string") {
    throw badRequest("can't parse InputMedia JSON object");
  }
  if (!isMediaType(type)) throw badRequest(`unsupported media type "${String(type)}" in the media group`);
  return type;
}

/** link_preview_options (or the older disable_web_page_preview) as the message shows them. */
function linkPreview(p: Params): Partial<Message> {
  const options = p.json("link_preview_options", "can't parse link preview options JSON object");
  if (options && typeof options === "object") return { link_preview_options: options };
  return p.bool("disable_web_page_preview") ? { link_preview_options: { is_disabled: true } } : {};
}
