import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CoreError, type CoreErrorCode } from '../errors.js';
import { createWorkerPool } from '../internal/worker-pool.js';
import { type DicomDecodeOptions, type DicomImage, decodeDicomFile } from './decode-dicom.js';

/** A job for the decode worker: a copy of the file's bytes and the options of the call. */
export interface DicomWorkerRequest {
  id: number;
  bytes: Uint8Array;
  options: DicomDecodeOptions;
}

/** The worker's answer: the image, or the CoreError (code and message) or failure it met. */
export type DicomWorkerReply = { id: number; image: DicomImage } | { id: number; error: { code?: CoreErrorCode; message: string } };

/** Decodes DICOM files on worker threads; {@link createClassifier} owns one. */
export interface DicomDecoder {
  /** The file's single frame in 8-bit grey or RGB; rejects with the same CoreErrors as on the calling thread. */
  decode(bytes: Uint8Array, options: DicomDecodeOptions): Promise<DicomImage>;
  /** Stops the workers; decodes in flight reject. */
  close(): Promise<void>;
}

/** Options of {@link createDicomDecoder}. */
export interface DicomDecoderOptions {
  /** Worker threads, started on first use (default 2). */
  workers?: number;
  /** The worker script (default: the built `dicom/decode-worker.js` beside this bundle). */
  workerUrl?: URL;
}

const extension = import.meta.url.endsWith('.cjs') ? 'cjs' : 'js';
const DEFAULT_WORKER = new URL(`./dicom/decode-worker.${extension}`, import.meta.url);

/**
 * A pool of DICOM decode threads, started when the first DICOM file arrives: most servers
 * never see one. A job waits for a free thread. A thread that dies (a codec's WebAssembly
 * aborting on a hostile file) fails only its file, with CORRUPT_IMAGE, and is replaced.
 * Without a built worker script (the core's sources run directly, as in its own tests) files
 * are decoded on the calling thread.
 *
 * @example
 * const decoder = createDicomDecoder();
 * const image = await decoder.decode(bytes, { name: 'scan.dcm: ', maxInputPixels: 100e6 });
 */
export function createDicomDecoder(options: DicomDecoderOptions = {}): DicomDecoder {
  const workerUrl = options.workerUrl ?? DEFAULT_WORKER;
  const closedError = () => new Error('the DICOM decoder is closed');
  const pool = existsSync(fileURLToPath(workerUrl))
    ? createWorkerPool<Omit<DicomWorkerRequest, 'id'>, DicomWorkerReply, DicomImage>({
        script: workerUrl,
        size: options.workers ?? 2,
        // Most servers never see a DICOM file: a thread starts when one arrives, and idles without holding the process.
        mode: 'lazy',
        unrefIdle: true,
        settle: (reply) =>
          'image' in reply
            ? { ok: true, value: reply.image }
            : {
                ok: false,
                error: reply.error.code ? new CoreError(reply.error.code, reply.error.message) : new Error(reply.error.message),
              },
        errors: {
          closed: closedError,
          closing: () => new Error('the DICOM decoder was closed'),
          // A codec's WebAssembly aborting on a hostile file takes its thread with it: the file is what failed.
          lost: (job, cause) =>
            new CoreError('CORRUPT_IMAGE', `${job.options.name}the DICOM pixel data could not be decoded (the decoder failed on it).`, {
              cause,
            }),
          startFailed: (cause) => new Error('the DICOM decode thread could not start', { cause }),
          overloaded: (maxQueue) => new Error(`the DICOM decode queue is full (${maxQueue} files waiting)`),
          noWorkers: () => new Error('no DICOM decode thread is running'),
          unrestartable: () => new Error('no DICOM decode thread could be started'),
        },
      })
    : undefined;
  let closed = false;
  return {
    async decode(bytes, decodeOptions) {
      if (closed) throw closedError();
      // Without a built worker script (the core's sources run directly, as in its own tests): on this thread.
      if (!pool) return decodeDicomFile(bytes, decodeOptions);
      // A copy: the caller keeps its bytes (an overlay decodes them again).
      return pool.run({ bytes: bytes.slice(), options: decodeOptions });
    },
    async close() {
      closed = true;
      await pool?.close();
    },
  };
}
