// Files the emulated Telegram holds: what users send and what the bot uploads.
//
// Every file gets a file_id (one per upload), a file_unique_id (the same for the same bytes, as
// Telegram deduplicates) and a file_path for getFile and the download route. Photos become a
// realistic PhotoSize[]: real JPEGs resized with sharp, so a bot that downloads the largest size
// or a thumbnail gets bytes of exactly the advertised size.
import { createHash } from "node:crypto";
import path from "node:path";
import sharp from "sharp";
import type { PhotoSize } from "grammy/types";
import { badRequest } from "./errors.js";

export type FileKind = "photo" | "video" | "document" | "audio" | "voice" | "animation" | "sticker" | "video_note";

export interface StoredFile {
  file_id: string;
  file_unique_id: string;
  file_path: string;
  file_size: number;
  kind: FileKind;
  /** Bytes served for downloads; a faked large file (fileSize without bytes) has a short stand-in. */
  bytes: Buffer;
  file_name?: string;
  mime_type?: string;
  /** For a photo: every size of the same picture, smallest first. */
  sizes?: PhotoSize[];
  /** For other media: the Video, Document, … object messages show, reused when sent by file_id. */
  object?: Record<string, unknown>;
}

export interface StoreOptions {
  kind: FileKind;
  fileName?: string;
  mimeType?: string;
  /** Advertised size when it differs from bytes.length (a test faking a 30 MB video). */
  fileSize?: number;
}

/** Telegram's bounding boxes for photo thumbnails; the largest size is the picture itself. */
const PHOTO_BOXES = [90, 320, 800, 1280];
/** Telegram keeps photos up to 2560 px on the longer side. */
const MAX_PHOTO_SIDE = 2560;
/** Bots may download files up to 20 MB. */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

/** file_id prefixes as Telegram's look, so logs of the emulator resemble production. */
const ID_PREFIX: Record<FileKind, string> = {
  photo: "AgACAgUAAxkBAA",
  video: "BAACAgUAAxkBAA",
  document: "BQACAgUAAxkBAA",
  audio: "CQACAgUAAxkBAA",
  voice: "AwACAgUAAxkBAA",
  animation: "CgACAgUAAxkBAA",
  sticker: "CAACAgUAAxkBAA",
  video_note: "DQACAgUAAxkBAA",
};

const FOLDER: Record<FileKind, string> = {
  photo: "photos",
  video: "videos",
  document: "documents",
  audio: "music",
  voice: "voice",
  animation: "animations",
  sticker: "stickers",
  video_note: "video_notes",
};

const MIME_BY_EXTENSION: Record<string, string> = {
  ".csv": "text/csv",
  ".txt": "text/plain",
  ".json": "application/json",
  ".pdf": "application/pdf",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".svg": "image/svg+xml",
  ".zip": "application/zip",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".mp4": "video/mp4",
  ".ogg": "audio/ogg",
  ".mp3": "audio/mpeg",
};

/** Telegram derives a document's MIME type from its file name. */
export function mimeTypeOf(fileName: string): string {
  return MIME_BY_EXTENSION[path.extname(fileName).toLowerCase()] ?? "application/octet-stream";
}

export class FileStore {
  private readonly byId = new Map<string, StoredFile>();
  private readonly byPath = new Map<string, StoredFile>();
  private counter = 0;
  private colorSeed = 0;

  store(bytes: Buffer, opts: StoreOptions): StoredFile {
    const n = ++this.counter;
    const extension = opts.fileName ? path.extname(opts.fileName) : defaultExtension(opts.kind);
    const file: StoredFile = {
      file_id: `${ID_PREFIX[opts.kind]}${n}${randomSuffix()}`,
      file_unique_id: uniqueId(bytes, opts.fileSize),
      file_path: `${FOLDER[opts.kind]}/file_${n}${extension}`,
      file_size: opts.fileSize ?? bytes.length,
      kind: opts.kind,
      bytes,
      file_name: opts.fileName,
      mime_type: opts.mimeType,
    };
    this.byId.set(file.file_id, file);
    this.byPath.set(file.file_path, file);
    return file;
  }

  get(fileId: string): StoredFile | undefined {
    return this.byId.get(fileId);
  }

  atPath(filePath: string): StoredFile | undefined {
    return this.byPath.get(filePath);
  }

  /**
   * Stores a picture as Telegram does: re-encoded to JPEG in every thumbnail size smaller than
   * the picture, plus the picture itself (at most 2560 px). Throws IMAGE_PROCESS_FAILED, like
   * Telegram, when the bytes are not an image.
   */
  async storePhoto(bytes: Buffer): Promise<PhotoSize[]> {
    const meta = await sharp(bytes)
      .metadata()
      .catch(() => undefined);
    if (!meta?.width || !meta.height) throw badRequest("IMAGE_PROCESS_FAILED");
    const longest = Math.max(meta.width, meta.height);
    if (meta.width + meta.height > 10_000 || longest / Math.min(meta.width, meta.height) > 20) {
      throw badRequest("PHOTO_INVALID_DIMENSIONS");
    }
    const boxes = [...PHOTO_BOXES.filter((box) => box < longest), Math.min(longest, MAX_PHOTO_SIDE)];
    const sizes: PhotoSize[] = [];
    for (const box of boxes) {
      const { data, info } = await sharp(bytes)
        .rotate()
        .resize({ width: box, height: box, fit: "inside", withoutEnlargement: true })
        .jpeg({ quality: 85 })
        .toBuffer({ resolveWithObject: true });
      const file = this.store(data, { kind: "photo" });
      sizes.push({ file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.file_size, width: info.width, height: info.height });
    }
    for (const size of sizes) {
      const file = this.byId.get(size.file_id);
      if (file) file.sizes = sizes;
    }
    return sizes;
  }

  /** A JPEG of the given size for tests that do not care about the picture; each one looks different. */
  async makeJpeg(width: number, height: number): Promise<Buffer> {
    const seed = ++this.colorSeed;
    const background = { r: (seed * 67) % 256, g: (seed * 131) % 256, b: (seed * 199) % 256 };
    return sharp({ create: { width, height, channels: 3, background } })
      .jpeg()
      .toBuffer();
  }

  /** Looks up a file a bot sends by file_id and checks it has the right type, as Telegram does. */
  reuse(fileId: string, kind: FileKind): StoredFile {
    const file = this.byId.get(fileId);
    if (!file) throw badRequest("wrong file identifier/HTTP URL specified");
    if (file.kind !== kind) throw badRequest(`can't use file of type ${typeName(file.kind)} as ${typeName(kind)}`);
    return file;
  }
}

function typeName(kind: FileKind): string {
  return kind === "video_note" ? "VideoNote" : kind.charAt(0).toUpperCase() + kind.slice(1);
}

function defaultExtension(kind: FileKind): string {
  const ext: Record<FileKind, string> = {
    photo: ".jpg",
    video: ".mp4",
    document: "",
    audio: ".mp3",
    voice: ".oga",
    animation: ".mp4",
    sticker: ".webp",
    video_note: ".mp4",
  };
  return ext[kind];
}

/** The same content has the same file_unique_id, as when Telegram recognises a re-upload. */
function uniqueId(bytes: Buffer, fileSize: number | undefined): string {
  const hash = createHash("sha256").update(bytes).update(String(fileSize ?? "")).digest("base64url");
  return `AQAD${hash.slice(0, 12)}`;
}

function randomSuffix(): string {
  return Math.random().toString(36).slice(2, 10);
}
