/**
 * The add-in's icons, drawn at build time as PNG files (no binary files in the repository): a
 * navy tile with white table rows and yellow input cells for PAC, a white check mark for
 * "Vérifier". Shapes are described in unit coordinates and sampled 4×4 per pixel, so every size
 * the manifest asks for (16, 32, 64, 80) is drawn crisp rather than scaled.
 */
import { deflateSync } from 'node:zlib';

type Rgba = readonly [number, number, number, number];
type Paint = (x: number, y: number) => Rgba | null;

const NAVY: Rgba = [0x1f, 0x38, 0x64, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const YELLOW: Rgba = [0xff, 0xc0, 0x00, 255];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An RGBA PNG of `size`×`size` pixels, each the average of 16 samples of `paint`. */
export function png(size: number, paint: Paint): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const n = 4;
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = paint((x + (sx + 0.5) / n) / size, (y + (sy + 0.5) / n) / size);
          if (!c) continue;
          const a = c[3] / 255;
          sum[0] = (sum[0] as number) + c[0] * a;
          sum[1] = (sum[1] as number) + c[1] * a;
          sum[2] = (sum[2] as number) + c[2] * a;
          sum[3] = (sum[3] as number) + c[3];
        }
      }
      // Colours were summed weighted by their alpha; divide by the total weight to undo it.
      const weight = (sum[3] as number) / 255;
      const alpha = (sum[3] as number) / (n * n);
      const o = row + 1 + x * 4;
      for (let k = 0; k < 3; k++) raw[o + k] = weight > 0 ? Math.round((sum[k] as number) / weight) : 0;
      raw[o + 3] = Math.round(alpha);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function roundedSquare(x: number, y: number, r: number): boolean {
  const dx = Math.max(r - x, 0, x - (1 - r));
  const dy = Math.max(r - y, 0, y - (1 - r));
  return dx * dx + dy * dy <= r * r;
}

function nearSegment(x: number, y: number, a: [number, number], b: [number, number], half: number): boolean {
  const [ax, ay] = a;
  const [bx, by] = b;
  const t = Math.max(
    0,
    Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
  );
  const px = ax + t * (bx - ax);
  const py = ay + t * (by - ay);
  return (x - px) ** 2 + (y - py) ** 2 <= half * half;
}

/** PAC: three table rows, each ending in a yellow cell to type into. */
const pacIcon: Paint = (x, y) => {
  if (!roundedSquare(x, y, 0.18)) return null;
  for (const top of [0.24, 0.44, 0.64]) {
    if (y >= top && y <= top + 0.12) {
      if (x >= 0.2 && x <= 0.56) return WHITE;
      if (x >= 0.62 && x <= 0.8) return YELLOW;
    }
  }
  return NAVY;
};

/** Vérifier: a white check mark. */
const checkIcon: Paint = (x, y) => {
  if (!roundedSquare(x, y, 0.18)) return null;
  if (
    nearSegment(x, y, [0.24, 0.52], [0.43, 0.71], 0.065) ||
    nearSegment(x, y, [0.43, 0.71], [0.78, 0.3], 0.065)
  ) {
    return WHITE;
  }
  return NAVY;
};

/** Every icon file the manifest and the pane refer to, by file name. */
export function iconFiles(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const size of [16, 32, 64, 80]) {
    files.set(`icon-${size}.png`, png(size, pacIcon));
    files.set(`check-${size}.png`, png(size, checkIcon));
  }
  return files;
}
