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

  test.each([
    ['a little-endian TIFF', [0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00]],
    ['a big-endian TIFF', [0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08]],
    ['a JPEG', [0xff, 0xd8, 0xff, 0xe0]],
    ['a PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ])('takes DICM at offset 128 for DICOM when the preamble starts like %s', (_, header) => {
    // PS3.10 lets the preamble hold anything: pydicom's CT_small.dcm and MR_small.dcm start with `II*\0`.
    const file = new Uint8Array(256);
    file.set(header, 0);
    file.set([0x44, 0x49, 0x43, 0x4d], 128);
    expect(sniffFormat(file)).toEqual({ supported: true, format: 'DICOM' });
    // Without DICM there, the same bytes are what their header says.
    file.set([0, 0, 0, 0], 128);
    expect(sniffFormat(file)).not.toEqual({ supported: true, format: 'DICOM' });
  });
});
