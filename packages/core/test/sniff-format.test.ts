import { fixture } from '@bcd-api/test-kit';
import { describe, expect, test } from 'vitest';
import { sniffFormat } from '../src/sniff-format.js';

describe('sniffFormat', () => {
  test.each([
    ['breast-grey.png', 'PNG'],
    ['breast-16bit.png', 'PNG'],
    ['breast.jpg', 'JPEG'],
    ['breast.webp', 'WEBP'],
    ['breast.tiff', 'TIFF'],
  ])('recognises %s as %s from its bytes', (name, format) => {
    expect(sniffFormat(fixture(name))).toEqual({ supported: true, format });
  });

  test.each([
    ['not-an-image.pdf', 'PDF'],
    ['page.html.png', 'HTML'],
    ['empty.png', 'unrecognised data'],
  ])('names %s as %s whatever its file name says', (name, kind) => {
    expect(sniffFormat(fixture(name))).toEqual({ supported: false, kind });
  });

  test('recognises SVG, zip and GIF as unsupported kinds', () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect(sniffFormat(bytes('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'))).toEqual({ supported: false, kind: 'SVG' });
    expect(sniffFormat(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toEqual({ supported: false, kind: 'ZIP archive' });
    expect(sniffFormat(bytes('GIF89a...'))).toEqual({ supported: false, kind: 'GIF' });
  });
});
