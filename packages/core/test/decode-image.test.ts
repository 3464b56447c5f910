import { breastImages, fixture } from '@bcd-api/test-kit';
import sharp from 'sharp';
import { describe, expect, test, vi } from 'vitest';
import { DEFAULT_MAX_INPUT_PIXELS, decodeImage } from '../src/decode-image.js';
import { CoreError } from '../src/errors.js';
import { computeImageStatistics } from '../src/image-statistics.js';

const size = { width: 32, height: 32 };

describe('decodeImage', () => {
  test.each(breastImages)('decodes %s to RGB pixels of the model size', async (name, format) => {
    const image = await decodeImage(fixture(name), size);
    expect(image.format).toBe(format);
    expect([image.width, image.height]).toEqual([288, 384]);
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
    expect([rotated.width, rotated.height]).toEqual([288, 384]);
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

  test.each(['stretch', 'mammogram'] as const)(
    'refuses a decompression bomb from its header, before decoding any pixel (%s)',
    async (preprocessing) => {
      // A 90-byte PNG that claims 50000x50000: decoding it would allocate 2.5 Gpx. The refusal
      // must come from the header check, so sharp is never asked for pixels (toBuffer).
      const toBuffer = vi.spyOn(sharp.prototype, 'toBuffer');
      try {
        await expect(decodeImage(fixture('bomb-50000x50000.png'), { ...size, preprocessing })).rejects.toMatchObject({
          name: 'CoreError',
          code: 'IMAGE_TOO_LARGE',
          message: `the image is 50000x50000 pixels; the limit is ${DEFAULT_MAX_INPUT_PIXELS} pixels.`,
        });
        expect(toBuffer).not.toHaveBeenCalled();
        // The spy does see decoding: a real image goes through toBuffer.
        await decodeImage(fixture('breast-grey.png'), { ...size, preprocessing });
        expect(toBuffer).toHaveBeenCalled();
      } finally {
        toBuffer.mockRestore();
      }
    },
  );
});

describe('decodeImage with mammogram preprocessing', () => {
  const square = { width: 32, height: 32, preprocessing: 'mammogram' } as const;

  test.each(breastImages.map(([name]) => name))('turns %s into a grey square with its view', async (name) => {
    const image = await decodeImage(fixture(name), square);
    expect([image.width, image.height]).toEqual([288, 384]);
    expect(image.rgb.length).toBe(32 * 32 * 3);
    let coloured = 0;
    for (let i = 0; i < image.rgb.length; i += 3) {
      if (image.rgb[i] !== image.rgb[i + 1] || image.rgb[i] !== image.rgb[i + 2]) coloured += 1;
    }
    expect(coloured).toBe(0);
    // The fixture's breast lies against the left edge, 86 of 96 drawn columns wide (258 px at 3x),
    // full height but for a drawn row of tips under the tissue share: kept as it is, cropped to the breast.
    expect(image.view).toMatchObject({ inverted: false, flipped: false, workWidth: 288, workHeight: 384, canvas: 381 });
    expect(image.view!.crop).toEqual({ left: 0, top: 3, width: 258, height: 381 });
    expect(image.statistics.meanIntensity).toBeGreaterThan(0);
    expect(image.statistics.stdIntensity).toBeGreaterThan(0);
  });

  test('computes the statistics over the whole grey image, not the crop the model sees', async () => {
    const { data } = await sharp(fixture('breast-grey.png')).raw().toBuffer({ resolveWithObject: true });
    const image = await decodeImage(fixture('breast-grey.png'), square);
    expect(image.statistics).toEqual(computeImageStatistics(new Uint8Array(data), 1));
  });

  test('gives a negative film the same input, with the statistics of its own polarity', async () => {
    const negative = await sharp(fixture('breast-grey.png')).negate().png().toBuffer();
    const dark = await decodeImage(fixture('breast-grey.png'), square);
    const light = await decodeImage(negative, square);
    expect(light.view).toEqual({ ...dark.view, inverted: true });
    expect(light.rgb).toEqual(dark.rgb);
    expect(light.statistics.meanIntensity).toBeCloseTo(255 - dark.statistics.meanIntensity, 1);
  });

  test('puts the chest wall on the left whichever side it was on', async () => {
    const mirrored = await sharp(fixture('breast-grey.png')).flop().png().toBuffer();
    const image = await decodeImage(mirrored, square);
    const upright = await decodeImage(fixture('breast-grey.png'), square);
    expect(image.view!.flipped).toBe(true);
    expect(image.rgb).toEqual(upright.rgb);
  });

  test('sets no view with the default stretch preprocessing', async () => {
    expect((await decodeImage(fixture('breast-grey.png'), size)).view).toBeUndefined();
  });

  test('refuses a size that is not square', async () => {
    await expect(decodeImage(fixture('breast-grey.png'), { ...square, height: 24 })).rejects.toThrow(/square input, got 32x24/);
  });
});
