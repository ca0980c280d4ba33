// Screening in the running bot: keeps the in-memory indexes (known claims, known hoax photos),
// the classifier and its calibration in step with the database, fetches photos from Telegram to
// hash them, and stores each submission's result for its review card.
import type { Api } from "grammy";
import type { MessageEntity } from "grammy/types";
import type { Config } from "../config.js";
import type { Db } from "../db/client.js";
import type { Prisma } from "../db/types.js";
import type { Logger } from "../logger.js";
import {
  createScreener,
  imageHashVariants,
  levelKey,
  reasonKey,
  renderBasis,
  type ScreeningResult,
  type Screener,
} from "../domain/screening/index.js";
import { html } from "../html.js";
import type { LocaleTranslate } from "./i18n.js";
import { downloadFile } from "./files.js";
import { isPassingFailure } from "../queue/failure.js";
import { excerpt } from "./format.js";

/** The decisions the classifier learns from (as load() always read them). */
const DECIDED = { status: { in: ["hoax", "published", "approved"] }, text: { not: "" } } satisfies Prisma.SubmissionWhereInput;
const DECISION_MARGIN_MS = 10 * 60_000;

/** The photos screening compares with: those of no claim, or of a claim not removed (as load() reads them). */
const ACTIVE_IMAGES = { OR: [{ claimId: null }, { claim: { removedAt: null } }] } satisfies Prisma.FalseImageWhereInput;

type T = LocaleTranslate;

/** What is stored on the submission (Submission.screening) and shown on its card. */
export interface StoredScreening {
  level: ScreeningResult["level"];
  /** Calibrated probability of a hoax (results stored before calibration hold a 0–1 risk score). */
  score: number;
  reasons: ScreeningResult["reasons"];
  /** What the result rests on, strongest first (absent on results stored before calibration). */
  basis?: ScreeningResult["basis"];
  prior?: ScreeningResult["prior"];
  closestClaims: Array<{ id: number; similarity: number; text: string; sourceUrl: string | null }>;
  imagesChecked: number;
  /** Photos that could not be fetched from Telegram to be compared (absent in results stored before). */
  imagesUnchecked?: number;
  /** Set when a claim added later matched this item (issue 11: re-check of what is already out). */
  recheck?: { claimId: number; similarity: number; by: "text" | "image"; publisher: string; at: string };
}

export class ScreeningService {
  readonly screener: Screener;
  /**
   * What the indexes hold, by database id. Other instances add and remove claims too (a hoax
   * decision, /hoaks, the fact-check poll that runs on one instance at a time): before each
   * screening the indexes catch up with the database (catchUp).
   */
  private readonly indexedClaims = new Set<number>();
  private readonly indexedImages = new Set<number>();
  /** Decisions the classifier learnt, by submission id: each is learnt once, whoever decided it. */
  private readonly learned = new Set<number>();
  /** The latest decision time learnt; the catch-up reads decisions from a margin before it. */
  private learnedUntil = 0;

  /** `api` is a getter: the service exists before the bot that it downloads photos through. */
  constructor(private readonly deps: { db: Db; api: Api; config: Config; logger: Logger }) {
    const s = deps.config.screening;
    this.screener = createScreener({
      thresholds: { medium: s.mediumAt, high: s.highAt },
      prior: { baseRate: s.baseRate },
      links: { hoaxDomains: s.hoaxDomains },
      classifier: { minPerClass: s.minDecisionsPerClass },
    });
  }

  /** Builds the indexes, trains the classifier and calibrates it from the database (at start). */
  async load(): Promise<void> {
    const { db, logger } = this.deps;
    const claims = await db.falseClaim.findMany({ where: { removedAt: null }, select: { id: true, text: true } });
    for (const c of claims) this.indexClaim(c);
    const images = await db.falseImage.findMany({ where: ACTIVE_IMAGES });
    for (const img of images) this.indexImage(img);
    const decided = await db.submission.findMany({ where: DECIDED, select: { id: true, text: true, status: true, decidedAt: true } });
    for (const d of decided) this.learnDecision(d);
    const started = performance.now();
    const fit = this.screener.calibrate({ full: true });
    logger.info(
      {
        claims: claims.length,
        images: images.length,
        decisions: decided.length,
        baseRate: this.screener.baseRate(),
        calibrated: fit !== undefined,
        calibrationMs: Math.round(performance.now() - started),
      },
      "screening loaded",
    );
  }

