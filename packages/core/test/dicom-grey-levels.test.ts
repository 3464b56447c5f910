import { describe, expect, test } from 'vitest';
import { applyWindow, type GreyPipeline, isUsableWindow, toGreyLevels } from '../src/dicom/grey-levels.js';

const plain: GreyPipeline = { bitsStored: 16, shift: 0, signed: false, slope: 1, intercept: 0, voi: { kind: 'range' }, invert: false };
const grey = (values: number[], pipeline: Partial<GreyPipeline>) =>
  Array.from(toGreyLevels(Uint16Array.from(values), { ...plain, ...pipeline }));

describe('applyWindow (PS3.3 C.11.2.1.2 and C.11.2.1.3)', () => {
  test('LINEAR follows the standard formula, boundaries included', () => {
    // c = 100, w = 21: 0 at and below c - 0.5 - (w-1)/2 = 89.5, 255 above c - 0.5 + (w-1)/2 = 109.5.
    expect(applyWindow(89.5, 100, 21, 'LINEAR')).toBe(0);
    expect(applyWindow(89, 100, 21, 'LINEAR')).toBe(0);
    expect(applyWindow(90, 100, 21, 'LINEAR')).toBeCloseTo(((90 - 99.5) / 20 + 0.5) * 255, 10);
    expect(applyWindow(99.5, 100, 21, 'LINEAR')).toBeCloseTo(127.5, 10);
    expect(applyWindow(109, 100, 21, 'LINEAR')).toBeCloseTo(0.975 * 255, 10);
    // 109.5 is not above the upper bound: the formula gives ymax itself.
    expect(applyWindow(109.5, 100, 21, 'LINEAR')).toBe(255);
    expect(applyWindow(110, 100, 21, 'LINEAR')).toBe(255);
  });

  test('LINEAR with centre 2048 and width 4096 spans 12 bits; width 1 is a threshold', () => {
    expect(applyWindow(0, 2048, 4096, 'LINEAR')).toBe(0);
    expect(applyWindow(4095, 2048, 4096, 'LINEAR')).toBe(255);
    expect(applyWindow(4096, 2048, 4096, 'LINEAR')).toBe(255);
    // c = 0.5, w = 1: x <= 0 gives ymin, x > 0 gives ymax (the note under C.11.2.1.2.1).
    expect(applyWindow(0, 0.5, 1, 'LINEAR')).toBe(0);
    expect(applyWindow(1, 0.5, 1, 'LINEAR')).toBe(255);
  });

  test('LINEAR with centre 128 and width 256 maps 0-255 onto itself', () => {
    for (let x = 0; x < 256; x++) expect(applyWindow(x, 128, 256, 'LINEAR')).toBeCloseTo(x, 10);
  });

  test('LINEAR_EXACT has no half-pixel offset: centre 127.5 and width 255 map 0-255 onto itself', () => {
    for (let x = 0; x < 256; x++) expect(applyWindow(x, 127.5, 255, 'LINEAR_EXACT')).toBeCloseTo(x, 10);
    expect(applyWindow(100 - 10, 100, 20, 'LINEAR_EXACT')).toBe(0);
    expect(applyWindow(100 + 10, 100, 20, 'LINEAR_EXACT')).toBeCloseTo(255, 10);
    expect(applyWindow(100 + 10.01, 100, 20, 'LINEAR_EXACT')).toBe(255);
  });

  test('SIGMOID is 255 / (1 + exp(-4 (x - c) / w)): half at the centre, symmetric about it', () => {
    expect(applyWindow(1000, 1000, 400, 'SIGMOID')).toBeCloseTo(127.5, 10);
    expect(applyWindow(1100, 1000, 400, 'SIGMOID')).toBeCloseTo(255 / (1 + Math.exp(-1)), 10);
    expect(applyWindow(900, 1000, 400, 'SIGMOID') + applyWindow(1100, 1000, 400, 'SIGMOID')).toBeCloseTo(255, 10);
  });

  test('says which widths each function can use', () => {
    expect(isUsableWindow(1, 'LINEAR')).toBe(true);
    expect(isUsableWindow(0.5, 'LINEAR')).toBe(false);
    expect(isUsableWindow(0.5, 'LINEAR_EXACT')).toBe(true);
    expect(isUsableWindow(0, 'SIGMOID')).toBe(false);
    expect(isUsableWindow(Number.NaN, 'LINEAR')).toBe(false);
  });
});

