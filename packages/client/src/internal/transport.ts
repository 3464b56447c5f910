import { castToError } from '@bcd-api/contract';
import { AbortError, isClientError, isNetworkError, NetworkError, parseRetryAfter, TimeoutError } from '../errors.js';
import { type RetryPolicy, retryDelay } from './backoff.js';
import { sleep } from './sleep.js';

/** A `fetch` as the SDK takes and gives it: one `Request` in, its `Response` out. */
export type Fetch = (request: Request) => Promise<Response>;

/** Options of {@link createTransport}. */
export interface TransportOptions {
  /** Where the API is: named in a {@link NetworkError}. */
  baseUrl: string;
  /** The `fetch` that sends each attempt; `globalThis.fetch`, looked up at each call, when absent. */
  fetch?: Fetch | undefined;
  /** Limit for each attempt, in milliseconds; 0 for none. */
  timeoutMs: number;
  /** How network errors, 429 and 503 are retried. */
  policy: RetryPolicy;
}

/**
 * Sends one request through the transport; `timeoutMs` overrides the client's for this call.
 * Resolves to the last attempt's response (any status); rejects with a {@link TimeoutError},
 * an {@link AbortError} (the request's signal fired) or a {@link NetworkError}.
 */
export type Transport = (request: Request, timeoutMs?: number) => Promise<Response>;

/** The statuses retried, honouring `Retry-After`: too many requests, and unavailable (loading, at capacity, draining). */
const RETRIED_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/** Statuses whose responses have no body: `new Response(body, …)` throws for them. */
const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([101, 204, 205, 304]);

/**
 * The one transport every call of a client goes through, the typed endpoints and `client.raw`
 * alike: a limit per attempt, the caller's abort (the request's own `signal`), and retries
 * of network errors, 429 and 503 with backoff, never sooner than `Retry-After` [KY
 * `source/core/Ky.ts`, `utils/timeout.ts`]. Each attempt sends a clone, so a multipart body
 * can be sent again.
 */
export function createTransport(options: TransportOptions): Transport {
  const { policy } = options;
  const send: Fetch = options.fetch ?? ((request) => globalThis.fetch(request));

  return async (request, timeoutMs = options.timeoutMs) => {
    for (let attempt = 0; ; attempt++) {
      if (request.signal.aborted) throw new AbortError({ cause: request.signal.reason });
      let response: Response | undefined;
      let failure: unknown;
      try {
        response = await attemptOnce(send, request, timeoutMs, options.baseUrl);
      } catch (error) {
        failure = error;
      }
      const retryAfter =
        response && RETRIED_STATUSES.has(response.status) ? parseRetryAfter(response.headers.get('retry-after')) : undefined;
      const retryable = response ? RETRIED_STATUSES.has(response.status) : isNetworkError(failure);
      const delay = retryable && attempt < policy.retries ? retryDelay(policy, attempt, retryAfter) : undefined;
      if (delay === undefined) {
        if (response) return response;
        throw failure;
      }
      // sleep() rejects with an AbortError as soon as the caller aborts, also mid-wait.
      await sleep(delay, request.signal);
    }
  };
}

/**
 * One attempt: a clone of `request` on a signal that the timer and the caller's abort both
 * fire. The body is read within the attempt's limit, so a server that stalls after its
 * headers times out too; the response is given back with that body.
 */
async function attemptOnce(send: Fetch, request: Request, timeoutMs: number, baseUrl: string): Promise<Response> {
  const caller = request.signal;
  const controller = new AbortController();
  let timedOut = false;
  const timer =
    timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeoutMs)
      : undefined;
  const onAbort = (): void => controller.abort(caller.reason);
  caller.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await send(new Request(request.clone(), { signal: controller.signal }));
    return withBody(response, await response.arrayBuffer());
  } catch (cause) {
    if (timedOut) throw new TimeoutError(timeoutMs, { cause });
    if (caller.aborted) throw new AbortError({ cause });
    throw isClientError(cause) ? cause : unreachable(baseUrl, cause);
  } finally {
    clearTimeout(timer);
    caller.removeEventListener('abort', onAbort);
  }
}

/**
 * The {@link NetworkError} of a failure without a usable HTTP answer: `fetch` rejected, or the
 * answer could not be read.
 */
export function unreachable(baseUrl: string, cause: unknown): NetworkError {
  return new NetworkError(`Could not reach ${baseUrl}: ${castToError(cause).message}.`, { cause });
}

/** `response` with `body`, already read; its `url` is kept (a `new Response` has none of its own). */
function withBody(response: Response, body: ArrayBuffer): Response {
  const { status, statusText, headers, url } = response;
  const read = new Response(NULL_BODY_STATUSES.has(status) ? null : body, { status, statusText, headers });
  if (url) Object.defineProperties(read, { url: { value: url } });
  return read;
}
