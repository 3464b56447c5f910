// The request log, captured through startServer's logger: one line per request with what an
// operator needs, and no credential anywhere in it.

import { createLogger } from '@bcd-api/http';
import { call, fakeWorker, fixture, form } from '@bcd-api/test-kit';
import { createServerKit, untilInFlight } from '@bcd-api/test-kit/server';
import { describe, expect, test } from 'vitest';
import { type LogLevel, loadConfig, startServer } from '../src/index.js';

const { startForTest } = createServerKit({ loadConfig, startServer });

// Log lines are JSON of every shape; each test checks the fields it needs.
type LogLine = Record<string, any>;

/** A logger that keeps its lines, parsed, and the raw text they were written as. */
function capture(level: LogLevel) {
  const raw: string[] = [];
  const logger = createLogger(level, (line) => raw.push(line));
  const lines = () => raw.map((line) => JSON.parse(line) as LogLine);
  return { logger, raw, lines, requestLines: (id: string) => lines().filter((l) => l.requestId === id) };
}

describe('the request log', () => {
  test('writes exactly one line per request, with its id, route template, status, duration in ms and image count', async () => {
    const log = capture('info');
    const server = await startForTest({}, { logger: log.logger });
    const batch = form('files', [
      ['a.png', fixture('breast-grey.png')],
      ['b.jpg', fixture('breast.jpg')],
      ['c.webp', fixture('breast.webp')],
    ]);
    const requests: Array<[id: string, method: string, path: string, init: RequestInit, route: string, status: number, images: number]> = [
      ['log-health', 'GET', '/health', {}, '/health', 200, 0],
      ['log-predict', 'POST', '/predict', { body: form('file', [['a.png', fixture('breast-grey.png')]]) }, '/predict', 200, 1],
      ['log-batch', 'POST', '/batch-predict', { body: batch }, '/batch-predict', 200, 3],
      ['log-missing', 'POST', '/predict', { body: form('file', []) }, '/predict', 400, 0],
      ['log-asset', 'GET', '/docs/swagger-init.js', {}, '/docs/:asset', 200, 0],
      ['log-unknown', 'GET', '/no/such/path', {}, 'unmatched', 404, 0],
      ['log-method', 'DELETE', '/predict', {}, '/predict', 405, 0],
    ];
    for (const [id, method, path, init, route, status, images] of requests) {
      const res = await call(server.url, method, path, { ...init, headers: { 'X-Request-Id': id } });
      expect(res.status, id).toBe(status);
      const lines = log.requestLines(id);
      expect(lines, id).toHaveLength(1);
      expect(lines[0], id).toEqual({
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        level: 'info',
        msg: 'request',
        requestId: id,
        method,
        route,
        path,
        status,
        ms: expect.any(Number),
        images,
        ...(status >= 400 ? { code: res.body.code } : {}),
      });
      expect(lines[0]?.ms, id).toBeGreaterThanOrEqual(0);
    }
    // Nothing else was logged about these requests, and every request has its line.
    expect(log.lines().filter((l) => l.msg === 'request')).toHaveLength(requests.length);
  });

  test('a 503 refusal is the same one line, at warn, with its code and the reason', async () => {
    const log = capture('info');
    const server = await startForTest(
      { MAX_PENDING_REQUESTS: '1', INFERENCE_WORKERS: '1' },
      { logger: log.logger, engine: { workerUrl: fakeWorker('slow-fake') } },
    );
    const held = call(server.url, 'POST', '/predict', { body: form('file', [['a.png', fixture('breast-grey.png')]]) });
    await untilInFlight(server, 1);
    const refused = await call(server.url, 'POST', '/predict', {
      body: form('file', [['b.png', fixture('breast-grey.png')]]),
      headers: { 'X-Request-Id': 'log-refused' },
    });
    expect(refused.status).toBe(503);
    expect(log.requestLines('log-refused')).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: 'request',
        status: 503,
        code: 'OVERLOADED',
        detail: expect.stringMatching(/at capacity/),
        images: 0,
      }),
    ]);
    expect((await held).status).toBe(200);
  });

  test('at info level, headers are not logged', async () => {
    const log = capture('info');
    const server = await startForTest({}, { logger: log.logger });
    await call(server.url, 'GET', '/health', { headers: { 'X-Request-Id': 'log-info' } });
    expect(log.requestLines('log-info')[0]).not.toHaveProperty('headers');
  });
});

describe('credentials in the log', () => {
  const secrets = { authorization: 'secret-token-123', apiKey: 'another-secret-456', cookie: 'cookie-secret-789' };
  const headers = (id: string) => ({
    'X-Request-Id': id,
    Authorization: `Bearer ${secrets.authorization}`,
    'X-API-Key': secrets.apiKey,
    Cookie: `session=${secrets.cookie}`,
  });

  test.each([
    ['no API keys configured', {}],
    ['the bearer token a configured key', { API_KEYS: secrets.authorization }],
    ['neither a configured key', { API_KEYS: 'some-other-key-0123456789' }],
  ])('never appear, even at debug level where the headers are logged (%s)', async (_, env) => {
    const log = capture('debug');
    const server = await startForTest(env, { logger: log.logger });
    const predict = await call(server.url, 'POST', '/predict', {
      body: form('file', [['a.png', fixture('breast-grey.png')]]),
      headers: headers('log-secret-predict'),
    });
    expect([200, 401]).toContain(predict.status);
    await call(server.url, 'GET', '/model', { headers: headers('log-secret-model') });
    await call(server.url, 'GET', '/health', { headers: headers('log-secret-health') });
    const text = log.raw.join('');
    for (const secret of Object.values(secrets)) expect(text).not.toContain(secret);
    for (const id of ['log-secret-predict', 'log-secret-model', 'log-secret-health']) {
      const [line, ...more] = log.requestLines(id);
      expect(more, id).toEqual([]);
      expect(line?.headers, id).toMatchObject({
        authorization: '[redacted]',
        'x-api-key': '[redacted]',
        cookie: '[redacted]',
        'x-request-id': id,
        host: expect.any(String),
      });
    }
  });
});
