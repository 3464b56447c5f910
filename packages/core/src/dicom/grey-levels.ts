// biome-ignore-all lint/style/noNonNullAssertion: pixel loops index typed arrays within their bounds by construction; a check per pixel would check nothing.
/**
 * The greyscale pipeline of PS3.4 N.2 from stored values to 8-bit grey: the stored bits taken
 * out of their word (BitsStored, HighBit, PixelRepresentation), the Modality LUT (rescale), the
 * VOI LUT (a window, a VOI LUT table, or the full range of the stored bits) and, for
 * MONOCHROME1, the inversion of the presentation step. Every stored value has at most 16 bits,
 * so the whole chain is folded into a table of at most 65536 entries and each pixel is one look-up.
 */

/** VOI LUT Function (0028,1056), PS3.3 C.11.2.1.3; absent means LINEAR. */
export type VoiLutFunction = 'LINEAR' | 'LINEAR_EXACT' | 'SIGMOID';

/** The VOI step: a window, a VOI LUT Sequence item, or the full range of the stored bits. */
export type Voi =
  | { kind: 'window'; center: number; width: number; function: VoiLutFunction }
  | { kind: 'table'; firstMapped: number; bitsPerEntry: number; data: Uint16Array }
  | { kind: 'range' };

/** How the stored values of one grey image become 8-bit grey. */
export interface GreyPipeline {
  /** BitsStored, 1 to 16. */
  bitsStored: number;
  /** Bits the stored value sits above bit 0 of its word: HighBit + 1 - BitsStored (0 for codec output). */
  shift: number;
  /** PixelRepresentation 1: two's complement in BitsStored bits. */
  signed: boolean;
  /** RescaleSlope (default 1). */
  slope: number;
  /** RescaleIntercept (default 0). */
  intercept: number;
  voi: Voi;
  /** MONOCHROME1: the lowest value is white, so the VOI output is inverted. */
  invert: boolean;
}

/** Output range of the VOI step: the 8-bit grey the rest of the core reads. */
const Y_MAX = 255;

/** Whether a window can be applied: LINEAR needs a width of at least 1, the others a positive one (C.11.2.1.2, C.11.2.1.3). */
export function isUsableWindow(width: number, fn: VoiLutFunction): boolean {
  return Number.isFinite(width) && (fn === 'LINEAR' ? width >= 1 : width > 0);
}

/**
 * A window's output for a modality value `x`, on the continuous 0-255 scale, by the formulas of
 * PS3.3 C.11.2.1.2.1 (LINEAR), C.11.2.1.3.2 (LINEAR_EXACT) and C.11.2.1.3.1 (SIGMOID).
 *
 * @example
 * applyWindow(0, 128, 256, 'LINEAR'); // 0: c = 128, w = 256 maps 0-255 onto itself
 */
export function applyWindow(x: number, center: number, width: number, fn: VoiLutFunction): number {
  switch (fn) {
    case 'LINEAR': {
      if (x <= center - 0.5 - (width - 1) / 2) return 0;
      if (x > center - 0.5 + (width - 1) / 2) return Y_MAX;
      return ((x - (center - 0.5)) / (width - 1) + 0.5) * Y_MAX;
    }
    case 'LINEAR_EXACT': {
      if (x <= center - width / 2) return 0;
      if (x > center + width / 2) return Y_MAX;
      return ((x - center) / width + 0.5) * Y_MAX;
    }
    case 'SIGMOID':
      return Y_MAX / (1 + Math.exp((-4 * (x - center)) / width));
  }
}

/**
 * Maps stored samples (one word each: the image's bit patterns, as the file or a codec gives
 * them) through the pipeline to one byte of grey per pixel.
 *
 * @example
 * const grey = toGreyLevels(samples, { bitsStored: 12, shift: 0, signed: false, slope: 1, intercept: 0, voi: { kind: 'range' }, invert: false });
 */
export function toGreyLevels(samples: Uint8Array | Uint16Array, pipeline: GreyPipeline): Uint8Array {
  const { bitsStored, shift } = pipeline;
  if (!Number.isInteger(bitsStored) || bitsStored < 1 || bitsStored > 16) throw new RangeError(`BitsStored ${bitsStored} is not 1-16`);
  const mask = (1 << bitsStored) - 1;
  const table = greyTable(pipeline);
  const grey = new Uint8Array(samples.length);
  if (shift === 0 && mask === 0xffff) {
    for (let i = 0; i < samples.length; i++) grey[i] = table[samples[i]!]!;
  } else {
    for (let i = 0; i < samples.length; i++) grey[i] = table[(samples[i]! >> shift) & mask]!;
  }
  return grey;
}

/** The 8-bit grey of every bit pattern of BitsStored bits. */
function greyTable(pipeline: GreyPipeline): Uint8Array {
  const { bitsStored, signed, slope, intercept, voi, invert } = pipeline;
  const size = 2 ** bitsStored;
  const modality = (pattern: number): number => {
    const value = signed && pattern >= size / 2 ? pattern - size : pattern;
    return value * slope + intercept;
  };
  let out: (x: number) => number;
  switch (voi.kind) {
    case 'window':
      out = (x) => applyWindow(x, voi.center, voi.width, voi.function);
      break;
    case 'table': {
      const { firstMapped, data } = voi;
      const last = data.length - 1;
      let largest = 0;
      for (const entry of data) largest = Math.max(largest, entry);
      // Some writers declare 16 bits per entry for 12-bit data or the reverse (PS3.3 C.11.2.1.1
      // leaves room for it): the declared depth, unless the data exceeds it.
      const full = Math.max(2 ** voi.bitsPerEntry - 1, 2 ** Math.ceil(Math.log2(largest + 1)) - 1, 1);
      out = (x) => (data[Math.min(last, Math.max(0, Math.round(x) - firstMapped))]! / full) * Y_MAX;
      break;
    }
    case 'range': {
      // The whole range BitsStored can hold, through the rescale: the least value black, the
      // greatest white, whatever this image holds. Not the image's own min-max: that would
      // stretch each image differently, and an 8-bit file would no longer read as the PNG
      // with the same pixels.
      const ends = signed ? [size / 2, size / 2 - 1] : [0, size - 1];
      const [a = 0, b = 0] = ends.map(modality);
      const low = Math.min(a, b);
      const high = Math.max(a, b);
      out = high > low ? (x) => ((x - low) / (high - low)) * Y_MAX : () => 0;
      break;
    }
  }
  const table = new Uint8Array(size);
  for (let pattern = 0; pattern < size; pattern++) {
    const level = Math.min(Y_MAX, Math.max(0, Math.round(out(modality(pattern)))));
    table[pattern] = invert ? Y_MAX - level : level;
  }
  return table;
}
