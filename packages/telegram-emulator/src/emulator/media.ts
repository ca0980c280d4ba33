// Turning files into message media: what sendPhoto/sendVideo/sendDocument, albums and
// editMessageMedia put on a message, and what users' photos, videos and documents look like.
import type { Document, Message, Video } from "grammy/types";
import { badRequest } from "./errors.js";
import { mimeTypeOf, type FileStore, type StoredFile } from "./files.js";
import type { FileRef } from "./params.js";

export type MediaType = "photo" | "video" | "document";

export interface VideoInfo {
  width?: number;
  height?: number;
  duration?: number;
  fileName?: string;
  mimeType?: string;
  fileSize?: number;
}

export interface DocumentInfo {
  fileName: string;
  mimeType?: string;
  fileSize?: number;
}

export function isMediaType(type: unknown): type is MediaType {
  return type === "photo" || type === "video" || type === "document";
}

/** The media part of a message the bot sends; `info` carries width/height/duration parameters. */
export async function botMedia(files: FileStore, type: MediaType, ref: FileRef | undefined, info: VideoInfo = {}): Promise<Partial<Message>> {
  if (!ref) throw badRequest(`there is no ${type} in the request`);
  // The emulator has no internet: Telegram would fetch the URL, here it cannot.
  if (ref.kind === "url") throw badRequest("failed to get HTTP URL content");
  if (ref.kind === "file_id") return reused(files, type, ref.fileId);
  const { filename, bytes } = ref.upload;
  if (bytes.length === 0) throw badRequest("file must be non-empty");
  switch (type) {
    case "photo":
      return { photo: await files.storePhoto(bytes) };
    case "video":
      return { video: storeVideo(files, bytes, { ...info, fileName: info.fileName ?? filename }) };
    case "document":
      return { document: storeDocument(files, bytes, { fileName: filename }) };
  }
}

function reused(files: FileStore, type: MediaType, fileId: string): Partial<Message> {
  const file = files.reuse(fileId, type);
  if (type === "photo") return { photo: structuredClone(file.sizes ?? []) };
  // A file stored directly (storeFile) has no message object yet: without one the message
  // would carry a caption and no media, which Telegram never sends.
  file.object ??= storedObject(file);
  return { [type]: structuredClone(file.object) } as Partial<Message>;
}

export function storeVideo(files: FileStore, bytes: Buffer, info: VideoInfo = {}): Video {
  const mimeType = info.mimeType ?? (info.fileName ? mimeTypeOf(info.fileName) : "video/mp4");
  const file = files.store(bytes, { kind: "video", fileName: info.fileName, mimeType, fileSize: info.fileSize });
  const video: Video = {
    ...ids(file),
    width: info.width ?? 0,
    height: info.height ?? 0,
    duration: info.duration ?? 0,
    ...(info.fileName ? { file_name: info.fileName } : {}),
    mime_type: mimeType,
    file_size: file.file_size,
  };
  file.object = { ...video };
  return video;
}

export function storeDocument(files: FileStore, bytes: Buffer, info: DocumentInfo): Document {
  const mimeType = info.mimeType ?? mimeTypeOf(info.fileName);
  const file = files.store(bytes, { kind: "document", fileName: info.fileName, mimeType, fileSize: info.fileSize });
  const document: Document = { ...ids(file), file_name: info.fileName, mime_type: mimeType, file_size: file.file_size };
  file.object = { ...document };
  return document;
}

function storedObject(file: StoredFile): Record<string, unknown> {
  return {
    ...ids(file),
    ...(file.file_name ? { file_name: file.file_name } : {}),
    ...(file.mime_type ? { mime_type: file.mime_type } : {}),
    file_size: file.file_size,
  };
}

function ids(file: StoredFile): { file_id: string; file_unique_id: string } {
  return { file_id: file.file_id, file_unique_id: file.file_unique_id };
}

/** The fields a message's media lives in; replaced as a whole by editMessageMedia. */
export const MEDIA_FIELDS = ["photo", "video", "document", "audio", "animation", "voice"] as const;

export function hasMedia(message: Message): boolean {
  return MEDIA_FIELDS.some((field) => message[field] !== undefined);
}
