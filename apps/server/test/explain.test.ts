// POST /explain against the score-map fixture model (a 4x4 grid of 10 * (tile mean - 0.5),
// whose image logit is the grid's mean), so that where the heatmap peaks is known in advance.
import { call, fixture, form, scoreMapModelDir } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { loadConfig, startServer } from '../src/index.js';

const { serverForSuite } = createServerKit({ loadConfig, startServer });

const server = serverForSuite({ MODEL_DIR: scoreMapModelDir });
/** The tiny model has no score map. */
const plain = serverForSuite();

/** The fixture's calibration (manifest.json): p = sigmoid(0.5 * logit + 0.25). */
const toLogit = (p: number): number => (Math.log(p / (1 - p)) - 0.25) / 0.5;

/**
 * A synthetic 300x400 mammogram: black background, a grey half-disc of tissue against one
 * edge (the chest wall), and a bright blob at (`blobX`, 120).
 */
async function syntheticFilm(chestWall: 'left' | 'right', blobX: number): Promise<Uint8Array> {
  const width = 300;
  const height = 400;
  const grey = new Uint8Array(width * height);
  const wallX = chestWall === 'left' ? 0 : width - 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inBreast = ((x - wallX) / 220) ** 2 + ((y - 200) / 190) ** 2 <= 1;
      const inBlob = (x - blobX) ** 2 + (y - 120) ** 2 <= 25 ** 2;
      grey[y * width + x] = inBlob ? 255 : inBreast ? 90 : 0;
    }
  }
  return new Uint8Array(
    await sharp(grey, { raw: { width, height, channels: 1 } })
      .png()
      .toBuffer(),
  );
}

const film = (name: string, bytes: Uint8Array) => form('file', [[name, bytes]]);

describe('POST /explain as JSON', () => {
  test('returns every field of /predict, with the same prediction, plus the heatmap', async () => {
    const body = film('breast-grey.png', fixture('breast-grey.png'));
    const explained = await call(server().url, 'POST', '/explain', { body });
    const predicted = await call(server().url, 'POST', '/predict', { body: film('breast-grey.png', fixture('breast-grey.png')) });
    expect(explained.status).toBe(200);
    expect(explained.headers.get('vary')).toMatch(/Accept/);
    const { heatmap, ...rest } = explained.body;
    expect(rest).toEqual(predicted.body);
    expect(heatmap).toMatchObject({ width: 4, height: 4, source: 'model_score_map' });
    expect(heatmap.values).toHaveLength(16);
  });

  test('the cells are the forward pass that scored the image: their mean logit is the image logit', async () => {
    const res = await call(server().url, 'POST', '/explain', { body: film('film.png', await syntheticFilm('right', 200)) });
    const cells: number[] = res.body.heatmap.values;
    const meanLogit = cells.map(toLogit).reduce((a, b) => a + b, 0) / cells.length;
    const p = 1 / (1 + Math.exp(-(0.5 * meanLogit + 0.25)));
    // Values are rounded to four decimals on the wire; the percentages to two.
    expect(p * 100).toBeCloseTo(res.body.probabilities.malignant, 1);
  });

  test.each([
    ['right', 200],
    ['left', 100],
  ] as const)('puts the peak on the bright blob of a film with the chest wall on the %s', async (wall, blobX) => {
    const res = await call(server().url, 'POST', '/explain', { body: film('film.png', await syntheticFilm(wall, blobX)) });
    const { peak, grid_to_image: map, width } = res.body.heatmap;
    // The model saw the chest wall on the left: a film with it on the right was mirrored.
    expect(Math.sign(map.scale_x)).toBe(wall === 'right' ? -1 : 1);
    const cell = Math.abs(map.scale_x);
    expect(Math.hypot(peak.x - blobX, peak.y - 120)).toBeLessThan(cell * 0.75);
    expect(peak.value).toBe(Math.max(...res.body.heatmap.values));
    // The peak's cell, mapped through grid_to_image, is the peak.
    expect(map.offset_x + map.scale_x * (peak.column + 0.5)).toBeCloseTo(peak.x, 0);
    expect(map.offset_y + map.scale_y * (peak.row + 0.5)).toBeCloseTo(peak.y, 0);
    expect(peak.column).toBeLessThan(width);
  });
});

