// Retries, timeouts and aborts with an injected fetch (no server, no mocked globals), for the
// methods and client.raw alike: one transport.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createClient, isAbortError, isApiError, isNetworkError, isTimeoutError } from '../src/index.js';
import { retryDelay } from '../src/internal/backoff.js';
import { json, scriptedFetch } from './helpers.js';

const healthy = { status: 'healthy', service: 'Breast Cancer Detection API', version: '1.0.0', model_status: 'loaded' };
const unavailable = (retryAfter?: string) =>
  json(
    503,
    { detail: 'The model is not available: still loading.', code: 'MODEL_UNAVAILABLE', status: 503 },
    retryAfter ? { 'retry-after': retryAfter } : {},
  );
const fast = { retries: 3, baseDelayMs: 5, maxDelayMs: 2_000 };
/** A fetch that answers nothing until the request's signal aborts. */
const hanging = (request: Request) =>
  new Promise<Response>((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true }));

afterEach(() => {
  vi.useRealTimers();
});

/** Lets pending promise callbacks and I/O run (setImmediate is left real by the fake timers). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Waits, in real event-loop turns, until the client has set the timer of its wait before a retry. */
async function untilWaiting(): Promise<void> {
  for (let turn = 0; turn < 1_000 && vi.getTimerCount() === 0; turn++) await settle();
  expect(vi.getTimerCount()).toBe(1);
}

describe('retries', () => {
  test('retries a network error, then succeeds', async () => {
    const { fetch, requests } = scriptedFetch([new TypeError('fetch failed'), json(200, healthy)]);
    const client = createClient({ baseUrl: 'http://api.test', fetch, retries: fast });
    const { data, error } = await client.health();
    expect(error).toBeUndefined();
    expect(data?.status).toBe('healthy');
    expect(requests).toHaveLength(2);
  });

  test('retries 429 and 503 and gives the last error when retries run out', async () => {
    const { fetch, requests } = scriptedFetch([json(429, { detail: 'Slow down.', code: 'INTERNAL_ERROR' }), unavailable()]);
    const client = createClient({ baseUrl: 'http://api.test', fetch, retries: { ...fast, retries: 2 } });
    const { error, response } = await client.health();
    expect(requests).toHaveLength(3);
    expect(isApiError(error) && error.status).toBe(503);
    expect(response?.status).toBe(503);
  });

  test('does not retry a 400', async () => {
    const { fetch, requests } = scriptedFetch([json(400, { detail: 'empty.png: the file is empty.', code: 'EMPTY_FILE', status: 400 })]);
    const client = createClient({ baseUrl: 'http://api.test', fetch, retries: fast });
    const { error } = await client.predict(new Uint8Array([1]));
    expect(requests).toHaveLength(1);
    expect(error).toMatchObject({ name: 'BadRequestError', status: 400, code: 'EMPTY_FILE', requestId: 'req-1' });
  });

  test('waits as long as Retry-After asks before retrying, and no longer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { fetch, requests } = scriptedFetch([unavailable('1'), json(200, healthy)]);
    // timeoutMs 0: no per-attempt timer, so the only timer is the wait before the retry.
    const client = createClient({ baseUrl: 'http://api.test', fetch, retries: fast, timeoutMs: 0 });
    const pending = client.health();
    await untilWaiting();
    vi.advanceTimersByTime(999);
    await settle();
    expect(requests).toHaveLength(1);
    vi.advanceTimersByTime(1);
    await settle();
    expect(requests).toHaveLength(2);
    const { data } = await pending;
    expect(data?.model_status).toBe('loaded');
  });

  test('does not wait when Retry-After asks for more than maxDelayMs, and returns the error', async () => {
    const { fetch, requests } = scriptedFetch([unavailable('3600')]);
    const client = createClient({ baseUrl: 'http://api.test', fetch, retries: fast });
    const { error } = await client.health();
    expect(requests).toHaveLength(1);
    expect(error).toMatchObject({ status: 503, retryAfter: 3600, code: 'MODEL_UNAVAILABLE' });
  });

  test('stops in the middle of a backoff when the caller aborts', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { fetch, requests } = scriptedFetch([unavailable('1')]);
    const client = createClient({
      baseUrl: 'http://api.test',
      fetch,
      timeoutMs: 0,
      retries: { retries: 5, baseDelayMs: 1_000, maxDelayMs: 10_000 },
    });
    const controller = new AbortController();
    const pending = client.health({ signal: controller.signal });
    await untilWaiting();
    // Half-way through a wait of at least 1 s; the clock is not moved again, so settling
    // now can only be the abort cutting the wait short.
    vi.advanceTimersByTime(500);
    controller.abort();
    const { error } = await pending;
    expect(isAbortError(error)).toBe(true);
    expect(requests).toHaveLength(1);
    // The wait's timer is cleared, so no retry is left to fire later.
    expect(vi.getTimerCount()).toBe(0);
  });

  test('backoff doubles with jitter and is capped', () => {
    const policy = { retries: 5, baseDelayMs: 100, maxDelayMs: 1_000 };
    expect(retryDelay(policy, 0, undefined, () => 0)).toBe(50);
    expect(retryDelay(policy, 0, undefined, () => 1)).toBe(100);
    expect(retryDelay(policy, 2, undefined, () => 1)).toBe(400);
    expect(retryDelay(policy, 10, undefined, () => 1)).toBe(1_000);
    expect(retryDelay(policy, 0, 0.5, () => 0)).toBe(500);
    expect(retryDelay(policy, 0, 2, () => 0)).toBeUndefined();
  });
});

