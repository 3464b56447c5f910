// The DICOM decode threads of the built core (dist/): the same images as decoding on the
// calling thread, a thread that dies fails only its file, and close() lets go of everything.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { requireDicomTools, transcodeDicom, writeDicom } from '@bcd-api/test-kit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDicomDecoder, isCoreError } from '../dist/index.js';
import { decodeDicom } from '../src/dicom/decode-dicom.js';
import { dicomFraming } from '../src/dicom/framing.js';

const tools = requireDicomTools('the DICOM decode thread tests');

describe.skipIf(!tools)('the DICOM decode threads', () => {
  let dir: string;
  let files: Uint8Array[];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bcd-dicom-pool-'));
    const pixels = Uint16Array.from({ length: 300 * 200 }, (_, i) => (i * 37) % 4096);
    const plain = writeDicom(
      join(dir, 'a.dcm'),
      { rows: 200, columns: 300, bitsAllocated: 16, bitsStored: 12, photometricInterpretation: 'MONOCHROME2' },
      pixels,
    );
    files = await Promise.all(
      [plain, transcodeDicom(plain, 'jpeg-ls'), transcodeDicom(plain, 'jpeg2000'), transcodeDicom(plain, 'rle')].map((f) => readFile(f)),
    );
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('gives, on worker threads, the images the calling thread gives', async () => {
    const decoder = createDicomDecoder({ workers: 2 });
    try {
      const pooled = await Promise.all(files.map((bytes, i) => decoder.decode(bytes, { name: `f${i}.dcm: `, maxInputPixels: 1e8 })));
      for (const [i, bytes] of files.entries()) {
        const inline = await decodeDicom(bytes, dicomFraming(bytes)!, { name: `f${i}.dcm: `, maxInputPixels: 1e8 });
        expect(pooled[i]!.info).toEqual(inline.info);
        expect(Buffer.from(pooled[i]!.pixels).equals(Buffer.from(inline.pixels))).toBe(true);
      }
    } finally {
      await decoder.close();
    }
  });

  test("passes a file's CoreError back with its code and message", async () => {
    const decoder = createDicomDecoder({ workers: 1 });
    try {
      const error = await decoder.decode(files[0]!, { name: 'big.dcm: ', maxInputPixels: 100 }).catch((e: unknown) => e);
      expect(isCoreError(error)).toBe(true);
      expect(error).toMatchObject({ code: 'IMAGE_TOO_LARGE', message: expect.stringMatching(/^big\.dcm: the image is 300x200 pixels/) });
    } finally {
      await decoder.close();
    }
  });

  test('a thread that dies fails only its file, with CORRUPT_IMAGE, and is replaced', async () => {
    const script = join(dir, 'dies.mjs');
    await writeFile(script, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n");
    const decoder = createDicomDecoder({ workers: 1, workerUrl: pathToFileURL(script) });
    try {
      const outcomes = await Promise.allSettled([
        decoder.decode(files[0]!, { name: 'one.dcm: ', maxInputPixels: 1e8 }),
        decoder.decode(files[1]!, { name: 'two.dcm: ', maxInputPixels: 1e8 }),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
      expect(outcomes.map((o) => (o.status === 'rejected' ? (o.reason as Error).message : ''))).toEqual([
        'one.dcm: the DICOM pixel data could not be decoded (the decoder failed on it).',
        'two.dcm: the DICOM pixel data could not be decoded (the decoder failed on it).',
      ]);
    } finally {
      await decoder.close();
    }
  });
});