describe('POST /explain as PNG', () => {
  test('draws the overlay at the image aspect, with the prediction in headers', async () => {
    const json = await call(server().url, 'POST', '/explain', { body: film('a.png', fixture('breast-grey.png')) });
    const res = await call(server().url, 'POST', '/explain', {
      body: film('a.png', fixture('breast-grey.png')),
      headers: { Accept: 'image/png' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-prediction')).toBe(json.body.prediction);
    expect(res.headers.get('x-malignant-probability')).toBe(json.body.probabilities.malignant.toFixed(2));
    expect(res.headers.get('x-risk-level')).toBe(json.body.risk_assessment.level);
    const meta = await sharp(res.body).metadata();
    // 288x384 is enlarged to 1024 on its long side, so that the legend keeps its size; aspect kept.
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 768, 1024]);
  });

  test('shrinks a large image to 1024 px on its long side, EXIF orientation applied', async () => {
    // A grey ramp, not a flat colour: a blank image is refused by the input check.
    const ramp = Buffer.alloc(2000 * 1500);
    for (let i = 0; i < ramp.length; i++) ramp[i] = (i % 2000) >> 3;
    const big = await sharp(ramp, { raw: { width: 2000, height: 1500, channels: 1 } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const res = await call(server().url, 'POST', '/explain', { body: film('big.jpg', big), headers: { Accept: 'image/png' } });
    expect(res.status).toBe(200);
    const meta = await sharp(res.body).metadata();
    expect([meta.width, meta.height]).toEqual([768, 1024]);
  });

  test('opacity 0 draws the image alone, 1 the heatmap at full strength', async () => {
    const bytes = await syntheticFilm('right', 200);
    const render = async (opacity: string) => {
      const res = await call(server().url, 'POST', `/explain?opacity=${opacity}`, {
        body: film('f.png', bytes),
        headers: { Accept: 'image/png' },
      });
      expect(res.status).toBe(200);
      return sharp(res.body).raw().toBuffer();
    };
    const [none, full] = await Promise.all([render('0'), render('1')]);
    const plainImage = await sharp(bytes).resize(768, 1024).removeAlpha().toColourspace('srgb').raw().toBuffer();
    // At 0, the blob's centre is the image's own pixel; at 1, it is coloured.
    const at = (buffer: Buffer, x: number, y: number) => [...buffer.subarray((y * 768 + x) * 3, (y * 768 + x) * 3 + 3)];
    const blob = [Math.round((200 * 768) / 300), Math.round((120 * 1024) / 400)] as const;
    expect(at(none, ...blob)).toEqual(at(plainImage, ...blob));
    expect(at(full, ...blob)).not.toEqual(at(none, ...blob));
  });

  test.each(['2', '-0.1', 'abc', ''])('refuses opacity=%j with 400 INVALID_PARAMETER', async (opacity) => {
    const res = await call(server().url, 'POST', `/explain?opacity=${opacity}`, {
      body: film('a.png', fixture('breast-grey.png')),
      headers: { Accept: 'image/png' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'INVALID_PARAMETER', detail: expect.stringMatching(/opacity must be one number from 0 to 1/) });
  });

  test('answers a bad file in JSON even when a PNG was asked for', async () => {
    const res = await call(server().url, 'POST', '/explain', {
      body: film('not-an-image.pdf', fixture('not-an-image.pdf')),
      headers: { Accept: 'image/png' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'UNSUPPORTED_IMAGE', detail: expect.stringMatching(/not-an-image\.pdf/) });
  });
});

describe('POST /explain refusals', () => {
  test('406 when Accept names neither JSON nor PNG', async () => {
    const res = await call(server().url, 'POST', '/explain', {
      body: film('a.png', fixture('breast-grey.png')),
      headers: { Accept: 'text/csv' },
    });
    expect(res.status).toBe(406);
    expect(res.body).toMatchObject({ code: 'NOT_ACCEPTABLE', detail: expect.stringMatching(/application\/json or image\/png.*text\/csv/) });
  });

  test('422 EXPLANATION_UNAVAILABLE naming a model without a score map, and the connection stays usable', async () => {
    const res = await call(plain().url, 'POST', '/explain', { body: film('a.png', fixture('breast-grey.png')) });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'EXPLANATION_UNAVAILABLE',
      detail: expect.stringMatching(/\(tiny-test-model 0\.0\.1\) has no score-map output/),
    });
    expect((await call(plain().url, 'POST', '/predict', { body: film('a.png', fixture('breast-grey.png')) })).status).toBe(200);
  });

  test.each([
    ['no file', () => new FormData(), 400, 'MISSING_FILE'],
    ['an empty file', () => film('empty.png', fixture('empty.png')), 400, 'EMPTY_FILE'],
    ['a truncated PNG', () => film('truncated.png', fixture('truncated.png')), 400, 'CORRUPT_IMAGE'],
  ])('answers %s with %i', async (_, body, status, code) => {
    const res = await call(server().url, 'POST', '/explain', { body: body() });
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
  });

  test('415 for a body that is not multipart, 405 for GET', async () => {
    const json = await call(server().url, 'POST', '/explain', { body: '{}', headers: { 'Content-Type': 'application/json' } });
    expect(json.status).toBe(415);
    const get = await call(server().url, 'GET', '/explain');
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });
});

describe('POST /explain under limits, keys and a missing model', () => {
  const small = serverForSuite({ MODEL_DIR: scoreMapModelDir, MAX_FILE_BYTES: '2048' });
  const keyed = serverForSuite({ MODEL_DIR: scoreMapModelDir, API_KEYS: 'explain-test-key-0001' });
  const broken = serverForSuite({ MODEL_DIR: '/nonexistent/model' });

  test('413 for a file over MAX_FILE_BYTES', async () => {
    const res = await call(small().url, 'POST', '/explain', { body: film('big.jpg', fixture('breast.jpg')) });
    expect(res.status).toBe(413);
  });

  test('401 without the API key, 200 with it', async () => {
    expect((await call(keyed().url, 'POST', '/explain', { body: film('a.png', fixture('breast-grey.png')) })).status).toBe(401);
    const res = await call(keyed().url, 'POST', '/explain', {
      body: film('a.png', fixture('breast-grey.png')),
      headers: { 'X-API-Key': 'explain-test-key-0001' },
    });
    expect(res.status).toBe(200);
  });

  test('503 MODEL_UNAVAILABLE without a model', async () => {
    const res = await call(broken().url, 'POST', '/explain', { body: film('a.png', fixture('breast-grey.png')) });
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('MODEL_UNAVAILABLE');
  });
});
