// The admin group explains itself: every command listed and in the menu, a history in people's
// words, answers that say what happened, hints instead of silence.
import { afterEach, describe, expect, it } from "vitest";
import { ADMIN, ADMIN_GROUP, startScenario, textOf, type Scenario } from "../support/harness.js";
import { ADMIN_COMMANDS } from "../../src/bot/commands.js";

let s: Scenario | undefined;
afterEach(async () => {
  await s?.stop();
  await s?.tg.stop();
  s = undefined;
});

describe("the admin group", () => {
  it("lists every admin command with /bantuan, /help and /start, and the menu holds all of them", async () => {
    s = await startScenario();
    const { tg } = s;
    for (const command of ["/bantuan", "/help", "/start"]) {
      const before = tg.botMessages(ADMIN_GROUP).length;
      tg.userSendsText(ADMIN.id, command, { chatId: ADMIN_GROUP });
      const help = await tg.waitForNewBotMessage(ADMIN_GROUP, before);
      for (const c of ADMIN_COMMANDS) expect(textOf(help)).toContain(`/${c}`);
    }
    await tg.waitFor(() => tg.myCommands({ type: "chat", chat_id: ADMIN_GROUP }));
    const menu = tg.myCommands({ type: "chat", chat_id: ADMIN_GROUP })!.map((c) => c.command);
    expect(menu).toEqual([...ADMIN_COMMANDS]);
    for (const c of ["impor", "undangan_baru", "keluarkan", "pindah", "jeda", "lanjut", "terbitkan_ulang", "id"]) expect(menu).toContain(c);
    const english = tg.myCommands({ type: "chat", chat_id: ADMIN_GROUP }, "en")!;
    expect(english.map((c) => c.command)).toEqual([...ADMIN_COMMANDS]);
  });
});
