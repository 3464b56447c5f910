// biome-ignore-all lint/style/noNonNullAssertion: pixel loops index typed arrays within their bounds by construction; a check per pixel would check nothing.
/** Greyscale statistics of an image, on the 0-255 scale, as the original API reported them. */
export interface ImageStatistics {
  /** meanIntensity / 255 * 100. */
  brightness: number;
  /** stdIntensity / 255 * 100. */
  contrast: number;
  /** Mean of the BT.601 luma of every pixel, 0-255. */
  meanIntensity: number;
  /** Population standard deviation of that luma, 0-255. */
  stdIntensity: number;
}

/**
 * Computes greyscale statistics from interleaved 8-bit RGB pixels (the resized image the
 * model sees), or from grey pixels with `channels` 1. Luma uses ITU-R BT.601 weights, as
 * PIL's `convert('L')` does.
 */
export function computeImageStatistics(rgb: Uint8Array, channels: 1 | 3 = 3): ImageStatistics {
  if (channels === 1) return statisticsOfHistogram(greyHistogram(rgb));
  const pixels = rgb.length / 3;
  let sum = 0;
  let sumOfSquares = 0;
  for (let i = 0; i < rgb.length; i += 3) {
    const luma = 0.299 * rgb[i]! + 0.587 * rgb[i + 1]! + 0.114 * rgb[i + 2]!;
    sum += luma;
    sumOfSquares += luma * luma;
  }
  const mean = pixels > 0 ? sum / pixels : 0;
  const variance = pixels > 0 ? Math.max(0, sumOfSquares / pixels - mean * mean) : 0;
  return statistics(mean, Math.sqrt(variance));
}

/** The count of each grey level 0-255 in 8-bit grey pixels: one pass that several measures share. */
export function greyHistogram(grey: Uint8Array): Uint32Array {
  // Two interleaved counts: consecutive pixels of one level would otherwise wait on each other's increment.
  const histogram = new Uint32Array(256);
  const other = new Uint32Array(256);
  const pairs = grey.length - (grey.length % 2);
  for (let i = 0; i < pairs; i += 2) {
    histogram[grey[i]!]!++;
    other[grey[i + 1]!]!++;
  }
  if (pairs < grey.length) histogram[grey[pairs]!]!++;
  for (let level = 0; level < 256; level++) histogram[level]! += other[level]!;
  return histogram;
}

/**
 * The statistics of grey pixels from their histogram: the same figures as summing the pixels
 * (every sum is of integers, exact in a double), for a quarter of the work on a working image.
 */
export function statisticsOfHistogram(histogram: Uint32Array): ImageStatistics {
  let pixels = 0;
  let sum = 0;
  let sumOfSquares = 0;
  for (let level = 0; level < 256; level++) {
    const count = histogram[level]!;
    pixels += count;
    sum += count * level;
    sumOfSquares += count * level * level;
  }
  const mean = pixels > 0 ? sum / pixels : 0;
  const variance = pixels > 0 ? Math.max(0, sumOfSquares / pixels - mean * mean) : 0;
  return statistics(mean, Math.sqrt(variance));
}

function statistics(mean: number, std: number): ImageStatistics {
  return {
    brightness: round2((mean / 255) * 100),
    contrast: round2((std / 255) * 100),
    meanIntensity: round2(mean),
    stdIntensity: round2(std),
  };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
