// Decoding a Bot API request into parameters, the way the Bot API server reads them.
//
// The Bot API accepts the same parameters as a query string, as JSON, as form fields or as
// multipart parts. grammY sends JSON, and multipart when it uploads an InputFile: then every
// object (reply_markup, media, …) arrives as a JSON string and each file as its own part, pointed
// to by an "attach://<part>" value. Params hides those differences from the method handlers.
import type { IncomingMessage } from "node:http";
import { ApiError, badRequest } from "./errors.js";

/** A file uploaded with the request. */
export interface Upload {
  filename: string;
  bytes: Buffer;
}

/** What a file parameter refers to. */
export type FileRef = { kind: "upload"; upload: Upload } | { kind: "file_id"; fileId: string } | { kind: "url"; url: string };

/** Telegram refuses requests above 50 MB with a bare 413. */
const MAX_BODY_BYTES = 50 * 1024 * 1024;

/** Parameters that carry JSON: as form fields they are JSON strings. */
const JSON_FIELDS = new Set([
  "reply_markup", "media", "entities", "caption_entities", "reply_parameters", "link_preview_options",
  "message_ids", "allowed_updates", "commands", "scope", "results", "permissions",
]);
const INTEGER_FIELDS = new Set([
  "chat_id", "from_chat_id", "message_id", "user_id", "reply_to_message_id", "message_thread_id",
  "offset", "limit", "timeout", "width", "height", "duration", "cache_time", "max_connections",
]);
const BOOLEAN_FIELDS = new Set([
  "disable_notification", "protect_content", "allow_sending_without_reply", "show_alert", "drop_pending_updates",
  "disable_web_page_preview", "has_spoiler", "show_caption_above_media", "disable_content_type_detection",
  "supports_streaming", "remove_caption",
]);

export class Params {
  constructor(
    /** Decoded values: JSON fields parsed, numeric and boolean fields converted. */
    readonly values: Record<string, unknown>,
    private readonly uploads: ReadonlyMap<string, Upload> = new Map(),
  ) {}

  has(name: string): boolean {
    return this.values[name] !== undefined && this.values[name] !== null;
  }

  get(name: string): unknown {
    return this.values[name];
  }

  string(name: string): string | undefined {
    const v = this.values[name];
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    return undefined;
  }

  int(name: string): number | undefined {
    const v = this.values[name];
    if (typeof v === "number" && Number.isInteger(v)) return v;
    if (typeof v === "string" && /^-?\d+$/.test(v.trim())) return Number(v);
    return undefined;
  }

  bool(name: string): boolean {
    const v = this.values[name];
    return v === true || v === "true" || v === "1" || v === 1;
  }

  /** A JSON parameter given either as a value or as a JSON string; `error` words a parse failure. */
  json(name: string, error: string): unknown {
    const v = this.values[name];
    if (typeof v !== "string") return v;
    try {
      return JSON.parse(v) as unknown;
    } catch {
      throw badRequest(error);
    }
  }

  /** A file parameter: an upload (its own part or "attach://…"), a file_id or an HTTP URL. */
  file(name: string): FileRef | undefined {
    const own = this.uploads.get(name);
    if (own) return { kind: "upload", upload: own };
    const v = this.string(name);
    return v === undefined || v === "" ? undefined : this.fileRef(v);
  }

  /** Resolves a string that names a file, as found in `media` items too. */
  fileRef(value: string): FileRef {
    if (value.startsWith("attach://")) {
      const upload = this.uploads.get(value.slice("attach://".length));
      if (!upload) throw badRequest("wrong file identifier/HTTP URL specified");
      return { kind: "upload", upload };
    }
    if (/^https?:\/\//i.test(value)) return { kind: "url", url: value };
    return { kind: "file_id", fileId: value };
  }

  /** The parameters for the call log: uploads replaced by a small descriptor. */
  describe(): Record<string, unknown> {
    const describe = (v: unknown): unknown => {
      if (typeof v === "string" && v.startsWith("attach://")) {
        const upload = this.uploads.get(v.slice("attach://".length));
        return upload ? uploadDescriptor(upload) : v;
      }
      if (Array.isArray(v)) return v.map(describe);
      if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, describe(x)]));
      return v;
    };
    const out = describe(this.values) as Record<string, unknown>;
    for (const [name, upload] of this.uploads) {
      if (!(name in out) && !this.isAttached(name)) out[name] = uploadDescriptor(upload);
    }
    return out;
  }

  private isAttached(part: string): boolean {
    return JSON.stringify(this.values).includes(`attach://${part}`);
  }
}

