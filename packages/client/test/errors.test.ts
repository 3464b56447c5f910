import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createContext, runInContext } from 'node:vm';
import { describe, expect, expectTypeOf, test } from 'vitest';
import * as errors from '../src/errors.js';
import * as sdk from '../src/index.js';
import { json, packageDir } from './helpers.js';

/**
 * Loads the built CommonJS SDK (and openapi-fetch, which it requires) into a fresh node:vm
 * context: a second realm with its own Error, Object and Promise, as an iframe would be.
 * Only the web platform classes that Node puts on the global are lent to it.
 */
function loadBuiltSdkInNewRealm(): typeof sdk {
  const context = createContext({
    Request,
    Response,
    Headers,
    FormData,
    Blob,
    URL,
    URLSearchParams,
    AbortController,
    AbortSignal,
    DOMException,
    TextEncoder,
    TextDecoder,
    setTimeout,
    clearTimeout,
    console,
  });
  const hostRequire = createRequire(`${packageDir}package.json`);
  const load = (file: string): unknown => {
    const module = { exports: {} as unknown };
    const wrapper = runInContext(`(function (exports, require, module) {${readFileSync(file, 'utf8')}\n})`, context, {
      filename: file,
    }) as (exports: unknown, require: (id: string) => unknown, module: { exports: unknown }) => void;
    const require = (id: string): unknown => {
      if (id !== 'openapi-fetch') throw new Error(`the built SDK requires ${id}, which this test does not load into the realm`);
      return load(hostRequire.resolve('openapi-fetch'));
    };
    wrapper(module.exports, require, module);
    return module.exports;
  };
  return load(`${packageDir}dist/index.cjs`) as typeof sdk;
}

const { createApiError } = errors;
const headers = (h: Record<string, string> = {}) => new Headers({ 'x-request-id': 'abc-123', ...h });
/** The error of an answer with `status` and `body`, its request id `abc-123`. */
const answered = (status: number, body: unknown, extraHeaders: Record<string, string> = {}) =>
  createApiError({ status, headers: headers(extraHeaders), body });

/** Asserts that `error` is an `ApiError` of class `Subclass` with `fields`. */
function expectApiError(error: sdk.ApiError, Subclass: abstract new (...args: never[]) => sdk.ApiError, fields: Record<string, unknown>) {
  expect(error).toBeInstanceOf(Subclass);
  expect(error).toBeInstanceOf(sdk.ApiError);
  expect(error).toMatchObject(fields);
}

describe('the public face', () => {
  test('exports every error class and guard of errors.ts as they are, and not the internal factory', () => {
    const { createApiError: internal, ...published } = errors;
    expect(Object.keys(published).length).toBeGreaterThan(10);
    const exported = new Map(Object.entries(sdk));
    for (const [name, value] of Object.entries(published)) expect(exported.get(name), name).toBe(value);
    expect([...exported.values()]).not.toContain(internal);
  });
});

