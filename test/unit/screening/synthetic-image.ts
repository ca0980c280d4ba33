// Deterministic synthetic pictures for the image-hash tests: gradients, shapes and noise,
// rendered to raw RGB and encoded by sharp, so no binary fixtures are needed.
import sharp from "sharp";
import { mulberry32 } from "../../../src/random.js";


/** A 480×360 JPEG with a seed-dependent gradient, circles, rectangles and pixel noise. */
export async function syntheticPicture(seed: number, width = 480, height = 360): Promise<Buffer> {
  const random = mulberry32(seed);
  const shapes = Array.from({ length: 7 }, () => ({
    circle: random() < 0.5,
    x: random() * width,
    y: random() * height,
    r: 30 + random() * 90,
    color: [random() * 255, random() * 255, random() * 255] as const,
  }));
  const angle = random() * Math.PI * 2;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const g = ((x * Math.cos(angle) + y * Math.sin(angle)) / Math.hypot(width, height) + 1) / 2;
      let rgb: readonly number[] = [g * 255, 255 - g * 200, 80 + g * 120];
      for (const s of shapes) {
        const inside = s.circle
          ? (x - s.x) ** 2 + (y - s.y) ** 2 < s.r ** 2
          : Math.abs(x - s.x) < s.r && Math.abs(y - s.y) < s.r * 0.6;
        if (inside) rgb = s.color;
      }
      const noise = (random() - 0.5) * 40;
      const at = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) pixels[at + c] = Math.max(0, Math.min(255, (rgb[c] as number) + noise));
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
}

/** What a messenger does to a forwarded picture: crop one side, shrink, re-compress. */
export async function degrade(
  image: Buffer,
  options: { cropLeft?: number; scale?: number; quality?: number },
): Promise<Buffer> {
  const meta = await sharp(image).metadata();
  const width = meta.width;
  const height = meta.height;
  const cut = Math.round(width * (options.cropLeft ?? 0));
  let pipeline = sharp(image).extract({ left: cut, top: 0, width: width - cut, height });
  const scale = options.scale ?? 1;
  pipeline = pipeline.resize(Math.round((width - cut) * scale), Math.round(height * scale));
  return pipeline.jpeg({ quality: options.quality ?? 80 }).toBuffer();
}
