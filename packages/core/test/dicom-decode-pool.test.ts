// The DICOM decode threads of the built core (dist/): the same images as decoding on the
// calling thread, a thread that dies fails only its file, and close() lets go of everything.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
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

/** A decode thread that answers every file with a 1x1 grey image. */
const writeAnsweringWorker = (path: string) =>
  writeFile(
    path,
    "import { parentPort } from 'node:worker_threads';\n" +
      "parentPort.on('message', ({ id }) => parentPort.postMessage({ id, image: { width: 1, height: 1, channels: 1, pixels: new Uint8Array(1), info: {} } }));\n",
  );

test('decode threads start in a process run with V8 flags, which a thread refuses when they are passed on explicitly', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bcd-dicom-flags-'));
  try {
    const worker = join(dir, 'answers.mjs');
    await writeAnsweringWorker(worker);
    const core = pathToFileURL(join(import.meta.dirname, '../dist/index.js')).href;
    const program = join(dir, 'main.mjs');
    await writeFile(
      program,
      `const { createDicomDecoder } = await import(${JSON.stringify(core)});
const decoder = createDicomDecoder({ workers: 1, workerUrl: new URL(${JSON.stringify(pathToFileURL(worker).href)}) });
const image = await decoder.decode(new Uint8Array(4), { name: '', maxInputPixels: 1 });
await decoder.close();
console.log(image.width, typeof globalThis.gc);`,
    );
    // --max-old-space-size is how an operator gives Node more heap; --expose-gc is a V8 flag too.
    const { stdout } = await promisify(execFile)(process.execPath, ['--max-old-space-size=512', '--expose-gc', program], {
      timeout: 10_000,
    });
    expect(stdout.trim()).toBe('1 function');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('an idle decode thread does not keep the process alive', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bcd-dicom-idle-'));
  try {
    // A process that decodes one file and then has nothing to do.
    const worker = join(dir, 'answers.mjs');
    await writeAnsweringWorker(worker);
    const core = pathToFileURL(join(import.meta.dirname, '../dist/index.js')).href;
    const program = `const { createDicomDecoder } = await import(${JSON.stringify(core)});
const decoder = createDicomDecoder({ workers: 1, workerUrl: new URL(${JSON.stringify(pathToFileURL(worker).href)}) });
const image = await decoder.decode(new Uint8Array(4), { name: '', maxInputPixels: 1 });
console.log(image.width);`;
    // Without close(): the process ends by itself once the decode is done, or the time limit kills it.
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', program], { timeout: 10_000 });
    expect(stdout.trim()).toBe('1');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
