// The input check (issue 20): what is not a mammogram gets 422 NOT_A_MAMMOGRAM (or a per-file
// entry in a batch or a study), never a verdict; INPUT_CHECK=warn and off; a model's own
// typicality check (the tiny gated model). Every answer is checked against openapi.yaml.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, type DicomSpec, fixture, form, gatedModelDir, requireDicomTools, scoreMapModelDir, writeDicom } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import sharp from 'sharp';
import { afterAll, describe, expect, test } from 'vitest';
import { loadConfig, startServer } from '../src/index.js';

const { serverForSuite } = createServerKit({ loadConfig, startServer });
const server = serverForSuite();

/** Grey pixels from a function of (x, y), as a PNG. */
function greyPng(width: number, height: number, value: (x: number, y: number) => number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels[y * width + x] = value(x, y);
  return sharp(pixels, { raw: { width, height, channels: 1 } })
    .png()
    .toBuffer();
}

/** RGB pixels from a function of (x, y), as a sharp pipeline to encode. */
function colourImage(width: number, height: number, rgb: (x: number, y: number) => [number, number, number]) {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) pixels.set(rgb(x, y), (y * width + x) * 3);
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } });
}

// A "photo": smooth colour fields with some texture, as a JPEG.
const photo = () =>
  colourImage(640, 480, (x, y) => [(128 + 100 * Math.sin(x / 40)) | 0, (128 + 100 * Math.cos(y / 30)) | 0, (x * 7 + y * 3) % 256])
    .jpeg({ quality: 85 })
    .toBuffer();
// A colour document: a white A4-like page, a blue header bar and lines of black "text".
const colourDocument = () =>
  colourImage(620, 877, (x, y) => {
    if (y < 90) return [30, 80, 200];
    const inLine = y > 140 && (y - 140) % 28 < 10 && x > 60 && x < 560 && (x * 13 + y) % 17 > 3;
    return inLine ? [20, 20, 20] : [255, 255, 255];
  })
    .png()
    .toBuffer();
const blank = () => greyPng(512, 512, () => 0);
const tiny = () => greyPng(20, 20, () => 128);
const banner = () => greyPng(1200, 300, (x, y) => (x + y) % 256);

const tools = requireDicomTools('the input check on DICOM files');
const dicomDir = mkdtempSync(join(tmpdir(), 'bcd-input-check-'));
afterAll(() => rmSync(dicomDir, { recursive: true, force: true }));
const CT_IMAGE = '1.2.840.10008.5.1.4.1.1.2';
// A 300x300 8-bit picture with a breast-like spread of grey levels, enough for the image checks.
const picture = new Uint8Array(300 * 300).map((_, i) => (i % 300 < 200 ? 60 + ((i * 7) % 150) : 0));

/** Writes a DICOM file of that picture with `spec`'s tags (see write-dicom.py) and returns its path. */
function dicomFile(name: string, spec: Partial<DicomSpec>): string {
  const base = { rows: 300, columns: 300, bitsAllocated: 8, bitsStored: 8, photometricInterpretation: 'MONOCHROME2' } as const;
  return writeDicom(join(dicomDir, name), { ...base, ...spec }, picture);
}
const dicom = (name: string, spec: Partial<DicomSpec>): Buffer => readFileSync(dicomFile(name, spec));

