// Perceptual image hashes, so a picture that circulated as a hoax is recognised again after it
// was resized, re-compressed by a messenger or slightly cropped.
//
// Choice: pHash (DCT) rather than dHash. dHash compares neighbouring pixels of a 9×8 thumbnail,
// so a crop of a few percent shifts every comparison and flips many bits. pHash keeps the signs
// of the lowest 8×8 frequencies of a 32×32 thumbnail relative to their median: those describe
// the coarse layout of the picture, which a small crop, resizing and JPEG noise barely change
// (measured on synthetic pictures: a 5 % crop + 60 % resize + JPEG q40 moves the plain hash by
// 2–10 bits, unrelated pictures differ by 22–40 bits). Known images are also stored with
// crop variants (imageHashVariants), which brings those edits down to 0–6 bits.
import type sharpType from "sharp";

/**
 * sharp (libvips) is loaded the first time a photo is hashed: a bot that sees no photo, or the
 * command-line tools, do not carry its memory.
 */
let sharpModule: Promise<typeof sharpType> | undefined;
function loadSharp(): Promise<typeof sharpType> {
  sharpModule ??= import("sharp").then((m) => m.default);
  return sharpModule;
}

const SIZE = 32;
const LOW = 8;

/** cos((2x+1)uπ / 2N) for x < 32, u < 8: the only DCT terms the hash needs. */
const COS: Float64Array = (() => {
  const table = new Float64Array(SIZE * LOW);
  for (let u = 0; u < LOW; u++) {
    for (let x = 0; x < SIZE; x++) table[u * SIZE + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * SIZE));
  }
  return table;
})();

/** 64-bit pHash of an image file or buffer as 16 hex characters. */
export async function imageHash(input: Buffer | Uint8Array | string): Promise<string> {
  const sharp = await loadSharp();
  const pixels = await sharp(input)
    .rotate() // honour EXIF orientation: a phone photo and its re-upload must agree
    .flatten({ background: "#ffffff" }) // transparent areas hash like white, not black
    .grayscale()
    .resize(SIZE, SIZE, { fit: "fill", kernel: "lanczos3" })
    .raw()
    .toBuffer();
  return hashFromGray(pixels);
}

/** Share of the width or height cut away by each crop variant. */
export const VARIANT_CROP = 0.06;

/**
 * Hashes of a known hoax image: the whole picture and four versions with 6 % cut from one side
 * (left, right, top, bottom). Storing these lets a forwarded copy that someone cropped by up to
 * ~10 % still land within a few bits of one of them (the plain hash drifts by up to ~10 bits at
 * a 5 % crop, too close to the threshold). Submissions are hashed once with imageHash.
 */
