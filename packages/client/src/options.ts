import type { RetryPolicy } from './internal/backoff.js';

/** Options of {@link createClient}. */
export interface ClientOptions {
  /** Where the API is, e.g. `http://localhost:7860`. */
  baseUrl: string;
  /** A `fetch` to use instead of `globalThis.fetch` (tests, proxies, instrumentation). */
  fetch?: (request: Request) => Promise<Response>;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Limit for each attempt, in milliseconds; 0 for none. Default 60 000. */
  timeoutMs?: number;
  /** Retries after a network error, 429 or 503 (a number, or the full policy). Default 2 retries, 500 ms doubling, at most 30 s apart. */
  retries?: number | Partial<RetryPolicy>;
}

/** Options of one call. */
export interface RequestOptions {
  /** Aborts the call, also while it waits to retry. */
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number;
  /** Extra headers for this call. */
  headers?: Record<string, string>;
  /** Sent as `X-Request-Id` (1-128 of `A-Za-z0-9._-`), which the server logs and echoes. */
  requestId?: string;
}

/** Options of {@link Client.batchPredict}. */
export interface BatchOptions extends RequestOptions {
  /** Requests in flight at once when there are more than {@link MAX_FILES_PER_REQUEST} files. Default 2. */
  concurrency?: number;
  /**
   * Called after each request of at most {@link MAX_FILES_PER_REQUEST} files with the number of
   * files done so far, the total, and how many of those done got an entry with `error` (a
   * progress bar can show failures as they come).
   */
  onProgress?: (done: number, total: number, failed: number) => void;
}

/** Options of {@link Client.explain}: `as` picks the answer, JSON (default) or the PNG overlay. */
export interface ExplainOptions<TAs extends 'json' | 'png' = 'json' | 'png'> extends RequestOptions {
  /** `json` (default): the prediction with its heatmap grid; `png`: the image with the heatmap drawn over it. */
  as?: TAs;
  /** With `as: 'png'`, the heatmap's opacity over the image, 0 to 1 (server default 0.45). */
  opacity?: number;
}