describe('INPUT_CHECK=refuse (the default), with a model without its own typicality check', () => {
  test.each([
    ['tiny.png', tiny, /tiny\.png: not a mammogram\. The image is 20x20 px: too small to hold a breast/],
    ['blank.png', blank, /blank\.png: not a mammogram\. The image is blank or nearly uniform: its grey levels span 0 levels/],
    ['banner.png', banner, /banner\.png: not a mammogram\. The image is 1200x300 px, 4:1: too elongated for a mammogram/],
    ['cat.jpg', photo, /cat\.jpg: not a mammogram\. The image is in colour \(colourfulness \d+(\.\d)?; a mammogram is grey, at most 12\)/],
    ['letter.png', colourDocument, /letter\.png: not a mammogram\. The image is in colour/],
  ])('refuses %s with 422 NOT_A_MAMMOGRAM, naming the file and why', async (name, make, detail) => {
    const res = await call(server().url, 'POST', '/predict', { body: form('file', [[name, await make()]]) });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'NOT_A_MAMMOGRAM', status: 422 });
    expect(res.body.detail).toMatch(detail);
    expect(res.body).not.toHaveProperty('prediction');
  });

  test('says in every verdict what it checked', async () => {
    const res = await call(server().url, 'POST', '/predict', { body: form('file', [['breast.png', fixture('breast-grey.png')]]) });
    expect(res.status).toBe(200);
    expect(res.body.input_check).toEqual({
      mode: 'refuse',
      status: 'passed',
      checks: [
        { check: 'image_size', passed: true, value: 288, limit: 256, detail: 'The image is 288x384 px.' },
        { check: 'grey_range', passed: true, value: 230, limit: 32, detail: 'Its grey levels span 230 levels (1st to 99th percentile).' },
        { check: 'colourfulness', passed: true, value: 0, limit: 12, detail: 'It is grey (colourfulness 0).' },
      ],
      typicality: null,
    });
  });

  test('refuses what is not a mammogram in a batch as a per-file entry, and classifies the rest', async () => {
    const res = await call(server().url, 'POST', '/batch-predict', {
      body: form('files', [
        ['cat.jpg', await photo()],
        ['breast.png', fixture('breast-grey.png')],
        ['blank.png', await blank()],
      ]),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total_images: 3, successful: 1, failed: 2 });
    const [cat, breast, empty] = res.body.results;
    expect(cat).toMatchObject({
      filename: 'cat.jpg',
      code: 'NOT_A_MAMMOGRAM',
      error: expect.stringMatching(/^cat\.jpg: not a mammogram\. /),
    });
    expect(breast).toMatchObject({ filename: 'breast.png', input_check: { status: 'passed' } });
    expect(empty).toMatchObject({ filename: 'blank.png', code: 'NOT_A_MAMMOGRAM' });
  });

  test('leaves a refused image out of a study: an error entry, not a breast', async () => {
    const body = new FormData();
    body.append('files', new Blob([fixture('breast-grey.png')]), 'L-CC.png');
    body.append('files', new Blob([await photo()]), 'R-CC.jpg');
    for (const side of ['L', 'R']) body.append('laterality', side);
    const res = await call(server().url, 'POST', '/predict-study', { body });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ successful: 1, failed: 1, breasts: { right: null } });
    expect(res.body.results[1]).toMatchObject({ filename: 'R-CC.jpg', code: 'NOT_A_MAMMOGRAM' });
    expect(res.body.study.images).toBe(1);
  });

  const explaining = serverForSuite({ MODEL_DIR: scoreMapModelDir });

  test('refuses it on /explain too, as JSON whatever Accept says', async () => {
    for (const accept of ['application/json', 'image/png']) {
      const res = await call(explaining().url, 'POST', '/explain', {
        body: form('file', [['cat.jpg', await photo()]]),
        headers: { Accept: accept },
      });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/json/);
      expect(res.body.code).toBe('NOT_A_MAMMOGRAM');
    }
  });

  test('describes the check in GET /model, and says the model has no typicality check', async () => {
    const res = await call(server().url, 'GET', '/model');
    expect(res.body.input_check.mode).toBe('refuse');
    expect(res.body.input_check.checks.map((c: { check: string }) => c.check)).toEqual([
      'dicom_modality',
      'image_size',
      'grey_range',
      'colourfulness',
    ]);
    expect(res.body.input_check.typicality).toBeNull();
  });

  test('counts refusals in bcd_rejections_total', async () => {
    await call(server().url, 'POST', '/predict', { body: form('file', [['blank.png', await blank()]]) });
    const metrics = await (await fetch(`${server().url}/metrics`)).text();
    expect(metrics).toMatch(/bcd_rejections_total\{[^}]*reason="not_a_mammogram"[^}]*\} [1-9]/);
  });
});

