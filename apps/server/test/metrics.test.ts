// GET /metrics, scraped and parsed as Prometheus would: the counters, histograms and gauges
// move with the requests that should move them.
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { call, fakeWorker, faultyWorker, fixture, form } from '@bcd-api/test-kit';
import { createServerKit, untilInFlight } from '@bcd-api/test-kit/server';
import { describe, expect, test, vi } from 'vitest';
import { loadConfig, startServer } from '../src/index.js';

const { startForTest } = createServerKit({ loadConfig, startServer });

const image = () => form('file', [['a.png', fixture('breast-grey.png')]]);
// The core's built worker, for the test kit to inject faults into.
const onnxWorker = pathToFileURL(createRequire(import.meta.url).resolve('@bcd-api/core/onnx-worker'));

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the Prometheus text format (0.0.4): one sample per line, comments skipped; fails on a line it cannot read. */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: \d+)?$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const [, name = '', rawLabels = '', rawValue = ''] = match;
    const labels: Record<string, string> = {};
    for (const [, key = '', value = ''] of rawLabels.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/g)) {
      labels[key] = value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
    // Go's ParseFloat, which Prometheus reads values with, takes NaN and Inf in any case (prom-client writes `Nan`).
    const special: Record<string, number> = { nan: Number.NaN, '+inf': Number.POSITIVE_INFINITY, '-inf': Number.NEGATIVE_INFINITY };
    const value = special[rawValue.toLowerCase()] ?? Number(rawValue);
    if (Number.isNaN(value) && rawValue.toLowerCase() !== 'nan') throw new Error(`not a sample value: ${line}`);
    samples.push({ name, labels, value });
  }
  return samples;
}

/** One scrape: the samples, and a reader of the sum over the samples of `name` whose labels include `labels` (0 when none). */
async function scrape(url: string, headers: Record<string, string> = {}) {
  const res = await call(url, 'GET', '/metrics', { headers });
  expect(res.status).toBe(200);
  const samples = parseExposition(res.body as string);
  const value = (name: string, labels: Record<string, string> = {}) =>
    samples
      .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
      .reduce((sum, s) => sum + s.value, 0);
  return { res, text: res.body as string, samples, value };
}

