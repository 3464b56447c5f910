// Bad DICOM input: each refusal is a CoreError with its code, a message that names the file
// and the reason, and no value that could identify the patient. The files are generated here
// (pydicom, DCMTK) from a small synthetic image, never committed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DICOM_IDENTIFIERS, type DicomSpec, requireDicomTools, transcodeDicom, writeDicom } from '@bcd-api/test-kit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_MAX_INPUT_PIXELS, decodeImage } from '../src/decode-image.js';
import { CoreError, type CoreErrorCode } from '../src/errors.js';

const tools = requireDicomTools('the DICOM error tests');

const [rows, columns] = [48, 64];
const size = { width: 32, height: 32 };
const grey = { rows, columns, bitsAllocated: 8, bitsStored: 8, photometricInterpretation: 'MONOCHROME2' } as const satisfies DicomSpec;
const pixels = Uint8Array.from({ length: rows * columns }, (_, i) => (i * 7) % 256);

/** Every identifying value and each part of a name, as a leak would show it. */
const IDENTIFYING = Object.values(DICOM_IDENTIFIERS)
  .flatMap((value) => [value, ...value.split('^')])
  .filter((value) => value.length >= 4);

/** Decodes `bytes` as `name`, expects a CoreError with `code` whose message names the file and matches `message`, and returns it. */
async function expectRefusal(bytes: Uint8Array, name: string, code: CoreErrorCode, message: RegExp | string, maxInputPixels?: number) {
  const error = await decodeImage(bytes, { ...size, filename: name, ...(maxInputPixels ? { maxInputPixels } : {}) }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CoreError);
  const { code: actual, message: text } = error as CoreError;
  expect(actual).toBe(code);
  expect(text.startsWith(`${name}: `)).toBe(true);
  if (typeof message === 'string') expect(text).toBe(`${name}: ${message}`);
  else expect(text).toMatch(message);
  // Nothing identifying in the message, nor in the causes under it.
  let chain: unknown = error;
  while (chain instanceof Error) {
    for (const value of IDENTIFYING) expect(chain.message, `leaks ${value}`).not.toContain(value);
    chain = chain.cause;
  }
  return error as CoreError;
}

/** Overwrites the 20 bytes of the file meta's Transfer Syntax UID '1.2.840.10008.1.2.1' (padded with NUL). */
function withSyntax(file: Uint8Array, value: string): Uint8Array {
  const explicit = new TextEncoder().encode('1.2.840.10008.1.2.1\0');
  const bytes = Uint8Array.from(file);
  const at = Buffer.from(bytes.buffer).indexOf(Buffer.from(explicit));
  if (at < 0 || at > 400 || value.length !== 20) throw new Error('cannot patch the transfer syntax');
  bytes.set(new TextEncoder().encode(value), at);
  return bytes;
}

