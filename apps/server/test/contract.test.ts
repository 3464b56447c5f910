import { breastImages, call, fixture, form, scoreMapModelDir } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { describe, expect, test } from 'vitest';
import { loadConfig, startServer } from '../src/index.js';

const { startTestServer, serverForSuite } = createServerKit({ loadConfig, startServer });

const server = serverForSuite();

describe('service endpoints', () => {
  test('GET /health reports a loaded model as healthy', async () => {
    const res = await call(server().url, 'GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'healthy', service: 'Breast Cancer Detection API', version: '1.0.0', model_status: 'loaded' });
  });

  test('GET /model serves the card with the weights SHA-256 and the risk table', async () => {
    const res = await call(server().url, 'GET', '/model');
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('tiny-test-model');
    expect(res.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(res.body.risk_levels).toHaveLength(7);
    expect(res.body.input.preprocessing).toBe('stretch');
    expect(res.body).not.toHaveProperty('score_map');
  });

  test('serves the spec as JSON and as the YAML file', async () => {
    const json = await call(server().url, 'GET', '/openapi.json');
    expect(json.body.openapi).toBe('3.1.0');
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/health', '/predict', '/batch-predict', '/model']));
    const yaml = await call(server().url, 'GET', '/openapi.yaml');
    expect(yaml.body).toMatch(/^openapi: 3\.1\.0/);
  });

  test('serves Swagger UI at / and ReDoc at /redoc with local assets only', async () => {
    const swagger = await call(server().url, 'GET', '/');
    expect(swagger.body).toContain('swagger-ui-bundle.js');
    expect(swagger.body).toContain('Not for medical diagnosis');
    const redoc = await call(server().url, 'GET', '/redoc');
    expect(redoc.body).toContain('redoc.standalone.js');
    for (const page of [swagger.body as string, redoc.body as string]) expect(page).not.toMatch(/https?:\/\//);
    for (const asset of ['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-init.js', 'redoc.standalone.js']) {
      expect((await call(server().url, 'GET', `/docs/${asset}`)).status).toBe(200);
    }
    expect((await call(server().url, 'GET', '/docs/nothing.js')).status).toBe(404);
  });

  test('answers unknown paths with 404 in the error format', async () => {
    const res = await call(server().url, 'GET', '/no/such/path');
    expect(res.status).toBe(404);
  });

  test.each([
    ['DELETE', '/predict', 'POST'],
    ['GET', '/batch-predict', 'POST'],
    ['POST', '/health', 'HEAD, GET'],
    ['PUT', '/model', 'HEAD, GET'],
  ])('answers %s %s with 405 and Allow', async (method, path, allow) => {
    const res = await call(server().url, method, path);
    expect(res.status).toBe(405);
    expect(res.body.code).toBe('METHOD_NOT_ALLOWED');
    expect(res.headers.get('allow')).toBe(allow);
  });

  test('echoes a well-formed client request id and replaces a malformed one', async () => {
    const mine = await call(server().url, 'GET', '/health', { headers: { 'X-Request-Id': 'trace-42' } });
    expect(mine.headers.get('x-request-id')).toBe('trace-42');
    const bad = await call(server().url, 'GET', '/health', { headers: { 'X-Request-Id': 'has spaces/and slashes' } });
    expect(bad.headers.get('x-request-id')).not.toBe('has spaces/and slashes');
  });

  test('allows any origin by default (CORS), preflight included', async () => {
    const res = await call(server().url, 'GET', '/health', { headers: { Origin: 'http://elsewhere.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const preflight = await fetch(`${server().url}/predict`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://elsewhere.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
  });
});

describe('POST /predict', () => {
  test.each(breastImages)('classifies %s with every field of the original API', async (name, format) => {
    const res = await call(server().url, 'POST', '/predict', { body: form('file', [[name, fixture(name)]]) });
    expect(res.status).toBe(200);
    // The original API's fields, and what the input check found (issue 20).
    expect(Object.keys(res.body).sort()).toEqual(
      [
        'confidence',
        'disclaimer',
        'image_info',
        'image_statistics',
        'prediction',
        'probabilities',
        'risk_assessment',
        'input_check',
      ].sort(),
    );
    expect(res.body.input_check).toMatchObject({ mode: 'refuse', status: 'passed', typicality: null });
    expect(res.body.input_check.checks.map((c: { check: string; passed: boolean }) => [c.check, c.passed])).toEqual([
      ['image_size', true],
      ['grey_range', true],
      ['colourfulness', true],
    ]);
    expect(res.body.image_info).toEqual({ filename: name, size: '288x384', format });
    expect(res.body.probabilities.benign + res.body.probabilities.malignant).toBeCloseTo(100, 8);
    const stats = res.body.image_statistics;
    expect(stats.brightness).toBeCloseTo((stats.mean_intensity / 255) * 100, 1);
    expect(stats.contrast).toBeCloseTo((stats.std_intensity / 255) * 100, 1);
  });

  test('names the result after the client file name, without its path', async () => {
    for (const sent of ['../../etc/scan ü.png', '..\\..\\windows\\scan ü.png', 'C:\\scans\\scan ü.png']) {
      const res = await call(server().url, 'POST', '/predict', { body: form('file', [[sent, fixture('breast-grey.png')]]) });
      expect(res.body.image_info.filename).toBe('scan ü.png');
    }
  });

  test.each([
    ['a PDF named .pdf', 'not-an-image.pdf', 'UNSUPPORTED_IMAGE', /not-an-image\.pdf: unsupported file type \(PDF\)/],
    ['HTML named .png', 'page.html.png', 'UNSUPPORTED_IMAGE', /page\.html\.png: unsupported file type \(HTML\)/],
    ['an empty file', 'empty.png', 'EMPTY_FILE', /empty/],
    ['a truncated PNG', 'truncated.png', 'CORRUPT_IMAGE', /damaged or truncated/],
    ['a decompression bomb', 'bomb-50000x50000.png', 'IMAGE_TOO_LARGE', /50000x50000/],
  ])('refuses %s with 400 naming the file', async (_, name, code, detail) => {
    const res = await call(server().url, 'POST', '/predict', { body: form('file', [[name, fixture(name)]]) });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code, detail: expect.stringMatching(detail) });
  });

  test.each([
    [
      'an SVG with an external reference',
      'scan.png',
      '<svg xmlns="http://www.w3.org/2000/svg"><image href="http://169.254.169.254/x"/></svg>',
      /\(SVG\)/,
    ],
    ['a zip archive', 'scan.png', 'PK\u0003\u0004rest-of-zip', /\(ZIP archive\)/],
  ])('refuses %s disguised by its name', async (_, name, content, kind) => {
    const res = await call(server().url, 'POST', '/predict', { body: form('file', [[name, new TextEncoder().encode(content)]]) });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'UNSUPPORTED_IMAGE', detail: expect.stringMatching(kind) });
  });

  test('refuses a request without a file with 400', async () => {
    const res = await call(server().url, 'POST', '/predict', { body: new FormData() });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('MISSING_FILE');
  });

  test('refuses a file under another field name instead of ignoring it', async () => {
    const res = await call(server().url, 'POST', '/predict', { body: form('image', [['a.png', fixture('breast-grey.png')]]) });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'UNEXPECTED_FIELD', detail: expect.stringContaining("'image'") });
  });

  test('refuses a text value in the file field', async () => {
    const data = new FormData();
    data.append('file', 'just text');
    const res = await call(server().url, 'POST', '/predict', { body: data });
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/must be a file upload/);
  });

  test('refuses two files with 400 pointing to /batch-predict', async () => {
    const body = form('file', [
      ['a.png', fixture('breast-grey.png')],
      ['b.png', fixture('breast-grey.png')],
    ]);
    const res = await call(server().url, 'POST', '/predict', { body });
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/batch-predict/);
  });

  test('refuses a body that is not multipart with 415', async () => {
    const res = await call(server().url, 'POST', '/predict', {
      body: JSON.stringify({ file: 'x' }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(415);
  });

  test('refuses a malformed multipart body with 400', async () => {
    const res = await call(server().url, 'POST', '/predict', {
      body: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc',
      headers: { 'Content-Type': 'multipart/form-data; boundary=xyz' },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('MALFORMED_MULTIPART');
  });
});

describe('POST /batch-predict', () => {
  test('classifies files in upload order and reports a bad one without failing the batch', async () => {
    const body = form('files', [
      ['one.png', fixture('breast-grey.png')],
      ['notes.pdf', fixture('not-an-image.pdf')],
      ['three.jpg', fixture('breast.jpg')],
    ]);
    const res = await call(server().url, 'POST', '/batch-predict', { body });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total_images: 3, successful: 2, failed: 1 });
    expect(res.body.results.map((r: { filename: string }) => r.filename)).toEqual(['one.png', 'notes.pdf', 'three.jpg']);
    expect(res.body.results[1]).toEqual({
      filename: 'notes.pdf',
      code: 'UNSUPPORTED_IMAGE',
      error: expect.stringMatching(/^notes\.pdf: unsupported file type \(PDF\)/),
    });
    expect(res.body.summary.malignant + res.body.summary.benign).toBe(2);
  });

  test('gives the same probabilities in a batch as one at a time', async () => {
    const names = ['breast-grey.png', 'breast.jpg', 'breast.webp'];
    const batch = await call(server().url, 'POST', '/batch-predict', {
      body: form(
        'files',
        names.map((n) => [n, fixture(n)]),
      ),
    });
    for (const [i, name] of names.entries()) {
      const single = await call(server().url, 'POST', '/predict', { body: form('file', [[name, fixture(name)]]) });
      expect(batch.body.results[i].probabilities).toEqual(single.body.probabilities);
    }
  });

  test('accepts 10 files and refuses an 11th with 400', async () => {
    const ten = Array.from({ length: 10 }, (_, i): [string, Uint8Array] => [`f${i}.png`, fixture('breast-grey.png')]);
    const ok = await call(server().url, 'POST', '/batch-predict', { body: form('files', ten) });
    expect(ok.body.total_images).toBe(10);
    const eleven = await call(server().url, 'POST', '/batch-predict', {
      body: form('files', [...ten, ['f10.png', fixture('breast-grey.png')]]),
    });
    expect(eleven.status).toBe(400);
    expect(eleven.body).toMatchObject({ code: 'TOO_MANY_FILES', detail: expect.stringMatching(/at most 10/) });
  });

  test('refuses a batch with no files, or files under the single-file field', async () => {
    expect((await call(server().url, 'POST', '/batch-predict', { body: new FormData() })).body.code).toBe('MISSING_FILE');
    const wrong = await call(server().url, 'POST', '/batch-predict', { body: form('file', [['a.png', fixture('breast-grey.png')]]) });
    expect(wrong.status).toBe(400);
    expect(wrong.body.detail).toMatch(/'files'/);
  });

  test('reports every file failing as a 200 with all entries failed', async () => {
    const res = await call(server().url, 'POST', '/batch-predict', { body: form('files', [['e.png', fixture('empty.png')]]) });
    expect(res.body).toMatchObject({ total_images: 1, successful: 0, failed: 1, summary: { malignant: 0, benign: 0 } });
  });
});

describe('limits', () => {
  // breast.jpg (22 kB) passes the request limit but not the file limit; eight breast-grey.png (3.2 kB each) pass the file limit but not the request limit.
  const small = serverForSuite({ MAX_FILE_BYTES: '4096', MAX_REQUEST_BYTES: '24000' });

  test('refuses a file over MAX_FILE_BYTES with 413 naming the limit', async () => {
    const res = await call(small().url, 'POST', '/predict', { body: form('file', [['big.jpg', fixture('breast.jpg')]]) });
    expect(res.status).toBe(413);
    expect(res.body.detail).toMatch(/4096 bytes per file/);
  });

  test('refuses a request over MAX_REQUEST_BYTES with 413 before reading it', async () => {
    const files = Array.from({ length: 8 }, (_, i): [string, Uint8Array] => [`f${i}.png`, fixture('breast-grey.png')]);
    const res = await call(small().url, 'POST', '/batch-predict', { body: form('files', files) });
    expect(res.status).toBe(413);
    expect(res.body.detail).toMatch(/the limit is 24000 bytes per request/);
  });

  test('refuses animated and multi-page images with 400', async () => {
    for (const name of ['animated.webp', 'two-pages.tiff']) {
      const res = await call(small().url, 'POST', '/predict', { body: form('file', [[name, fixture(name)]]) });
      expect(res.status).toBe(400);
      expect(res.body.detail).toMatch(/single still image/);
    }
  });
});

describe('without a usable model', () => {
  const broken = serverForSuite({ MODEL_DIR: '/nonexistent/model' });

  test('still starts, and /health says unhealthy with 503', async () => {
    const res = await call(broken().url, 'GET', '/health');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'unhealthy', model_status: 'not_loaded' });
  });

  test('answers /predict, /batch-predict and /model with 503 and a clear detail', async () => {
    for (const [method, path, body] of [
      ['POST', '/predict', form('file', [['a.png', fixture('breast-grey.png')]])],
      ['POST', '/batch-predict', form('files', [['a.png', fixture('breast-grey.png')]])],
      ['GET', '/model', undefined],
    ] as const) {
      const res = await call(broken().url, method, path, body ? { body } : {});
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ code: 'MODEL_UNAVAILABLE', detail: expect.stringMatching(/model is not available.*manifest/) });
      expect(res.body.detail).not.toContain('/nonexistent');
    }
  });
});

describe('GET /model for other model folders', () => {
  test('serves mammogram preprocessing and the score map of a model that has one', async () => {
    const other = await startTestServer({ MODEL_DIR: scoreMapModelDir });
    try {
      const res = await call(other.url, 'GET', '/model');
      expect(res.status).toBe(200);
      expect(res.body.input).toMatchObject({ channels: 1, color: 'GRAY', preprocessing: 'mammogram' });
      expect(res.body.score_map).toEqual({ name: 'score_map', kind: 'logit_grid', width: 4, height: 4 });
      const predicted = await call(other.url, 'POST', '/predict', { body: form('file', [['a.png', fixture('breast-grey.png')]]) });
      expect(predicted.status).toBe(200);
    } finally {
      await other.close();
    }
  });
});
