// The SDK against the real server (in this process, tiny fixture model), every answer checked
// against openapi.yaml with the contract's validator.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig, type RunningServer, startServer } from '@bcd-api/http';
import { blankPng, checkedFetch, colourPng, filmPath, fixture, imagesDir, miniMiasDir, warnSkipped } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { afterAll, beforeAll, describe, expect, expectTypeOf, test } from 'vitest';
import { createClient as createBrowserClient, isApiError, isNetworkError, NotAMammogramError, unwrap } from '../src/index.js';
import { createClient } from '../src/node.js';

const { startTestServer, serverForSuite } = createServerKit({ loadConfig, startServer });
const checked: string[] = [];
/** A fetch that checks every response against the contract, as a downstream app's tests would. */
const contractFetch = checkedFetch(checked);

const server = serverForSuite();

describe('against the real server', () => {
  test('health and model are typed and valid', async () => {
    const client = createBrowserClient({ baseUrl: server().url, fetch: contractFetch });
    const health = await unwrap(client.health());
    expect(health).toEqual({
      status: 'healthy',
      service: 'Breast Cancer Detection API',
      version: expect.any(String),
      model_status: 'loaded',
    });
    const card = await unwrap(client.model());
    expect(card.name).toBe('tiny-test-model');
    expect(card.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test('predict classifies a File and keeps its name', async () => {
    const client = createBrowserClient({ baseUrl: server().url, fetch: contractFetch });
    const data = await unwrap(client.predict(new File([fixture('breast.jpg')], 'left CC.jpg')));
    expect(data.image_info).toEqual({ filename: 'left CC.jpg', size: expect.stringMatching(/^\d+x\d+$/), format: 'JPEG' });
    expect(data.probabilities.benign + data.probabilities.malignant).toBeCloseTo(100, 1);
    expect(data.disclaimer).toContain('Not for medical diagnosis');
  });

  test('an empty file is a BadRequestError with detail, code and the request id', async () => {
    const client = createBrowserClient({ baseUrl: server().url, fetch: contractFetch });
    const { error, response } = await client.predict({ data: new Uint8Array(), filename: 'empty.png' }, { requestId: 'sdk-test-42' });
    expect(isApiError(error)).toBe(true);
    expect(error).toMatchObject({ name: 'BadRequestError', status: 400, code: 'EMPTY_FILE', requestId: 'sdk-test-42' });
    expect(error?.message).toContain('empty.png');
    expect(response?.status).toBe(400);
    await expect(unwrap(client.predict(new Uint8Array()))).rejects.toMatchObject({ status: 400 });
  });

  test('batchPredict sends 12 files as two requests and merges them in order, bad files named', async () => {
    const client = createBrowserClient({ baseUrl: server().url, fetch: contractFetch });
    const present = [
      'breast.jpg',
      'breast-grey.png',
      'breast-16bit.png',
      'breast-rgba.png',
      'breast.webp',
      'breast.tiff',
      'breast-exif-rotated.jpg',
      'empty.png',
      'truncated.png',
      'not-an-image.pdf',
      'breast.jpg',
    ];
    const files = present.map((n) => new File([fixture(n)], n));
    const before = checked.length;
    const data = await unwrap(
      client.batchPredict([...files, new File([fixture('breast.jpg')], 'extra-1.jpg'), new File([fixture('breast.jpg')], 'extra-2.jpg')], {
        concurrency: 2,
      }),
    );
    expect(checked.slice(before).filter((c) => c.startsWith('POST /batch-predict 200'))).toHaveLength(2);
    expect(data.total_images).toBe(present.length + 2);
    expect(data.results.map((r) => r.filename)).toEqual([...present, 'extra-1.jpg', 'extra-2.jpg']);
    expect(data.failed).toBe(3);
    expect(data.successful).toBe(present.length + 2 - 3);
    const failed = data.results.filter((r) => 'error' in r);
    expect(failed.map((r) => ('code' in r ? r.code : ''))).toEqual(['EMPTY_FILE', 'CORRUPT_IMAGE', 'UNSUPPORTED_IMAGE']);
  });

  test('an image that is not a mammogram is a NotAMammogramError naming the file and why', async () => {
    const client = createBrowserClient({ baseUrl: server().url, fetch: contractFetch });
    const { error, response } = await client.predict(new File([colourPng()], 'cat.png'));
    expect(error).toBeInstanceOf(NotAMammogramError);
    expect(error).toMatchObject({ name: 'NotAMammogramError', status: 422, code: 'NOT_A_MAMMOGRAM' });
    expect(error?.message).toMatch(/^cat\.png: not a mammogram\. .*colour/);
    expect(response?.status).toBe(422);
    // The class pins the status and the code for the compiler too.
    if (error instanceof NotAMammogramError) expectTypeOf(error.code).toEqualTypeOf<'NOT_A_MAMMOGRAM'>();
  });

  test('batchPredict gives a refused file its own entry and the others their verdict with input_check', async () => {
    const client = createBrowserClient({ baseUrl: server().url, fetch: contractFetch });
    const data = await unwrap(
      client.batchPredict([new File([fixture('breast.jpg')], 'breast.jpg'), new File([colourPng()], 'cat.png'), blankPng()]),
    );
    expect([data.successful, data.failed]).toEqual([1, 2]);
    const [film, cat, blank] = data.results;
    expect(film && 'input_check' in film && film.input_check).toMatchObject({ mode: 'refuse', status: 'passed' });
    expect(cat).toEqual({ filename: 'cat.png', error: expect.stringMatching(/^cat\.png: not a mammogram\./), code: 'NOT_A_MAMMOGRAM' });
    expect(blank).toMatchObject({ filename: 'image-3', code: 'NOT_A_MAMMOGRAM' });
  });

  test('the Node entry takes a path, a file: URL and an fs.ReadStream', async () => {
    const client = createClient({ baseUrl: server().url, fetch: contractFetch });
    const path = join(imagesDir, 'breast-grey.png');
    const data = await unwrap(
      client.batchPredict([
        path,
        pathToFileURL(join(imagesDir, 'breast.webp')),
        createReadStream(join(imagesDir, 'breast.tiff')),
        { data: path, filename: 'renamed.png' },
      ]),
    );
    expect(data.results.map((r) => r.filename)).toEqual(['breast-grey.png', 'breast.webp', 'breast.tiff', 'renamed.png']);
    expect(data.successful).toBe(4);
    const missing = await client.predict(join(imagesDir, 'no-such-file.png'));
    expect(missing.error).toMatchObject({ name: 'InputError', code: 'INVALID_INPUT' });
    expect(missing.error?.message).toContain('no such file');
  });

  test.skipIf(!miniMiasDir)('a real mini-MIAS film goes up from its path', async () => {
    const client = createClient({ baseUrl: server().url, fetch: contractFetch });
    const data = await unwrap(client.predict(filmPath('mdb001')));
    expect(data.image_info).toEqual({ filename: 'mdb001.png', size: '1024x1024', format: 'PNG' });
  });
  if (!miniMiasDir) warnSkipped('SDK predict on a real mini-MIAS film');

  test('client.raw reaches the server through the transport, and the response keeps its url', async () => {
    const client = createBrowserClient({ baseUrl: server().url, fetch: contractFetch });
    const { data, response } = await client.raw.GET('/model');
    expect(data?.name).toBe('tiny-test-model');
    expect(response.url).toBe(`${server().url}/model`);
  });

  test('a closed port is a NetworkError after the retries', async () => {
    const closed = await startTestServer();
    const url = closed.url;
    await closed.close();
    const client = createBrowserClient({ baseUrl: url, retries: { retries: 1, baseDelayMs: 5 } });
    const { error } = await client.health();
    expect(isNetworkError(error)).toBe(true);
  });
});

describe('a server without a model', () => {
  let empty: string;
  let down: RunningServer;
  beforeAll(async () => {
    empty = await mkdtemp(join(tmpdir(), 'bcd-no-model-'));
    down = await startTestServer({ MODEL_DIR: empty }).catch(async () => {
      throw new Error('the server did not start without a model');
    });
  });
  afterAll(async () => {
    await down?.close();
    await rm(empty, { recursive: true, force: true });
  });

  test('503 becomes a ServiceUnavailableError carrying Retry-After; a wait above maxDelayMs is not taken', async () => {
    let attempts = 0;
    const client = createBrowserClient({
      baseUrl: down.url,
      fetch: (r) => {
        attempts++;
        return contractFetch(r);
      },
      retries: { retries: 3, baseDelayMs: 5, maxDelayMs: 500 },
    });
    const { error } = await client.predict(new File([fixture('breast.jpg')], 'breast.jpg'));
    expect(error).toMatchObject({ name: 'ServiceUnavailableError', status: 503, code: 'MODEL_UNAVAILABLE' });
    expect(isApiError(error) && error.retryAfter).toBeGreaterThan(0.5);
    expect(isApiError(error) && error.requestId).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(attempts).toBe(1);
    const health = await client.health();
    expect(health.error).toMatchObject({ status: 503, body: { status: 'unhealthy' } });
  });
});
