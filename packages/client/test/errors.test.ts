import { runInNewContext } from 'node:vm';
import { describe, expect, expectTypeOf, test } from 'vitest';
import {
  AbortError,
  ApiError,
  BadRequestError,
  InternalServerError,
  NetworkError,
  PayloadTooLargeError,
  RateLimitError,
  ServiceUnavailableError,
  TimeoutError,
  UnsupportedMediaTypeError,
  isAbortError,
  isApiError,
  isClientError,
  isNetworkError,
  isTimeoutError,
  parseRetryAfter,
  type ClientErrorCode,
} from '../src/index.js';
import { createApiError } from '../src/errors.js';

const headers = (h: Record<string, string> = {}) => new Headers({ 'x-request-id': 'abc-123', ...h });

describe('ApiError', () => {
  test('carries status, detail, code, request id and Retry-After from the response', () => {
    const error = createApiError({
      status: 503,
      headers: headers({ 'retry-after': '7' }),
      body: { detail: 'The model is not available: model file not found.', code: 'MODEL_UNAVAILABLE', status: 503 },
    });
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      name: 'ServiceUnavailableError',
      status: 503,
      code: 'MODEL_UNAVAILABLE',
      detail: 'The model is not available: model file not found.',
      message: 'The model is not available: model file not found.',
      requestId: 'abc-123',
      retryAfter: 7,
    });
  });

  test('builds one subclass per status in one place', () => {
    const make = (status: number) => createApiError({ status, headers: headers(), body: { detail: 'x', code: 'INTERNAL_ERROR' } });
    expect(make(400)).toBeInstanceOf(BadRequestError);
    expect(make(413)).toBeInstanceOf(PayloadTooLargeError);
    expect(make(415)).toBeInstanceOf(UnsupportedMediaTypeError);
    expect(make(429)).toBeInstanceOf(RateLimitError);
    expect(make(500)).toBeInstanceOf(InternalServerError);
    expect(make(502)).toBeInstanceOf(InternalServerError);
    expect(make(404).constructor).toBe(ApiError);
  });

  test('explains an unhealthy /health answer and a body that is not JSON', () => {
    const unhealthy = createApiError({ status: 503, headers: headers(), body: { status: 'unhealthy', service: 'Breast Cancer Detection API', version: '1.0.0', model_status: 'loading' } });
    expect(unhealthy.detail).toBe('The service is unhealthy: model loading.');
    expect(unhealthy.code).toBe('HTTP_ERROR');
    const proxy = createApiError({ status: 502, headers: new Headers(), body: 'Bad Gateway' });
    expect(proxy.detail).toBe('HTTP 502: Bad Gateway');
    expect(proxy.requestId).toBeUndefined();
  });
});

describe('guards', () => {
  test('tell the error classes apart', () => {
    const network = new NetworkError('refused');
    const timeout = new TimeoutError(100);
    const abort = new AbortError();
    expect([isNetworkError(network), isTimeoutError(network), isAbortError(network), isApiError(network)]).toEqual([true, false, false, false]);
    expect([isNetworkError(timeout), isTimeoutError(timeout), isAbortError(timeout)]).toEqual([false, true, false]);
    expect([isNetworkError(abort), isTimeoutError(abort), isAbortError(abort)]).toEqual([false, false, true]);
    expect(timeout.code).toBe('TIMEOUT');
    expect(abort.code).toBe('ABORTED');
    expect([network, timeout, abort].every(isClientError)).toBe(true);
  });

  test('do not mistake the platform\'s own AbortError or TimeoutError for ours', () => {
    expect(isAbortError(new DOMException('x', 'AbortError'))).toBe(false);
    expect(isTimeoutError(new DOMException('x', 'TimeoutError'))).toBe(false);
    expect(isClientError(new Error('x'))).toBe(false);
    expect(isClientError(null)).toBe(false);
  });

  test('work across realms, where instanceof fails', () => {
    // An error made in another realm (vm context, iframe) from a copy of this SDK: same brand, other classes.
    const foreign = runInNewContext(`
      const e = new Error('The request timed out after 5 ms.');
      Object.defineProperty(e, Symbol.for('@bcd-api/client.error'), { value: 'TimeoutError' });
      e.name = 'TimeoutError';
      e;
    `) as unknown;
    expect(foreign instanceof Error).toBe(false);
    expect(foreign instanceof TimeoutError).toBe(false);
    expect(isTimeoutError(foreign)).toBe(true);
    expect(isClientError(foreign)).toBe(true);
    expect(isNetworkError(foreign)).toBe(false);
  });

  test('narrow types', () => {
    const value: unknown = new TimeoutError(1);
    if (isTimeoutError(value)) expectTypeOf(value.timeoutMs).toEqualTypeOf<number>();
    if (isApiError(value)) expectTypeOf(value.status).toEqualTypeOf<number>();
    expectTypeOf<'MODEL_UNAVAILABLE'>().toExtend<ClientErrorCode>();
    expectTypeOf<'TIMEOUT'>().toExtend<ClientErrorCode>();
  });
});

describe('parseRetryAfter', () => {
  test('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('5', now)).toBe(5);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
