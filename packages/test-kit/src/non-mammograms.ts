// Pictures the server refuses as not mammograms (in colour, or blank), made here without
// sharp so that packages which do not depend on it (the SDK, the CLI) can use them.
import { crc32, deflateSync } from 'node:zlib';

/**
 * An 8-bit RGB PNG of `width` x `height` whose pixels `paint` gives: enough to make an image the
 * server refuses as not a mammogram (in colour, or blank) without sharp.
 */
export function rgbPng(
  width: number,
  height: number,
  paint: (x: number, y: number) => readonly [number, number, number],
): Buffer<ArrayBuffer> {
  // Each row: filter type 0 (none), then its pixels.
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw.set(paint(x, y), y * (width * 3 + 1) + 1 + x * 3);
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A 320 px colour picture (a red-to-blue sweep with a green ramp): an image, but not a mammogram. */
export const colourPng = (): Buffer<ArrayBuffer> => rgbPng(320, 320, (x, y) => [255 - (x % 256), y % 256, x % 256]);

/** A 320 px uniform grey square: blank, so not a mammogram either. */
export const blankPng = (): Buffer<ArrayBuffer> => rgbPng(320, 320, () => [128, 128, 128]);
