// The demo's scenes, in order. Each plays users' actions against the emulator and waits for the
// bot's visible answer, so the printed transcript tells the story.
import type { Message } from "grammy/types";
import type { App } from "../app.js";
import type { BotApiEmulator } from "@jedikim/telegram-emulator";

export interface DemoWorld {
  tg: BotApiEmulator;
  app: App;
  admin: { id: number; first_name: string };
  adminGroup: number;
  channel: number;
  seedCsv: Buffer;
}

export interface Scene {
  title: string;
  play(world: DemoWorld): Promise<void>;
}

export const MEMBER = { id: 7001, first_name: "Rina", last_name: "Wati", language_code: "id" };
const SECOND_MEMBER = { id: 7002, first_name: "Dodi", language_code: "id" };

export function textOf(m: Message | undefined): string {
  return m?.text ?? m?.caption ?? "";
}

export function button(message: Message, label: string): string {
  const b = (message.reply_markup?.inline_keyboard ?? []).flat().find((x) => x.text.includes(label));
  if (!b || !("callback_data" in b) || !b.callback_data) throw new Error(`demo: no "${label}" button`);
  return b.callback_data;
}

/** Sends content as a member, confirms the draft, and returns the review card. */
export async function submit(w: DemoWorld, userId: number, send: () => unknown): Promise<Message> {
  const since = w.tg.botMessages(userId).length;
  await send();
  const prompt = await w.tg.waitFor(() => w.tg.botMessages(userId).slice(since).find((m) => textOf(m).includes("Pratinjau")));
  w.tg.userPresses(userId, prompt, button(prompt, "Kirim"));
  const done = await w.tg.waitFor(() => textOf(w.tg.message(userId, prompt.message_id)).includes("Terkirim") && w.tg.message(userId, prompt.message_id));
  const id = /#(\d+)/.exec(textOf(done))?.[1];
  return w.tg.waitForBotMessage(w.adminGroup, (m) => textOf(m).includes(`Kiriman #${id}`) && !!m.reply_markup, 10_000);
}

