// The one colour scale of heatmaps: the server's PNG overlay and the demo page both draw with
// it, so a colour means the same value wherever a person sees it.

/** An sRGB colour, each channel 0-255. */
export type Rgb = readonly [red: number, green: number, blue: number];

/**
 * Stops of the heatmap colour scale at values 0, 0.25, 0.5, 0.75 and 1: dark purple through
 * red and orange to pale yellow (after matplotlib's "inferno"), perceptually ordered and
 * readable with the common colour-vision deficiencies. Lightness rises with the value, so the
 * scale also reads in grey.
 */
export const HEATMAP_STOPS: readonly Rgb[] = [
  [0, 0, 4],
  [87, 16, 110],
  [188, 55, 84],
  [249, 142, 9],
  [252, 255, 164],
];

/**
 * The colour of a heatmap value (0-1, clamped), interpolated linearly between the stops.
 *
 * @example
 * heatmapColour(1); // [252, 255, 164]
 */
export function heatmapColour(value: number): Rgb {
  const v = Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
  const position = v * (HEATMAP_STOPS.length - 1);
  const index = Math.min(HEATMAP_STOPS.length - 2, Math.floor(position));
  const t = position - index;
  const [r0, g0, b0] = HEATMAP_STOPS[index] ?? [0, 0, 0];
  const [r1, g1, b1] = HEATMAP_STOPS[index + 1] ?? [0, 0, 0];
  return [Math.round(r0 + (r1 - r0) * t), Math.round(g0 + (g1 - g0) * t), Math.round(b0 + (b1 - b0) * t)];
}

/**
 * How opaque a value's colour is drawn over the image, for an overlay opacity (0-1): a low
 * value lets the image show through, a high one covers it up to `opacity`, so the regions
 * that raised the score stand out and the rest of the film stays readable.
 *
 * @example
 * heatmapAlpha(1, 0.45); // 0.45
 */
export function heatmapAlpha(value: number, opacity: number): number {
  const v = Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
  const o = Number.isFinite(opacity) ? Math.min(1, Math.max(0, opacity)) : 0;
  return o * (0.2 + 0.8 * v);
}

/**
 * The colour of each of 256 steps of the scale (RGB, 768 bytes), so that a blend looks a
 * pixel's colour up instead of interpolating stops per pixel.
 */
export const HEATMAP_PALETTE: Uint8Array = (() => {
  const palette = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) palette.set(heatmapColour(i / 255), i * 3);
  return palette;
})();
