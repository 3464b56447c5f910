import type { Heatmap } from '@bcd-api/contract';
import { sampleCanvas } from '@bcd-api/heatmap';
import { expect, test } from 'vitest';
import { toHeatmapGrid } from '../src/heatmap-grid.js';

/** The grid part of an `/explain` answer, as the wire spells it. */
type WireGrid = Pick<Heatmap, 'width' | 'height' | 'values' | 'grid_to_image'>;

test("toHeatmapGrid keeps the API's cells and values and renames its placement", () => {
  const wire: WireGrid = {
    width: 3,
    height: 2,
    values: [0, 0.2, 0.4, 0.6, 0.8, 1],
    grid_to_image: { scale_x: -8, offset_x: 24, scale_y: 8, offset_y: 4 },
  };
  expect(toHeatmapGrid(wire)).toEqual({
    width: 3,
    height: 2,
    values: [0, 0.2, 0.4, 0.6, 0.8, 1],
    gridToImage: { scaleX: -8, offsetX: 24, scaleY: 8, offsetY: 4 },
  });
});

test("a mirrored heatmap from the API is drawn the right way round on the page's canvas", () => {
  // A 2x2 grid over a 10x10 image, mirrored as the default model sees a right breast: column 0 is on the right.
  const grid: WireGrid = {
    width: 2,
    height: 2,
    values: [0.1, 0.2, 0.3, 0.4],
    grid_to_image: { scale_x: -5, offset_x: 10, scale_y: 5, offset_y: 0 },
  };
  const out = sampleCanvas(toHeatmapGrid(grid), { width: 10, height: 10 }, { width: 2, height: 2 });
  // Each row reads right to left; the rows stay top to bottom.
  expect(Array.from(out, (v) => Math.round(v * 10) / 10)).toEqual([0.2, 0.1, 0.4, 0.3]);
});
