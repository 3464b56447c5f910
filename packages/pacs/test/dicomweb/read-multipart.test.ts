import { describe, expect, test } from 'vitest';
import { multipartBoundary, readMultipart } from '../../src/dicomweb/read-multipart.js';
import { writeMultipart } from '../../src/dicomweb/write-multipart.js';

const latin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

describe('multipartBoundary', () => {
  test('reads a quoted boundary and a bare one, as Orthanc sends it', () => {
    expect(multipartBoundary('multipart/related; type="application/dicom"; boundary="a b=c"')).toBe('a b=c');
    expect(multipartBoundary('multipart/related; type="application/dicom"; boundary=163b-2d85')).toBe('163b-2d85');
    expect(multipartBoundary('multipart/related; BOUNDARY=x1;type=y')).toBe('x1');
  });

  test('is undefined without a boundary', () => {
    expect(multipartBoundary('application/dicom')).toBeUndefined();
  });
});

describe('readMultipart', () => {
  test('splits parts, reads their headers, and keeps binary bodies byte for byte', () => {
    const binary = new Uint8Array([0, 13, 10, 45, 45, 255, 13, 10]);
    const body = Buffer.concat([
      latin1('--XyZ\r\nContent-Type: application/dicom\r\nContent-Length: 8\r\n\r\n'),
      binary,
      latin1('\r\n--XyZ\r\ncontent-type: application/dicom\r\n\r\nsecond\r\n--XyZ--\r\n'),
    ]);
    const parts = readMultipart(body, 'XyZ');
    expect(parts).toHaveLength(2);
    expect(parts[0]?.headers).toEqual({ 'content-type': 'application/dicom', 'content-length': '8' });
    expect([...(parts[0]?.body ?? [])]).toEqual([...binary]);
    expect(text(parts[1]?.body ?? new Uint8Array())).toBe('second');
  });

  test('skips a preamble, transport padding and an epilogue, and reads a part without headers', () => {
    const body = latin1('ignored preamble\r\n--b  \r\n\r\nbare\r\n--b--\r\nepilogue');
    const parts = readMultipart(body, 'b');
    expect(parts.map((part) => [part.headers, text(part.body)])).toEqual([[{}, 'bare']]);
  });

  test('does not end a part at the boundary text without the CRLF before it', () => {
    const parts = readMultipart(latin1('--b\r\n\r\nx--b y\r\n--b--'), 'b');
    expect(text(parts[0]?.body ?? new Uint8Array())).toBe('x--b y');
  });

  test.each([
    ['no opening boundary', 'hello', 'without its opening boundary'],
    ['a part cut before its close', '--b\r\nContent-Type: a\r\n\r\ndata', 'without its closing boundary'],
    ['headers that never end', '--b\r\nContent-Type: a', 'without the end of its headers'],
    ['a boundary run into the data', '--bdata', 'not followed by CRLF'],
  ])('throws on %s', (_, body, message) => {
    expect(() => readMultipart(latin1(body), 'b')).toThrow(message);
  });

  test('reads back what writeMultipart wrote, each part whole', () => {
    const files = [new Uint8Array(1000).map((_, i) => i % 256), latin1('\r\n--not-the-boundary\r\n')];
    const { contentType, body } = writeMultipart(files, 'application/dicom');
    expect(contentType).toMatch(/^multipart\/related; type="application\/dicom"; boundary=bcd-[0-9a-f-]{36}$/);
    const parts = readMultipart(body, multipartBoundary(contentType) ?? '');
    expect(parts.map((part) => [...part.body])).toEqual(files.map((file) => [...file]));
    expect(parts.map((part) => part.headers['content-type'])).toEqual(['application/dicom', 'application/dicom']);
  });
});
