// Where each pixel of a drawing falls on a model's grid, and the grid's value there. One sampler
// for the server's PNG overlay and the demo page, so that the two cannot disagree.

/** A width and a height in pixels. */
export interface Size {
  width: number;
  height: number;
}

/**
 * Where the grid lies on the image: grid point (u, v), in cells, is image pixel
 * (`offsetX + scaleX * u`, `offsetY + scaleY * v`). `scaleX` is negative for a mirrored view.
 */
export interface GridPlacement {
  scaleX: number;
  offsetX: number;
  scaleY: number;
  offsetY: number;
}

/** A grid of values (row by row) and its place on the image. */
export interface HeatmapGrid {
  /** Cells across. */
  width: number;
  /** Cells down. */
  height: number;
  /** One value per cell, 0-1, row by row. */
  values: ArrayLike<number>;
  gridToImage: GridPlacement;
}

/**
 * The grid's value at grid point (u, v), in cells (cell (c, r) spans c ≤ u ≤ c+1): bilinear
 * between the centres of the four nearest cells, held flat over the outer half cell; NaN outside
 * the grid, where an overlay draws nothing.
 *
 * @example
 * sampleHeatmap({ width: 2, height: 1, values: [0, 1], gridToImage }, 1, 0.5); // 0.5
 */
export function sampleHeatmap(grid: Pick<HeatmapGrid, 'width' | 'height' | 'values'>, u: number, v: number): number {
  const { width, height, values } = grid;
  if (!(u >= 0 && u <= width && v >= 0 && v <= height)) return Number.NaN;
  const gx = Math.min(width - 1, Math.max(0, u - 0.5));
  const gy = Math.min(height - 1, Math.max(0, v - 0.5));
  const x0 = Math.floor(gx);
  const y0 = Math.floor(gy);
  const x1 = Math.min(width - 1, x0 + 1);
  const y1 = Math.min(height - 1, y0 + 1);
  const tx = gx - x0;
  const ty = gy - y0;
  const a = values[y0 * width + x0] ?? 0;
  const b = values[y0 * width + x1] ?? 0;
  const c = values[y1 * width + x0] ?? 0;
  const d = values[y1 * width + x1] ?? 0;
  const top = a + (b - a) * tx;
  const bottom = c + (d - c) * tx;
  return top + (bottom - top) * ty;
}

/**
 * Samples the grid for rows `fromRow` (inclusive) to `toRow` (exclusive) of a canvas that shows
 * the whole image (`image`, in the pixels the placement is given in) at `canvas` size, into `out`
 * (one value per canvas pixel, row by row; NaN where the grid does not reach). Taken in slices so
 * that a page can yield between them.
 */
export function sampleRows(grid: HeatmapGrid, image: Size, canvas: Size, fromRow: number, toRow: number, out: Float32Array): void {
  const { scaleX, offsetX, scaleY, offsetY } = grid.gridToImage;
  const toImageX = image.width / canvas.width;
  const toImageY = image.height / canvas.height;
  // The grid column of each canvas column: the mapping is separable, so once per column, not per pixel.
  const us = Float64Array.from({ length: canvas.width }, (_, px) =>
    scaleX === 0 ? Number.NaN : ((px + 0.5) * toImageX - offsetX) / scaleX,
  );
  const end = Math.min(canvas.height, toRow);
  for (let py = Math.max(0, fromRow); py < end; py++) {
    // The centre of the canvas pixel, in image pixels, then in grid cells.
    const v = scaleY === 0 ? Number.NaN : ((py + 0.5) * toImageY - offsetY) / scaleY;
    const row = py * canvas.width;
    for (let px = 0; px < canvas.width; px++) out[row + px] = sampleHeatmap(grid, us[px] ?? Number.NaN, v);
  }
}

/**
 * {@link sampleRows} for the whole canvas at once.
 *
 * @example
 * const values = sampleCanvas(grid, { width: 3000, height: 4000 }, { width: 768, height: 1024 });
 */
export function sampleCanvas(grid: HeatmapGrid, image: Size, canvas: Size): Float32Array {
  const out = new Float32Array(canvas.width * canvas.height);
  sampleRows(grid, image, canvas, 0, canvas.height, out);
  return out;
}
