// Browser-safe entry: contract types and openapi-fetch only, no `node:*` (see test/bundle.test.ts).

export type {
  BatchItemError,
  BatchItemSuccess,
  BatchPredictionResponse,
  components,
  ErrorCode,
  ErrorResponse,
  ExplainResponse,
  HealthResponse,
  Heatmap,
  InputCheck,
  ModelCard,
  PacsAnalysisResponse,
  PredictionResponse,
  paths,
  RiskLevelName,
  StudyResponse,
} from '@bcd-api/contract';
export { type Client, createClient } from './client.js';
export { mapWithConcurrency } from './concurrency.js';
export {
  AbortError,
  ApiError,
  type ApiErrorInit,
  AuthenticationError,
  BadRequestError,
  BcdClientError,
  type ClientError,
  type ClientErrorCode,
  InputError,
  InternalServerError,
  isAbortError,
  isApiError,
  isClientError,
  isInputError,
  isNetworkError,
  isTimeoutError,
  NetworkError,
  NotAMammogramError,
  PayloadTooLargeError,
  parseRetryAfter,
  RateLimitError,
  ServiceUnavailableError,
  TimeoutError,
  UnsupportedMediaTypeError,
} from './errors.js';
export type { BinaryInput, FileInput, NamedInput, StudyFile } from './file-input.js';
export type { RetryPolicy } from './internal/backoff.js';
export type { BatchPart, SettledBatch } from './internal/batch.js';
export { MAX_FILES_PER_REQUEST, MAX_STUDY_IMAGES } from './limits.js';
export type { BatchOptions, ClientOptions, ExplainOptions, RequestOptions } from './options.js';
export { type ClientResult, unwrap } from './result.js';
