import type { ErrorCode } from '@bcd-api/contract';
import type { CoreErrorCode } from '@bcd-api/core';

/**
 * Everything the server does with one error code, in one place (as hono's HTTPException owns
 * its response): the status and title it is answered with, the headers it adds, how the
 * metrics count it, and which of the core's errors it stands for.
 */
export interface ErrorDescriptor {
  /** The HTTP status of the answer. */
  readonly status: number;
  /** The short summary of the kind of error (RFC 9457 `title`). */
  readonly title: string;
  /** `bcd_rejections_total`'s `reason` label: coarse enough to alert on (the exact code is a second label). */
  readonly reason: string;
  /** Seconds a client should wait before retrying (`Retry-After`), on the refusals a retry can cure. */
  readonly retryAfterSeconds?: number;
  /** Headers the answer carries besides `Retry-After`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The connection closes after the answer: what is left of the upload is not worth reading. */
  readonly closeConnection?: true;
  /** A failure of the server rather than of the request: logged at error level with its cause. */
  readonly serverFault?: true;
  /** Its `bcd_rejections_total` series reads 0 from the start rather than missing, so rate() and alerts see it. */
  readonly countedFromStart?: true;
  /** The core's error codes answered with this code, and the sentence a core message becomes (itself when absent). */
  readonly fromCore?: { readonly codes: readonly CoreErrorCode[]; readonly detail?: (message: string) => string };
}

/**
 * The one table of error codes: adding a code to openapi.yaml's `ErrorCode` means adding its
 * descriptor here, and the error middleware, the error body, the metrics and the mapping of
 * the core's errors all follow from it.
 */