  /** Screens a text on demand (/cek), with the closest claims' texts and sources as on a card. */
  async screenText(text: string, entities?: readonly MessageEntity[]): Promise<StoredScreening> {
    await this.catchUp();
    return this.toStored(this.screener.screen({ text, entities: entities as never }), 0);
  }

  /**
   * Screens a submission once and stores the result (risk level, reasons, closest claims). A photo
   * Telegram will not hand over for a moment makes this throw, so the card's job tries again
   * later; on the last try (`lastTry`) the card goes out and says which photos were not checked.
   */
  async screenSubmission(submissionId: number, opts: { lastTry?: boolean } = {}): Promise<void> {
    const { db } = this.deps;
    const sub = await db.submission.findUnique({ where: { id: submissionId }, include: { media: { orderBy: { position: "asc" } } } });
    if (!sub || sub.riskLevel !== null) return;
    await this.catchUp();
    const imageHashes: string[] = [];
    let unchecked = 0;
    for (const m of sub.media) {
      if (m.kind !== "photo") continue;
      const variants = m.perceptualHash ? m.perceptualHash.split(" ") : await this.hashPhoto(m.fileId, opts.lastTry ?? false);
      if (!variants) {
        unchecked++;
        continue;
      }
      if (!m.perceptualHash) await db.submissionMedia.update({ where: { id: m.id }, data: { perceptualHash: variants.join(" ") } });
      imageHashes.push(variants[0]!);
    }
    const result = this.screener.screen({ text: sub.text, entities: (sub.entities ?? []) as never, imageHashes });
    const stored = { ...(await this.toStored(result, imageHashes.length)), ...(unchecked > 0 ? { imagesUnchecked: unchecked } : {}) };
    await db.submission.update({
      where: { id: sub.id },
      data: { riskLevel: result.level, riskScore: result.score, screening: stored as unknown as Prisma.InputJsonValue },
    });
  }

  /**
   * Screens a submission again with the collection as it is now, from its stored text and photo
   * hashes (no download); nothing is stored. Used by the re-check when a new claim matched it.
   */
  async rescreen(submissionId: number): Promise<StoredScreening | undefined> {
    const sub = await this.deps.db.submission.findUnique({ where: { id: submissionId }, include: { media: { orderBy: { position: "asc" } } } });
    if (!sub) return undefined;
    await this.catchUp();
    const imageHashes = sub.media.flatMap((m) => (m.kind === "photo" && m.perceptualHash ? [m.perceptualHash.split(" ")[0]!] : []));
    const result = this.screener.screen({ text: sub.text, entities: (sub.entities ?? []) as never, imageHashes });
    return this.toStored(result, imageHashes.length);
  }

  /** A claim and its photos join the indexes (idempotent: adding again replaces). */
  ensureClaim(claim: { id: number; text: string; images: Array<{ id: number; hash: string }> }): void {
    this.indexClaim(claim);
    for (const img of claim.images) this.indexImage(img);
  }

