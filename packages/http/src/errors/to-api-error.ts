import { MAX_BATCH_FILES } from '@bcd-api/contract';
import { isCoreError } from '@bcd-api/core';
import { ApiError } from './api-error.js';
import { CODE_BY_CORE_CODE, errorDescriptor } from './error-codes.js';
import { sanitiseForMessage } from './sanitise-for-message.js';

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
 * has a documented status and a sentence: a core error as its code's descriptor says
 * (`fromCore`), multer's and busboy's by what they mean; unknown failures become
 * INTERNAL_ERROR without their internals.
 */
export function toApiError(error: unknown, limits?: UploadLimits): ApiError {
  if (error instanceof ApiError) return error;
  if (isCoreError(error)) {
    const code = CODE_BY_CORE_CODE[error.code];
    const detail = errorDescriptor(code).fromCore?.detail;
    return new ApiError(code, detail ? detail(error.message) : error.message, { cause: error });
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
