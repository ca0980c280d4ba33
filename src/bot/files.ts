import type { Api } from "grammy";
import type { Config } from "../config.js";

/** Downloads a file the bot received, through getFile and the Bot API's file endpoint. */
export async function downloadFile(api: Api, config: Pick<Config, "apiRoot" | "botToken">, fileId: string): Promise<Buffer> {
  const file = await api.getFile(fileId);
  const res = await fetch(`${config.apiRoot}/file/bot${config.botToken}/${file.file_path}`);
  if (!res.ok) throw new Error(`file download failed: HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

export async function downloadText(api: Api, config: Pick<Config, "apiRoot" | "botToken">, fileId: string): Promise<string> {
  return new TextDecoder("utf-8").decode(await downloadFile(api, config, fileId));
}
