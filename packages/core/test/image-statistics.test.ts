import { expect, test } from 'vitest';
import { computeImageStatistics } from '../src/image-statistics.js';

test('computes mean, population std, brightness and contrast of the luma', () => {
  // Two grey pixels, 0 and 255: mean 127.5, std 127.5.
  const stats = computeImageStatistics(new Uint8Array([0, 0, 0, 255, 255, 255]));
  expect(stats).toEqual({ meanIntensity: 127.5, stdIntensity: 127.5, brightness: 50, contrast: 50 });
});

test('weights colour channels with BT.601 luma', () => {
  const stats = computeImageStatistics(new Uint8Array([255, 0, 0]));
  expect(stats.meanIntensity).toBeCloseTo(0.299 * 255, 1);
  expect(stats.stdIntensity).toBe(0);
});

test('matches the seed example relation brightness = mean / 255 * 100', () => {
  const pixels = new Uint8Array(300).map((_, i) => (i * 37) % 256);
  const stats = computeImageStatistics(pixels);
  expect(stats.brightness).toBeCloseTo((stats.meanIntensity / 255) * 100, 1);
  expect(stats.contrast).toBeCloseTo((stats.stdIntensity / 255) * 100, 1);
});
