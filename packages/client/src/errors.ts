import type { ErrorCode } from '@bcd-api/contract';

/** Marks this package's errors so that guards work across realms (iframes, vm contexts, duplicated bundles). */
const BRAND = Symbol.for('@bcd-api/client.error');

/** What went wrong, as a stable string: the server's `code` for HTTP errors, or the client's own. */
export type ClientErrorCode = ErrorCode | 'HTTP_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT' | 'ABORTED' | 'INVALID_INPUT';

type Family = 'ApiError' | 'NetworkError' | 'TimeoutError' | 'AbortError' | 'InputError';

/** Base class of every error this SDK returns or throws. */
export abstract class BcdClientError extends Error {
  abstract readonly code: ClientErrorCode;

  constructor(message: string, family: Family, options?: { cause?: unknown }) {
    super(message, options);
    Object.defineProperty(this, BRAND, { value: family, enumerable: false });
  }
}

/** The parts of a response an {@link ApiError} is built from. */
export interface ApiErrorInit<TStatus extends number = number> {
  status: TStatus;
  headers: Headers;
  /** The parsed JSON body, or the text when it was not JSON. */
  body: unknown;
}

/**
 * The server answered with an HTTP error (4xx or 5xx); `detail` is its sentence, `code` its
 * stable code. The SDK's one HTTP error class: each subclass pins `status` to its own (as
 * openai-node's `APIError<TStatus>`), and {@link createApiError} picks the subclass.
 */
export class ApiError<TStatus extends number = number> extends BcdClientError {
  override readonly name: string = 'ApiError';
  readonly code: ErrorCode | 'HTTP_ERROR';
  /** HTTP status. */
  readonly status: TStatus;
  /** The server's sentence (`detail` of the error body). */
  readonly detail: string;
  /** The `X-Request-Id` the server answered with: quote it when you report a problem. */
  readonly requestId: string | undefined;
  /** Seconds to wait before trying again, from `Retry-After` (sent with 503 and 429). */
  readonly retryAfter: number | undefined;
  /** Response headers. */
  readonly headers: Headers;
  /** The response body as received (an `ErrorResponse`, or a `HealthResponse` for an unhealthy `/health`). */
  readonly body: unknown;

  constructor(init: ApiErrorInit<TStatus>) {
    const body = typeof init.body === 'object' && init.body !== null ? (init.body as Record<string, unknown>) : {};
    const detail =
      typeof body.detail === 'string' && body.detail !== ''
        ? body.detail
        : typeof body.model_status === 'string'
          ? `The service is ${String(body.status ?? 'unhealthy')}: model ${body.model_status}.`
          : `HTTP ${init.status}${typeof init.body === 'string' && init.body !== '' ? `: ${init.body.slice(0, 200)}` : ''}`;
    super(detail, 'ApiError');
    this.status = init.status;
    this.detail = detail;
    this.code = typeof body.code === 'string' ? (body.code as ErrorCode) : 'HTTP_ERROR';
    this.headers = init.headers;
    this.body = init.body;
    this.requestId = init.headers.get('x-request-id') ?? undefined;
    this.retryAfter = parseRetryAfter(init.headers.get('retry-after'));
  }
}

/** 400: no file, an empty, unsupported, corrupt or oversized image, a bad field, more than 10 files per request. */
export class BadRequestError extends ApiError<400> {
  override readonly name = 'BadRequestError';
}
/** 401: the server requires an API key (pass it in `headers`: `Authorization: Bearer <key>` or `X-API-Key`) and none or a wrong one was sent; not retried. */
export class AuthenticationError extends ApiError<401> {
  override readonly name = 'AuthenticationError';
}
/** 413: a file or the request is above the server's byte limit. */
export class PayloadTooLargeError extends ApiError<413> {
  override readonly name = 'PayloadTooLargeError';
}
/** 415: the body was not multipart. */
export class UnsupportedMediaTypeError extends ApiError<415> {
  override readonly name = 'UnsupportedMediaTypeError';
}
/**
 * 422 `NOT_A_MAMMOGRAM`: the upload is an image, but not a mammogram this model reads (a DICOM
 * modality other than MG, an image too small, blank or in colour, or one the model's typicality
 * check finds unlike any mammogram); `detail` names the file and why. No verdict is given. The
 * server's other 422, `EXPLANATION_UNAVAILABLE`, stays a plain {@link ApiError}.
 */
export class NotAMammogramError extends ApiError<422> {
  override readonly name = 'NotAMammogramError';
  override readonly code = 'NOT_A_MAMMOGRAM' as const;
}
/** 429: too many requests (from a proxy in front of the server); retried by default. */
export class RateLimitError extends ApiError<429> {
  override readonly name = 'RateLimitError';
}
/** 500 and other 5xx except 503. */
export class InternalServerError extends ApiError {
  override readonly name = 'InternalServerError';
}
/** 503: the model is not loaded, the server is at capacity or shutting down, a deadline passed or a worker failed (`code` says which); retried by default, honouring `Retry-After`. */
export class ServiceUnavailableError extends ApiError<503> {
  override readonly name = 'ServiceUnavailableError';
}