describe('DICOM: only mammograms', () => {
  test.skipIf(!tools).each([
    ['CT', { modality: 'CT', sopClassUid: CT_IMAGE }, 'Modality CT (computed tomography); this model reads mammograms (MG).'],
    [
      'MR',
      { modality: 'MR', sopClassUid: '1.2.840.10008.5.1.4.1.1.4' },
      'Modality MR (magnetic resonance); this model reads mammograms (MG).',
    ],
    [
      'NM',
      { modality: 'NM', sopClassUid: '1.2.840.10008.5.1.4.1.1.20' },
      'Modality NM (nuclear medicine); this model reads mammograms (MG).',
    ],
    ['US', { modality: 'US', sopClassUid: '1.2.840.10008.5.1.4.1.1.6.1' }, 'Modality US (ultrasound); this model reads mammograms (MG).'],
    [
      'PT',
      { modality: 'PT', sopClassUid: '1.2.840.10008.5.1.4.1.1.128' },
      'Modality PT (positron emission tomography); this model reads mammograms (MG).',
    ],
    [
      'chest CR',
      { modality: 'CR', sopClassUid: '1.2.840.10008.5.1.4.1.1.1', BodyPartExamined: 'CHEST' },
      'Modality CR (computed radiography) of the CHEST; this model reads mammograms (MG).',
    ],
    [
      'chest DX',
      { modality: 'DX', sopClassUid: '1.2.840.10008.5.1.4.1.1.1.1', BodyPartExamined: 'CHEST' },
      'Modality DX (digital radiography) of the CHEST; this model reads mammograms (MG).',
    ],
    ['OT', { modality: 'OT', sopClassUid: '1.2.840.10008.5.1.4.1.1.7' }, 'Modality OT (other); this model reads mammograms (MG).'],
    [
      'SC',
      { modality: 'SC', sopClassUid: '1.2.840.10008.5.1.4.1.1.7' },
      'Modality SC (secondary capture); this model reads mammograms (MG).',
    ],
  ])('refuses a %s image with 422, naming the file and the modality', async (name, spec, detail) => {
    const file = dicom(`${name}.dcm`, spec);
    const res = await call(server().url, 'POST', '/predict', { body: form('file', [[`${name}.dcm`, file]]) });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'NOT_A_MAMMOGRAM', detail: `${name}.dcm: not a mammogram. ${detail}` });
  });

  test.skipIf(!tools)('names the modality before reading the pixels: a CT in a transfer syntax the reader lacks', async () => {
    const path = dicomFile('ct-le.dcm', { modality: 'CT', sopClassUid: CT_IMAGE });
    // Explicit VR Big Endian (retired): refused as unsupported when the tags are not read first.
    execFileSync('dcmconv', ['+tb', path, join(dicomDir, 'ct-be.dcm')]);
    const res = await call(server().url, 'POST', '/predict', {
      body: form('file', [['ct.dcm', readFileSync(join(dicomDir, 'ct-be.dcm'))]]),
    });
    expect(res.status).toBe(422);
    expect(res.body.detail).toBe('ct.dcm: not a mammogram. Modality CT (computed tomography); this model reads mammograms (MG).');
  });

  test.skipIf(!tools).each([
    ['MG', { modality: 'MG' }, 'DICOM Modality MG (mammography).'],
    [
      'DX of the BREAST',
      { modality: 'DX', sopClassUid: '1.2.840.10008.5.1.4.1.1.1.1', BodyPartExamined: 'BREAST' },
      'DICOM Modality DX (digital radiography) of the BREAST: left to the image checks.',
    ],
    [
      'no Modality',
      { modality: '', sopClassUid: '1.2.840.10008.5.1.4.1.1.7' },
      'The DICOM file names no Modality: left to the image checks.',
    ],
    [
      'a mammography SOP class without a Modality',
      { modality: '' },
      'The DICOM file names no Modality, and its SOP class is a mammography image.',
    ],
    [
      'a secondary capture of the BREAST',
      { modality: 'SC', sopClassUid: '1.2.840.10008.5.1.4.1.1.7', BodyPartExamined: 'BREAST' },
      'DICOM Modality SC (secondary capture) of the BREAST: left to the image checks.',
    ],
  ])('classifies %s, saying what its tags said', async (name, spec, detail) => {
    const res = await call(server().url, 'POST', '/predict', { body: form('file', [['scan.dcm', dicom(`${name}.dcm`, spec)]]) });
    expect(res.status).toBe(200);
    expect(res.body.input_check.checks[0]).toEqual({
      check: 'dicom_modality',
      passed: true,
      value: spec.modality === '' ? '(none)' : spec.modality,
      limit: 'MG',
      detail,
    });
    expect(res.body.input_check.status).toBe('passed');
  });

  test.skipIf(!tools)('refuses a DICOM file in a batch as a per-file entry', async () => {
    const res = await call(server().url, 'POST', '/batch-predict', {
      body: form('files', [
        ['nm.dcm', dicom('nm-batch.dcm', { modality: 'NM', sopClassUid: '1.2.840.10008.5.1.4.1.1.20' })],
        ['mg.dcm', dicom('mg-batch.dcm', { modality: 'MG' })],
      ]),
    });
    expect(res.body).toMatchObject({ successful: 1, failed: 1 });
    expect(res.body.results[0]).toMatchObject({
      code: 'NOT_A_MAMMOGRAM',
      error: 'nm.dcm: not a mammogram. Modality NM (nuclear medicine); this model reads mammograms (MG).',
    });
  });
});