describe('timeouts and aborts', () => {
  test('a slow attempt becomes a TimeoutError, and timeouts are not retried', async () => {
    const { fetch, requests } = scriptedFetch([hanging]);
    const client = createClient({ baseUrl: 'http://api.test', fetch, timeoutMs: 50, retries: fast });
    const { error } = await client.model();
    expect(isTimeoutError(error)).toBe(true);
    expect(error?.message).toBe('The request timed out after 50 ms.');
    expect(requests).toHaveLength(1);
  });

  test('a caller abort during the request becomes an AbortError, not a network error', async () => {
    const { fetch } = scriptedFetch([hanging]);
    const client = createClient({ baseUrl: 'http://api.test', fetch, retries: fast });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const { error } = await client.predict(new Blob([new Uint8Array([1, 2])]), { signal: controller.signal });
    expect(isAbortError(error)).toBe(true);
    expect(isNetworkError(error)).toBe(false);
  });

  test('an already aborted signal sends nothing', async () => {
    const { fetch, requests } = scriptedFetch([json(200, healthy)]);
    const client = createClient({ baseUrl: 'http://api.test', fetch });
    const { error } = await client.health({ signal: AbortSignal.abort() });
    expect(isAbortError(error)).toBe(true);
    expect(requests).toHaveLength(0);
  });
});

describe('one transport for every call', () => {
  test('client.raw retries a 503 as the methods do', async () => {
    const { fetch, requests } = scriptedFetch([unavailable(), json(200, healthy)]);
    const client = createClient({ baseUrl: 'http://api.test', fetch, retries: fast });
    const { data, response } = await client.raw.GET('/health');
    expect(requests).toHaveLength(2);
    expect(response.status).toBe(200);
    expect(data?.model_status).toBe('loaded');
  });

  test("client.raw times out after the client's timeoutMs and rejects with a TimeoutError", async () => {
    const { fetch, requests } = scriptedFetch([hanging]);
    const client = createClient({ baseUrl: 'http://api.test', fetch, timeoutMs: 50, retries: fast });
    const failure = await client.raw.GET('/model').catch((error: unknown) => error);
    expect(isTimeoutError(failure)).toBe(true);
    expect(requests).toHaveLength(1);
  });

  test("a per-call timeoutMs overrides the client's", async () => {
    const { fetch } = scriptedFetch([hanging]);
    const client = createClient({ baseUrl: 'http://api.test', fetch, timeoutMs: 60_000 });
    const { error } = await client.health({ timeoutMs: 30 });
    expect(error).toMatchObject({ name: 'TimeoutError', timeoutMs: 30 });
  });

  test('the limit covers the body too: a server that stalls after its headers times out', async () => {
    const { fetch } = scriptedFetch([
      async (request) => {
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"status":'));
            // As fetch does, the body fails when the request's signal aborts; until then it stalls.
            request.signal.addEventListener('abort', () => controller.error(request.signal.reason), { once: true });
          },
        });
        return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
      },
    ]);
    const client = createClient({ baseUrl: 'http://api.test', fetch, timeoutMs: 50, retries: 0 });
    const { error } = await client.health();
    expect(isTimeoutError(error)).toBe(true);
  });
});
