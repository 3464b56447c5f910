import {
  type BatchPredictionResponse,
  castToError,
  type ExplainResponse,
  type HealthResponse,
  MAX_BATCH_FILES,
  MAX_STUDY_FILES,
  type ModelCard,
  type PredictionResponse,
  type paths,
  type StudyResponse,
} from '@bcd-api/contract';
import type { Client as FetchClient } from 'openapi-fetch';
import * as openapiFetch from 'openapi-fetch';
import { chunk, mapWithConcurrency } from './concurrency.js';
import {
  AbortError,
  type ClientError,
  createApiError,
  InputError,
  isAbortError,
  isApiError,
  isClientError,
  isNetworkError,
  NetworkError,
  TimeoutError,
} from './errors.js';
import { type FileInput, type FileResolver, type NamedBlob, resolveBinaryInput } from './file-input.js';
import { type RetryPolicy, retryDelay } from './internal/backoff.js';
import { mergeBatches } from './internal/merge-batch.js';
import { sleep } from './internal/sleep.js';

/**
 * A module's default export through either interop: the value itself, or (CommonJS with
 * `exports.default`, imported in Node's mode) the exports object that holds it.
 */
function defaultExport<T extends (...args: never[]) => unknown>(imported: T | { default: T }): T {
  return typeof imported === 'function' ? imported : imported.default;
}

// openapi-fetch exports createClient as its default only. Its ESM build gives the function; its
// CJS build puts it on `exports.default`, and our CJS build (esbuild, Node-mode interop for a
// `"type": "module"` package) then sees the whole exports object as the default import.
const createFetchClient = defaultExport<typeof openapiFetch.default>(openapiFetch.default);

/**
 * The server's limit of files per `POST /batch-predict`: the contract's `MAX_BATCH_FILES`
 * (`maxItems` in openapi.yaml), inlined at build time.
 */
export const MAX_FILES_PER_REQUEST: typeof MAX_BATCH_FILES = MAX_BATCH_FILES;

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
  /** Called after each request of at most {@link MAX_FILES_PER_REQUEST} files with the number of files done so far. */
  onProgress?: (done: number, total: number) => void;
}

/** Options of {@link Client.explain}: `as` picks the answer, JSON (default) or the PNG overlay. */
export interface ExplainOptions<TAs extends 'json' | 'png' = 'json' | 'png'> extends RequestOptions {
  /** `json` (default): the prediction with its heatmap grid; `png`: the image with the heatmap drawn over it. */
  as?: TAs;
  /** With `as: 'png'`, the heatmap's opacity over the image, 0 to 1 (server default 0.45). */
  opacity?: number;
}

/**
 * One image of a study: the file alone (a DICOM file whose tags give its side and view), or
 * the file with its `laterality` and `view` (needed for PNG, JPEG, WebP and TIFF).
 */
export type StudyFile<F> = F | { file: F; laterality?: 'L' | 'R'; view?: string };

/** The most images one study takes (the contract's `maxItems`). */
export const MAX_STUDY_IMAGES: typeof MAX_STUDY_FILES = MAX_STUDY_FILES;

/** A call's outcome, as openapi-fetch gives it: `data` on success, otherwise a typed `error`; `response` when one arrived. */
export type ClientResult<T> =
  | { data: T; error?: undefined; response: Response }
  | { data?: undefined; error: ClientError; response?: Response };

