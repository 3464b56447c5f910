import { type ErrorCode, MAX_BATCH_FILES } from '@bcd-api/contract';
import { type CoreErrorCode, isCoreError } from '@bcd-api/core';

/** The one table from error code to HTTP status. */
export const STATUS_BY_CODE = {
  MISSING_FILE: 400,
  EMPTY_FILE: 400,
  UNEXPECTED_FIELD: 400,
  TOO_MANY_FILES: 400,
  TOO_MANY_PARTS: 400,
  UNSUPPORTED_IMAGE: 400,
  CORRUPT_IMAGE: 400,
  IMAGE_TOO_LARGE: 400,
  MALFORMED_MULTIPART: 400,
  INVALID_PARAMETER: 400,
  LATERALITY_UNKNOWN: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  NOT_ACCEPTABLE: 406,
  UNSUPPORTED_MEDIA_TYPE: 415,
  EXPLANATION_UNAVAILABLE: 422,
  NOT_A_MAMMOGRAM: 422,
  INTERNAL_ERROR: 500,
  MODEL_UNAVAILABLE: 503,
  OVERLOADED: 503,
  TIMEOUT: 503,
  SHUTTING_DOWN: 503,
  INFERENCE_INTERRUPTED: 503,
} as const satisfies Record<ErrorCode, number>;

/** The statuses an error is answered with: 400, 401, 404, 405, 406, 413, 415, 422, 500 or 503. */
export type ApiErrorStatus = (typeof STATUS_BY_CODE)[ErrorCode];

/** The short summary (RFC 9457 `title`) of each error status. */
export const TITLE_BY_STATUS: Record<ApiErrorStatus, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Seconds a client should wait before retrying a 503, by code. */
export const RETRY_AFTER_SECONDS: Partial<Record<ErrorCode, number>> = {
  MODEL_UNAVAILABLE: 5,
  OVERLOADED: 1,
  TIMEOUT: 1,
  SHUTTING_DOWN: 5,
  INFERENCE_INTERRUPTED: 1,
};

/**
 * The server's one error for the client: its message is the `detail` shown as is, its status
 * follows from its code (`new ApiError('NOT_FOUND', ...)` has status 404), as hono's
 * HTTPException carries a status union.
 */
export class ApiError<C extends ErrorCode = ErrorCode> extends Error {
  override readonly name = 'ApiError';
  readonly code: C;
  readonly status: (typeof STATUS_BY_CODE)[C];

  constructor(code: C, detail: string, options?: { cause?: unknown }) {
    super(detail, options);
    this.code = code;
    this.status = STATUS_BY_CODE[code];
  }
}

const CORE_TO_API: Record<CoreErrorCode, ErrorCode> = {
  EMPTY_FILE: 'EMPTY_FILE',
  UNSUPPORTED_IMAGE: 'UNSUPPORTED_IMAGE',
  CORRUPT_IMAGE: 'CORRUPT_IMAGE',
  IMAGE_TOO_LARGE: 'IMAGE_TOO_LARGE',
  NOT_A_MAMMOGRAM: 'NOT_A_MAMMOGRAM',
  INVALID_MODEL: 'MODEL_UNAVAILABLE',
  MODEL_UNAVAILABLE: 'MODEL_UNAVAILABLE',
  INFERENCE_FAILED: 'INTERNAL_ERROR',
  WORKER_FAILED: 'INFERENCE_INTERRUPTED',
  OVERLOADED: 'OVERLOADED',
};

interface MulterLikeError {
  name: 'MulterError';
  code: string;
  field?: string;
}

const isMulterError = (value: unknown): value is MulterLikeError =>
  value instanceof Error && value.name === 'MulterError' && 'code' in value && typeof value.code === 'string';

/** Limits that multer errors are explained with. */
export interface UploadLimits {
  maxFileBytes: number;
  maxFiles: number;
  field: string;
}

/**
 * Turns anything thrown while handling a request into an ApiError, so that every response
 * has a documented status and a sentence; unknown failures become INTERNAL_ERROR without
 * their internals.
 */
export function toApiError(error: unknown, limits?: UploadLimits): ApiError {
  if (error instanceof ApiError) return error;
  if (isCoreError(error)) {
    const code = CORE_TO_API[error.code];
    if (code === 'INTERNAL_ERROR') return new ApiError(code, 'The model failed while classifying the image.', { cause: error });
    if (code === 'MODEL_UNAVAILABLE') return new ApiError(code, `The model is not available: ${error.message}`, { cause: error });
    if (code === 'INFERENCE_INTERRUPTED') {
      return new ApiError(code, 'The inference worker handling this request failed and was replaced; retry the request.', { cause: error });
    }
    if (code === 'OVERLOADED') return new ApiError(code, `The server is at capacity: ${error.message} Retry shortly.`, { cause: error });
    return new ApiError(code, error.message, { cause: error });
  }
  if (isMulterError(error)) return fromMulter(error, limits);
  if (error instanceof Error && isBusboyError(error)) {
    return new ApiError('MALFORMED_MULTIPART', `The multipart body is malformed: ${error.message.replace(/^Multipart: /, '')}.`, {
      cause: error,
    });
  }
  return new ApiError('INTERNAL_ERROR', 'Internal server error.', { cause: error });
}

function fromMulter(error: MulterLikeError, limits?: UploadLimits): ApiError {
  switch (error.code) {
    case 'LIMIT_FILE_SIZE':
      return new ApiError('PAYLOAD_TOO_LARGE', `File too large: the limit is ${limits?.maxFileBytes ?? 'set'} bytes per file.`, {
        cause: error,
      });
    case 'LIMIT_FILE_COUNT':
      return limits?.maxFiles === 1
        ? new ApiError('TOO_MANY_FILES', `Send exactly one file in the field '${limits.field}'; use /batch-predict for several.`, {
            cause: error,
          })
        : new ApiError('TOO_MANY_FILES', `Too many files: at most ${limits?.maxFiles ?? MAX_BATCH_FILES} images per batch.`, {
            cause: error,
          });
    case 'LIMIT_PART_COUNT':
      return new ApiError('TOO_MANY_PARTS', 'Too many multipart parts in the request.', { cause: error });
    case 'LIMIT_FIELD_COUNT':
    case 'LIMIT_FIELD_KEY':
    case 'LIMIT_FIELD_VALUE':
      return new ApiError('UNEXPECTED_FIELD', 'A form field is too long or there are too many form fields.', { cause: error });
    case 'LIMIT_UNEXPECTED_FILE':
      return new ApiError(
        'UNEXPECTED_FIELD',
        `Unexpected file field '${sanitiseForMessage(error.field ?? '')}'; send the image in the multipart field '${limits?.field ?? 'file'}'.`,
        { cause: error },
      );
    default:
      return new ApiError('MALFORMED_MULTIPART', 'The multipart body could not be read.', { cause: error });
  }
}

function isBusboyError(error: Error): boolean {
  return /^(Multipart: |Unexpected end of form|Malformed part header|Malformed urlencoded form)/.test(error.message);
}

/** Makes a client-supplied string safe to echo in a message: printable, short. */
export function sanitiseForMessage(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
  return text.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 100);
}
