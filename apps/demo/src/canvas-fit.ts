// The heatmap overlay as pixel arithmetic, free of the DOM so that it is unit-tested in Node:
// where each canvas pixel falls on the model's grid, the grid's value there (bilinear between
// cell centres), and that value's colour blended over the image with the shared scale.
import type { Heatmap } from '@bcd-api/contract';
import { heatmapAlpha, heatmapColour } from '@bcd-api/heatmap';

/** The longest side of a drawn canvas, in pixels; larger images are scaled down to it. */
export const MAX_CANVAS_SIDE = 1024;

/** A width and a height in pixels. */
export interface Size {
  width: number;
  height: number;
}

/** The shortest long side of a drawn canvas: a small image is scaled up to it, so that the peak's ring and label stay sharp. */
export const MIN_CANVAS_SIDE = 512;

/**
 * The canvas size for an image, aspect kept: its own size, scaled down so that the long side
 * is at most `maxSide`, or up so that it is at least `minSide`.
 */
export function fitCanvas(image: Size, maxSide: number = MAX_CANVAS_SIDE, minSide: number = MIN_CANVAS_SIDE): Size {
  const long = Math.max(image.width, image.height, 1);
  const scale = long < minSide ? minSide / long : Math.min(1, maxSide / long);
  return {
    width: Math.max(1, Math.round(image.width * scale)),
    height: Math.max(1, Math.round(image.height * scale)),
  };
}

/** The part of a heatmap the sampler reads. */
export type HeatmapGrid = Pick<Heatmap, 'width' | 'height' | 'values' | 'grid_to_image'>;

/**
 * The heatmap's value at grid point (u, v), in cells (cell (c, r) spans c ≤ u ≤ c+1): bilinear
 * between the centres of the four nearest cells, held flat over the outer half cell; NaN outside
 * the grid, where the overlay draws nothing.
 *
 * @example
 * sampleHeatmap({ width: 2, height: 1, values: [0, 1], grid_to_image }, 1, 0.5); // 0.5
 */
export function sampleHeatmap(grid: HeatmapGrid, u: number, v: number): number {
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
 * Samples the heatmap for rows `fromRow` (inclusive) to `toRow` (exclusive) of a canvas that
 * shows the whole image (`image`, in the pixels of `image_info.size`) at `canvas` size, into
 * `out` (one value per canvas pixel, row-major; NaN where the grid does not reach). Taken in
 * slices so that the page can yield between them.
 */
export function sampleRows(grid: HeatmapGrid, image: Size, canvas: Size, fromRow: number, toRow: number, out: Float32Array): void {
  const { scale_x, offset_x, scale_y, offset_y } = grid.grid_to_image;
  const toImageX = image.width / canvas.width;
  const toImageY = image.height / canvas.height;
  const end = Math.min(canvas.height, toRow);
  for (let py = Math.max(0, fromRow); py < end; py++) {
    // The centre of the canvas pixel, in image pixels, then in grid cells.
    const v = scale_y === 0 ? Number.NaN : ((py + 0.5) * toImageY - offset_y) / scale_y;
    const row = py * canvas.width;
    for (let px = 0; px < canvas.width; px++) {
      const u = scale_x === 0 ? Number.NaN : ((px + 0.5) * toImageX - offset_x) / scale_x;
      out[row + px] = sampleHeatmap(grid, u, v);
    }
  }
}

/** {@link sampleRows} for the whole canvas at once. */
export function sampleCanvas(grid: HeatmapGrid, image: Size, canvas: Size): Float32Array {
  const out = new Float32Array(canvas.width * canvas.height);
  sampleRows(grid, image, canvas, 0, canvas.height, out);
  return out;
}

/** The colour of each of 256 steps of the scale, so that blending does not interpolate stops per pixel. */
const PALETTE: Uint8Array = (() => {
  const palette = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) palette.set(heatmapColour(i / 255), i * 3);
  return palette;
})();

/**
 * Writes into `out` (RGBA, as `ImageData.data`) the image `base` with the sampled heatmap
 * `values` laid over it at `opacity` (0-1): each pixel's colour from `heatmapColour`, its
 * weight from `heatmapAlpha`; pixels where the value is NaN keep the image.
 */
export function blendHeatmap(base: Uint8ClampedArray, values: Float32Array, opacity: number, out: Uint8ClampedArray): void {
  for (let i = 0, p = 0; i < values.length; i++, p += 4) {
    const value = values[i] ?? Number.NaN;
    const r = base[p] ?? 0;
    const g = base[p + 1] ?? 0;
    const b = base[p + 2] ?? 0;
    out[p + 3] = 255;
    if (Number.isNaN(value)) {
      out[p] = r;
      out[p + 1] = g;
      out[p + 2] = b;
      continue;
    }
    const a = heatmapAlpha(value, opacity);
    const c = Math.round(Math.min(1, Math.max(0, value)) * 255) * 3;
    out[p] = r + ((PALETTE[c] ?? 0) - r) * a;
    out[p + 1] = g + ((PALETTE[c + 1] ?? 0) - g) * a;
    out[p + 2] = b + ((PALETTE[c + 2] ?? 0) - b) * a;
  }
}

/** A point on the canvas for a point of the image (`image` in the pixels of `image_info.size`). */
export function imageToCanvas(point: { x: number; y: number }, image: Size, canvas: Size): { x: number; y: number } {
  return { x: (point.x * canvas.width) / image.width, y: (point.y * canvas.height) / image.height };
}