describe('toGreyLevels', () => {
  test('rounds the window output to the nearest level', () => {
    // c = 100, w = 21: 90 -> 6.375, 99 -> 121.125, 104 -> 184.875.
    expect(grey([89, 90, 99, 104, 110], { voi: { kind: 'window', center: 100, width: 21, function: 'LINEAR' } })).toEqual([
      0, 6, 121, 185, 255,
    ]);
  });

  test('applies the rescale before the window: the window is in modality units', () => {
    // slope 2, intercept -1000: stored 450, 500, 550, 600 are -100, 0, 100, 200; the window
    // (c = 100, w = 201) floors at -0.5 and tops out above 199.5.
    const window = { kind: 'window', center: 100, width: 201, function: 'LINEAR' } as const;
    expect(grey([450, 500, 550, 600], { slope: 2, intercept: -1000, voi: window })).toEqual([0, 1, 128, 255]);
  });

  test('reads signed stored values as two’s complement in BitsStored bits', () => {
    // 12 bits signed: 0x800 is -2048, 0xfff is -1, 0x7ff is 2047; the range maps -2048..2047 to 0..255.
    expect(grey([0x800, 0xfff, 0x000, 0x7ff], { bitsStored: 12, signed: true })).toEqual([0, 127, 128, 255]);
    // The same values as 16-bit words, sign-extended as a JPEG 2000 decoder gives them.
    expect(grey([0xf800, 0xffff, 0x0000, 0x07ff], { bitsStored: 12, signed: true })).toEqual([0, 127, 128, 255]);
    // Signed values through a rescale and a window: -100, 0, 100 plus 100 are 0, 100, 200.
    const window = { kind: 'window', center: 100, width: 101, function: 'LINEAR' } as const;
    expect(grey([0x10000 - 100, 0, 100], { signed: true, intercept: 100, voi: window })).toEqual([0, 129, 255]);
  });

  test('takes the stored bits from below HighBit and ignores the bits above them', () => {
    // BitsStored 12, HighBit 15: the value sits 4 bits up; the low 4 bits are overlay or noise.
    const pipeline = { bitsStored: 12, shift: 4, voi: { kind: 'window', center: 2048, width: 4096, function: 'LINEAR' } } as const;
    expect(grey([0x000f, 0xfff0, 0x8005], pipeline)).toEqual(grey([0x000, 0xfff, 0x800], { ...pipeline, shift: 0 }));
    // BitsStored 12, HighBit 11: bits 12-15 are not part of the value.
    expect(grey([0xf000, 0xffff], { bitsStored: 12, voi: pipeline.voi })).toEqual([0, 255]);
  });

  test('falls back to the full range of the stored bits, whatever the image holds', () => {
    // 12 bits: 0-4095 onto 0-255, however narrow the values are.
    expect(grey([0, 1000, 2000, 4095], { bitsStored: 12 })).toEqual([0, 62, 125, 255]);
    // A negative slope turns the range round: the least modality value is still black.
    expect(grey([0, 4095], { bitsStored: 12, slope: -1 })).toEqual([255, 0]);
    // A flat image keeps its level: it is not stretched.
    expect(grey([7, 7, 7], { bitsStored: 8 })).toEqual([7, 7, 7]);
  });

  test('maps through a VOI LUT table, clamped at both ends', () => {
    // 4 entries of 8 bits from 10: 10 -> 0, 11 -> 85, 12 -> 170, 13 -> 255.
    const voi = { kind: 'table', firstMapped: 10, bitsPerEntry: 8, data: Uint16Array.from([0, 85, 170, 255]) } as const;
    expect(grey([0, 10, 11, 12, 13, 99], { voi })).toEqual([0, 0, 85, 170, 255, 255]);
    // 16-bit entries are scaled to 8 bits; a signed first value mapped shifts the table.
    const wide = { kind: 'table', firstMapped: -2, bitsPerEntry: 16, data: Uint16Array.from([0, 65535]) } as const;
    expect(grey([0x10000 - 2, 0x10000 - 1], { signed: true, voi: wide })).toEqual([0, 255]);
  });

  test('scales a VOI LUT by its data when the entries exceed the bits declared', () => {
    const voi = { kind: 'table', firstMapped: 0, bitsPerEntry: 8, data: Uint16Array.from([0, 2047, 4095]) } as const;
    expect(grey([0, 1, 2], { voi })).toEqual([0, 127, 255]);
  });

  test('inverts MONOCHROME1 after the VOI step', () => {
    const window = { kind: 'window', center: 128, width: 256, function: 'LINEAR' } as const;
    expect(grey([0, 1, 128, 255], { bitsStored: 8, voi: window, invert: true })).toEqual([255, 254, 127, 0]);
    expect(grey([0, 4095], { bitsStored: 12, invert: true })).toEqual([255, 0]);
  });

  test('reads 8-bit samples as well as 16-bit ones', () => {
    const eight = toGreyLevels(Uint8Array.from([0, 64, 255]), { ...plain, bitsStored: 8 });
    expect(Array.from(eight)).toEqual([0, 64, 255]);
  });
});
