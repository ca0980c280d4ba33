// The bot could not start because its database cannot be written: the members writing meanwhile
// hear so once, and Telegram keeps every update for when the database is back.
import { afterEach, describe, expect, it } from "vitest";
import { Api } from "grammy";
import { BotApiEmulator } from "@jedikim/telegram-emulator";
import { StorageOutageResponder } from "../../src/bot/storage-outage.js";
import { createI18n, translator, type Translate } from "../../src/bot/i18n.js";
import { createLogger } from "../../src/logger.js";

let tg: BotApiEmulator | undefined;
afterEach(async () => {
  await tg?.stop();
  tg = undefined;
});

const i18n = createI18n("id");
const translate: Translate = translator(i18n);
const textOf = (m: { text?: string }) => m.text ?? "";

describe("a bot whose database cannot be written at start", () => {
  it("tells each member once that nothing was saved, and confirms nothing to Telegram", async () => {
    tg = await BotApiEmulator.start();
    tg.addUser({ id: 501, first_name: "Sari" });
    tg.addUser({ id: 502, first_name: "Budi", language_code: "en" });
    let now = 0;
    const outage = new StorageOutageResponder({
      api: new Api(tg.token, { apiRoot: tg.apiRoot }),
      translate,
      logger: createLogger({ level: "silent" }),
      now: () => now,
    });
    tg.userSendsText(501, "Kabar banjir di Desa Jaar");
    tg.userSendsText(501, "Foto menyusul");
    tg.userSendsText(502, "Flood news");
    await outage.answerWaiting();
    await outage.answerWaiting();

    const sari = tg.botMessages(501).map(textOf);
    expect(sari).toHaveLength(1);
    expect(sari[0]).toContain("Coba kirim lagi nanti");
    expect(tg.botMessages(502).map(textOf)).toEqual([expect.stringContaining("try again later")]);
    // Nothing was confirmed: the inbox gets all three once the database works.
    expect(tg.pendingUpdates()).toBe(3);

    // A minute later a new message is worth a new answer; the old ones still are not.
    now = 61_000;
    tg.userSendsText(501, "Masih belum bisa?");
    await outage.answerWaiting();
    expect(tg.botMessages(501)).toHaveLength(2);
    expect(tg.pendingUpdates()).toBe(4);
  });
});
