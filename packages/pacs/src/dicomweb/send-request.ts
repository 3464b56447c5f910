// The one transport step of the DICOMweb client: a fetch with a deadline, its failures mapped to
// DicomWebError codes. The whole exchange (headers and body) shares one deadline, so a server
// that stalls mid-body times out too.
import { DicomWebError } from './errors.js';

/** What one request needs: where, how, and within how long. */
export interface DicomWebRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: Uint8Array;
  timeoutMs: number;
  fetch: typeof fetch;
  /** The caller's own cancellation: its abort reason is thrown as is, not as a DicomWebError. */
  signal?: AbortSignal;
  /** What the request does, for messages: e.g. "QIDO-RS search of studies" (UIDs at most, never query values). */
  what: string;
}

/** A response read to its end: status, headers and bytes. */
export interface ReadResponse {
  status: number;
  headers: Headers;
  body: Uint8Array;
}

/**
 * Sends one request and reads its whole body; throws {@link DicomWebError} when the server cannot
 * be reached (`DICOMWEB_UNREACHABLE`) or does not finish within `timeoutMs` (`DICOMWEB_TIMEOUT`).
 * Any HTTP status is returned: the caller decides which ones it reads.
 */
export async function sendRequest(init: DicomWebRequest): Promise<ReadResponse> {
  const deadline = AbortSignal.timeout(init.timeoutMs);
  const signal = init.signal ? AbortSignal.any([deadline, init.signal]) : deadline;
  try {
    const response = await init.fetch(init.url, {
      method: init.method,
      headers: init.headers,
      ...(init.body === undefined ? {} : { body: init.body }),
      signal,
    });
    const body = new Uint8Array(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, body };
  } catch (error) {
    if (init.signal?.aborted) throw init.signal.reason;
    if (deadline.aborted) {
      throw new DicomWebError('DICOMWEB_TIMEOUT', `${init.what}: no answer within ${init.timeoutMs} ms`, { cause: error });
    }
    throw new DicomWebError('DICOMWEB_UNREACHABLE', `${init.what}: the DICOMweb server cannot be reached (${reason(error)})`, {
      cause: error,
    });
  }
}

/** The system's error code (ECONNREFUSED, ENOTFOUND...) of a failed fetch: undici puts it on `cause`. */
function reason(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? cause.code : undefined;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : 'unknown error';
}
