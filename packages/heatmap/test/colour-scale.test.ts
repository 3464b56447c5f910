import { describe, expect, test } from 'vitest';
import { HEATMAP_PALETTE, HEATMAP_STOPS, heatmapAlpha, heatmapColour } from '../src/index.js';

/** Rec. 709 luma, 0-255: how light a colour reads. */
const luma = ([r, g, b]: readonly number[]) => 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);

describe('heatmapColour', () => {
  test('gives the stops at 0, 0.25, 0.5, 0.75 and 1', () => {
    HEATMAP_STOPS.forEach((stop, i) => {
      expect(heatmapColour(i / (HEATMAP_STOPS.length - 1))).toEqual(stop);
    });
  });

  test('clamps values outside 0-1 and reads a value that is not a number as 0', () => {
    expect(heatmapColour(-3)).toEqual(heatmapColour(0));
    expect(heatmapColour(7)).toEqual(heatmapColour(1));
    expect(heatmapColour(Number.NaN)).toEqual(heatmapColour(0));
  });

  test('grows lighter with the value, so that the scale also reads in grey', () => {
    const lightness = Array.from({ length: 101 }, (_, i) => luma(heatmapColour(i / 100)));
    for (let i = 1; i < lightness.length; i++) expect(lightness[i]).toBeGreaterThan(lightness[i - 1] ?? 0);
  });
});

describe('heatmapAlpha', () => {
  test('lets a low value show the image and covers it up to the opacity at a high one', () => {
    expect(heatmapAlpha(0, 0.5)).toBeCloseTo(0.1);
    expect(heatmapAlpha(1, 0.5)).toBeCloseTo(0.5);
    expect(heatmapAlpha(1, 0)).toBe(0);
  });

  test('clamps the value and the opacity', () => {
    expect(heatmapAlpha(2, 3)).toBe(1);
    expect(heatmapAlpha(-1, 1)).toBeCloseTo(0.2);
    expect(heatmapAlpha(1, Number.NaN)).toBe(0);
  });
});

test('HEATMAP_PALETTE holds the colour of each of 256 steps of the scale', () => {
  expect(HEATMAP_PALETTE.length).toBe(256 * 3);
  for (const step of [0, 1, 64, 128, 200, 255]) {
    expect(Array.from(HEATMAP_PALETTE.subarray(step * 3, step * 3 + 3))).toEqual([...heatmapColour(step / 255)]);
  }
});
