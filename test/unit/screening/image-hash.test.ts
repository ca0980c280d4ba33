import { describe, expect, it } from "vitest";
import {
  hammingDistance,
  imageHash,
  imageHashVariants,
  ImageHashIndex,
} from "../../../src/domain/screening/image-hash.js";
import { defaultScreeningConfig } from "../../../src/domain/screening/screen.js";
import { degrade, syntheticPicture } from "./synthetic-image.js";

const THRESHOLD = defaultScreeningConfig.images.maxDistance;

describe("imageHash", () => {
  it("is a 16-character hex string and stable", async () => {
    const picture = await syntheticPicture(1);
    const hash = await imageHash(picture);
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(await imageHash(picture)).toBe(hash);
  });

  it("survives resizing to 60 %, JPEG quality 40 and a 5 % crop; a different picture does not match", async () => {
    const original = await syntheticPicture(3);
    const forwarded = await degrade(original, { scale: 0.6, quality: 40, cropLeft: 0.05 });
    const other = await syntheticPicture(4);

    const index = new ImageHashIndex();
    index.add("hoax-photo", await imageHashVariants(original));
    const match = index.nearest(await imageHash(forwarded), THRESHOLD);
    expect(match?.id).toBe("hoax-photo");
    expect(match!.distance).toBeLessThanOrEqual(THRESHOLD);
    expect(index.nearest(await imageHash(other), THRESHOLD)).toBeUndefined();
    // The plain hashes alone stay close too, and far from the other picture.
    const [plain] = await imageHashVariants(original);
    expect(hammingDistance(plain!, await imageHash(forwarded))).toBeLessThanOrEqual(12);
    expect(hammingDistance(plain!, await imageHash(other))).toBeGreaterThan(THRESHOLD + 5);
  });

  it("computes five variants whose first one is the plain hash", async () => {
    const picture = await syntheticPicture(5);
    const variants = await imageHashVariants(picture);
    expect(variants).toHaveLength(5);
    expect(hammingDistance(variants[0]!, await imageHash(picture))).toBeLessThanOrEqual(4);
  });
});

describe("hammingDistance", () => {
  it("counts differing bits across both halves", () => {
    expect(hammingDistance("0000000000000000", "0000000000000000")).toBe(0);
    expect(hammingDistance("ffffffffffffffff", "0000000000000000")).toBe(64);
    expect(hammingDistance("8000000000000001", "0000000000000000")).toBe(2);
    expect(hammingDistance("00000000000000f0", "000000000000000f")).toBe(8);
  });

  it("rejects malformed hashes", () => {
    expect(() => hammingDistance("xyz", "0000000000000000")).toThrow();
  });
});

describe("ImageHashIndex", () => {
  it("returns the nearest image within the distance and forgets removed ones", () => {
    const index = new ImageHashIndex();
    index.add("a", "0000000000000000");
    index.add("b", ["ffffffffffffffff", "00000000000000ff"]);
    expect(index.size).toBe(2);
    expect(index.nearest("0000000000000001", 4)).toEqual({ id: "a", distance: 1 });
    expect(index.nearest("00000000000000fe", 4)).toEqual({ id: "b", distance: 1 });
    expect(index.nearest("0f0f0f0f0f0f0f0f", 4)).toBeUndefined();
    expect(index.remove("a")).toBe(true);
    expect(index.nearest("0000000000000001", 4)).toBeUndefined();
    expect(index.nearest("00000000000000fe", 4)?.id).toBe("b");
    expect(index.size).toBe(1);
  });
});
