import type { ErrorCode } from '@bcd-api/contract';
import { isCoreError, type CoreErrorCode } from '@bcd-api/core';

/** The one table from error code to HTTP status. */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  MISSING_FILE: 400,
  EMPTY_FILE: 400,
  UNEXPECTED_FIELD: 400,
  TOO_MANY_FILES: 400,
  TOO_MANY_PARTS: 400,
  UNSUPPORTED_IMAGE: 400,
  CORRUPT_IMAGE: 400,
  IMAGE_TOO_LARGE: 400,
  MALFORMED_MULTIPART: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL_ERROR: 500,
  MODEL_UNAVAILABLE: 503,
  OVERLOADED: 503,
  TIMEOUT: 503,
  SHUTTING_DOWN: 503,
  INFERENCE_INTERRUPTED: 503,
};

/** Seconds a client should wait before retrying a 503, by code. */
export const RETRY_AFTER_SECONDS: Partial<Record<ErrorCode, number>> = {
  MODEL_UNAVAILABLE: 5,
  OVERLOADED: 1,
  TIMEOUT: 1,
  SHUTTING_DOWN: 5,
  INFERENCE_INTERRUPTED: 1,
};

/** An error meant for the client: its `detail` is shown as is. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ErrorCode;
  readonly status: number;

  constructor(code: ErrorCode, detail: string, options?: { cause?: unknown }) {
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
  value instanceof Error && value.name === 'MulterError' && typeof (value as { code?: unknown }).code === 'string';

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
    return new ApiError('MALFORMED_MULTIPART', `The multipart body is malformed: ${error.message.replace(/^Multipart: /, '')}.`, { cause: error });
  }
  return new ApiError('INTERNAL_ERROR', 'Internal server error.', { cause: error });
}

function fromMulter(error: MulterLikeError, limits?: UploadLimits): ApiError {
  switch (error.code) {
    case 'LIMIT_FILE_SIZE':
      return new ApiError('PAYLOAD_TOO_LARGE', `File too large: the limit is ${limits?.maxFileBytes ?? 'set'} bytes per file.`, { cause: error });
    case 'LIMIT_FILE_COUNT':
      return limits?.maxFiles === 1
        ? new ApiError('TOO_MANY_FILES', `Send exactly one file in the field '${limits.field}'; use /batch-predict for several.`, { cause: error })
        : new ApiError('TOO_MANY_FILES', `Too many files: at most ${limits?.maxFiles ?? 10} images per batch.`, { cause: error });
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
  return text.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 100);
}
