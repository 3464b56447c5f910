// Building a multipart/related body (RFC 2387) for STOW-RS (PS3.18 10.5), for the same reason
// as read-multipart.ts: no maintained library does it on Node's fetch.
import { randomUUID } from 'node:crypto';

/** A multipart/related body of parts of one media type, and the Content-Type that names its boundary. */
export interface MultipartBody {
  contentType: string;
  body: Uint8Array;
}

/**
 * Joins `parts`, each of media type `type` (e.g. `application/dicom`), into one multipart/related
 * body under a random boundary that occurs in none of them.
 */
export function writeMultipart(parts: readonly Uint8Array[], type: string): MultipartBody {
  let boundary = `bcd-${randomUUID()}`;
  // A random 128-bit boundary inside a DICOM file is all but impossible; checked all the same.
  while (parts.some((part) => Buffer.from(part.buffer, part.byteOffset, part.byteLength).includes(boundary, 0, 'latin1'))) {
    boundary = `bcd-${randomUUID()}`;
  }
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Type: ${type}\r\nContent-Length: ${part.byteLength}\r\n\r\n`, 'latin1'), part);
    chunks.push(Buffer.from('\r\n', 'latin1'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'latin1'));
  return { contentType: `multipart/related; type="${type}"; boundary=${boundary}`, body: Buffer.concat(chunks) };
}
