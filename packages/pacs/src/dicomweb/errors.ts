/** What went wrong talking to a DICOMweb server, as a stable string. */
export type DicomWebErrorCode =
  /** No connection: refused, reset, DNS, TLS. */
  | 'DICOMWEB_UNREACHABLE'
  /** No complete answer within `timeoutMs`. */
  | 'DICOMWEB_TIMEOUT'
  /** The server answered with an HTTP error status. */
  | 'DICOMWEB_REFUSED'
  /** A success status whose body cannot be read (not JSON, not multipart, no part). */
  | 'DICOMWEB_BAD_RESPONSE'
  /** STOW-RS answered, but left some of the files sent neither stored nor failed (a part it could not read at all). */
  | 'DICOMWEB_STORE_FAILED';

/**
 * Every failure of the DICOMweb client: `code`, the HTTP `status` when there was one, and the
 * underlying error as `cause`. `transient` says whether trying again later may succeed
 * (unreachable, timeout, 408, 429, 5xx), so that a watcher retries with backoff rather than
 * giving up. Messages carry UIDs and statuses, never query values (a patient name or ID).
 */
export class DicomWebError extends Error {
  override readonly name = 'DicomWebError' as const;
  readonly code: DicomWebErrorCode;
  /** The HTTP status, when the server answered. */
  readonly status?: number;
  readonly transient: boolean;

  constructor(code: DicomWebErrorCode, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.status !== undefined) this.status = options.status;
    this.transient =
      code === 'DICOMWEB_UNREACHABLE' || code === 'DICOMWEB_TIMEOUT' || (options.status !== undefined && isTransientStatus(options.status));
  }
}

/** Whether an HTTP status is worth retrying later: 408, 429 and every 5xx. */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Whether a value is a {@link DicomWebError}, by name as well as class (two copies of the package may be loaded). */
export function isDicomWebError(error: unknown): error is DicomWebError {
  return error instanceof DicomWebError || (error instanceof Error && error.name === 'DicomWebError' && 'code' in error);
}