describe('ApiError', () => {
  test('carries status, detail, code, request id and Retry-After from the response', () => {
    const body = { detail: 'The model is not available: model file not found.', code: 'MODEL_UNAVAILABLE', status: 503 };
    expectApiError(answered(503, body, { 'retry-after': '7' }), sdk.ServiceUnavailableError, {
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
    const make = (status: number) => answered(status, { detail: 'x', code: 'INTERNAL_ERROR' });
    expect(make(400)).toBeInstanceOf(sdk.BadRequestError);
    expect(make(401)).toMatchObject({ name: 'AuthenticationError', status: 401 });
    expect(make(401)).toBeInstanceOf(sdk.AuthenticationError);
    expect(make(413)).toBeInstanceOf(sdk.PayloadTooLargeError);
    expect(make(415)).toBeInstanceOf(sdk.UnsupportedMediaTypeError);
    expect(make(429)).toBeInstanceOf(sdk.RateLimitError);
    expect(make(500)).toBeInstanceOf(sdk.InternalServerError);
    expect(make(502)).toBeInstanceOf(sdk.InternalServerError);
    expect(make(404).constructor).toBe(sdk.ApiError);
  });

  test('picks NotAMammogramError by its code, as 422 also carries EXPLANATION_UNAVAILABLE', () => {
    const make = (status: number, code: string) => answered(status, { detail: 'cat.jpg: not a mammogram. The image is in colour.', code });
    const refused = make(422, 'NOT_A_MAMMOGRAM');
    expectApiError(refused, sdk.NotAMammogramError, {
      name: 'NotAMammogramError',
      status: 422,
      code: 'NOT_A_MAMMOGRAM',
      detail: 'cat.jpg: not a mammogram. The image is in colour.',
      requestId: 'abc-123',
    });
    expect(sdk.isApiError(refused)).toBe(true);
    expect(make(422, 'EXPLANATION_UNAVAILABLE').constructor).toBe(sdk.ApiError);
    // The code alone does not make the class: a status it is not sent with keeps that status's.
    expect(make(400, 'NOT_A_MAMMOGRAM')).toBeInstanceOf(sdk.BadRequestError);
    expect(answered(422, 'Unprocessable').constructor).toBe(sdk.ApiError);
  });

  test('explains an unhealthy /health answer and a body that is not JSON', () => {
    const unhealthy = answered(503, {
      status: 'unhealthy',
      service: 'Breast Cancer Detection API',
      version: '1.0.0',
      model_status: 'loading',
    });
    expect(unhealthy.detail).toBe('The service is unhealthy: model loading.');
    expect(unhealthy.code).toBe('HTTP_ERROR');
    const proxy = createApiError({ status: 502, headers: new Headers(), body: 'Bad Gateway' });
    expect(proxy.detail).toBe('HTTP 502: Bad Gateway');
    expect(proxy.requestId).toBeUndefined();
  });
});

describe('guards', () => {
  test('tell the error classes apart', () => {
    const network = new sdk.NetworkError('refused');
    const timeout = new sdk.TimeoutError(100);
    const abort = new sdk.AbortError();
    expect([sdk.isNetworkError(network), sdk.isTimeoutError(network), sdk.isAbortError(network), sdk.isApiError(network)]).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect([sdk.isNetworkError(timeout), sdk.isTimeoutError(timeout), sdk.isAbortError(timeout)]).toEqual([false, true, false]);
    expect([sdk.isNetworkError(abort), sdk.isTimeoutError(abort), sdk.isAbortError(abort)]).toEqual([false, false, true]);
    expect(timeout.code).toBe('TIMEOUT');
    expect(abort.code).toBe('ABORTED');
    expect([network, timeout, abort].every(sdk.isClientError)).toBe(true);
  });

  test("do not mistake the platform's own AbortError or TimeoutError for ours", () => {
    expect(sdk.isAbortError(new DOMException('x', 'AbortError'))).toBe(false);
    expect(sdk.isTimeoutError(new DOMException('x', 'TimeoutError'))).toBe(false);
    expect(sdk.isClientError(new Error('x'))).toBe(false);
    expect(sdk.isClientError(null)).toBe(false);
  });

  test('recognise errors made by the built SDK in another realm, where instanceof fails', async () => {
    const foreign = loadBuiltSdkInNewRealm();
    // A real call of the other realm's client, answered 503 by the server.
    const client = foreign.createClient({
      baseUrl: 'http://api.test',
      retries: 0,
      fetch: async () =>
        json(
          503,
          { detail: 'The model is not available: model file not found.', code: 'MODEL_UNAVAILABLE', status: 503 },
          { 'retry-after': '7' },
        ),
    });
    const { error: apiError } = await client.model();
    expect(apiError).toMatchObject({
      name: 'ServiceUnavailableError',
      status: 503,
      code: 'MODEL_UNAVAILABLE',
      requestId: 'req-1',
      retryAfter: 7,
    });
    // The other realm's Error is not this realm's: instanceof cannot see these errors.
    expect(apiError instanceof Error).toBe(false);
    expect(apiError instanceof sdk.ApiError).toBe(false);
    expect(apiError instanceof sdk.ServiceUnavailableError).toBe(false);
    expect([
      sdk.isApiError(apiError),
      sdk.isClientError(apiError),
      sdk.isNetworkError(apiError),
      sdk.isTimeoutError(apiError),
      sdk.isAbortError(apiError),
      sdk.isInputError(apiError),
    ]).toEqual([true, true, false, false, false, false]);

    // Each error class of the other realm's copy passes its own guard here, and only that one.
    const guards = [sdk.isApiError, sdk.isNetworkError, sdk.isTimeoutError, sdk.isAbortError, sdk.isInputError];
    const made = [
      foreign
        .createClient({ baseUrl: 'http://api.test', fetch: async () => json(400, { detail: 'x', code: 'EMPTY_FILE', status: 400 }) })
        .model(),
      Promise.resolve({ error: new foreign.NetworkError('refused') }),
      Promise.resolve({ error: new foreign.TimeoutError(5) }),
      Promise.resolve({ error: new foreign.AbortError() }),
      Promise.resolve({ error: new foreign.InputError('not a file') }),
    ];
    for (const [i, result] of (await Promise.all(made)).entries()) {
      const error = result.error;
      expect(error instanceof Error, String(error)).toBe(false);
      expect(sdk.isClientError(error), String(error)).toBe(true);
      expect(
        guards.map((guard) => guard(error)),
        String(error),
      ).toEqual(guards.map((_, j) => j === i));
    }
  });

  test('let the built SDK in another realm recognise errors made in this one', () => {
    const foreign = loadBuiltSdkInNewRealm();
    const timeout = new sdk.TimeoutError(5);
    expect(timeout instanceof foreign.TimeoutError).toBe(false);
    expect([foreign.isTimeoutError(timeout), foreign.isClientError(timeout), foreign.isNetworkError(timeout)]).toEqual([true, true, false]);
    // A look-alike without the SDK's brand is not taken for one of its errors.
    const impostor = Object.assign(new Error('The request timed out after 5 ms.'), { name: 'TimeoutError', code: 'TIMEOUT' });
    expect([foreign.isTimeoutError(impostor), foreign.isClientError(impostor), sdk.isTimeoutError(impostor)]).toEqual([
      false,
      false,
      false,
    ]);
  });

  test('narrow types', () => {
    const value: unknown = new sdk.TimeoutError(1);
    if (sdk.isTimeoutError(value)) expectTypeOf(value.timeoutMs).toEqualTypeOf<number>();
    if (sdk.isApiError(value)) expectTypeOf(value.status).toEqualTypeOf<number>();
    // Each status class pins its status, as openai-node's APIError<TStatus> does.
    expectTypeOf<sdk.BadRequestError['status']>().toEqualTypeOf<400>();
    expectTypeOf<sdk.AuthenticationError['status']>().toEqualTypeOf<401>();
    expectTypeOf<sdk.ServiceUnavailableError['status']>().toEqualTypeOf<503>();
    expectTypeOf<sdk.InternalServerError['status']>().toEqualTypeOf<number>();
    expectTypeOf<sdk.NotAMammogramError['status']>().toEqualTypeOf<422>();
    expectTypeOf<sdk.NotAMammogramError['code']>().toEqualTypeOf<'NOT_A_MAMMOGRAM'>();
    expectTypeOf<sdk.NotAMammogramError>().toExtend<sdk.ClientError>();
    // A refused file of a batch or a study is an entry with that code.
    expectTypeOf<'NOT_A_MAMMOGRAM'>().toExtend<sdk.BatchItemError['code']>();
    expectTypeOf<sdk.InputCheck['status']>().toEqualTypeOf<'passed' | 'warning' | 'not_checked'>();
    expectTypeOf<sdk.BatchItemSuccess['input_check']>().toEqualTypeOf<sdk.InputCheck>();
    expectTypeOf<'MODEL_UNAVAILABLE'>().toExtend<sdk.ClientErrorCode>();
    expectTypeOf<'TIMEOUT'>().toExtend<sdk.ClientErrorCode>();
  });
});

describe('parseRetryAfter', () => {
  test('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(sdk.parseRetryAfter('5', now)).toBe(5);
    expect(sdk.parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30);
    expect(sdk.parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(sdk.parseRetryAfter('soon', now)).toBeUndefined();
    expect(sdk.parseRetryAfter(null, now)).toBeUndefined();
  });
});
