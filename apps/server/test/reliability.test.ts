// Overload, deadlines, faults, shutdown and access, against the real server.
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { call, fakeWorker, faultyWorker, fixture, form, tinyModelDir } from '@bcd-api/test-kit';
import { createServerKit, untilInFlight } from '@bcd-api/test-kit/server';
import { describe, expect, test } from 'vitest';
import { loadConfig, startServer } from '../src/index.js';

const { startForTest } = createServerKit({ loadConfig, startServer });

const image = () => form('file', [['a.png', fixture('breast-grey.png')]]);
// The core's built worker, for the test kit to inject faults into.
const onnxWorker = pathToFileURL(createRequire(import.meta.url).resolve('@bcd-api/core/onnx-worker'));

describe('probes', () => {
  test('/health/live and /health/ready answer 200 once the model is loaded', async () => {
    const server = await startForTest();
    expect((await call(server.url, 'GET', '/health/live')).body).toEqual({ status: 'ok' });
    expect((await call(server.url, 'GET', '/health/ready')).body).toEqual({ status: 'ready' });
  });

  test('/health/ready is 503 with the reason when the model is broken, while /health/live stays 200', async () => {
    const server = await startForTest({ MODEL_DIR: fileURLToPath(new URL('./seed-examples/', import.meta.url)) });
    expect((await call(server.url, 'GET', '/health/live')).status).toBe(200);
    const ready = await call(server.url, 'GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'not_ready', detail: expect.stringMatching(/manifest\.json/) });
    expect(ready.headers.get('retry-after')).toBe('5');
  });
});

describe('a corrupt model', () => {
  test('leaves the server up, /health reporting error, and predictions 503', async () => {
    const { cp, mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'bcd-corrupt-'));
    await cp(tinyModelDir, dir, { recursive: true });
    await writeFile(join(dir, 'model.onnx'), 'this is not an ONNX graph');
    try {
      const server = await startForTest({ MODEL_DIR: dir });
      const health = await call(server.url, 'GET', '/health');
      expect(health.status).toBe(503);
      expect(health.body.model_status).toBe('error');
      const res = await call(server.url, 'POST', '/predict', { body: image() });
      expect(res.status).toBe(503);
      expect(res.body.detail).toMatch(/^The model is not available: the ONNX model cannot be loaded/);
      expect(res.body.detail).not.toContain(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('overload and deadlines', () => {
  test('sheds load beyond MAX_PENDING_REQUESTS at once with 503 OVERLOADED and Retry-After', async () => {
    const server = await startForTest({ MAX_PENDING_REQUESTS: '2', INFERENCE_WORKERS: '1' });
    const responses = await Promise.all(Array.from({ length: 12 }, () => call(server!.url, 'POST', '/predict', { body: image() })));
    const statuses = responses.map((r) => r.status);
    expect(statuses).toContain(200);
    expect(statuses).toContain(503);
    for (const r of responses.filter((r) => r.status === 503)) {
      expect(r.body.code).toBe('OVERLOADED');
      expect(r.headers.get('retry-after')).toBe('1');
    }
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
  });

  test('answers 503 TIMEOUT when a request outlives REQUEST_TIMEOUT_MS instead of hanging', async () => {
    const server = await startForTest(
      { REQUEST_TIMEOUT_MS: '300', INFERENCE_WORKERS: '1' },
      { engine: { workerUrl: faultyWorker('hang-on-second', onnxWorker), jobTimeoutMs: 1_000 } },
    );
    const res = await call(server.url, 'POST', '/predict', { body: image() });
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 'TIMEOUT', detail: expect.stringMatching(/300 ms deadline/) });
  });

  test('a crashing inference worker fails only the requests it held, with 503, and later requests succeed', async () => {
    const server = await startForTest({ INFERENCE_WORKERS: '2' }, { engine: { workerUrl: faultyWorker('crash-every-third', onnxWorker) } });
    const responses = await Promise.all(Array.from({ length: 24 }, () => call(server!.url, 'POST', '/predict', { body: image() })));
    const failed = responses.filter((r) => r.status !== 200);
    expect(failed.length).toBeGreaterThan(0);
    for (const r of failed) expect(r.body.code).toBe('INFERENCE_INTERRUPTED');
    // One at a time, requests go to the first idle worker. Each worker dies on its every third
    // run and its replacement starts counting afresh, so of three requests in a row at most two
    // can meet a dying worker (one per worker); at least one meets a working one.
    const later: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await call(server.url, 'POST', '/predict', { body: image() });
      if (res.status !== 200) expect(res.body.code).toBe('INFERENCE_INTERRUPTED');
      later.push(res.status);
    }
    expect(later).toContain(200);
    expect((await call(server.url, 'GET', '/health')).status).toBe(200);
  });
});

describe('graceful shutdown', () => {
  // Every forward pass takes 300 ms in this worker, so requests are surely in flight.
  const slow = { engine: { workerUrl: fakeWorker('slow-fake') } };

  test('completes every accepted request, refuses new work, and turns readiness 503', async () => {
    const server = await startForTest({ INFERENCE_WORKERS: '1', SHUTDOWN_TIMEOUT_MS: '10000' }, slow);
    const url = server.url;
    const accepted = Array.from({ length: 6 }, () => call(url, 'POST', '/predict', { body: image() }));
    await untilInFlight(server, 6);
    const closing = server.close();
    expect(server.gate.draining).toBe(true);
    const results = await Promise.all(accepted);
    for (const r of results) expect(r.status).toBe(200);
    expect(await closing).toBe(true);
  });

  test('refuses new predictions with 503 SHUTTING_DOWN while draining', async () => {
    const server = await startForTest({ INFERENCE_WORKERS: '1' }, slow);
    const held = call(server.url, 'POST', '/predict', { body: image() });
    await untilInFlight(server, 1);
    void server.gate.drain(10_000);
    const refused = await call(server.url, 'POST', '/predict', { body: image() });
    const ready = await call(server.url, 'GET', '/health/ready');
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('SHUTTING_DOWN');
    expect(ready.status).toBe(503);
    expect((await held).status).toBe(200);
  });
});

describe('API keys', () => {
  const key = 'k3y-for-tests-0123456789';

  test('are off by default, as the original API', async () => {
    const server = await startForTest();
    expect((await call(server.url, 'POST', '/predict', { body: image() })).status).toBe(200);
  });

  test('when configured, protect predictions and the card but not probes or docs', async () => {
    const server = await startForTest({ API_KEYS: `other-key-abcdefghijkl,${key}` });
    const none = await call(server.url, 'POST', '/predict', { body: image() });
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('UNAUTHORIZED');
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await call(server.url, 'GET', '/model', { headers: { Authorization: 'Bearer wrong-key-0000000000' } })).status).toBe(401);
    expect(
      (await call(server.url, 'POST', '/batch-predict', { body: form('files', [['a.png', fixture('breast-grey.png')]]) })).status,
    ).toBe(401);
    expect((await call(server.url, 'POST', '/predict', { body: image(), headers: { Authorization: `Bearer ${key}` } })).status).toBe(200);
    expect((await call(server.url, 'GET', '/model', { headers: { 'X-API-Key': key } })).status).toBe(200);
    for (const path of [
      '/health',
      '/health/live',
      '/health/ready',
      '/',
      '/redoc',
      '/openapi.json',
      '/openapi.yaml',
      '/docs/swagger-init.js',
    ]) {
      expect((await call(server.url, 'GET', path)).status, path).toBe(200);
    }
  });
});

describe('security headers', () => {
  test('sends nosniff, no-referrer, DENY framing and a CSP suited to JSON or to the docs pages', async () => {
    const server = await startForTest();
    const api = await call(server.url, 'GET', '/health');
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('referrer-policy')).toBe('no-referrer');
    expect(api.headers.get('x-frame-options')).toBe('DENY');
    expect(api.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    const docs = await call(server.url, 'GET', '/');
    expect(docs.headers.get('content-security-policy')).toMatch(/^default-src 'self'; script-src 'self'/);
  });

  test('restricts CORS to the configured origins', async () => {
    const server = await startForTest({ CORS_ORIGINS: 'https://app.example.org' });
    const allowed = await call(server.url, 'GET', '/health', { headers: { Origin: 'https://app.example.org' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
    const other = await call(server.url, 'GET', '/health', { headers: { Origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
