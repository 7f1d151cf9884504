// Draws media/icon.png, the 256×256 marketplace icon (the Marketplace asks for at least 128 px and
// shows it sharp on high-density screens at 256): three coral circles (Asana's mark) on a dark
// rounded square. No image library: coverage by 4×4 supersampling, PNG written with zlib.
// Run: node out/test/vscode/makeIcon.js
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { repoRoot } from './paths';

const SIZE = 256;
/** The shapes below are laid out on a 128-unit square and scaled to SIZE. */
const UNIT = SIZE / 128;
const SAMPLES = 4;
const BACKGROUND = [0x24, 0x25, 0x35] as const;
const BACKGROUND_TOP = [0x30, 0x31, 0x45] as const;
const CORAL = [0xf0, 0x6a, 0x6a] as const;
const CORNER_RADIUS = 28 * UNIT;
const DOT_RADIUS = 21 * UNIT;
const DOTS: ReadonlyArray<readonly [number, number]> = [
  [64 * UNIT, 42 * UNIT],
  [37 * UNIT, 84 * UNIT],
  [91 * UNIT, 84 * UNIT],
];

function insideRoundedSquare(x: number, y: number): boolean {
  const r = CORNER_RADIUS;
  const cx = Math.min(Math.max(x, r), SIZE - r);
  const cy = Math.min(Math.max(y, r), SIZE - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function insideDot(x: number, y: number): boolean {
  return DOTS.some(([cx, cy]) => (x - cx) ** 2 + (y - cy) ** 2 <= DOT_RADIUS * DOT_RADIUS);
}

/** RGBA of one pixel: background coverage gives alpha, dot coverage mixes coral over the background. */
function pixel(px: number, py: number): [number, number, number, number] {
  let square = 0;
  let dot = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = px + (sx + 0.5) / SAMPLES;
      const y = py + (sy + 0.5) / SAMPLES;
      if (insideRoundedSquare(x, y)) {
        square++;
        if (insideDot(x, y)) dot++;
      }
    }
  }
  if (square === 0) return [0, 0, 0, 0];
  const t = py / SIZE; // a faint vertical gradient, lighter at the top
  const bg = BACKGROUND.map((c, i) => c + ((BACKGROUND_TOP[i] ?? c) - c) * (1 - t));
  const mix = dot / square;
  const rgb = bg.map((c, i) => Math.round(c + ((CORAL[i] ?? c) - c) * mix));
  return [rgb[0] ?? 0, rgb[1] ?? 0, rgb[2] ?? 0, Math.round((255 * square) / (SAMPLES * SAMPLES))];
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function renderIconPng(): Buffer {
  const raw = Buffer.alloc(SIZE * (1 + SIZE * 4));
  for (let y = 0; y < SIZE; y++) {
    const row = y * (1 + SIZE * 4);
    raw[row] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) raw.set(pixel(x, y), row + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (require.main === module) {
  const file = path.join(repoRoot, 'media', 'icon.png');
  fs.writeFileSync(file, renderIconPng());
  console.log(`wrote ${file}`);
}