  /**
   * The claims and photos the database holds now, whichever instance added or removed them: two
   * id lists read, and only the difference indexed (adding is idempotent, so a claim this
   * instance indexed itself meanwhile does no harm).
   */
  async catchUp(): Promise<void> {
    const { db } = this.deps;
    const [claims, images, decisions] = await Promise.all([
      db.falseClaim.findMany({ where: { removedAt: null }, select: { id: true } }),
      db.falseImage.findMany({ where: ACTIVE_IMAGES, select: { id: true } }),
      // Another instance's clock, or a transaction that committed late, may put a decision a little
      // before the latest one learnt: the margin reads them again, and `learned` skips the known.
      db.submission.findMany({
        where: { ...DECIDED, decidedAt: { gte: new Date(this.learnedUntil - DECISION_MARGIN_MS) } },
        select: { id: true, text: true, status: true, decidedAt: true },
      }),
    ]);
    // Synchronous from here to the next await: two catch-ups at once never learn one decision twice.
    const learnt = decisions.filter((d) => this.learnDecision(d)).length;
    if (learnt > 0) this.screener.calibrate();
    const claimIds = new Set(claims.map((c) => c.id));
    const imageIds = new Set(images.map((i) => i.id));
    for (const id of this.indexedClaims) if (!claimIds.has(id)) this.unindexClaim(id);
    for (const id of this.indexedImages) if (!imageIds.has(id)) this.unindexImage(id);
    const newClaims = [...claimIds].filter((id) => !this.indexedClaims.has(id));
    const newImages = [...imageIds].filter((id) => !this.indexedImages.has(id));
    if (newClaims.length > 0) {
      for (const c of await db.falseClaim.findMany({ where: { id: { in: newClaims }, removedAt: null }, select: { id: true, text: true } })) this.indexClaim(c);
    }
    if (newImages.length > 0) {
      for (const img of await db.falseImage.findMany({ where: { id: { in: newImages } }, select: { id: true, hash: true } })) this.indexImage(img);
    }
  }

  /** Learns a decision unless it was learnt already; true when it was new. */
  private learnDecision(d: { id: number; text: string; status: string; decidedAt: Date | null }): boolean {
    if (d.decidedAt) this.learnedUntil = Math.max(this.learnedUntil, d.decidedAt.getTime());
    if (this.learned.has(d.id)) return false;
    this.learned.add(d.id);
    this.screener.learn(d.text, d.status === "hoax" ? "hoax" : "valid");
    return true;
  }

  private indexClaim(c: { id: number; text: string }): void {
    this.screener.addClaim(String(c.id), c.text);
    this.indexedClaims.add(c.id);
  }

  private unindexClaim(id: number): void {
    this.screener.removeClaim(String(id));
    this.indexedClaims.delete(id);
  }

  private indexImage(img: { id: number; hash: string }): void {
    this.screener.addImage(String(img.id), img.hash.split(" "));
    this.indexedImages.add(img.id);
  }

  private unindexImage(id: number): void {
    this.screener.removeImage(String(id));
    this.indexedImages.delete(id);
  }

  /**
   * The photo's perceptual hash and its crop variants; undefined when it cannot be had. A passing
   * failure (Telegram or the network) is thrown, to be tried again, unless this is the last try.
   */
  private async hashPhoto(fileId: string, lastTry: boolean): Promise<string[] | undefined> {
    const { api, config, logger } = this.deps;
    try {
      return await imageHashVariants(await downloadFile(api, config, fileId));
    } catch (err) {
      if (!lastTry && isPassingFailure(err)) throw err;
      logger.warn({ err: String(err), fileId }, "screening: photo could not be hashed");
      return undefined;
    }
  }

  private async toStored(result: ScreeningResult, imagesChecked: number): Promise<StoredScreening> {
    const ids = result.closestClaims.map((c) => Number(c.id));
    const claims = await this.deps.db.falseClaim.findMany({ where: { id: { in: ids } } });
    return {
      level: result.level,
      score: result.score,
      reasons: result.reasons,
      basis: result.basis,
      prior: result.prior,
      imagesChecked,
      closestClaims: result.closestClaims.flatMap((c) => {
        const claim = claims.find((x) => x.id === Number(c.id));
        return claim ? [{ id: claim.id, similarity: c.similarity, text: claim.text, sourceUrl: claim.sourceUrl }] : [];
      }),
    };
  }

  /**
   * After a hoax decision: the claim and its photos join the indexes, the classifier learns, and
   * the calibration is refitted (the new decision is scored once; milliseconds).
   */
  async onHoax(submissionId: number): Promise<void> {
    const { db } = this.deps;
    const claim = await db.falseClaim.findFirst({ where: { submissionId }, include: { images: true } });
    if (!claim) return;
    this.ensureClaim(claim);
    // A catch-up may have learnt this decision while the claim was read.
    if (this.learned.has(submissionId)) return;
    this.learned.add(submissionId);
    this.screener.learn(claim.text, "hoax");
    this.screener.calibrate();
  }