/** The request never got an HTTP answer: DNS, refused connection, reset, CORS refusal in a browser. */
export class NetworkError extends BcdClientError {
  override readonly name = 'NetworkError';
  readonly code = 'NETWORK_ERROR' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'NetworkError', options);
  }
}

/** An attempt took longer than `timeoutMs`. */
export class TimeoutError extends BcdClientError {
  override readonly name = 'TimeoutError';
  readonly code = 'TIMEOUT' as const;
  /** The limit that was exceeded, in milliseconds. */
  readonly timeoutMs: number;
  constructor(timeoutMs: number, options?: { cause?: unknown }) {
    super(`The request timed out after ${timeoutMs} ms.`, 'TimeoutError', options);
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's `AbortSignal` fired (during a request or while waiting to retry). */
export class AbortError extends BcdClientError {
  override readonly name = 'AbortError';
  readonly code = 'ABORTED' as const;
  constructor(options?: { cause?: unknown }) {
    super('The request was aborted.', 'AbortError', options);
  }
}

/** A file could not be read or is of a kind the SDK does not accept. */
export class InputError extends BcdClientError {
  override readonly name = 'InputError';
  readonly code = 'INVALID_INPUT' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'InputError', options);
  }
}

/** Any error a call of this SDK can report. */
export type ClientError = ApiError | NetworkError | TimeoutError | AbortError | InputError;

function familyOf(value: unknown): Family | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const family = (value as { [BRAND]?: unknown })[BRAND];
  return typeof family === 'string' ? (family as Family) : undefined;
}

/** True for any error of this SDK, from this realm or another. */
export function isClientError(value: unknown): value is ClientError {
  return value instanceof BcdClientError || familyOf(value) !== undefined;
}
/** True for an HTTP error answer ({@link ApiError} and its subclasses), across realms. */
export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError || familyOf(value) === 'ApiError';
}
/** True for a {@link NetworkError}, across realms. */
export function isNetworkError(value: unknown): value is NetworkError {
  return value instanceof NetworkError || familyOf(value) === 'NetworkError';
}
/** True for a {@link TimeoutError}, across realms. */
export function isTimeoutError(value: unknown): value is TimeoutError {
  return value instanceof TimeoutError || familyOf(value) === 'TimeoutError';
}
/** True for an {@link AbortError} (the caller aborted), across realms. */
export function isAbortError(value: unknown): value is AbortError {
  return value instanceof AbortError || familyOf(value) === 'AbortError';
}
/** True for an {@link InputError}, across realms. */
export function isInputError(value: unknown): value is InputError {
  return value instanceof InputError || familyOf(value) === 'InputError';
}

/** The statuses with their own {@link ApiError} subclass, and the subclass. */
const SUBCLASS_BY_STATUS: { [S in 400 | 401 | 413 | 415 | 429 | 503]: new (init: ApiErrorInit<S>) => ApiError<S> } = {
  400: BadRequestError,
  401: AuthenticationError,
  413: PayloadTooLargeError,
  415: UnsupportedMediaTypeError,
  429: RateLimitError,
  503: ServiceUnavailableError,
};
type SubclassedStatus = keyof typeof SUBCLASS_BY_STATUS;

/**
 * The codes with their own {@link ApiError} subclass, where one status carries several codes
 * (422: also `EXPLANATION_UNAVAILABLE`), each with the status it comes with, and the subclass.
 */
const SUBCLASS_BY_CODE: { [C in 'NOT_A_MAMMOGRAM']: { status: 422; Subclass: new (init: ApiErrorInit<422>) => ApiError<422> } } = {
  NOT_A_MAMMOGRAM: { status: 422, Subclass: NotAMammogramError },
};

function subclassOfCode(body: unknown): (typeof SUBCLASS_BY_CODE)[keyof typeof SUBCLASS_BY_CODE] | undefined {
  const code = typeof body === 'object' && body !== null ? (body as { code?: unknown }).code : undefined;
  return typeof code === 'string' && Object.hasOwn(SUBCLASS_BY_CODE, code)
    ? SUBCLASS_BY_CODE[code as keyof typeof SUBCLASS_BY_CODE]
    : undefined;
}

const hasSubclass = (status: number): status is SubclassedStatus => Object.hasOwn(SUBCLASS_BY_STATUS, status);

function createSubclassed<S extends SubclassedStatus>(init: ApiErrorInit<S>): ApiError<S> {
  const Subclass = SUBCLASS_BY_STATUS[init.status];
  return new Subclass(init);
}

/** Builds the {@link ApiError} subclass for a status, or for a code where a status is shared: the one place they are made. */
export function createApiError(init: ApiErrorInit): ApiError {
  const { status } = init;
  const byCode = subclassOfCode(init.body);
  if (byCode?.status === status) return new byCode.Subclass({ ...init, status: byCode.status });
  if (hasSubclass(status)) return createSubclassed({ ...init, status });
  return status >= 500 ? new InternalServerError(init) : new ApiError(init);
}

/**
 * Reads `Retry-After` (delay in seconds, or an HTTP date) as seconds from now; undefined
 * when absent or unreadable. https://www.rfc-editor.org/rfc/rfc9110#field.retry-after
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
