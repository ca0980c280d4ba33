// The command menus Telegram shows: members' commands in private chats, admin commands in the
// admin group, each in Indonesian and English.
import type { Api } from "grammy";
import type { Config } from "../config.js";
import type { Translate } from "./i18n.js";

const MEMBER_COMMANDS = ["kirim", "status", "profil", "cek", "batal", "bantuan"] as const;
/**
 * Every admin-group command, in the order /bantuan lists them. Each has a menu line
 * (menu-admin-<command>) and a help line with its arguments (admin-help-<command>).
 */
export const ADMIN_COMMANDS = [
  "antrian",
  "riwayat",
  "terbitkan_ulang",
  "cek",
  "hoaks",
  "kim",
  "impor",
  "undangan",
  "undangan_baru",
  "anggota",
  "keluarkan",
  "pindah",
  "laporan",
  "dasbor",
  "pengingat",
  "jeda",
  "lanjut",
  "periksa",
  "id",
  "bantuan",
] as const;

export async function publishCommandMenus(api: Api, config: Config, t: Translate): Promise<void> {
  for (const locale of ["id", "en"] as const) {
    const language_code = locale === config.defaultLocale ? undefined : locale;
    await api.setMyCommands(
      MEMBER_COMMANDS.map((c) => ({ command: c, description: t(locale, `menu-${c}`) })),
      { scope: { type: "all_private_chats" }, language_code },
    );
    if (config.adminChatId !== undefined) {
      await api.setMyCommands(
        ADMIN_COMMANDS.map((c) => ({ command: c, description: t(locale, `menu-admin-${c}`) })),
        { scope: { type: "chat", chat_id: Number(config.adminChatId) }, language_code },
      );
    }
  }
}
