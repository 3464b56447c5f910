// The input check's rules (issue 20): the measures as decoding takes them, each rule at its limit, the DICOM rule's
// reading of Modality, SOP class and body part, and the sentences a refusal is made of.
import { fixture } from '@bcd-api/test-kit';
import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { decodeImage } from '../src/decode-image.js';
import { checkDicomModality, checkImageRules, INPUT_RULES, inputCheckFailure, notAMammogramMessage } from '../src/input-check.js';

const measures = { width: 640, height: 800, greyRange: 200, colourfulness: 0.5 };
const failed = (m: Partial<typeof measures>) =>
  checkImageRules({ ...measures, ...m })
    .filter((c) => !c.passed)
    .map((c) => c.check);

describe('the measures, taken at decode', () => {
  test('decoding measures a grey film as grey, and a colour photo as colour', async () => {
    const size = { width: 64, height: 64, preprocessing: 'mammogram' } as const;
    const film = await decodeImage(fixture('breast.jpg'), size);
    expect(film.inputChecks.map((c) => [c.check, c.passed])).toEqual([
      ['image_size', true],
      ['grey_range', true],
      ['colourfulness', true],
    ]);
    const pixels = Buffer.alloc(400 * 300 * 3).map((_, i) => (i % 3 === 0 ? (i * 7) % 256 : i % 3 === 1 ? 40 : 200));
    const photo = await sharp(pixels, { raw: { width: 400, height: 300, channels: 3 } })
      .jpeg()
      .toBuffer();
    for (const preprocessing of ['mammogram', 'stretch'] as const) {
      const image = await decodeImage(photo, { ...size, preprocessing });
      const colour = image.inputChecks.find((c) => c.check === 'colourfulness')!;
      expect(colour.passed, preprocessing).toBe(false);
      expect(colour.value, preprocessing).toBeGreaterThan(INPUT_RULES.maxColourfulness);
    }
  });
});

describe('the image rules', () => {
  test('pass a mammogram-like image', () => expect(failed({})).toEqual([]));

  test.each([
    ['a short side under 256 px', { width: 255, height: 900 }, ['image_size']],
    ['a short side of exactly 256 px', { width: 256, height: 768 }, []],
    ['an aspect over 3:1', { width: 1000, height: 300 }, ['image_size']],
    ['a grey range under 32', { greyRange: 31 }, ['grey_range']],
    ['a grey range of exactly 32', { greyRange: 32 }, []],
    ['a colourfulness over 12', { colourfulness: 12.01 }, ['colourfulness']],
    ['a colourfulness of exactly 12', { colourfulness: 12 }, []],
    [
      'a tiny, blank, colourful image',
      { width: 20, height: 20, greyRange: 0, colourfulness: 50 },
      ['image_size', 'grey_range', 'colourfulness'],
    ],
  ])('hold %s to their limits', (_, m, expected) => expect(failed(m)).toEqual(expected));

  test('explain a refusal with the first failed rule, then a failed typicality', () => {
    const checks = checkImageRules({ ...measures, width: 20, height: 20, colourfulness: 50 });
    expect(inputCheckFailure(checks)).toBe(
      'The image is 20x20 px: too small to hold a breast (a mammogram is at least 256 px on its short side).',
    );
    const ok = checkImageRules(measures);
    expect(inputCheckFailure(ok)).toBeUndefined();
    expect(inputCheckFailure(ok, { score: 7.25, threshold: 5, passed: false })).toBe(
      "The model's typicality check finds it unlike the mammograms it was fitted on (distance 7.3, above the threshold 5).",
    );
    expect(inputCheckFailure(ok, { score: 2, threshold: 5, passed: true })).toBeUndefined();
    expect(notAMammogramMessage('cat.jpg: ', 'The image is in colour.')).toBe('cat.jpg: not a mammogram. The image is in colour.');
  });
});

describe('the DICOM rule', () => {
  const MG_PRESENTATION = '1.2.840.10008.5.1.4.1.1.1.2';
  const BREAST_PROJECTION = '1.2.840.10008.5.1.4.1.1.13.1.4';
  test.each([
    ['Modality MG', { modality: 'MG' }, true, 'DICOM Modality MG (mammography).'],
    ['Modality MG with any SOP class', { modality: 'MG', sopClass: '1.2.3' }, true, 'DICOM Modality MG (mammography).'],
    ['no Modality, a mammography SOP class', { sopClass: MG_PRESENTATION }, true, /SOP class is a mammography image/],
    ['no Modality, Breast Projection X-Ray', { sopClass: BREAST_PROJECTION }, true, /SOP class is a mammography image/],
    ['no Modality at all', {}, true, 'The DICOM file names no Modality: left to the image checks.'],
    ['DX of the BREAST', { modality: 'DX', bodyPart: 'BREAST' }, true, /of the BREAST: left to the image checks/],
    ['CR without a body part', { modality: 'CR' }, true, /with no Body Part Examined: left to the image checks/],
    ['SC of the BREAST', { modality: 'SC', bodyPart: 'BREAST' }, true, /SC \(secondary capture\) of the BREAST/],
    [
      'CT that claims a mammography SOP class',
      { modality: 'CT', sopClass: MG_PRESENTATION },
      false,
      /^Modality CT \(computed tomography\);/,
    ],
    [
      'DX of the CHEST',
      { modality: 'DX', bodyPart: 'CHEST' },
      false,
      'Modality DX (digital radiography) of the CHEST; this model reads mammograms (MG).',
    ],
    ['SC without a body part', { modality: 'SC' }, false, 'Modality SC (secondary capture); this model reads mammograms (MG).'],
    ['OT', { modality: 'OT' }, false, 'Modality OT (other); this model reads mammograms (MG).'],
    ['NM', { modality: 'NM' }, false, 'Modality NM (nuclear medicine); this model reads mammograms (MG).'],
    [
      'US of the BREAST',
      { modality: 'US', bodyPart: 'BREAST' },
      false,
      'Modality US (ultrasound) of the BREAST; this model reads mammograms (MG).',
    ],
    ['an unlisted modality', { modality: 'HC' }, false, 'Modality HC; this model reads mammograms (MG).'],
  ])('%s', (_, tags, passed, detail) => {
    const rule = checkDicomModality(tags);
    expect(rule.passed).toBe(passed);
    expect(rule.detail).toMatch(detail);
    expect(rule.check).toBe('dicom_modality');
  });
});
