import type { ErrorCode } from '@bcd-api/contract';
import { ERROR_CODES } from './error-codes.js';

/**
 * The server's one error for the client: its message is the `detail` shown as is, its status
 * follows from its code's descriptor (`new ApiError('NOT_FOUND', ...)` has status 404), as
 * hono's HTTPException carries a status union.
 */
export class ApiError<C extends ErrorCode = ErrorCode> extends Error {
  override readonly name = 'ApiError';
  readonly code: C;
  readonly status: (typeof ERROR_CODES)[C]['status'];

  constructor(code: C, detail: string, options?: { cause?: unknown }) {
    super(detail, options);
    this.code = code;
    this.status = ERROR_CODES[code].status;
  }
}
