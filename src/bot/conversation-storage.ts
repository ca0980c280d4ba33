// Conversation state in the database, so a member can finish /kirim after the bot restarts.
import type { VersionedStateStorage } from "@grammyjs/conversations";
import type { Db } from "../db/client.js";

export function conversationStorage<S>(db: Db): VersionedStateStorage<string, S> {
  const key = (k: string) => `conversation:${k}`;
  return {
    async read(k) {
      const row = await db.keyValue.findUnique({ where: { key: key(k) } });
      return row ? JSON.parse(row.value) : undefined;
    },
    async write(k, state) {
      const value = JSON.stringify(state);
      await db.keyValue.upsert({ where: { key: key(k) }, create: { key: key(k), value }, update: { value } });
    },
    async delete(k) {
      await db.keyValue.deleteMany({ where: { key: key(k) } });
    },
  };
}
