// "The same update delivered twice is handled once": Telegram hands an update over again until a
// later getUpdates confirms it, so a bot must be ready to see one twice. Here both copies arrive
// in the same getUpdates answer: a member's message (one draft, one preview) and a tap on "Kirim"
// (one confirmation; the preview keeps its "Terkirim #N").
import type { BotApiEmulator } from "@jedikim/telegram-emulator";
import type { Message } from "grammy/types";
import { buttonData, numberPattern, shownNumber, sleep, within, type Screen } from "./screen.js";

export interface DuplicateUpdateResult {
  /** Previews of the message delivered twice (1 expected). */
  previews: number;
  /** The tap delivered twice: how the preview ended, and how many cards appeared (1 expected). */
  tapOutcome: string;
  cards: number;
  /** A message sent normally afterwards got its preview. */
  stillWorks: boolean;
  failures: string[];
}

export async function duplicateUpdates(tg: BotApiEmulator, screen: Screen, user: { id: number; first_name: string }, adminGroup: number, waitMs = 15_000): Promise<DuplicateUpdateResult> {
  const failures: string[] = [];
  const chat = { id: user.id, type: "private" as const, first_name: user.first_name };
  const from = { id: user.id, is_bot: false, first_name: user.first_name };

  // A message, twice in one batch.
  const message: Message = { message_id: 990_001, from, chat, date: Math.floor(Date.now() / 1000), text: "Kabar kerja bakti dikirim dua kali (ref DUP-A)" } as Message;
  const first = tg.injectUpdate({ message });
  tg.injectUpdate({ update_id: first.update_id, message });
  const previewOf = (ref: string) => screen.botMessages(user.id).filter((m) => m.texts[0]!.includes("Pratinjau kiriman") && m.texts[0]!.includes(ref));
  await within(waitMs, () => previewOf("DUP-A").length > 0);
  await sleep(1000); // a second preview would come right after the first
  const previews = previewOf("DUP-A").length;
  if (previews !== 1) failures.push(`a message delivered twice in one getUpdates answer gave ${previews} previews (1 expected)`);

  // A tap on "Kirim", twice in one batch.
  tg.userSendsText(user.id, "Kabar posyandu untuk dikonfirmasi dua kali (ref DUP-B)");
  const preview = await within(waitMs, () => previewOf("DUP-B")[0]);
  let tapOutcome = "no preview";
  let cards = 0;
  if (preview) {
    const data = buttonData(preview.message, "Kirim")!;
    const query = { id: `dup-${Date.now()}`, from, message: tg.message(user.id, preview.message.message_id), chat_instance: String(user.id), data };
    const tap = tg.injectUpdate({ callback_query: query });
    tg.injectUpdate({ update_id: tap.update_id, callback_query: query });
    await within(waitMs, () => preview.texts.some((t) => t.includes("Terkirim")));
    await sleep(1500); // the second handling would overwrite it right after
    const number = shownNumber(preview.texts.find((t) => t.includes("Terkirim")) ?? "");
    tapOutcome = preview.texts.slice(1).map((t) => t.split("\n")[0]!).join(" → ") || "unchanged";
    if (!number) failures.push(`a tap on Kirim delivered twice: the preview never showed "Terkirim" (${tapOutcome})`);
    else {
      if (!preview.texts.at(-1)!.includes("Terkirim")) failures.push(`a tap on Kirim delivered twice: the preview ended as ${JSON.stringify(preview.texts.at(-1))}, not "Terkirim #${number}"`);
      const isCard = (text: string) => new RegExp(`📥 Kiriman ${numberPattern(number)}`).test(text);
      await within(waitMs, () => screen.botMessages(adminGroup).some((m) => isCard(m.texts[0]!)));
      await sleep(1000);
      cards = screen.botMessages(adminGroup).filter((m) => isCard(m.texts[0]!)).length;
      if (cards !== 1) failures.push(`a tap on Kirim delivered twice gave ${cards} review cards for #${number} (1 expected)`);
    }
  } else failures.push("no preview for the news to be confirmed twice");

  // The bot still handles what comes next.
  tg.userSendsText(user.id, "Kabar biasa sesudahnya (ref DUP-C)");
  const stillWorks = (await within(waitMs, () => previewOf("DUP-C").length > 0)) ?? false;
  if (!stillWorks) failures.push(`after the duplicates, a normal message got no preview within ${waitMs / 1000} s`);
  return { previews, tapOutcome, cards, stillWorks, failures };
}