describe('GET /metrics', () => {
  test('serves the Prometheus text format: every bcd_ metric with HELP and TYPE, and the default process metrics', async () => {
    const server = await startForTest();
    const { res, text, samples } = await scrape(server.url);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    for (const [name, type] of [
      ['bcd_http_requests_total', 'counter'],
      ['bcd_http_request_duration_seconds', 'histogram'],
      ['bcd_rejections_total', 'counter'],
      ['bcd_inference_duration_seconds', 'histogram'],
      ['bcd_inference_batch_images', 'histogram'],
      ['bcd_images_classified_total', 'counter'],
      ['bcd_requests_in_flight', 'gauge'],
      ['bcd_requests_queued', 'gauge'],
      ['bcd_upload_buffered_bytes', 'gauge'],
      ['bcd_worker_restarts_total', 'counter'],
      ['bcd_model_info', 'gauge'],
      ['process_cpu_seconds_total', 'counter'],
      ['nodejs_eventloop_lag_seconds', 'gauge'],
    ] as const) {
      expect(text, name).toContain(`# HELP ${name} `);
      expect(text, name).toContain(`# TYPE ${name} ${type}`);
    }
    // Series that exist before anything happened, at 0.
    expect(samples).toContainEqual({ name: 'bcd_images_classified_total', labels: { label: 'Malignant' }, value: 0 });
    expect(samples).toContainEqual({ name: 'bcd_worker_restarts_total', labels: { reason: 'crashed' }, value: 0 });
    expect(samples).toContainEqual({ name: 'bcd_rejections_total', labels: { reason: 'overloaded', code: 'OVERLOADED' }, value: 0 });
    expect(samples).toContainEqual({ name: 'bcd_requests_in_flight', labels: {}, value: 0 });
  });

  test('a /predict 200 counts for route /predict and status 200, in the latency, inference and batch histograms, and for its label', async () => {
    const server = await startForTest();
    const before = await scrape(server.url);
    const res = await call(server.url, 'POST', '/predict', { body: image() });
    expect(res.status).toBe(200);
    const after = await scrape(server.url);
    const moved = (name: string, labels: Record<string, string> = {}) => after.value(name, labels) - before.value(name, labels);
    const ok = { method: 'POST', route: '/predict', status: '200' };
    expect(moved('bcd_http_requests_total', ok)).toBe(1);
    expect(moved('bcd_http_request_duration_seconds_count', ok)).toBe(1);
    expect(moved('bcd_http_request_duration_seconds_bucket', { ...ok, le: '+Inf' })).toBe(1);
    expect(moved('bcd_http_request_duration_seconds_bucket', { ...ok, le: '30' })).toBe(1);
    expect(moved('bcd_http_request_duration_seconds_sum', ok)).toBeGreaterThan(0);
    expect(moved('bcd_images_classified_total', { label: res.body.prediction })).toBe(1);
    expect(after.value('bcd_images_classified_total')).toBe(1);
    expect(moved('bcd_inference_duration_seconds_count')).toBe(1);
    expect(moved('bcd_inference_batch_images_bucket', { le: '1' })).toBe(1);
    expect(moved('bcd_inference_batch_images_sum')).toBe(1);
    // The earlier scrape counted itself: the route is /metrics, its status 200.
    expect(after.value('bcd_http_requests_total', { route: '/metrics', status: '200' })).toBe(1);
  });

  test('a batch of 3 with INFERENCE_BATCH_SIZE=2 is one inference of two forward passes (2 and 1 images)', async () => {
    const server = await startForTest({ INFERENCE_BATCH_SIZE: '2' });
    const files = form('files', [
      ['a.png', fixture('breast-grey.png')],
      ['b.jpg', fixture('breast.jpg')],
      ['c.webp', fixture('breast.webp')],
    ]);
    expect((await call(server.url, 'POST', '/batch-predict', { body: files })).status).toBe(200);
    const { value } = await scrape(server.url);
    expect(value('bcd_inference_duration_seconds_count')).toBe(1);
    expect(value('bcd_inference_batch_images_count')).toBe(2);
    expect(value('bcd_inference_batch_images_sum')).toBe(3);
    expect(value('bcd_inference_batch_images_bucket', { le: '1' })).toBe(1);
    expect(value('bcd_inference_batch_images_bucket', { le: '2' })).toBe(2);
    expect(value('bcd_images_classified_total')).toBe(3);
  });

  test('a 400 counts for status 400 and as a bad_request rejection with its code; nothing is classified', async () => {
    const server = await startForTest();
    const res = await call(server.url, 'POST', '/predict', { body: form('file', []) });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('MISSING_FILE');
    const { value } = await scrape(server.url);
    expect(value('bcd_http_requests_total', { method: 'POST', route: '/predict', status: '400' })).toBe(1);
    expect(value('bcd_rejections_total', { reason: 'bad_request', code: 'MISSING_FILE' })).toBe(1);
    expect(value('bcd_images_classified_total')).toBe(0);
    expect(value('bcd_inference_duration_seconds_count')).toBe(0);
  });

  test('labels an unknown path `unmatched`, never with its URL, and a 405 with the path template it missed', async () => {
    const server = await startForTest();
    expect((await call(server.url, 'GET', '/wp-admin/setup-config.php')).status).toBe(404);
    expect((await call(server.url, 'GET', '/docs/nothing.js')).status).toBe(404);
    expect((await call(server.url, 'DELETE', '/predict')).status).toBe(405);
    const { text, value } = await scrape(server.url);
    expect(text).not.toContain('wp-admin');
    expect(text).not.toContain('nothing.js');
    expect(value('bcd_http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    expect(value('bcd_http_requests_total', { method: 'GET', route: '/docs/:asset', status: '404' })).toBe(1);
    expect(value('bcd_http_requests_total', { method: 'DELETE', route: '/predict', status: '405' })).toBe(1);
    expect(value('bcd_rejections_total', { reason: 'not_found' })).toBe(2);
    expect(value('bcd_rejections_total', { reason: 'method_not_allowed' })).toBe(1);
  });

  test('a 503 OVERLOADED counts as an overloaded rejection while the gauge shows the request in flight', async () => {
    // Every forward pass of this worker takes 300 ms, so the first request is surely in flight.
    const server = await startForTest(
      { MAX_PENDING_REQUESTS: '1', INFERENCE_WORKERS: '1' },
      { engine: { workerUrl: fakeWorker('slow-fake') } },
    );
    const held = call(server.url, 'POST', '/predict', { body: image() });
    await untilInFlight(server, 1);
    const refused = await call(server.url, 'POST', '/predict', { body: image() });
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('OVERLOADED');
    const during = await scrape(server.url);
    expect(during.value('bcd_requests_in_flight')).toBe(1);
    expect(during.value('bcd_rejections_total', { reason: 'overloaded', code: 'OVERLOADED' })).toBe(1);
    expect(during.value('bcd_http_requests_total', { route: '/predict', status: '503' })).toBe(1);
    expect((await held).status).toBe(200);
    const after = await scrape(server.url);
    expect(after.value('bcd_requests_in_flight')).toBe(0);
    expect(after.value('bcd_http_requests_total', { route: '/predict', status: '200' })).toBe(1);
  });

  test('an upload waiting for room in the memory budget shows in bcd_requests_queued, its bytes in bcd_upload_buffered_bytes', async () => {
    const server = await startForTest({ MAX_BUFFERED_BYTES: '20000', MAX_REQUEST_BYTES: '20000' });
    // Declares 20,000 bytes and sends none of them: the whole budget is reserved for it.
    const holding = request(`${server.url}/predict`, {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=held', 'Content-Length': '20000' },
    });
    holding.on('error', () => {});
    holding.flushHeaders();
    const waiting = call(server.url, 'POST', '/predict', { body: image() });
    const seen = await vi.waitFor(
      async () => {
        const scraped = await scrape(server.url);
        expect(scraped.value('bcd_requests_queued')).toBeGreaterThanOrEqual(1);
        return scraped;
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(seen.value('bcd_requests_in_flight')).toBe(2);
    expect(seen.value('bcd_upload_buffered_bytes')).toBe(20_000);
    holding.destroy();
    expect((await waiting).status).toBe(200);
    const after = await scrape(server.url);
    expect(after.value('bcd_requests_queued')).toBe(0);
    expect(after.value('bcd_upload_buffered_bytes')).toBe(0);
  });

  test('bcd_model_info carries the name, version and SHA-256 that /model reports', async () => {
    const server = await startForTest();
    const card = (await call(server.url, 'GET', '/model')).body;
    const { samples } = await scrape(server.url);
    expect(samples.filter((s) => s.name === 'bcd_model_info')).toEqual([
      { name: 'bcd_model_info', labels: { name: card.name, version: card.version, sha256: card.sha256 }, value: 1 },
    ]);
    expect(card.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test('counts a crashed inference worker as a restart and its request as an inference_interrupted rejection', async () => {
    // One worker that dies on its every third run: the warm-up, one request, then the crash.
    const server = await startForTest({ INFERENCE_WORKERS: '1' }, { engine: { workerUrl: faultyWorker('crash-every-third', onnxWorker) } });
    const first = await call(server.url, 'POST', '/predict', { body: image() });
    const second = await call(server.url, 'POST', '/predict', { body: image() });
    expect([first.status, second.status]).toEqual([200, 503]);
    const { value } = await scrape(server.url);
    expect(value('bcd_worker_restarts_total', { reason: 'crashed' })).toBe(1);
    expect(value('bcd_worker_restarts_total', { reason: 'hung' })).toBe(0);
    expect(value('bcd_rejections_total', { reason: 'inference_interrupted', code: 'INFERENCE_INTERRUPTED' })).toBe(1);
    expect(value('bcd_images_classified_total')).toBe(1);
  });

  test('counts a hung inference worker as a restart once it is replaced, and its request as a timeout', async () => {
    const server = await startForTest(
      { REQUEST_TIMEOUT_MS: '300', INFERENCE_WORKERS: '1' },
      { engine: { workerUrl: faultyWorker('hang-on-second', onnxWorker), jobTimeoutMs: 600 } },
    );
    const res = await call(server.url, 'POST', '/predict', { body: image() });
    expect(res.body.code).toBe('TIMEOUT');
    // The request was answered at 300 ms; the worker is taken for hung at 600 ms.
    const seen = await vi.waitFor(
      async () => {
        const scraped = await scrape(server.url);
        expect(scraped.value('bcd_worker_restarts_total', { reason: 'hung' })).toBeGreaterThanOrEqual(1);
        return scraped;
      },
      { timeout: 5_000, interval: 50 },
    );
    expect(seen.value('bcd_worker_restarts_total', { reason: 'hung' })).toBe(1);
    expect(seen.value('bcd_rejections_total', { reason: 'timeout', code: 'TIMEOUT' })).toBe(1);
  });
});

describe('access to /metrics', () => {
  const key = 'k3y-for-tests-0123456789';

  test('is open by default even with API_KEYS set, while predictions need a key', async () => {
    const server = await startForTest({ API_KEYS: key });
    expect((await call(server.url, 'GET', '/metrics')).status).toBe(200);
    expect((await call(server.url, 'POST', '/predict', { body: image() })).status).toBe(401);
    const { value } = await scrape(server.url);
    expect(value('bcd_rejections_total', { reason: 'unauthorized', code: 'UNAUTHORIZED' })).toBe(1);
  });

  test('with METRICS_REQUIRE_KEY=true needs one of API_KEYS, as a bearer token or X-API-Key', async () => {
    const server = await startForTest({ API_KEYS: key, METRICS_REQUIRE_KEY: 'true' });
    const none = await call(server.url, 'GET', '/metrics');
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('UNAUTHORIZED');
    expect((await call(server.url, 'GET', '/metrics', { headers: { Authorization: `Bearer ${key}` } })).status).toBe(200);
    expect((await scrape(server.url, { 'X-API-Key': key })).value('bcd_rejections_total', { reason: 'unauthorized' })).toBe(1);
  });

  test('with METRICS_ENABLED=false is 404, and the server answers as before', async () => {
    const server = await startForTest({ METRICS_ENABLED: 'false' });
    expect(server.metrics).toBeUndefined();
    expect((await call(server.url, 'GET', '/metrics')).status).toBe(404);
    expect((await call(server.url, 'POST', '/predict', { body: image() })).status).toBe(200);
  });

  test('answers other methods with 405', async () => {
    const server = await startForTest();
    const res = await call(server.url, 'POST', '/metrics');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('HEAD, GET');
  });
});
