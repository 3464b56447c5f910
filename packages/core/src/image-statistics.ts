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
  const pixels = rgb.length / channels;
  let sum = 0;
  let sumOfSquares = 0;
  for (let i = 0; i < rgb.length; i += channels) {
    const luma = channels === 1 ? rgb[i]! : 0.299 * rgb[i]! + 0.587 * rgb[i + 1]! + 0.114 * rgb[i + 2]!;
    sum += luma;
    sumOfSquares += luma * luma;
  }
  const mean = pixels > 0 ? sum / pixels : 0;
  const variance = pixels > 0 ? Math.max(0, sumOfSquares / pixels - mean * mean) : 0;
  const std = Math.sqrt(variance);
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
