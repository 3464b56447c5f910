// POST /predict-study with PNG/JPEG images and form fields (DICOM studies: dicom.slow.test.ts),
// against the tiny model, every answer checked against openapi.yaml.
import { call, fixture } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { describe, expect, test } from 'vitest';
import { loadConfig, startServer } from '../src/index.js';

const { serverForSuite } = createServerKit({ loadConfig, startServer });
const server = serverForSuite();

/** A study form: files, then the `laterality` and `view` columns when given. */
function study(files: Array<[name: string, fixtureName: string]>, columns: { laterality?: string[]; view?: string[] } = {}): FormData {
  const form = new FormData();
  for (const [name, fixtureName] of files) form.append('files', new Blob([fixture(fixtureName)]), name);
  for (const value of columns.laterality ?? []) form.append('laterality', value);
  for (const value of columns.view ?? []) form.append('view', value);
  return form;
}

describe('POST /predict-study', () => {
  test('combines four views: each breast the maximum of its images, the study the maximum of its breasts', async () => {
    const res = await call(server().url, 'POST', '/predict-study', {
      body: study(
        [
          ['L-CC.png', 'breast-grey.png'],
          ['L-MLO.jpg', 'breast.jpg'],
          ['R-CC.webp', 'breast.webp'],
          ['R-MLO.tiff', 'breast.tiff'],
        ],
        { laterality: ['L', 'L', 'R', 'r'], view: ['CC', 'MLO', 'cc', 'MLO'] },
      ),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total_images: 4, successful: 4, failed: 0, missing_views: [] });
    const results = res.body.results;
    expect(results.map((r: { laterality: string; view: string }) => `${r.laterality}-${r.view}`)).toEqual([
      'L-CC',
      'L-MLO',
      'R-CC',
      'R-MLO',
    ]);
    expect(results.every((r: { laterality_source: string }) => r.laterality_source === 'form')).toBe(true);
    const malignant = results.map((r: { probabilities: { malignant: number } }) => r.probabilities.malignant);
    expect(res.body.breasts.left.probabilities.malignant).toBe(Math.max(malignant[0], malignant[1]));
    expect(res.body.breasts.right.probabilities.malignant).toBe(Math.max(malignant[2], malignant[3]));
    expect(res.body.study.probabilities.malignant).toBe(Math.max(...malignant));
    expect(res.body.breasts.left).toMatchObject({ images: 2, views: ['CC', 'MLO'] });
    expect(res.body.rule).toMatch(/maximum/);
    expect(res.body.disclaimer).toMatch(/Not for medical diagnosis/);
  });

  test('reports missing views and a breast without images as null', async () => {
    const res = await call(server().url, 'POST', '/predict-study', {
      body: study([['right.png', 'breast-grey.png']], { laterality: ['R'], view: ['CC'] }),
    });
    expect(res.status).toBe(200);
    expect(res.body.breasts.left).toBeNull();
    expect(res.body.missing_views).toEqual(['L-CC', 'L-MLO', 'R-MLO']);
  });

  test('a file that cannot be read gets its error entry; the study is made of the others', async () => {
    const res = await call(server().url, 'POST', '/predict-study', {
      body: study(
        [
          ['L-CC.png', 'breast-grey.png'],
          ['broken.png', 'truncated.png'],
        ],
        { laterality: ['L', 'L'], view: ['CC', 'MLO'] },
      ),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ successful: 1, failed: 1, missing_views: ['L-MLO', 'R-CC', 'R-MLO'] });
    expect(res.body.results[1]).toMatchObject({ filename: 'broken.png', code: 'CORRUPT_IMAGE' });
    expect(res.body.study.images).toBe(1);
  });

  test('400 LATERALITY_UNKNOWN names the image nothing places', async () => {
    const res = await call(server().url, 'POST', '/predict-study', {
      body: study([
        ['a.png', 'breast-grey.png'],
        ['b.png', 'breast-grey.png'],
      ]),
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'LATERALITY_UNKNOWN', detail: expect.stringMatching(/^a\.png: which breast/) });
  });

  test.each([
    ['a laterality column shorter than the files', { laterality: ['L'] }, /once per file.*2 files, 1 value/],
    ['a laterality that is not L or R', { laterality: ['L', 'X'] }, /b\.png: laterality must be L or R, not 'X'/],
    ['a view that is not a word', { laterality: ['L', 'R'], view: ['CC', 'M-L-O'] }, /b\.png: view must be letters only/],
  ])('400 INVALID_PARAMETER for %s', async (_, columns, detail) => {
    const res = await call(server().url, 'POST', '/predict-study', {
      body: study(
        [
          ['a.png', 'breast-grey.png'],
          ['b.png', 'breast-grey.png'],
        ],
        columns,
      ),
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'INVALID_PARAMETER', detail: expect.stringMatching(detail) });
  });

  test('400 for more than 8 images, an unknown field, or no file', async () => {
    const nine = study(Array.from({ length: 9 }, (_, i): [string, string] => [`f${i}.png`, 'breast-grey.png']));
    expect((await call(server().url, 'POST', '/predict-study', { body: nine })).body.code).toBe('TOO_MANY_FILES');
    const form = study([['a.png', 'breast-grey.png']], { laterality: ['L'] });
    form.append('side', 'L');
    const stray = await call(server().url, 'POST', '/predict-study', { body: form });
    expect(stray.body).toMatchObject({
      code: 'UNEXPECTED_FIELD',
      detail: expect.stringMatching(/'side'; send only 'files', 'laterality', 'view'/),
    });
    const empty = new FormData();
    empty.append('laterality', 'L');
    expect((await call(server().url, 'POST', '/predict-study', { body: empty })).body.code).toBe('MISSING_FILE');
  });

  test('415 for a body that is not multipart, 405 for GET', async () => {
    expect(
      (await call(server().url, 'POST', '/predict-study', { body: '{}', headers: { 'Content-Type': 'application/json' } })).status,
    ).toBe(415);
    expect((await call(server().url, 'GET', '/predict-study')).status).toBe(405);
  });
});

describe('POST /predict-study under limits, keys and a missing model', () => {
  const small = serverForSuite({ MAX_FILE_BYTES: '2048' });
  const keyed = serverForSuite({ API_KEYS: 'study-test-key-00001' });
  const broken = serverForSuite({ MODEL_DIR: '/nonexistent/model' });
  const one = () => study([['a.png', 'breast-grey.png']], { laterality: ['L'] });

  test('413, 401 and 503', async () => {
    expect(
      (await call(small().url, 'POST', '/predict-study', { body: study([['big.jpg', 'breast.jpg']], { laterality: ['L'] }) })).status,
    ).toBe(413);
    expect((await call(keyed().url, 'POST', '/predict-study', { body: one() })).status).toBe(401);
    expect(
      (await call(keyed().url, 'POST', '/predict-study', { body: one(), headers: { 'X-API-Key': 'study-test-key-00001' } })).status,
    ).toBe(200);
    const res = await call(broken().url, 'POST', '/predict-study', { body: one() });
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('MODEL_UNAVAILABLE');
  });
});
