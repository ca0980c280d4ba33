// Where a known claim comes from, in words an admin recognises: the fact-checker of a feed item
// ("turnbackhoax.id"), the site of a claim's source link, or nothing (a claim an admin wrote).
import type { DbOrTx } from "../../db/types.js";
import { hostOf } from "./items.js";

export interface ClaimSource {
  publisher?: string;
  link?: string;
  origin: string;
}

export async function claimSources(db: DbOrTx, claimIds: readonly number[]): Promise<Map<number, ClaimSource>> {
  const ids = [...new Set(claimIds)];
  const [claims, items] = await Promise.all([
    db.falseClaim.findMany({ where: { id: { in: ids } }, select: { id: true, sourceUrl: true, origin: true } }),
    db.factcheckItem.findMany({ where: { claimId: { in: ids } }, select: { claimId: true, publisher: true, link: true } }),
  ]);
  const out = new Map<number, ClaimSource>();
  for (const c of claims) {
    const item = items.find((i) => i.claimId === c.id);
    const link = item?.link ?? c.sourceUrl ?? undefined;
    out.set(c.id, { publisher: item?.publisher ?? hostOf(link), link, origin: c.origin });
  }
  return out;
}