export async function imageHashVariants(input: Buffer | Uint8Array | string): Promise<string[]> {
  // Decode once into a modest grayscale raster; every variant is cut from it.
  const sharp = await loadSharp();
  const { data, info } = await sharp(input)
    .rotate()
    .flatten({ background: "#ffffff" })
    .grayscale()
    .resize(256, 256, { fit: "inside", withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const cx = Math.max(1, Math.round(width * VARIANT_CROP));
  const cy = Math.max(1, Math.round(height * VARIANT_CROP));
  const boxes = [
    { left: 0, top: 0, width, height },
    { left: cx, top: 0, width: width - cx, height },
    { left: 0, top: 0, width: width - cx, height },
    { left: 0, top: cy, width, height: height - cy },
    { left: 0, top: 0, width, height: height - cy },
  ];
  const raw = { raw: { width, height, channels: info.channels } } as const;
  return Promise.all(
    boxes.map(async (box) =>
      hashFromGray(
        await sharp(data, raw)
          .extract(box)
          .resize(SIZE, SIZE, { fit: "fill", kernel: "lanczos3" })
          .extractChannel(0)
          .raw()
          .toBuffer(),
      ),
    ),
  );
}

/** pHash of a 32×32 grayscale raster (row-major, one byte per pixel). */
export function hashFromGray(pixels: Uint8Array): string {
  if (pixels.length !== SIZE * SIZE) throw new Error(`expected ${SIZE * SIZE} grayscale pixels`);
  const coefficients = lowFrequencies(pixels);
  const median = medianOf(coefficients);
  let hex = "";
  for (let nibble = 0; nibble < 16; nibble++) {
    let value = 0;
    for (let bit = 0; bit < 4; bit++) {
      value = (value << 1) | ((coefficients[nibble * 4 + bit] as number) > median ? 1 : 0);
    }
    hex += value.toString(16);
  }
  return hex;
}

/** The 8×8 lowest DCT-II frequencies (separable: rows first, then columns). */
function lowFrequencies(pixels: Uint8Array): Float64Array {
  const rows = new Float64Array(SIZE * LOW);
  for (let y = 0; y < SIZE; y++) {
    for (let u = 0; u < LOW; u++) {
      let sum = 0;
      for (let x = 0; x < SIZE; x++) sum += (pixels[y * SIZE + x] as number) * (COS[u * SIZE + x] as number);
      rows[y * LOW + u] = sum;
    }
  }
  const out = new Float64Array(LOW * LOW);
  for (let v = 0; v < LOW; v++) {
    for (let u = 0; u < LOW; u++) {
      let sum = 0;
      for (let y = 0; y < SIZE; y++) sum += (rows[y * LOW + u] as number) * (COS[v * SIZE + y] as number);
      out[v * LOW + u] = sum;
    }
  }
  return out;
}

function medianOf(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function isImageHash(value: string): boolean {
  return /^[0-9a-f]{16}$/i.test(value);
}

/** Number of differing bits between two 16-hex-character hashes. */
export function hammingDistance(a: string, b: string): number {
  const [aHi, aLo] = split(a);
  const [bHi, bLo] = split(b);
  return popcount(aHi ^ bHi) + popcount(aLo ^ bLo);
}

function split(hash: string): [number, number] {
  if (!isImageHash(hash)) throw new Error(`not a 64-bit hex hash: ${hash}`);
  return [parseInt(hash.slice(0, 8), 16), parseInt(hash.slice(8), 16)];
}

function popcount(x: number): number {
  let v = x >>> 0;
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export interface ImageMatch {
  id: string;
  distance: number;
}

/**
 * Known hoax images by hash. Each image may be stored with several hashes (see
 * imageHashVariants) and matches by the closest one. A linear scan over parallel 32-bit arrays:
 * popcount over 100,000 hashes takes well under a millisecond, far less than decoding the
 * submitted image, so a metric tree (BK-tree, multi-index hashing) would add complexity without
 * a visible gain.
 */
export class ImageHashIndex {
  private ids: string[] = [];
  private hi: number[] = [];
  private lo: number[] = [];
  private readonly known = new Set<string>();

  /** Number of images (not hashes). */
  get size(): number {
    return this.known.size;
  }

  has(id: string): boolean {
    return this.known.has(id);
  }

  /** Adds or replaces an image with one hash or several variants of it. */
  add(id: string, hashes: string | readonly string[]): void {
    const list = typeof hashes === "string" ? [hashes] : hashes;
    const parsed = list.map(split); // validate everything before changing anything
    this.remove(id);
    for (const [h, l] of parsed) {
      this.ids.push(id);
      this.hi.push(h);
      this.lo.push(l);
    }
    if (parsed.length > 0) this.known.add(id);
  }

  /** O(number of hashes); removals are rare admin actions. */
  remove(id: string): boolean {
    if (!this.known.delete(id)) return false;
    const keep = this.ids.map((other) => other !== id);
    this.ids = this.ids.filter((_, i) => keep[i]);
    this.hi = this.hi.filter((_, i) => keep[i]);
    this.lo = this.lo.filter((_, i) => keep[i]);
    return true;
  }

  /** The closest stored image within `maxDistance` bits, or undefined. */
  nearest(hash: string, maxDistance: number): ImageMatch | undefined {
    const [h, l] = split(hash);
    let best: ImageMatch | undefined;
    for (let i = 0; i < this.ids.length; i++) {
      const distance = popcount(h ^ (this.hi[i] as number)) + popcount(l ^ (this.lo[i] as number));
      if (distance <= maxDistance && (!best || distance < best.distance)) {
        best = { id: this.ids[i] as string, distance };
        if (distance === 0) break;
      }
    }
    return best;
  }
}
