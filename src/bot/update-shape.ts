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

const chat = z.looseObject({
  id,
  type: z.enum(["private", "group", "supergroup", "channel"]),
  title: z.string().optional(),
  username: z.string().optional(),
});

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
  .refine((m) => m.chat.type === "channel" || m.from !== undefined || m.sender_chat !== undefined, "message without a sender");

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

/** undefined when the update can be handled; otherwise what is wrong with it, for the log. */
export function updateProblem(update: unknown): string | undefined {
  const result = updateShape.safeParse(update);
  if (result.success) return undefined;
  return result.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "update"}: ${i.message}`)
    .join("; ");
}