describe.skipIf(!tools)('decodeImage refuses bad DICOM', () => {
  let dir = '';
  const path = (name: string) => join(dir, name);
  const read = (name: string) => new Uint8Array(readFileSync(path(name)));

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bcd-dicom-errors-'));
    writeDicom(path('good.dcm'), grey, pixels);
    transcodeDicom(path('good.dcm'), 'jpeg-extended', path('extended.dcm'));
    transcodeDicom(path('good.dcm'), 'jpeg-ls', path('jpeg-ls.dcm'));
    writeDicom(path('sr.dcm'), { ...grey, pixelData: false }, new Uint8Array(0));
    writeDicom(path('frames.dcm'), { ...grey, numberOfFrames: 2 }, Uint8Array.from([...pixels, ...pixels]));
    writeDicom(path('for-processing.dcm'), { ...grey, PresentationIntentType: 'FOR PROCESSING' }, pixels);
    writeDicom(path('huge.dcm'), { ...grey, rows: 60000, columns: 60000 }, new Uint8Array(4));
    writeDicom(path('palette.dcm'), { ...grey, photometricInterpretation: 'PALETTE COLOR' }, pixels);
    const ybr = Uint8Array.from({ length: rows * columns * 3 }, (_, i) => i % 256);
    writeDicom(path('ybr.dcm'), { ...grey, samplesPerPixel: 3, photometricInterpretation: 'YBR_FULL' }, ybr);
    // 4100 x 4100 zeros deflate to a few kB and inflate to 16.8 MB.
    writeDicom(path('zeros.dcm'), { ...grey, rows: 4100, columns: 4100 }, new Uint8Array(4100 * 4100));
    transcodeDicom(path('zeros.dcm'), 'deflated', path('deflate-bomb.dcm'));
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('decodes the good file these are made from', async () => {
    const image = await decodeImage(read('good.dcm'), size);
    expect(image.dicom?.transferSyntax).toBe('Explicit VR Little Endian');
    expect((await decodeImage(read('jpeg-ls.dcm'), size)).rgb).toEqual(image.rgb);
  });

  test('an unsupported transfer syntax, named by UID and name', async () => {
    const rest =
      'is not supported; send Implicit or Explicit VR Little Endian, JPEG Baseline, JPEG Lossless, JPEG-LS, JPEG 2000 or RLE Lossless.';
    await expectRefusal(
      read('extended.dcm'),
      'extended.dcm',
      'UNSUPPORTED_IMAGE',
      `the DICOM transfer syntax 1.2.840.10008.1.2.4.51 (JPEG Extended (Process 2 & 4)) ${rest}`,
    );
    await expectRefusal(
      withSyntax(read('good.dcm'), '1.2.840.10008.1.2.2\0'),
      'big.dcm',
      'UNSUPPORTED_IMAGE',
      `the DICOM transfer syntax 1.2.840.10008.1.2.2 (Explicit VR Big Endian (retired)) ${rest}`,
    );
    await expectRefusal(
      withSyntax(read('good.dcm'), '1.2.3.4.5.6.7.8.9.10'),
      'private.dcm',
      'UNSUPPORTED_IMAGE',
      `the DICOM transfer syntax 1.2.3.4.5.6.7.8.9.10 (a private or unknown transfer syntax) ${rest}`,
    );
  });

  test('a transfer syntax that is not a UID, without quoting it', async () => {
    const error = await expectRefusal(
      withSyntax(read('good.dcm'), `${DICOM_IDENTIFIERS.PatientID}\0\0\0`),
      'odd.dcm',
      'UNSUPPORTED_IMAGE',
      /transfer syntax a transfer syntax that is not a valid UID is not supported/,
    );
    expect(error.message).not.toContain('WOMBAT');
  });

  test('a DICOM file with no pixel data, such as a structured report', async () => {
    await expectRefusal(
      read('sr.dcm'),
      'report.dcm',
      'UNSUPPORTED_IMAGE',
      'the DICOM file is a structured report and holds no image (no Pixel Data, (7FE0,0010)); send a DICOM image.',
    );
  });

  test('several frames', async () => {
    await expectRefusal(read('frames.dcm'), 'frames.dcm', 'UNSUPPORTED_IMAGE', 'the DICOM image holds 2 frames; send a single frame.');
  });

  test('a FOR PROCESSING image, with the documented reason', async () => {
    await expectRefusal(
      read('for-processing.dcm'),
      'raw.dcm',
      'UNSUPPORTED_IMAGE',
      'a FOR PROCESSING image is raw detector data; send the FOR PRESENTATION image the scanner made from it.',
    );
  });

  test('more pixels than allowed, from Rows and Columns, before decoding any', async () => {
    // The file holds 4 bytes of pixel data: had it been decoded, the refusal would say truncated.
    await expectRefusal(
      read('huge.dcm'),
      'huge.dcm',
      'IMAGE_TOO_LARGE',
      `the image is 60000x60000 pixels; the limit is ${DEFAULT_MAX_INPUT_PIXELS} pixels.`,
    );
    await expectRefusal(read('jpeg-ls.dcm'), 'small.dcm', 'IMAGE_TOO_LARGE', 'the image is 64x48 pixels; the limit is 3000 pixels.', 3000);
  });

  test('a deflated data set that inflates past what the pixel limit allows', async () => {
    await expectRefusal(
      read('deflate-bomb.dcm'),
      'bomb.dcm',
      'IMAGE_TOO_LARGE',
      /the deflated DICOM data set inflates to more than \d+ bytes/,
      1000,
    );
  });

  test('truncated pixel data, uncompressed or compressed', async () => {
    const good = read('good.dcm');
    await expectRefusal(
      good.subarray(0, good.length - 1000),
      'cut.dcm',
      'CORRUPT_IMAGE',
      `the DICOM pixel data is truncated: it holds ${rows * columns - 1000} bytes where ${rows * columns} are needed.`,
    );
    const compressed = read('jpeg-ls.dcm');
    await expectRefusal(
      compressed.subarray(0, compressed.length - 200),
      'cut-ls.dcm',
      'CORRUPT_IMAGE',
      /^cut-ls\.dcm: the DICOM pixel data is truncated: a fragment of \d+ bytes runs \d+ bytes past the end of the file\.$/,
    );
  });

  test('damaged compressed pixel data', async () => {
    const bytes = read('jpeg-ls.dcm');
    // Past the JPEG-LS header, in the middle of the scan.
    for (let i = bytes.length - 600; i < bytes.length - 100; i++) bytes[i] = (i * 151) & 0xff;
    await expectRefusal(
      bytes,
      'noise.dcm',
      'CORRUPT_IMAGE',
      'the DICOM pixel data (JPEG-LS Lossless Image Compression) is damaged or truncated and cannot be decoded.',
    );
  });

  test('a data set that cannot be parsed', async () => {
    const good = read('good.dcm');
    await expectRefusal(
      good.subarray(0, 200),
      'header.dcm',
      'CORRUPT_IMAGE',
      'the DICOM data set is damaged or truncated and cannot be read.',
    );
    const garbage = Uint8Array.from({ length: 600 }, (_, i) => (i * 97 + 13) & 0xff);
    garbage.set(new TextEncoder().encode('DICM'), 128);
    await expectRefusal(garbage, 'garbage.dcm', 'CORRUPT_IMAGE', /damaged|no Transfer Syntax UID/);
  });

  test('a photometric interpretation other than MONOCHROME1, MONOCHROME2 or RGB, named', async () => {
    await expectRefusal(
      read('palette.dcm'),
      'palette.dcm',
      'UNSUPPORTED_IMAGE',
      'the DICOM photometric interpretation PALETTE COLOR with 1 sample per pixel in Explicit VR Little Endian is not supported; ' +
        'send MONOCHROME1, MONOCHROME2 or RGB.',
    );
    await expectRefusal(
      read('ybr.dcm'),
      'ybr.dcm',
      'UNSUPPORTED_IMAGE',
      /photometric interpretation YBR_FULL with 3 samples per pixel in Explicit VR/,
    );
  });
});