function uploadDescriptor(upload: Upload): { upload: string; size: number } {
  return { upload: upload.filename, size: upload.bytes.length };
}

/** Reads and decodes a request's parameters (query string and body). */
export async function readParams(req: IncomingMessage, url: URL): Promise<Params> {
  const fields: Record<string, string> = Object.fromEntries(url.searchParams);
  const body = await readBody(req);
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  if (body.length === 0) return new Params(decodeFields(fields));
  if (type.startsWith("application/json")) {
    let json: unknown;
    try {
      json = JSON.parse(body.toString("utf8"));
    } catch {
      throw badRequest("can't parse JSON encoded request parameters");
    }
    if (!json || typeof json !== "object" || Array.isArray(json)) throw badRequest("request parameters must be a JSON object");
    return new Params({ ...decodeFields(fields), ...(json as Record<string, unknown>) });
  }
  if (type.startsWith("multipart/form-data")) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(req.headers["content-type"] ?? "");
    const parts = parseMultipart(body, boundary?.[1] ?? boundary?.[2] ?? "");
    const uploads = new Map<string, Upload>();
    for (const part of parts) {
      if (part.filename !== undefined) uploads.set(part.name, { filename: part.filename, bytes: part.data });
      else fields[part.name] = part.data.toString("utf8");
    }
    return new Params(decodeFields(fields), uploads);
  }
  // application/x-www-form-urlencoded, and what clients send without a content type.
  Object.assign(fields, Object.fromEntries(new URLSearchParams(body.toString("utf8"))));
  return new Params(decodeFields(fields));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, "Request Entity Too Large");
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** Form values are strings; give them the types a JSON request would have had. */
function decodeFields(fields: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (JSON_FIELDS.has(name)) out[name] = parseJsonOr(value);
    else if (INTEGER_FIELDS.has(name) && /^-?\d+$/.test(value.trim())) out[name] = Number(value);
    else if (BOOLEAN_FIELDS.has(name) && (value === "true" || value === "false")) out[name] = value === "true";
    else out[name] = value;
  }
  return out;
}

/** Unparseable JSON stays a string, so the method reports it in Telegram's words. */
function parseJsonOr(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

interface Part {
  name: string;
  filename?: string;
  data: Buffer;
}

/**
 * A small multipart/form-data reader. Node 20's built-in Request.formData() rejects grammY's
 * parts (it writes `content-disposition:form-data;name="x"` without spaces and leaves filenames
 * unquoted), which Telegram accepts, so the emulator must be as lenient as Telegram.
 */
export function parseMultipart(body: Buffer, boundary: string): Part[] {
  if (!boundary) throw badRequest("multipart boundary is missing");
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const contentStart = start + delimiter.length;
    if (body.subarray(contentStart, contentStart + 2).toString() === "--") break; // closing delimiter
    const next = body.indexOf(delimiter, contentStart);
    if (next === -1) break;
    const part = readPart(body.subarray(skipLineBreak(body, contentStart), next - 2)); // minus the CRLF before "--"
    if (part) parts.push(part);
    start = next;
  }
  return parts;
}

function skipLineBreak(body: Buffer, pos: number): number {
  if (body[pos] === 0x0d && body[pos + 1] === 0x0a) return pos + 2;
  return body[pos] === 0x0a ? pos + 1 : pos;
}

function readPart(raw: Buffer): Part | undefined {
  const headerEnd = raw.indexOf("\r\n\r\n");
  if (headerEnd === -1) return undefined;
  const headers = raw.subarray(0, headerEnd).toString("utf8").split("\r\n");
  const disposition = headers.find((h) => /^content-disposition\s*:/i.test(h));
  if (!disposition) return undefined;
  const name = dispositionParam(disposition, "name");
  if (name === undefined) return undefined;
  return { name, filename: dispositionParam(disposition, "filename"), data: raw.subarray(headerEnd + 4) };
}

/** A parameter of a Content-Disposition header, quoted or not. */
function dispositionParam(header: string, param: string): string | undefined {
  const match = new RegExp(`;\\s*${param}=(?:"([^"]*)"|([^;]*))`, "i").exec(header);
  if (!match) return undefined;
  return (match[1] ?? match[2] ?? "").trim();
}