export const ERROR_CODES = {
  MISSING_FILE: { status: 400, title: 'Bad Request', reason: 'bad_request' },
  EMPTY_FILE: { status: 400, title: 'Bad Request', reason: 'bad_request', fromCore: { codes: ['EMPTY_FILE'] } },
  UNEXPECTED_FIELD: { status: 400, title: 'Bad Request', reason: 'bad_request' },
  TOO_MANY_FILES: { status: 400, title: 'Bad Request', reason: 'bad_request' },
  TOO_MANY_PARTS: { status: 400, title: 'Bad Request', reason: 'bad_request' },
  UNSUPPORTED_IMAGE: { status: 400, title: 'Bad Request', reason: 'bad_request', fromCore: { codes: ['UNSUPPORTED_IMAGE'] } },
  CORRUPT_IMAGE: { status: 400, title: 'Bad Request', reason: 'bad_request', fromCore: { codes: ['CORRUPT_IMAGE'] } },
  IMAGE_TOO_LARGE: { status: 400, title: 'Bad Request', reason: 'too_large', fromCore: { codes: ['IMAGE_TOO_LARGE'] } },
  MALFORMED_MULTIPART: { status: 400, title: 'Bad Request', reason: 'bad_request' },
  INVALID_PARAMETER: { status: 400, title: 'Bad Request', reason: 'bad_request' },
  LATERALITY_UNKNOWN: { status: 400, title: 'Bad Request', reason: 'bad_request' },
  UNAUTHORIZED: {
    status: 401,
    title: 'Unauthorized',
    reason: 'unauthorized',
    headers: { 'WWW-Authenticate': 'Bearer realm="Breast Cancer Detection API"' },
  },
  NOT_FOUND: { status: 404, title: 'Not Found', reason: 'not_found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method Not Allowed', reason: 'method_not_allowed' },
  NOT_ACCEPTABLE: { status: 406, title: 'Not Acceptable', reason: 'not_acceptable' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Content Too Large', reason: 'too_large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported Media Type', reason: 'unsupported_media_type' },
  EXPLANATION_UNAVAILABLE: { status: 422, title: 'Unprocessable Content', reason: 'explanation_unavailable' },
  NOT_A_MAMMOGRAM: { status: 422, title: 'Unprocessable Content', reason: 'not_a_mammogram', fromCore: { codes: ['NOT_A_MAMMOGRAM'] } },
  // The PACS node (POST /studies/{StudyInstanceUID}/analyze): the study, or the PACS itself.
  STUDY_NOT_FOUND: { status: 404, title: 'Not Found', reason: 'study_not_found' },
  STUDY_NOT_ANALYSABLE: { status: 422, title: 'Unprocessable Content', reason: 'study_not_analysable' },
  // Like a page the app did not compose (/demo): this server has no such resource, not a fault of its own.
  PACS_NOT_CONFIGURED: { status: 404, title: 'Not Found', reason: 'pacs_not_configured' },
  PACS_UNAVAILABLE: { status: 502, title: 'Bad Gateway', reason: 'pacs_unavailable', retryAfterSeconds: 5 },
  PACS_TIMEOUT: { status: 504, title: 'Gateway Timeout', reason: 'pacs_timeout', retryAfterSeconds: 5 },
  INTERNAL_ERROR: {
    status: 500,
    title: 'Internal Server Error',
    reason: 'internal_error',
    serverFault: true,
    // The core's message may name files or internals; the client gets a sentence without them.
    fromCore: { codes: ['INFERENCE_FAILED'], detail: () => 'The model failed while classifying the image.' },
  },
  MODEL_UNAVAILABLE: {
    status: 503,
    title: 'Service Unavailable',
    reason: 'model_unavailable',
    retryAfterSeconds: 5,
    fromCore: { codes: ['INVALID_MODEL', 'MODEL_UNAVAILABLE'], detail: (message) => `The model is not available: ${message}` },
  },
  OVERLOADED: {
    status: 503,
    title: 'Service Unavailable',
    reason: 'overloaded',
    retryAfterSeconds: 1,
    countedFromStart: true,
    fromCore: { codes: ['OVERLOADED'], detail: (message) => `The server is at capacity: ${message} Retry shortly.` },
  },
  TIMEOUT: {
    status: 503,
    title: 'Service Unavailable',
    reason: 'timeout',
    retryAfterSeconds: 1,
    countedFromStart: true,
    // Past its deadline a request is not worth the rest of its upload: answer now and close.
    closeConnection: true,
  },
  SHUTTING_DOWN: { status: 503, title: 'Service Unavailable', reason: 'shutting_down', retryAfterSeconds: 5, countedFromStart: true },
  INFERENCE_INTERRUPTED: {
    status: 503,
    title: 'Service Unavailable',
    reason: 'inference_interrupted',
    retryAfterSeconds: 1,
    serverFault: true,
    fromCore: {
      codes: ['WORKER_FAILED'],
      detail: () => 'The inference worker handling this request failed and was replaced; retry the request.',
    },
  },
} as const satisfies Record<ErrorCode, ErrorDescriptor>;

type Table = typeof ERROR_CODES;

/** The statuses an error is answered with: 400, 401, 404, 405, 406, 413, 415, 422, 500, 502, 503 or 504. */
export type ApiErrorStatus = Table[ErrorCode]['status'];

/** Why a request was refused or failed, as `bcd_rejections_total` labels it: coarse enough to alert on. */
export type RejectionReason = Table[ErrorCode]['reason'];

/** The status of each error code, as the table says. */
export const STATUS_BY_CODE = Object.fromEntries(Object.entries(ERROR_CODES).map(([code, { status }]) => [code, status])) as {
  readonly [C in ErrorCode]: Table[C]['status'];
};

/** The descriptor of `code`, typed as any descriptor is (the table keeps its literal types for the types above). */
export const errorDescriptor = (code: ErrorCode): ErrorDescriptor => ERROR_CODES[code];

/** The core's error codes the table maps: indexing {@link CODE_BY_CORE_CODE} with any `CoreErrorCode` compiles only while this is all of them. */
type MappedCoreCode = { [C in ErrorCode]: Table[C] extends { fromCore: { codes: readonly (infer K)[] } } ? K : never }[ErrorCode];

/** The error code each of the core's error codes is answered with, from the descriptors' `fromCore`. */
export const CODE_BY_CORE_CODE = Object.fromEntries(
  Object.entries(ERROR_CODES).flatMap(([code, descriptor]: [string, ErrorDescriptor]) =>
    (descriptor.fromCore?.codes ?? []).map((core) => [core, code]),
  ),
) as Record<MappedCoreCode, ErrorCode>;
