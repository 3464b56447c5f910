// biome-ignore-all lint/style/noNonNullAssertion: byte loops index typed arrays within bounds checked before each run.
import type { DecodedFrame } from './codecs.js';

/**
 * Decodes one frame of RLE Lossless (PS3.5 Annex G): a 64-byte header of segment offsets, then
 * one PackBits segment per byte plane, most significant byte first, one component after
 * another. Returns pixel-interleaved samples, as the other codecs do. Throws a plain Error on
 * damaged data; the caller names the file.
 */
export function decodeRle(encoded: Uint8Array, width: number, height: number, components: number, bytesPerSample: 1 | 2): DecodedFrame {
  if (encoded.length < 64) throw new Error('the RLE header is cut short');
  const header = new DataView(encoded.buffer, encoded.byteOffset, 64);
  const segments = header.getUint32(0, true);
  if (segments !== components * bytesPerSample) {
    throw new Error(`the RLE frame has ${segments} segments where ${components * bytesPerSample} were expected`);
  }
  const pixels = width * height;
  const out = bytesPerSample === 2 ? new Uint16Array(pixels * components) : new Uint8Array(pixels * components);
  const plane = new Uint8Array(pixels);
  for (let s = 0; s < segments; s++) {
    const start = header.getUint32(4 + 4 * s, true);
    const end = s + 1 < segments ? header.getUint32(8 + 4 * s, true) : encoded.length;
    if (start < 64 || end > encoded.length || end < start) throw new Error(`RLE segment ${s + 1} lies outside the frame`);
    unpackBits(encoded.subarray(start, end), plane, s + 1);
    const component = Math.floor(s / bytesPerSample);
    // Segments run from the most significant byte: the first of a 16-bit sample is its high byte.
    const shift = bytesPerSample === 2 && s % 2 === 0 ? 8 : 0;
    for (let i = 0, o = component; i < pixels; i++, o += components) out[o] = out[o]! | (plane[i]! << shift);
  }
  return { width, height, components, samples: out };
}

function unpackBits(segment: Uint8Array, plane: Uint8Array, index: number): void {
  let i = 0;
  let o = 0;
  while (o < plane.length && i < segment.length) {
    const n = segment[i++]!;
    if (n < 128) {
      // n + 1 literal bytes.
      const count = n + 1;
      if (i + count > segment.length || o + count > plane.length) throw new Error(`RLE segment ${index} overruns`);
      plane.set(segment.subarray(i, i + count), o);
      i += count;
      o += count;
    } else if (n > 128) {
      // The next byte, 257 - n times; 128 is a no-op.
      const count = 257 - n;
      if (i >= segment.length || o + count > plane.length) throw new Error(`RLE segment ${index} overruns`);
      plane.fill(segment[i++]!, o, o + count);
      o += count;
    }
  }
  if (o < plane.length) throw new Error(`RLE segment ${index} holds ${o} of ${plane.length} bytes: it is truncated`);
}