  onApproved(submissionId: number, text: string): void {
    if (!text.trim() || this.learned.has(submissionId)) return;
    this.learned.add(submissionId);
    this.screener.learn(text, "valid");
    this.screener.calibrate();
  }

  onClaimAdded(id: number, text: string): void {
    this.indexClaim({ id, text });
  }

  onClaimRemoved(id: number): void {
    this.unindexClaim(id);
  }
}

/**
 * Card and /cek lines: the level with the chance of a hoax, what it is based on in words and where
 * it starts from, the reasons strongest first, and the closest known claims.
 */
export function screeningLines(s: StoredScreening, t: T, maxReasons = 6, audience: "admin" | "member" = "admin"): string[] {
  if (audience === "member") return memberLines(s, t, maxReasons);
  const icon = s.level === "high" ? "🔴" : s.level === "medium" ? "🟠" : "🟢";
  const level = t.html(levelKey(s.level));
  // The basis is plain words and numbers (the domain writes no markup): t escapes it like any text.
  const lines = s.basis
    ? [`${icon} ${t("screening-card-level", { level, percent: shownPercent(s.score) })}`, t("screening-basis", { basis: renderBasis(s.basis, t.text) })]
    : [`${icon} ${t("card-screening", { level, score: s.score.toFixed(2) })}`];
  if (s.prior) {
    const percent = Math.round(s.prior.baseRate * 100);
    lines.push(s.prior.calibrated ? t("screening-prior", { percent, count: s.prior.decisions }) : t("screening-prior-default", { percent }));
  }
  for (const r of s.reasons.filter((reason) => reason.weight !== 0 || reason.code === "classifier.not-ready").slice(0, maxReasons)) {
    lines.push(`• ${t(reasonKey(r.code), shortParams(r.params))}`);
  }
  if (s.closestClaims.length > 0) {
    lines.push(t("screening-closest-claims"));
    for (const c of s.closestClaims) {
      const source = c.sourceUrl ? html` — ${c.sourceUrl}` : "";
      lines.push(html`• ${Math.round(c.similarity * 100)}% #${c.id} "${excerpt(c.text, 120)}"${source}`.toString());
    }
  }
  if (s.imagesUnchecked) lines.push(t("screening-images-unchecked", { count: s.imagesUnchecked }));
  if (s.recheck) {
    const r = s.recheck;
    lines.push(t(r.by === "image" ? "recheck-card-line-image" : "recheck-card-line", { id: r.claimId, publisher: r.publisher, percent: Math.round(r.similarity * 100) }));
  }
  return lines;
}

/** A probability as a whole percentage, never 0 or 100: screening is never certain. */
function shownPercent(p: number): number {
  return Math.min(99, Math.max(1, Math.round(p * 100)));
}

/** Reason parameters carry user text (matched phrases, claims, domains): shortened, and t escapes them. */
function shortParams(params: Record<string, string | number>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "string" ? excerpt(v, 160) : v]));
}

/**
 * What a member sees of a /cek: the risk in words, what it is based on, the reasons and the closest
 * known claims with their sources. How the model was trained (decisions, percentages, scores) is
 * the admins' business.
 */
function memberLines(s: StoredScreening, t: T, maxReasons: number): string[] {
  const icon = s.level === "high" ? "🔴" : s.level === "medium" ? "🟠" : "🟢";
  const lines = [`${icon} ${t("screening-member-level", { level: t.html(levelKey(s.level)) })}`];
  if (s.basis) {
    const basis = s.basis.map((b) => (b.code === "classifier" ? { ...b, code: "classifier-member" } : b));
    lines.push(t("screening-basis", { basis: renderBasis(basis, t.text) }));
  }
  for (const r of s.reasons.filter((reason) => reason.weight !== 0 && !reason.code.startsWith("classifier")).slice(0, maxReasons)) {
    lines.push(`• ${t(reasonKey(r.code), shortParams(r.params))}`);
  }
  if (s.closestClaims.length > 0) {
    lines.push(t("screening-closest-claims"));
    for (const c of s.closestClaims) {
      const source = c.sourceUrl ? html` — ${c.sourceUrl}` : "";
      lines.push(html`• "${excerpt(c.text, 120)}"${source}`.toString());
    }
  }
  return lines;
}