/** A client of the Breast Cancer Detection API; `F` is what a file may be given as. */
export interface Client<F = FileInput> {
  /** `GET /health`: service and model status (a 503 "unhealthy" answer is an error). */
  health(options?: RequestOptions): Promise<ClientResult<HealthResponse>>;
  /**
   * `POST /predict`: classifies one image. An upload that is not a mammogram is refused with a
   * `NotAMammogramError` (422 `NOT_A_MAMMOGRAM`); every verdict carries `input_check`.
   */
  predict(file: F, options?: RequestOptions): Promise<ClientResult<PredictionResponse>>;
  /**
   * `POST /batch-predict`: classifies any number of images, sent {@link MAX_FILES_PER_REQUEST} (10) per request with
   * bounded concurrency; the results are merged in upload order. A file the server cannot
   * read, or refuses as not a mammogram (`code` `NOT_A_MAMMOGRAM`), gets an entry with `error`
   * and `code`; the others succeed.
   */
  batchPredict(files: readonly F[], options?: BatchOptions): Promise<ClientResult<BatchPredictionResponse>>;
  /**
   * `POST /explain`: classifies one image and returns where the model looked: the prediction
   * with its heatmap (`as: 'json'`, the default), or a PNG of the image with the heatmap, a
   * colour scale and the disclaimer drawn in (`as: 'png'`; the prediction is also in the
   * response's `X-Prediction`, `X-Malignant-Probability`, `X-Risk-Level` and `X-Input-Check`
   * headers). A model without a score map answers 422 `EXPLANATION_UNAVAILABLE` (an
   * {@link ApiError}); an upload that is not a mammogram, 422 `NOT_A_MAMMOGRAM` (a
   * `NotAMammogramError`).
   */
  explain(file: F, options?: ExplainOptions<'json'>): Promise<ClientResult<ExplainResponse>>;
  explain(file: F, options: ExplainOptions<'png'>): Promise<ClientResult<Blob>>;
  explain(file: F, options?: ExplainOptions): Promise<ClientResult<ExplainResponse | Blob>>;
  /**
   * `POST /predict-study`: the images of one examination (at most {@link MAX_STUDY_IMAGES}),
   * each classified, then combined per breast and for the study (the maximum of the
   * calibrated probabilities). Give PNG or JPEG images as `{ file, laterality, view }`; DICOM
   * files carry theirs in their tags. An image that is not a mammogram gets an entry with
   * `error` and `code` `NOT_A_MAMMOGRAM`, and counts for no breast.
   */
  predictStudy(files: ReadonlyArray<StudyFile<F>>, options?: RequestOptions): Promise<ClientResult<StudyResponse>>;
  /** `GET /model`: the served model's card. */
  model(options?: RequestOptions): Promise<ClientResult<ModelCard>>;
  /** The underlying openapi-fetch client, typed from openapi.yaml, for anything else (no retries or timeout). */
  raw: FetchClient<paths>;
}

interface SendOutcome {
  data?: unknown;
  error?: unknown;
  response: Response;
}

const DEFAULT_POLICY: RetryPolicy = { retries: 2, baseDelayMs: 500, maxDelayMs: 30_000 };

