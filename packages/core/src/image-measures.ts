// biome-ignore-all lint/style/noNonNullAssertion: pixel loops index typed arrays within their bounds by construction.
/**
 * What the input check measures on an image (issue 20), at decode, before any inference: the
 * spread of its grey levels and its colourfulness. input-check.ts holds the rules they are
 * judged by.
 */

import { greyHistogram } from './image-statistics.js';

/** What decoding measured for the rule checks. */
export interface ImageMeasures {
  /** Size after EXIF orientation. */
  width: number;
  height: number;
  /** Grey levels from the 1st to the 99th percentile of the working grey image, 0-255. */
  greyRange: number;
  /** Hasler and Süsstrunk's colourfulness of the image, 0 for grey. */
  colourfulness: number;
}

/**
 * Measures an image for the rule checks: the 1st-99th percentile spread of its grey levels
 * (`pixels`: grey, or interleaved RGB with `channels` 3), and the colourfulness of its RGB pixels
 * (every `step`th pixel: the statistic is a mean and a spread, and a 1024 px image has a million
 * pixels). Pass `rgb` undefined for a grey source.
 */
export function measureImage(
  pixels: Uint8Array,
  channels: 1 | 3,
  rgb: Uint8Array | undefined,
  size: { width: number; height: number },
): ImageMeasures {
  return measuresOfLevels(greyLevels(pixels, channels), rgb, size);
}

/**
 * The same measures from the count of each grey level 0-255 (a histogram some pass over the
 * pixels already made) instead of the pixels themselves.
 */
export function measuresOfLevels(levels: Uint32Array, rgb: Uint8Array | undefined, size: { width: number; height: number }): ImageMeasures {
  return { ...size, greyRange: greyRangeOfHistogram(levels), colourfulness: rgb ? colourfulnessOf(rgb) : 0 };
}

/**
 * Levels from the 1st to the 99th percentile of 8-bit grey pixels, or of the BT.601 luma
 * (rounded to a level) of interleaved RGB with `channels` 3.
 */
export function greyRange(pixels: Uint8Array, channels: 1 | 3 = 1): number {
  return greyRangeOfHistogram(greyLevels(pixels, channels));
}

/** The count of each grey level: of the pixels themselves, or of the rounded luma of interleaved RGB. */
function greyLevels(pixels: Uint8Array, channels: 1 | 3): Uint32Array {
  if (channels === 1) return greyHistogram(pixels);
  const count = Math.floor(pixels.length / 3);
  const histogram = new Uint32Array(256);
  for (let i = 0; i < count * 3; i += 3) {
    histogram[Math.round(0.299 * pixels[i]! + 0.587 * pixels[i + 1]! + 0.114 * pixels[i + 2]!)]!++;
  }
  return histogram;
}

/** Levels from the 1st to the 99th percentile of the pixels a grey-level histogram counts; 0 when it counts none. */
function greyRangeOfHistogram(histogram: Uint32Array): number {
  const count = histogram.reduce((sum, n) => sum + n, 0);
  if (count === 0) return 0;
  const percentile = (q: number): number => {
    const rank = q * (count - 1);
    let seen = 0;
    for (let level = 0; level < 256; level++) {
      seen += histogram[level]!;
      if (seen > rank) return level;
    }
    return 255;
  };
  return percentile(0.99) - percentile(0.01);
}

/**
 * Hasler and Süsstrunk's colourfulness M = sqrt(σrg² + σyb²) + 0.3 sqrt(μrg² + μyb²), with
 * rg = R - G and yb = (R + G) / 2 - B, over interleaved 8-bit RGB; 0 for a grey image.
 */
export function colourfulnessOf(rgb: Uint8Array): number {
  const pixels = Math.floor(rgb.length / 3);
  if (pixels === 0) return 0;
  const step = Math.max(1, Math.floor(pixels / 65536));
  let n = 0;
  let sumRg = 0;
  let sumYb = 0;
  let sqRg = 0;
  let sqYb = 0;
  for (let p = 0; p < pixels; p += step) {
    const r = rgb[3 * p]!;
    const g = rgb[3 * p + 1]!;
    const b = rgb[3 * p + 2]!;
    const rg = r - g;
    const yb = (r + g) / 2 - b;
    sumRg += rg;
    sumYb += yb;
    sqRg += rg * rg;
    sqYb += yb * yb;
    n++;
  }
  const meanRg = sumRg / n;
  const meanYb = sumYb / n;
  const varRg = Math.max(0, sqRg / n - meanRg * meanRg);
  const varYb = Math.max(0, sqYb / n - meanYb * meanYb);
  return Math.sqrt(varRg + varYb) + 0.3 * Math.sqrt(meanRg * meanRg + meanYb * meanYb);
}