export const scenes: Scene[] = [
  {
    title: "1. Admin mengimpor daftar KIM Barito Timur (CSV) / the admin imports the KIM registry",
    async play(w) {
      const before = w.tg.botMessages(w.adminGroup).length;
      w.tg.userSendsDocument(w.admin.id, { chatId: w.adminGroup, bytes: w.seedCsv, fileName: "barito-timur.csv", mimeType: "text/csv", caption: "/impor" });
      await w.tg.waitForNewBotMessage(w.adminGroup, before);
      w.tg.userSendsText(w.admin.id, "/undangan Hapau Habar", { chatId: w.adminGroup });
      await w.tg.waitForBotMessage(w.adminGroup, (m) => textOf(m).includes("Tautan undangan"));
    },
  },
  {
    title: "1b. Grup admin menjelaskan dirinya: /bantuan / the admin group explains itself",
    async play(w) {
      w.tg.userSendsText(w.admin.id, "/bantuan", { chatId: w.adminGroup });
      await w.tg.waitForBotMessage(w.adminGroup, (m) => textOf(m).includes("Perintah grup admin"));
    },
  },
  {
    title: "2. Anggota KIM bergabung lewat tautan undangan / a member joins by invite link",
    async play(w) {
      w.tg.addUser(MEMBER);
      const kim = await w.app.db.kim.findFirstOrThrow({ where: { name: "KIM Hapau Habar" } });
      w.tg.userSendsText(MEMBER.id, `/start ${kim.inviteCode}`);
      const prompt = await w.tg.waitForBotMessage(MEMBER.id, (m) => textOf(m).includes("Bergabung ke"));
      w.tg.userPresses(MEMBER.id, prompt, button(prompt, "Ya, gabung"));
      await w.tg.waitForBotMessage(MEMBER.id, (m) => textOf(m).includes("Selamat bergabung"));
    },
  },
  {
    title: "3. Kiriman foto, disetujui admin, terbit di kanal / a photo post, approved, on the channel",
    async play(w) {
      const card = await submit(w, MEMBER.id, () =>
        w.tg.userSendsPhoto(MEMBER.id, {
          width: 1600,
          height: 1200,
          caption: "Kerja bakti warga Tamiang Layang membersihkan saluran air menjelang musim hujan, Sabtu (22/11).",
        }),
      );
      w.tg.userPresses(w.admin.id, card, button(card, "Setujui"));
      await w.tg.waitForBotMessage(w.channel, () => true, 10_000);
      await w.tg.waitForBotMessage(MEMBER.id, (m) => textOf(m).includes("sudah terbit"), 10_000);
    },
  },
  {
    title: "4. Anggota lain memilih KIM sendiri, admin menyetujui / another member asks to join",
    async play(w) {
      w.tg.addUser(SECOND_MEMBER);
      w.tg.userSendsText(SECOND_MEMBER.id, "/start");
      const picker = await w.tg.waitForBotMessage(SECOND_MEMBER.id, (m) => textOf(m).includes("Pilih kecamatan"));
      w.tg.userPresses(SECOND_MEMBER.id, picker, button(picker, "Paju Epat"));
      const kims = await w.tg.waitFor(() => textOf(w.tg.message(SECOND_MEMBER.id, picker.message_id)).includes("Pilih KIM") && w.tg.message(SECOND_MEMBER.id, picker.message_id));
      w.tg.userPresses(SECOND_MEMBER.id, kims, button(kims, "Netampin"));
      const confirm = await w.tg.waitFor(() => textOf(w.tg.message(SECOND_MEMBER.id, picker.message_id)).includes("Kirim permintaan") && w.tg.message(SECOND_MEMBER.id, picker.message_id));
      w.tg.userPresses(SECOND_MEMBER.id, confirm, button(confirm, "Kirim permintaan"));
      const request = await w.tg.waitForBotMessage(w.adminGroup, (m) => textOf(m).includes("Permintaan bergabung"), 10_000);
      w.tg.userPresses(w.admin.id, request, button(request, "Setujui"));
      await w.tg.waitForBotMessage(SECOND_MEMBER.id, (m) => textOf(m).includes("disetujui"), 10_000);
    },
  },
  {
    title: "5. Pesan berantai mirip hoaks ditandai dengan alasannya / a hoax-like chain message is flagged",
    async play(w) {
      const card = await submit(w, MEMBER.id, () =>
        w.tg.userSendsText(
          MEMBER.id,
          "PENTING!!! SEBARKAN SEBELUM DIHAPUS!!! Info dari grup sebelah: bantuan tunai Rp 5 juta untuk semua warga Barito Timur, daftar lewat bit.ly/bansos-cair hari ini juga!!!",
        ),
      );
      // Approving a flagged item asks for a second tap; the admin marks it as a hoax instead.
      w.tg.userPresses(w.admin.id, card, button(card, "Hoaks"));
      const confirm = await w.tg.waitFor(() => {
        const c = w.tg.message(w.adminGroup, card.message_id)!;
        return (c.reply_markup?.inline_keyboard ?? []).flat().some((b) => b.text.includes("Ya, tandai hoaks")) && c;
      });
      w.tg.userPresses(w.admin.id, confirm, button(confirm, "Ya, tandai hoaks"));
      await w.tg.waitForBotMessage(MEMBER.id, (m) => textOf(m).includes("tidak diterbitkan"), 10_000);
      w.tg.userSendsText(MEMBER.id, "/cek PENTING!!! sebarkan sebelum dihapus: info dr grup sebelah, bantuan tunai rp 5 jt utk smua warga barito timur, daftar lwt bit.ly/bansos-cair hr ini jg!!!");
      await w.tg.waitForBotMessage(MEMBER.id, (m) => textOf(m).includes("Hasil pemeriksaan"), 10_000);
    },
  },
  {
    title: "6. Pengingat untuk KIM yang belum mengirim, lalu /laporan / a reminder to an inactive KIM, then /laporan",
    async play(w) {
      // Rina's KIM posted above; Dodi's KIM (Netampin Bersinar) has sent nothing yet.
      await w.app.db.kim.updateMany({ data: { createdAt: new Date(Date.now() - 30 * 24 * 3600 * 1000) } });
      w.tg.userSendsText(w.admin.id, "/pengingat cek", { chatId: w.adminGroup });
      await w.tg.waitForBotMessage(w.adminGroup, (m) => textOf(m).includes("Pratinjau pengingat"), 10_000);
      w.tg.userSendsText(w.admin.id, "/pengingat kirim", { chatId: w.adminGroup });
      const ask = await w.tg.waitForBotMessage(w.adminGroup, (m) => textOf(m).includes("Kirim pengingat sekarang"), 10_000);
      w.tg.userPresses(w.admin.id, ask, button(ask, "Kirim ke"));
      await w.tg.waitForBotMessage(SECOND_MEMBER.id, (m) => textOf(m).includes("belum pernah mengirim"), 10_000);
      await w.tg.waitForBotMessage(w.adminGroup, (m) => textOf(m).includes("Pengingat mingguan"), 10_000);
      w.tg.userSendsText(w.admin.id, "/laporan 4-minggu", { chatId: w.adminGroup });
      await w.tg.waitForBotMessage(w.adminGroup, (m) => !!m.document, 20_000);
    },
  },
];
