import { type ErrorCode, openapiDocument } from '@bcd-api/contract';
import { CoreError, type CoreErrorCode } from '@bcd-api/core';
import { describe, expect, test } from 'vitest';
import { ApiError } from '../../src/errors/api-error.js';
import { ERROR_CODES, type ErrorDescriptor, STATUS_BY_CODE } from '../../src/errors/error-codes.js';
import { toApiError } from '../../src/errors/to-api-error.js';

const SPEC_CODES = openapiDocument.components.schemas.ErrorCode.enum as readonly ErrorCode[];
const descriptors = Object.entries<ErrorDescriptor>(ERROR_CODES);
// Every code of the core's union, checked by the compiler.
const CORE_CODES = Object.keys({
  EMPTY_FILE: true,
  UNSUPPORTED_IMAGE: true,
  CORRUPT_IMAGE: true,
  IMAGE_TOO_LARGE: true,
  NOT_A_MAMMOGRAM: true,
  INVALID_MODEL: true,
  MODEL_UNAVAILABLE: true,
  INFERENCE_FAILED: true,
  WORKER_FAILED: true,
  OVERLOADED: true,
} satisfies Record<CoreErrorCode, true>);

describe('the error table', () => {
  test('has one descriptor for every code of the spec, and no other', () => {
    expect(Object.keys(ERROR_CODES).sort()).toEqual([...SPEC_CODES].sort());
  });

  test('gives every status one title, and STATUS_BY_CODE the status of each descriptor', () => {
    const titles = new Map<number, Set<string>>();
    for (const [code, { status, title }] of descriptors) {
      titles.set(status, (titles.get(status) ?? new Set()).add(title));
      expect(STATUS_BY_CODE[code as ErrorCode], code).toBe(status);
    }
    for (const [status, seen] of titles) expect([...seen], String(status)).toHaveLength(1);
  });

  test('asks for a retry (Retry-After) on 503s and on a PACS that failed or timed out (502, 504) only, each of them', () => {
    for (const [code, { status, retryAfterSeconds }] of descriptors) {
      expect(retryAfterSeconds !== undefined, code).toBe(status === 503 || status === 502 || status === 504);
    }
  });

  test('maps each of the core error codes to exactly one API code', () => {
    const mapped = descriptors.flatMap(([, d]) => d.fromCore?.codes ?? []);
    expect([...mapped].sort()).toEqual([...CORE_CODES].sort());
  });

  test('an ApiError takes its status from its code', () => {
    const error = new ApiError('PAYLOAD_TOO_LARGE', 'Too big.');
    expect([error.status, error.code, error.message, error.name]).toEqual([413, 'PAYLOAD_TOO_LARGE', 'Too big.', 'ApiError']);
  });
});

describe('toApiError', () => {
  test.each([
    ['EMPTY_FILE', 'EMPTY_FILE', 'The file is empty.'],
    ['CORRUPT_IMAGE', 'CORRUPT_IMAGE', 'The file is empty.'],
    ['INVALID_MODEL', 'MODEL_UNAVAILABLE', 'The model is not available: The file is empty.'],
    ['INFERENCE_FAILED', 'INTERNAL_ERROR', 'The model failed while classifying the image.'],
    ['WORKER_FAILED', 'INFERENCE_INTERRUPTED', 'The inference worker handling this request failed and was replaced; retry the request.'],
    ['OVERLOADED', 'OVERLOADED', 'The server is at capacity: The file is empty. Retry shortly.'],
  ] as const)('answers the core error %s as %s with the sentence its descriptor gives', (core, code, detail) => {
    const error = toApiError(new CoreError(core, 'The file is empty.'));
    expect([error.code, error.message]).toEqual([code, detail]);
    expect(error.cause).toBeInstanceOf(CoreError);
  });

  test('keeps an ApiError as it is, and hides anything unknown behind INTERNAL_ERROR', () => {
    const known = new ApiError('NOT_FOUND', 'No such thing.');
    expect(toApiError(known)).toBe(known);
    const unknown = toApiError(new Error('/secret/path exploded'));
    expect([unknown.code, unknown.message]).toEqual(['INTERNAL_ERROR', 'Internal server error.']);
  });

  test('explains multer limits with the route’s limits and busboy failures as a malformed body', () => {
    const multer = (code: string, field?: string) => Object.assign(new Error(code), { name: 'MulterError', code, field });
    const limits = { maxFileBytes: 2048, maxFiles: 1, field: 'file' };
    expect(toApiError(multer('LIMIT_FILE_SIZE'), limits).message).toBe('File too large: the limit is 2048 bytes per file.');
    expect(toApiError(multer('LIMIT_FILE_COUNT'), limits).message).toMatch(/^Send exactly one file in the field 'file'/);
    expect(toApiError(multer('LIMIT_FILE_COUNT'), { ...limits, maxFiles: 10 }).message).toBe(
      'Too many files: at most 10 images per batch.',
    );
    expect(toApiError(multer('LIMIT_UNEXPECTED_FILE', 'pic\u0007ture'), limits).message).toMatch(/^Unexpected file field 'picture'/);
    expect(toApiError(new Error('Unexpected end of form')).code).toBe('MALFORMED_MULTIPART');
  });
});
