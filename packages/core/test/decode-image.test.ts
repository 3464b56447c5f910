import { describe, expect, test } from 'vitest';
import { decodeImage } from '../src/decode-image.js';
import { CoreError } from '../src/errors.js';
import { fixture } from './helpers.js';

const size = { width: 32, height: 32 };

describe('decodeImage', () => {
  test.each([
    ['breast-grey.png', 'PNG'],
    ['breast.jpg', 'JPEG'],
    ['breast.webp', 'WEBP'],
    ['breast.tiff', 'TIFF'],
    ['breast-16bit.png', 'PNG'],
    ['breast-rgba.png', 'PNG'],
  ])('decodes %s to RGB pixels of the model size', async (name, format) => {
    const image = await decodeImage(fixture(name), size);
    expect(image.format).toBe(format);
    expect([image.width, image.height]).toEqual([96, 128]);
    expect(image.rgb.length).toBe(32 * 32 * 3);
  });

  test('reads a 16-bit PNG with the same intensities as its 8-bit twin', async () => {
    const eight = await decodeImage(fixture('breast-grey.png'), size);
    const sixteen = await decodeImage(fixture('breast-16bit.png'), size);
    expect(sixteen.statistics.meanIntensity).toBeCloseTo(eight.statistics.meanIntensity, 0);
    expect(sixteen.statistics.stdIntensity).toBeCloseTo(eight.statistics.stdIntensity, 0);
  });

  test('applies EXIF orientation before resizing', async () => {
    const upright = await decodeImage(fixture('breast.jpg'), size);
    const rotated = await decodeImage(fixture('breast-exif-rotated.jpg'), size);
    expect([rotated.width, rotated.height]).toEqual([96, 128]);
    // Same picture once oriented: pixels agree up to JPEG noise.
    let diff = 0;
    for (let i = 0; i < upright.rgb.length; i++) diff += Math.abs(upright.rgb[i]! - rotated.rgb[i]!);
    expect(diff / upright.rgb.length).toBeLessThan(6);
  });

  test.each([
    ['empty.png', 'EMPTY_FILE', /empty/],
    ['not-an-image.pdf', 'UNSUPPORTED_IMAGE', /unsupported file type \(PDF\)/],
    ['page.html.png', 'UNSUPPORTED_IMAGE', /unsupported file type \(HTML\)/],
    ['truncated.png', 'CORRUPT_IMAGE', /damaged or truncated/],
    ['bomb-50000x50000.png', 'IMAGE_TOO_LARGE', /50000x50000 pixels; the limit is/],
    ['animated.webp', 'UNSUPPORTED_IMAGE', /holds 2 frames or pages; send a single still image/],
    ['two-pages.tiff', 'UNSUPPORTED_IMAGE', /holds 2 frames or pages/],
  ])('refuses %s with %s', async (name, code, message) => {
    const error = await decodeImage(fixture(name), { ...size, filename: name }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoreError);
    expect((error as CoreError).code).toBe(code);
    expect((error as CoreError).message).toMatch(message);
    expect((error as CoreError).message.startsWith(`${name}: `)).toBe(true);
  });

  test('refuses a decompression bomb quickly', async () => {
    const started = performance.now();
    await expect(decodeImage(fixture('bomb-50000x50000.png'), size)).rejects.toThrow(/limit/);
    // Generous bound: allocating 2.5 Gpx would take seconds and gigabytes.
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
