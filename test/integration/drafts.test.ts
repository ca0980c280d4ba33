// A draft is made once per member update: the same update handled again (after a crash, or a
// passing failure of a later step) gets the draft it made the first time.
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { createDraft } from "../../src/domain/submissions.js";
import { addKim, addMember, freshDb } from "./activity/fixture.js";

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

const NOW = new Date("2026-12-02T03:00:00Z");

async function memberOfAKim(db: Db) {
  const kecamatan = await db.kecamatan.create({ data: { name: "Dusun Timur", normName: "dusun timur" } });
  const kimId = await addKim(db, kecamatan.id, "KIM Jaar");
  return { kimId, memberId: await addMember(db, kimId, "Sari") };
}

describe("drafts", () => {
  it("a text handled twice from the same update is one draft", async () => {
    const f = await freshDb();
    cleanup = f.cleanup;
    const { kimId, memberId } = await memberOfAKim(f.db);
    const input = { memberId, kimId, text: "Kerja bakti di Desa Jaar", media: [], sourceUpdateId: 77 };
    const first = await createDraft(f.db, input, NOW);
    const again = await createDraft(f.db, input, NOW);
    expect(again.id).toBe(first.id);
    expect(first.media).toEqual([]);
    expect(again.text).toBe("Kerja bakti di Desa Jaar");
    expect(await f.db.submission.count()).toBe(1);
    // Another update of the same member is another draft.
    const other = await createDraft(f.db, { ...input, sourceUpdateId: 78 }, NOW);
    expect(other.id).not.toBe(first.id);
  });

  it("a photo handled twice from the same update is one draft with one photo", async () => {
    const f = await freshDb();
    cleanup = f.cleanup;
    const { kimId, memberId } = await memberOfAKim(f.db);
    const photo = { kind: "photo" as const, fileId: "f1", fileUniqueId: "u1", width: 1280, height: 960 };
    const input = { memberId, kimId, text: "Posyandu", media: [photo], sourceUpdateId: 9 };
    const first = await createDraft(f.db, input, NOW);
    const again = await createDraft(f.db, input, NOW);
    expect(again.id).toBe(first.id);
    expect(again.media.map((m) => m.fileId)).toEqual(["f1"]);
    expect(await f.db.submissionMedia.count()).toBe(1);
  });
});