describe('INPUT_CHECK=warn', () => {
  // The tiny score-map model, so that /explain answers too.
  const warn = serverForSuite({ INPUT_CHECK: 'warn', MODEL_DIR: scoreMapModelDir });

  test('gives the verdict with a warning that says why it means nothing', async () => {
    const res = await call(warn().url, 'POST', '/predict', { body: form('file', [['cat.jpg', await photo()]]) });
    expect(res.status).toBe(200);
    expect(res.body.prediction).toMatch(/Benign|Malignant/);
    expect(res.body.input_check).toMatchObject({ mode: 'warn', status: 'warning' });
    expect(res.body.input_check.warning).toMatch(/^This does not look like a mammogram\. The image is in colour .*INPUT_CHECK=warn/);
    expect(res.body.input_check.checks.find((c: { check: string }) => c.check === 'colourfulness').passed).toBe(false);
  });

  test.skipIf(!tools)('reads a non-MG DICOM file too, and warns', async () => {
    const res = await call(warn().url, 'POST', '/predict', {
      body: form('file', [['ct.dcm', dicom('ct-warn.dcm', { modality: 'CT', sopClassUid: CT_IMAGE })]]),
    });
    expect(res.status).toBe(200);
    expect(res.body.input_check.warning).toMatch(/Modality CT \(computed tomography\)/);
  });

  test('says so in the overlay headers of /explain', async () => {
    const res = await call(warn().url, 'POST', '/explain', {
      body: form('file', [['cat.jpg', await photo()]]),
      headers: { Accept: 'image/png' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-input-check')).toBe('warning');
  });
});

describe('INPUT_CHECK=off', () => {
  const off = serverForSuite({ INPUT_CHECK: 'off' });

  test('checks nothing and says so', async () => {
    const res = await call(off().url, 'POST', '/predict', { body: form('file', [['blank.png', await blank()]]) });
    expect(res.status).toBe(200);
    expect(res.body.input_check).toEqual({ mode: 'off', status: 'not_checked', checks: [], typicality: null });
    const model = await call(off().url, 'GET', '/model');
    expect(model.body.input_check.mode).toBe('off');
  });
});

describe("a model's own typicality check (the tiny gated model: 10 x the mean input pixel, threshold 5)", () => {
  const gated = serverForSuite({ MODEL_DIR: gatedModelDir });
  // Grey and structured (the rules pass), bright all over: the model's input is brighter than mid-grey.
  const bright = () => greyPng(400, 400, (x, y) => (x < 8 || y < 8 || x > 391 || y > 391 ? 0 : 170 + ((x * 7 + y * 3) % 80)));

  test('passes the breast picture, with its score and the threshold', async () => {
    const res = await call(gated().url, 'POST', '/predict', { body: form('file', [['breast.png', fixture('breast-grey.png')]]) });
    expect(res.status).toBe(200);
    expect(res.body.input_check.status).toBe('passed');
    expect(res.body.input_check.typicality).toMatchObject({ threshold: 5, passed: true });
    expect(res.body.input_check.typicality.score).toBeLessThan(5);
  });

  test('refuses an image that passes the rules but not the typicality check, naming both figures', async () => {
    const res = await call(gated().url, 'POST', '/predict', { body: form('file', [['bright.png', await bright()]]) });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('NOT_A_MAMMOGRAM');
    expect(res.body.detail).toMatch(
      /^bright\.png: not a mammogram\. The model's typicality check finds it unlike the mammograms it was fitted on \(distance \d+(\.\d)?, above the threshold 5\)\.$/,
    );
  });

  test('refuses it as a per-file entry in a batch and a study, after the one forward pass', async () => {
    const batch = await call(gated().url, 'POST', '/batch-predict', {
      body: form('files', [
        ['bright.png', await bright()],
        ['breast.png', fixture('breast-grey.png')],
      ]),
    });
    expect(batch.body).toMatchObject({ successful: 1, failed: 1 });
    expect(batch.body.results[0]).toMatchObject({ filename: 'bright.png', code: 'NOT_A_MAMMOGRAM' });
    expect(batch.body.results[1].input_check.typicality.passed).toBe(true);

    const body = new FormData();
    body.append('files', new Blob([await bright()]), 'L-CC.png');
    body.append('files', new Blob([fixture('breast-grey.png')]), 'R-CC.png');
    for (const side of ['L', 'R']) body.append('laterality', side);
    const study = await call(gated().url, 'POST', '/predict-study', { body });
    expect(study.body).toMatchObject({ successful: 1, failed: 1, breasts: { left: null } });
    expect(study.body.results[0]).toMatchObject({ filename: 'L-CC.png', code: 'NOT_A_MAMMOGRAM' });
    expect(study.body.breasts.right.images).toBe(1);
  });

  test('states the check and its threshold in GET /model', async () => {
    const res = await call(gated().url, 'GET', '/model');
    expect(res.body.input_check.typicality).toMatchObject({ threshold: 5, method: expect.stringMatching(/mean pixel/) });
  });
});
