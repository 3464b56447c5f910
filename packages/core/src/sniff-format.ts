import { dicomFraming } from './dicom/framing.js';

/** Image formats the core decodes. */
export type ImageFormat = 'JPEG' | 'PNG' | 'WEBP' | 'TIFF' | 'DICOM';

/** What the first bytes of a file say it is: a supported image format, or a name for what it is not. */
export type SniffResult = { supported: true; format: ImageFormat } | { supported: false; kind: string };

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

const OTHER_KINDS: ReadonlyArray<[string, number[]]> = [
  ['PDF', ascii('%PDF')],
  ['ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
  ['GIF', ascii('GIF8')],
  ['BMP', ascii('BM')],
  ['gzip archive', [0x1f, 0x8b]],
];

/**
 * Recognises an image format from its magic bytes, never from a file name or a client's
 * content type, so that a PDF named `.png` is refused before any decoder sees it.
 */
export function sniffFormat(bytes: Uint8Array): SniffResult {
  // `DICM` after the 128-byte preamble wins: PS3.10 lets the preamble hold anything, and some
  // writers put a TIFF header there (pydicom's CT_small.dcm starts with `II*\0`).
  if (startsWith(bytes, ascii('DICM'), 128)) return { supported: true, format: 'DICOM' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { supported: true, format: 'JPEG' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { supported: true, format: 'PNG' };
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return { supported: true, format: 'WEBP' };
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
    return { supported: true, format: 'TIFF' };
  }
  for (const [kind, signature] of OTHER_KINDS) {
    if (startsWith(bytes, signature)) return { supported: false, kind };
  }
  // DICOM puts its magic after a 128-byte preamble, or, from some writers, has neither.
  if (dicomFraming(bytes)) return { supported: true, format: 'DICOM' };
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return { supported: false, kind: 'SVG' };
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return { supported: false, kind: 'HTML' };
  if (head.startsWith('<?xml')) return { supported: false, kind: 'XML' };
  return { supported: false, kind: 'unrecognised data' };
}
