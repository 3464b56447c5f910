// Browser-safe entry: contract types and openapi-fetch only, no `node:*` (see test/bundle.test.ts).

export type {
  BatchItemError,
  BatchItemSuccess,
  BatchPredictionResponse,
  components,
  ErrorCode,
  ErrorResponse,
  HealthResponse,
  ModelCard,
  PredictionResponse,
  paths,
  RiskLevelName,
} from '@bcd-api/contract';
export {
  type BatchOptions,
  type Client,
  type ClientOptions,
  type ClientResult,
  createClient,
  MAX_FILES_PER_REQUEST,
  type RequestOptions,
  unwrap,
} from './client.js';
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
  PayloadTooLargeError,
  parseRetryAfter,
  RateLimitError,
  ServiceUnavailableError,
  TimeoutError,
  UnsupportedMediaTypeError,
} from './errors.js';
export type { BinaryInput, FileInput, NamedInput } from './file-input.js';
export type { RetryPolicy } from './internal/backoff.js';