/** Builds a client that accepts files of type `F`, read by `resolve`. The main and the Node entry differ only in `resolve`. */
export function buildClient<F>(options: ClientOptions, resolve: FileResolver<F>): Client<F> {
  const policy: RetryPolicy =
    typeof options.retries === 'number' ? { ...DEFAULT_POLICY, retries: options.retries } : { ...DEFAULT_POLICY, ...options.retries };
  const userFetch = options.fetch;
  const raw = createFetchClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(userFetch ? { fetch: (request: Request) => userFetch(request) } : {}),
  });

  /** Runs `send` with a timeout per attempt and the retry policy; never throws. */
  async function run<T>(
    call: RequestOptions | undefined,
    send: (init: { signal: AbortSignal; headers: Record<string, string> }) => Promise<SendOutcome>,
  ): Promise<ClientResult<T>> {
    const timeoutMs = call?.timeoutMs ?? options.timeoutMs ?? 60_000;
    const callerSignal = call?.signal;
    const headers = { ...call?.headers, ...(call?.requestId ? { 'X-Request-Id': call.requestId } : {}) };
    for (let attempt = 0; ; attempt++) {
      if (callerSignal?.aborted) return { error: new AbortError({ cause: callerSignal.reason }) };
      const controller = new AbortController();
      let timedOut = false;
      const timer =
        timeoutMs > 0
          ? setTimeout(() => {
              timedOut = true;
              controller.abort();
            }, timeoutMs)
          : undefined;
      const onAbort = (): void => controller.abort(callerSignal?.reason);
      callerSignal?.addEventListener('abort', onAbort, { once: true });
      let outcome: ClientResult<T>;
      try {
        const { data, error, response } = await send({ signal: controller.signal, headers });
        outcome = response.ok
          ? { data: data as T, response }
          : { error: createApiError({ status: response.status, headers: response.headers, body: error }), response };
      } catch (cause) {
        if (timedOut) outcome = { error: new TimeoutError(timeoutMs, { cause }) };
        else if (callerSignal?.aborted) outcome = { error: new AbortError({ cause }) };
        else if (isClientError(cause)) outcome = { error: cause };
        else outcome = { error: new NetworkError(`Could not reach ${options.baseUrl}: ${castToError(cause).message}.`, { cause }) };
      } finally {
        clearTimeout(timer);
        callerSignal?.removeEventListener('abort', onAbort);
      }
      const error = outcome.error;
      const retryable =
        error !== undefined && (isNetworkError(error) || (isApiError(error) && (error.status === 429 || error.status === 503)));
      if (!retryable || attempt >= policy.retries) return outcome;
      const delay = retryDelay(policy, attempt, isApiError(error) ? error.retryAfter : undefined);
      if (delay === undefined) return outcome;
      try {
        await sleep(delay, callerSignal);
      } catch (abort) {
        // sleep() rejects with nothing but an AbortError; anything else is normalised to one.
        return { error: isAbortError(abort) ? abort : new AbortError({ cause: abort }) };
      }
    }
  }

  async function resolveOne(file: F): Promise<NamedBlob | { error: ClientError }> {
    try {
      return await resolve(file, 'image');
    } catch (cause) {
      return { error: isClientError(cause) ? cause : new InputError(`Could not read the file: ${castToError(cause).message}`, { cause }) };
    }
  }

  async function resolveAll(files: readonly F[], offset: number): Promise<NamedBlob[]> {
    return Promise.all(files.map((file, i) => resolve(file, `image-${offset + i + 1}`)));
  }

  function multipart(field: 'file' | 'files', uploads: readonly NamedBlob[]): FormData {
    const form = new FormData();
    for (const upload of uploads) form.append(field, upload.blob, upload.filename);
    return form;
  }

  async function sendBatch(uploads: NamedBlob[], call: RequestOptions | undefined): Promise<ClientResult<BatchPredictionResponse>> {
    return run<BatchPredictionResponse>(call, ({ signal, headers }) =>
      raw.POST('/batch-predict', {
        body: { files: uploads.map((u) => u.blob) },
        // Built here, not by openapi-fetch, so that each part keeps its file name.
        bodySerializer: () => multipart('files', uploads),
        signal,
        headers,
      }),
    );
  }

  return {
    raw,
    health: (call) => run<HealthResponse>(call, ({ signal, headers }) => raw.GET('/health', { signal, headers })),
    model: (call) => run<ModelCard>(call, ({ signal, headers }) => raw.GET('/model', { signal, headers })),

    async predict(file, call) {
      const upload = await resolveOne(file);
      if ('error' in upload) return upload;
      return run<PredictionResponse>(call, ({ signal, headers }) =>
        raw.POST('/predict', { body: { file: upload.blob }, bodySerializer: () => multipart('file', [upload]), signal, headers }),
      );
    },

    async explain(file: F, call?: ExplainOptions): Promise<ClientResult<never>> {
      const upload = await resolveOne(file);
      if ('error' in upload) return upload;
      const png = call?.as === 'png';
      if (call?.as !== undefined && call.as !== 'json' && !png) {
        return { error: new InputError(`explain's "as" must be 'json' or 'png', not ${JSON.stringify(call.as)}.`) };
      }
      return run<never>(call, ({ signal, headers }) =>
        raw.POST('/explain', {
          body: { file: upload.blob },
          bodySerializer: () => multipart('file', [upload]),
          params: { query: png && call?.opacity !== undefined ? { opacity: call.opacity } : {} },
          parseAs: png ? 'blob' : 'json',
          signal,
          headers: { ...headers, Accept: png ? 'image/png' : 'application/json' },
        }),
      );
    },

    async predictStudy(files, call) {
      if (files.length === 0 || files.length > MAX_STUDY_IMAGES) {
        return { error: new InputError(`predictStudy needs 1 to ${MAX_STUDY_IMAGES} images of one examination, not ${files.length}.`) };
      }
      const entries = files.map((f) => (isStudyEntry(f) ? f : { file: f }));
      let uploads: NamedBlob[];
      try {
        uploads = await resolveAll(
          entries.map((e) => e.file),
          0,
        );
      } catch (cause) {
        return { error: isClientError(cause) ? cause : new InputError(`Could not read a file: ${castToError(cause).message}`, { cause }) };
      }
      const form = multipart('files', uploads);
      // Sent once per file, in order, when any file has one: empty means "from its DICOM tags".
      for (const name of ['laterality', 'view'] as const) {
        if (entries.some((e) => e[name] !== undefined)) for (const e of entries) form.append(name, e[name] ?? '');
      }
      return run<StudyResponse>(call, ({ signal, headers }) =>
        raw.POST('/predict-study', { body: { files: uploads.map((u) => u.blob) }, bodySerializer: () => form, signal, headers }),
      );
    },

    async batchPredict(files, call) {
      if (files.length === 0) return { error: new InputError('batchPredict needs at least one file.') };
      const chunks = chunk(files, MAX_FILES_PER_REQUEST);
      // The first failed request stops the others: the caller gets that error, not a partial batch.
      const stop = new AbortController();
      const onAbort = (): void => stop.abort(call?.signal?.reason);
      call?.signal?.addEventListener('abort', onAbort, { once: true });
      if (call?.signal?.aborted) onAbort();
      let done = 0;
      let firstError: { error: ClientError; response?: Response; index: number } | undefined;
      try {
        const parts = await mapWithConcurrency(chunks, call?.concurrency ?? 2, async (part, index) => {
          if (stop.signal.aborted) return undefined;
          let uploads: NamedBlob[];
          try {
            uploads = await resolveAll(part, index * MAX_FILES_PER_REQUEST);
          } catch (cause) {
            const error = isClientError(cause) ? cause : new InputError(`Could not read a file: ${castToError(cause).message}`, { cause });
            if (!firstError || index < firstError.index) firstError = { error, index };
            stop.abort();
            return undefined;
          }
          const result = await sendBatch(uploads, { ...call, signal: stop.signal });
          // Stopped because another request failed: that request's error is the one to report.
          if (result.error && isAbortError(result.error) && !call?.signal?.aborted) return undefined;
          if (result.error) {
            if (!firstError || index < firstError.index)
              firstError = { error: result.error, index, ...(result.response ? { response: result.response } : {}) };
            stop.abort();
            return undefined;
          }
          done += part.length;
          call?.onProgress?.(done, files.length);
          return result;
        });
        if (call?.signal?.aborted) return { error: new AbortError({ cause: call.signal.reason }) };
        if (firstError)
          return firstError.response ? { error: firstError.error, response: firstError.response } : { error: firstError.error };
        const ok = parts as Array<{ data: BatchPredictionResponse; response: Response }>;
        const [only] = ok;
        const last = ok.at(-1);
        // Files were checked to be there, so at least one part was sent.
        if (!only || !last) return { error: new InputError('batchPredict needs at least one file.') };
        return { data: ok.length === 1 ? only.data : mergeBatches(ok.map((p) => p.data)), response: last.response };
      } finally {
        call?.signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}

function isStudyEntry<F>(value: StudyFile<F>): value is { file: F; laterality?: 'L' | 'R'; view?: string } {
  return typeof value === 'object' && value !== null && 'file' in value;
}

/**
 * Creates a client of the Breast Cancer Detection API for browsers and Node. Files may be
 * `File`, `Blob`, `Uint8Array`/`Buffer`, `ArrayBuffer` or a web `ReadableStream` (paths and
 * `fs.ReadStream` through `@bcd-api/client/node`). ⚠️ For education and research only, not
 * for medical diagnosis.
 *
 * @example
 * const client = createClient({ baseUrl: 'http://localhost:7860' });
 * const { data, error } = await client.predict(fileInput.files[0]);
 * if (error) console.error(error.code, error.message);
 * else console.log(data.prediction, data.probabilities.malignant);
 */
export function createClient(options: ClientOptions): Client<FileInput> {
  return buildClient(options, resolveBinaryInput);
}

/**
 * Returns `data`, or throws the typed error: the throwing style.
 *
 * @example
 * const card = await unwrap(client.model());
 */
export async function unwrap<T>(result: ClientResult<T> | Promise<ClientResult<T>>): Promise<T> {
  const settled = await result;
  if (settled.error) throw settled.error;
  return settled.data;
}
