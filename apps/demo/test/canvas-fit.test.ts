import { DEFAULT_HEATMAP_OPACITY } from '@bcd-api/contract';
import { heatmapAlpha, heatmapColour } from '@bcd-api/heatmap';
import { describe, expect, test } from 'vitest';
import { blendHeatmap, fitCanvas, type HeatmapGrid, imageToCanvas, sampleCanvas, sampleHeatmap, sampleRows } from '../src/overlay.js';

const identity = { scale_x: 1, offset_x: 0, scale_y: 1, offset_y: 0 };

/** A 2x2 grid: 0 and 1 on the top row, 0.5 and 0.25 below. */
const grid: HeatmapGrid = { width: 2, height: 2, values: [0, 1, 0.5, 0.25], grid_to_image: identity };

describe('fitCanvas', () => {
  test('keeps an image that fits as it is', () => {
    expect(fitCanvas({ width: 640, height: 480 })).toEqual({ width: 640, height: 480 });
  });

  test('scales the long side down to 1024 and keeps the aspect', () => {
    expect(fitCanvas({ width: 4096, height: 3072 })).toEqual({ width: 1024, height: 768 });
    expect(fitCanvas({ width: 1000, height: 5000 })).toEqual({ width: 205, height: 1024 });
  });

  test('scales a small image up so that the long side is 512', () => {
    expect(fitCanvas({ width: 96, height: 128 })).toEqual({ width: 384, height: 512 });
  });

  test('never gives a side of zero', () => {
    expect(fitCanvas({ width: 100_000, height: 1 })).toEqual({ width: 1024, height: 1 });
  });
});

describe('sampleHeatmap', () => {
  test('gives each cell its own value at its centre', () => {
    expect(sampleHeatmap(grid, 0.5, 0.5)).toBe(0);
    expect(sampleHeatmap(grid, 1.5, 0.5)).toBe(1);
    expect(sampleHeatmap(grid, 0.5, 1.5)).toBe(0.5);
    expect(sampleHeatmap(grid, 1.5, 1.5)).toBe(0.25);
  });

  test('interpolates bilinearly between cell centres', () => {
    expect(sampleHeatmap(grid, 1, 0.5)).toBeCloseTo(0.5);
    expect(sampleHeatmap(grid, 0.5, 1)).toBeCloseTo(0.25);
    // The middle of the four centres: their mean.
    expect(sampleHeatmap(grid, 1, 1)).toBeCloseTo((0 + 1 + 0.5 + 0.25) / 4);
  });

  test('holds the edge cells flat over their outer half', () => {
    expect(sampleHeatmap(grid, 0, 0)).toBe(0);
    expect(sampleHeatmap(grid, 2, 0)).toBe(1);
    expect(sampleHeatmap(grid, 2, 2)).toBe(0.25);
  });

  test('is NaN outside the grid, where nothing is drawn', () => {
    for (const [u, v] of [
      [-0.01, 1],
      [2.01, 1],
      [1, -0.01],
      [1, 2.01],
      [Number.NaN, 1],
    ] as const) {
      expect(sampleHeatmap(grid, u, v)).toBeNaN();
    }
  });
});

describe('sampleRows', () => {
  test('maps canvas pixels through grid_to_image, a mirrored grid included', () => {
    // A 4x1 grid over a 40x10 image, mirrored as the default model sees a right breast: cell 0 is on the right.
    const mirrored: HeatmapGrid = {
      width: 4,
      height: 1,
      values: [1, 0.75, 0.5, 0],
      grid_to_image: { scale_x: -10, offset_x: 40, scale_y: 10, offset_y: 0 },
    };
    const out = sampleCanvas(mirrored, { width: 40, height: 10 }, { width: 4, height: 1 });
    // Canvas pixel 0 is image x 5, grid u 3.5: the centre of the last cell.
    expect(Array.from(out)).toEqual([0, 0.5, 0.75, 1]);
  });

  test('leaves the part of the image the grid does not cover as NaN', () => {
    // The grid covers image x 0-20 of a 40 px wide image.
    const half: HeatmapGrid = {
      width: 2,
      height: 1,
      values: [0.2, 0.4],
      grid_to_image: { scale_x: 10, offset_x: 0, scale_y: 10, offset_y: 0 },
    };
    const out = sampleCanvas(half, { width: 40, height: 10 }, { width: 4, height: 1 });
    expect(out[0]).toBeCloseTo(0.2);
    expect(out[1]).toBeCloseTo(0.4);
    expect(out[2]).toBeNaN();
    expect(out[3]).toBeNaN();
  });

  test('samples a scaled-down canvas in image coordinates', () => {
    // A 1x1 grid over a 2048x2048 image drawn at 1024: every pixel reads the one cell.
    const one: HeatmapGrid = {
      width: 1,
      height: 1,
      values: [0.7],
      grid_to_image: { scale_x: 2048, offset_x: 0, scale_y: 2048, offset_y: 0 },
    };
    const out = sampleCanvas(one, { width: 2048, height: 2048 }, fitCanvas({ width: 2048, height: 2048 }));
    expect(out.length).toBe(1024 * 1024);
    expect(out.every((v) => Math.abs(v - 0.7) < 1e-6)).toBe(true);
  });

  test('fills only the rows asked for, so the page can take the canvas in slices', () => {
    const out = new Float32Array(4).fill(-1);
    sampleRows(grid, { width: 2, height: 2 }, { width: 2, height: 2 }, 1, 2, out);
    expect(Array.from(out)).toEqual([-1, -1, 0.5, 0.25]);
  });
});

describe('blendHeatmap', () => {
  test("blends each value's colour over the image with the shared scale's alpha", () => {
    const base = new Uint8ClampedArray([100, 100, 100, 255, 100, 100, 100, 255]);
    const out = new Uint8ClampedArray(8);
    blendHeatmap(base, new Float32Array([1, 0]), DEFAULT_HEATMAP_OPACITY, out);
    for (const [pixel, value] of [
      [0, 1],
      [1, 0],
    ] as const) {
      const a = heatmapAlpha(value, DEFAULT_HEATMAP_OPACITY);
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
});

test('imageToCanvas scales a point of the image onto the canvas', () => {
  expect(imageToCanvas({ x: 1024, y: 512 }, { width: 2048, height: 1024 }, { width: 1024, height: 512 })).toEqual({ x: 512, y: 256 });
});
