// The shape of an update, checked at the edge before anything handles it. Telegram's own updates
// always pass; what does not (a text that is not a string, a message without a sender, a chat id
// that is not a number or does not fit a JavaScript number) would only make a handler fail deep
// inside, so it is logged once and dropped. Only the fields the bot reads are checked; everything
// else passes through untouched.
import { z } from "zod";

/** Telegram ids fit in 52 bits; anything larger cannot be a real id and loses precision here. */
const id = z.number().int().refine(Number.isSafeInteger, "not a safe integer");
const count = z.number().int().nonnegative().refine(Number.isSafeInteger, "not a safe integer");

const user = z.looseObject({
  id,
  is_bot: z.boolean(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});

/** Private chats carry the user's (positive) id; groups and channels negative ones. */
const chat = z
  .looseObject({
    id,
    type: z.enum(["private", "group", "supergroup", "channel"]),
    title: z.string().optional(),
    username: z.string().optional(),
  })
  .refine((c) => (c.type === "private" ? c.id > 0 : c.id < 0), "chat id of the wrong sign for its type");

const entity = z.looseObject({ type: z.string(), offset: count, length: count, url: z.string().optional() });

const file = z.looseObject({ file_id: z.string(), file_unique_id: z.string(), file_size: count.optional() });
const photoSize = file.extend({ width: count, height: count });

const message = z
  .looseObject({
    message_id: count,
    date: count,
    chat,
    from: user.optional(),
    sender_chat: chat.optional(),
    text: z.string().optional(),
    caption: z.string().optional(),
    entities: z.array(entity).optional(),
    caption_entities: z.array(entity).optional(),
    media_group_id: z.string().optional(),
    photo: z.array(photoSize).optional(),
    video: file.optional(),
    document: file.optional(),
    reply_to_message: z.looseObject({ message_id: count }).optional(),
    forward_origin: z.looseObject({ type: z.string() }).optional(),
  })
  // In private chats and groups every message has a sender; only channel posts may not.
  .refine((m) => m.chat.type === "channel" || m.from !== undefined || m.sender_chat !== undefined, "message without a sender")
  // A private chat is the conversation with its user: the same id.
  .refine((m) => m.chat.type !== "private" || m.from === undefined || m.from.id === m.chat.id || m.from.is_bot, "private chat of another user");

const callbackQuery = z.looseObject({
  id: z.string(),
  from: user,
  chat_instance: z.string(),
  data: z.string().optional(),
  message: z.looseObject({ message_id: count, chat }).optional(),
});

const memberStatus = z.looseObject({ status: z.string(), user });
const chatMemberUpdated = z.looseObject({ chat, from: user, date: count, old_chat_member: memberStatus, new_chat_member: memberStatus });

export const updateShape = z.looseObject({
  update_id: count,
  message: message.optional(),
  edited_message: message.optional(),
  channel_post: message.optional(),
  edited_channel_post: message.optional(),
  callback_query: callbackQuery.optional(),
  my_chat_member: chatMemberUpdated.optional(),
  chat_member: chatMemberUpdated.optional(),
});

/** Fields that hold a user, a chat or text wherever they appear in an update (replies, origins, members…). */
const USER_FIELDS = new Set(["from", "user", "sender_user", "via_bot"]);
const CHAT_FIELDS = new Set(["chat", "sender_chat"]);
const TEXT_FIELDS = new Set(["text", "caption", "data", "first_name", "last_name", "username", "language_code", "title", "media_group_id"]);

/**
 * Every user, chat and text anywhere in the update has the type the bot's code expects: grammY
 * and the handlers read replied-to messages, callback messages and member updates as deeply as
 * the top-level message.
 */
function nestedProblem(value: unknown, path: string, depth: number): string | undefined {
  if (depth > 6 || value === null || typeof value !== "object") return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && i < 200; i++) {
      const p = nestedProblem(value[i], `${path}.${i}`, depth + 1);
      if (p) return p;
    }
    return undefined;
  }
  const o = value as Record<string, unknown>;
  if ((o.entities !== undefined && typeof o.text !== "string") || (o.caption_entities !== undefined && typeof o.caption !== "string")) {
    return `${path}: entities without their text`;
  }
  for (const [key, v] of Object.entries(o)) {
    const at = path ? `${path}.${key}` : key;
    if (USER_FIELDS.has(key) && !user.safeParse(v).success) return `${at}: not a user`;
    if (CHAT_FIELDS.has(key) && !chat.safeParse(v).success) return `${at}: not a chat`;
    if (TEXT_FIELDS.has(key) && v !== undefined && typeof v !== "string") return `${at}: not text`;
    const p = nestedProblem(v, at, depth + 1);
    if (p) return p;
  }
  return undefined;
}

/** undefined when the update can be handled; otherwise what is wrong with it, for the log. */
export function updateProblem(update: unknown): string | undefined {
  const result = updateShape.safeParse(update);
  if (!result.success) {
    return result.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join(".") || "update"}: ${i.message}`)
      .join("; ");
  }
  return nestedProblem(update, "", 0);
}
