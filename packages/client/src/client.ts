import type {
  BatchPredictionResponse,
  ExplainResponse,
  HealthResponse,
  ModelCard,
  PacsAnalysisResponse,
  PredictionResponse,
  paths,
  StudyResponse,
} from '@bcd-api/contract';
import type { Client as FetchClient } from 'openapi-fetch';
import * as openapiFetch from 'openapi-fetch';
import { type FileInput, type FileResolver, resolveBinaryInput, type StudyFile } from './file-input.js';
import type { RetryPolicy } from './internal/backoff.js';
import { fanOutBatch, type SettledBatch, settleBatch } from './internal/batch.js';
import { createEndpoints } from './internal/endpoints.js';
import { createTransport } from './internal/transport.js';
import type { BatchOptions, ClientOptions, ExplainOptions, RequestOptions } from './options.js';
import type { ClientResult } from './result.js';

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
   * The requests of {@link Client.batchPredict}, each answered on its own: a request that fails
   * (a network error, a 503 after retries, a 413) stops no other, and comes back as its files with
   * its error. For callers that retry or report one request's files, e.g. a command line tool
   * classifying a folder. Fails as a whole only when aborted or given no file.
   */
  batchPredictSettled(files: readonly F[], options?: BatchOptions): Promise<SettledBatch<F>>;
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
  /**
   * `POST /studies/{StudyInstanceUID}/analyze`: for a server connected to a PACS (its
   * `DICOMWEB_URL`), analyses the study's MG images there and stores the results back into the
   * study as DICOM (a TID 1500 SR and heatmap Secondary Captures), once per model. The answer
   * holds the analysis as {@link Client.predictStudy} gives it and the UIDs of what is stored.
   */
  analyzePacsStudy(studyInstanceUid: string, options?: RequestOptions): Promise<ClientResult<PacsAnalysisResponse>>;
  /** `GET /model`: the served model's card. */
  model(options?: RequestOptions): Promise<ClientResult<ModelCard>>;
  /**
   * The underlying openapi-fetch client, typed from openapi.yaml, for anything else. It sends
   * through the same transport as the methods above (the client's `timeoutMs` per attempt,
   * retries, `signal`); as openapi-fetch does, it answers HTTP errors as `{ error, response }`
   * and rejects when no answer came, here with a `NetworkError`, `TimeoutError` or `AbortError`.
   */
  raw: FetchClient<paths>;
}

const DEFAULT_POLICY: RetryPolicy = { retries: 2, baseDelayMs: 500, maxDelayMs: 30_000 };

/** Builds a client that accepts files of type `F`, read by `resolve`. The main and the Node entry differ only in `resolve`. */
export function buildClient<F>(options: ClientOptions, resolve: FileResolver<F>): Client<F> {
  const policy: RetryPolicy =
    typeof options.retries === 'number' ? { ...DEFAULT_POLICY, retries: options.retries } : { ...DEFAULT_POLICY, ...options.retries };
  const transport = createTransport({ baseUrl: options.baseUrl, fetch: options.fetch, timeoutMs: options.timeoutMs ?? 60_000, policy });
  const raw = createFetchClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.headers ? { headers: options.headers } : {}),
    fetch: (request: Request) => transport(request),
  });
  const { batchPart, ...endpoints } = createEndpoints({ raw, transport, resolve, baseUrl: options.baseUrl });
  return {
    raw,
    ...endpoints,
    batchPredict: (files, call) => fanOutBatch(files, call, batchPart),
    batchPredictSettled: (files, call) => settleBatch(files, call, batchPart),
  };
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
