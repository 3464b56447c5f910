// Image statistics against values worked out by hand from the definitions in openapi.yaml:
// luma = 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601), mean and population standard
// deviation of the luma, brightness = mean / 255 * 100, contrast = std / 255 * 100, each
// rounded to two decimals.
import { expect, test } from 'vitest';
import { computeImageStatistics } from '../src/image-statistics.js';

/** `count` RGB pixels of one grey level. */
const grey = (level: number, count: number): number[] => Array.from({ length: count * 3 }, () => level);

test('a constant image has its level as mean and no spread', () => {
  // 100 / 255 * 100 = 39.2157
  expect(computeImageStatistics(new Uint8Array(grey(100, 4)))).toEqual({
    meanIntensity: 100,
    stdIntensity: 0,
    brightness: 39.22,
    contrast: 0,
  });
  expect(computeImageStatistics(new Uint8Array(grey(255, 9)))).toEqual({
    meanIntensity: 255,
    stdIntensity: 0,
    brightness: 100,
    contrast: 0,
  });
  expect(computeImageStatistics(new Uint8Array(grey(0, 9)))).toEqual({ meanIntensity: 0, stdIntensity: 0, brightness: 0, contrast: 0 });
});

test('a two-level image has the mean and population standard deviation of its levels', () => {
  // Half 0, half 200: mean 100, every pixel 100 from it, so std 100 (not the sample std, 141.42).
  expect(computeImageStatistics(new Uint8Array([...grey(0, 2), ...grey(200, 2)]))).toEqual({
    meanIntensity: 100,
    stdIntensity: 100,
    brightness: 39.22,
    contrast: 39.22,
  });
  // Three pixels at 51, one at 255: mean (3 * 51 + 255) / 4 = 102, brightness 102 / 255 = 40 %;
  // std = (255 - 51) * sqrt(1/4 * 3/4) = 51 * sqrt(3) = 88.3346, contrast 20 * sqrt(3) = 34.641 %.
  expect(computeImageStatistics(new Uint8Array([...grey(51, 3), ...grey(255, 1)]))).toEqual({
    meanIntensity: 102,
    stdIntensity: 88.33,
    brightness: 40,
    contrast: 34.64,
  });
});

test('weights colour channels with BT.601 luma', () => {
  expect(computeImageStatistics(new Uint8Array([100, 0, 0])).meanIntensity).toBe(29.9);
  expect(computeImageStatistics(new Uint8Array([0, 100, 0])).meanIntensity).toBe(58.7);
  expect(computeImageStatistics(new Uint8Array([0, 0, 100])).meanIntensity).toBe(11.4);
  // The three together: lumas 29.9, 58.7 and 11.4, mean 100 / 3 = 33.333; deviations
  // -3.433, 25.367 and -21.933, squares summing to 1136.327, variance 378.776, std 19.462.
  expect(computeImageStatistics(new Uint8Array([100, 0, 0, 0, 100, 0, 0, 0, 100]))).toEqual({
    meanIntensity: 33.33,
    stdIntensity: 19.46,
    brightness: 13.07,
    contrast: 7.63,
  });
});

test('reads one grey value per pixel with channels 1', () => {
  // 10, 20, 30, 40: mean 25, squared deviations 225 + 25 + 25 + 225 = 500, variance 125, std 11.180.
  expect(computeImageStatistics(new Uint8Array([10, 20, 30, 40]), 1)).toEqual({
    meanIntensity: 25,
    stdIntensity: 11.18,
    brightness: 9.8,
    contrast: 4.38,
  });
});

test('gives zeros, not NaN, for an image with no pixels', () => {
  expect(computeImageStatistics(new Uint8Array(0))).toEqual({ meanIntensity: 0, stdIntensity: 0, brightness: 0, contrast: 0 });
});

test('grey pixels, counted in a histogram, give the same figures as the same pixels summed as RGB', () => {
  // The grey path (channels 1) counts levels; the RGB path sums the luma of each pixel. On grey
  // replicated to RGB the luma is the level itself, so both must agree to the last digit.
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed;
  };
  for (const length of [1, 2, 3, 255, 1001, 65_537]) {
    const grey = Uint8Array.from({ length }, () => next() % 256);
    const rgb = new Uint8Array(length * 3);
    for (const [i, v] of grey.entries()) rgb.set([v, v, v], i * 3);
    expect(computeImageStatistics(grey, 1)).toEqual(computeImageStatistics(rgb, 3));
  }
});
