import { describe, expect, test } from 'vitest';
import { type HeatmapGrid, sampleCanvas, sampleHeatmap, sampleRows } from '../src/index.js';

const identity = { scaleX: 1, offsetX: 0, scaleY: 1, offsetY: 0 };

/** A 2x2 grid: 0 and 1 on the top row, 0.5 and 0.25 below. */
const grid: HeatmapGrid = { width: 2, height: 2, values: [0, 1, 0.5, 0.25], gridToImage: identity };

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
  test('maps canvas pixels through gridToImage, a mirrored grid included', () => {
    // A 4x1 grid over a 40x10 image, mirrored as the default model sees a right breast: cell 0 is on the right.
    const mirrored: HeatmapGrid = {
      width: 4,
      height: 1,
      values: [1, 0.75, 0.5, 0],
      gridToImage: { scaleX: -10, offsetX: 40, scaleY: 10, offsetY: 0 },
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
      gridToImage: { scaleX: 10, offsetX: 0, scaleY: 10, offsetY: 0 },
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
      gridToImage: { scaleX: 2048, offsetX: 0, scaleY: 2048, offsetY: 0 },
    };
    const out = sampleCanvas(one, { width: 2048, height: 2048 }, { width: 1024, height: 1024 });
    expect(out.length).toBe(1024 * 1024);
    expect(out.every((v) => Math.abs(v - 0.7) < 1e-6)).toBe(true);
  });

  test('fills only the rows asked for, so a page can take the canvas in slices', () => {
    const out = new Float32Array(4).fill(-1);
    sampleRows(grid, { width: 2, height: 2 }, { width: 2, height: 2 }, 1, 2, out);
    expect(Array.from(out)).toEqual([-1, -1, 0.5, 0.25]);
  });

  test('gives NaN everywhere for a grid placed with a scale of zero', () => {
    const flat: HeatmapGrid = { ...grid, gridToImage: { scaleX: 0, offsetX: 0, scaleY: 1, offsetY: 0 } };
    expect(Array.from(sampleCanvas(flat, { width: 2, height: 2 }, { width: 2, height: 2 })).every(Number.isNaN)).toBe(true);
  });
});
