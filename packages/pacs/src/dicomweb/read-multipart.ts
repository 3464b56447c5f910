// Reading a multipart/related body (RFC 2387 over RFC 2046), as WADO-RS answers. Hand-written:
// dicomweb-client, the maintained DICOMweb library, runs on XMLHttpRequest, which Node 20 lacks,
// and Node's fetch reads multipart/form-data only, not multipart/related.

/** One body part: its headers (names in lower case) and its bytes (a view into the whole body). */
export interface MultipartPart {
  headers: Record<string, string>;
  body: Uint8Array;
}

/** The `boundary` parameter of a multipart Content-Type, quoted or not; undefined when there is none. */
export function multipartBoundary(contentType: string): string | undefined {
  const match = /;\s*boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/**
 * Splits a multipart body into its parts; throws an Error naming what is wrong when the body is not
 * a well-formed multipart of that boundary (no opening delimiter, a part without its header end,
 * no closing delimiter).
 */
export function readMultipart(body: Uint8Array, boundary: string): MultipartPart[] {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  // Every delimiter but a first one at offset 0 follows a CRLF that belongs to it (RFC 2046 5.1.1).
  const nextDelimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
  let at = bytes.subarray(0, delimiter.length).equals(delimiter) ? 0 : bytes.indexOf(nextDelimiter);
  if (at < 0) throw new Error('multipart body without its opening boundary');
  if (at > 0) at += 2;
  const parts: MultipartPart[] = [];
  for (;;) {
    at += delimiter.length;
    if (bytes[at] === 0x2d && bytes[at + 1] === 0x2d) return parts; // "--": the close delimiter.
    while (bytes[at] === 0x20 || bytes[at] === 0x09) at++; // transport padding
    if (bytes[at] !== 0x0d || bytes[at + 1] !== 0x0a) throw new Error('multipart boundary not followed by CRLF');
    at += 2;
    // A part may have no headers at all: then its body starts right after the empty line.
    const headerEnd = bytes[at] === 0x0d && bytes[at + 1] === 0x0a ? at : bytes.indexOf('\r\n\r\n', at, 'latin1');
    if (headerEnd < 0) throw new Error('multipart part without the end of its headers');
    const headers = readHeaders(bytes.toString('latin1', at, headerEnd));
    const bodyStart = headerEnd + (headerEnd === at ? 2 : 4);
    const end = bytes.indexOf(nextDelimiter, bodyStart);
    if (end < 0) throw new Error('multipart body without its closing boundary');
    parts.push({ headers, body: body.subarray(bodyStart, end) });
    at = end + 2;
  }
}

function readHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}
