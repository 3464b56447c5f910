import { HEATMAP_PALETTE, heatmapAlpha } from './colour-scale.js';

/** Pixels as bytes, `channels` to a pixel: 3 (RGB, the server's PNG) or 4 (RGBA, a canvas's `ImageData`). */
export type PixelBytes = Uint8Array | Uint8ClampedArray;

/**
 * Writes into `out` the image `base` with sampled heatmap `values` (one per pixel, see
 * `sampleCanvas`) laid over it at `opacity` (0-1): each pixel's colour from the shared scale, its
 * weight from `heatmapAlpha`; pixels whose value is NaN keep the image. `out` may be `base`. With
 * 4 channels, alpha is written opaque.
 *
 * @example
 * blendHeatmap(imageData.data, sampleCanvas(grid, image, canvas), 0.45, imageData.data, 4);
 */
export function blendHeatmap(base: PixelBytes, values: Float32Array, opacity: number, out: PixelBytes, channels: 3 | 4 = 4): void {
  for (let i = 0, p = 0; i < values.length; i++, p += channels) {
    const value = values[i] ?? Number.NaN;
    if (channels === 4) out[p + 3] = 255;
    const r = base[p] ?? 0;
    const g = base[p + 1] ?? 0;
    const b = base[p + 2] ?? 0;
    if (Number.isNaN(value) || opacity <= 0) {
      out[p] = r;
      out[p + 1] = g;
      out[p + 2] = b;
      continue;
    }
    const a = heatmapAlpha(value, opacity);
    const c = Math.round(Math.min(1, Math.max(0, value)) * 255) * 3;
    // Each channel lies in 0-255, where adding a half and truncating rounds as Math.round does,
    // at half its cost: the page blends a megapixel again at every step of its opacity slider.
    out[p] = (r + ((HEATMAP_PALETTE[c] ?? 0) - r) * a + 0.5) | 0;
    out[p + 1] = (g + ((HEATMAP_PALETTE[c + 1] ?? 0) - g) * a + 0.5) | 0;
    out[p + 2] = (b + ((HEATMAP_PALETTE[c + 2] ?? 0) - b) * a + 0.5) | 0;
  }
}
