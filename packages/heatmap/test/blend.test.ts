import { describe, expect, test } from 'vitest';
import { blendHeatmap, HEATMAP_PALETTE, heatmapAlpha, heatmapColour } from '../src/index.js';

/** An overlay opacity between 0 and 1 (the API's default happens to be the same). */
const OPACITY = 0.45;

describe('blendHeatmap', () => {
  test("blends each value's colour over the image with the shared scale's alpha", () => {
    const base = new Uint8ClampedArray([100, 100, 100, 255, 100, 100, 100, 255]);
    const out = new Uint8ClampedArray(8);
    blendHeatmap(base, new Float32Array([1, 0]), OPACITY, out);
    for (const [pixel, value] of [
      [0, 1],
      [1, 0],
    ] as const) {
      const a = heatmapAlpha(value, OPACITY);
      const colour = heatmapColour(value);
      for (let c = 0; c < 3; c++) expect(out[pixel * 4 + c]).toBeCloseTo(100 + ((colour[c] ?? 0) - 100) * a, -0.5);
      expect(out[pixel * 4 + 3]).toBe(255);
    }
  });

  test('keeps the image where there is no value, and at opacity 0', () => {
    const base = new Uint8ClampedArray([10, 20, 30, 255, 40, 50, 60, 255]);
    const out = new Uint8ClampedArray(8);
    blendHeatmap(base, new Float32Array([Number.NaN, 0.9]), 0, out);
    expect(Array.from(out)).toEqual([10, 20, 30, 255, 40, 50, 60, 255]);
  });

  test('colours grey pixels at full opacity with the scale itself', () => {
    const base = new Uint8ClampedArray([128, 128, 128, 255]);
    const out = new Uint8ClampedArray(4);
    blendHeatmap(base, new Float32Array([1]), 1, out);
    expect(Array.from(out.subarray(0, 3))).toEqual([...heatmapColour(1)]);
  });

  test('gives the same RGB with 3 channels (the PNG) as with 4 (a canvas), so the server and the page agree', () => {
    // Every step of the scale and a few values the grid never reaches, over a ramp of colours.
    const values = Float32Array.from({ length: 300 }, (_, i) => (i < 256 ? i / 255 : [Number.NaN, -0.5, 1.5, 0.5][i % 4]!));
    const rgb = Uint8Array.from({ length: values.length * 3 }, (_, i) => (i * 37) % 256);
    const rgba = new Uint8ClampedArray(values.length * 4);
    for (let p = 0; p < values.length; p++) rgba.set([rgb[p * 3]!, rgb[p * 3 + 1]!, rgb[p * 3 + 2]!, 7], p * 4);
    for (const opacity of [0, 0.3, OPACITY, 1]) {
      const three = new Uint8Array(rgb.length);
      const four = new Uint8ClampedArray(rgba.length);
      blendHeatmap(rgb, values, opacity, three, 3);
      blendHeatmap(rgba, values, opacity, four, 4);
      const fourAsRgb = Array.from({ length: values.length * 3 }, (_, i) => four[Math.floor(i / 3) * 4 + (i % 3)]);
      expect(fourAsRgb).toEqual(Array.from(three));
      expect(Array.from({ length: values.length }, (_, p) => four[p * 4 + 3]).every((a) => a === 255)).toBe(true);
    }
  });

  test('rounds each channel to the nearest byte', () => {
    const values = Float32Array.from({ length: 256 }, (_, i) => i / 255);
    const base = Uint8Array.from({ length: 256 * 3 }, (_, i) => (i * 101) % 256);
    const out = new Uint8Array(base.length);
    blendHeatmap(base, values, 0.6, out, 3);
    const expected = Array.from(base, (byte, i) => {
      const value = values[Math.floor(i / 3)] ?? 0;
      const colour = HEATMAP_PALETTE[Math.round(value * 255) * 3 + (i % 3)] ?? 0;
      return Math.round(byte + (colour - byte) * heatmapAlpha(value, 0.6));
    });
    expect(Array.from(out)).toEqual(expected);
  });

  test('may write over its input, as the PNG renderer does', () => {
    const pixels = new Uint8Array([128, 128, 128]);
    blendHeatmap(pixels, new Float32Array([1]), 1, pixels, 3);
    expect(Array.from(pixels)).toEqual([...heatmapColour(1)]);
  });
});
