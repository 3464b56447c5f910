import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CoreError, type CoreErrorCode } from '../errors.js';
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

interface Job {
  request: DicomWorkerRequest;
  resolve: (image: DicomImage) => void;
  reject: (error: Error) => void;
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
  const size = Math.max(1, options.workers ?? 2);
  const workerUrl = options.workerUrl ?? DEFAULT_WORKER;
  const offThread = existsSync(fileURLToPath(workerUrl));
  const idle: Worker[] = [];
  const busy = new Map<Worker, Job>();
  const queue: Job[] = [];
  let started = 0;
  let nextId = 0;
  let closed = false;

  const start = (): Worker => {
    started++;
    const worker = new Worker(workerUrl);
    // An idle worker must not keep the process alive.
    worker.unref();
    worker.on('message', (reply: DicomWorkerReply) => {
      const job = busy.get(worker);
      if (!job || job.request.id !== reply.id) return;
      busy.delete(worker);
      if ('image' in reply) job.resolve(reply.image);
      else job.reject(reply.error.code ? new CoreError(reply.error.code, reply.error.message) : new Error(reply.error.message));
      release(worker);
    });
    worker.on('error', () => undefined);
    worker.on('exit', () => {
      started--;
      const index = idle.indexOf(worker);
      if (index >= 0) idle.splice(index, 1);
      const job = busy.get(worker);
      busy.delete(worker);
      job?.reject(
        new CoreError('CORRUPT_IMAGE', `${job.request.options.name}the DICOM pixel data could not be decoded (the decoder failed on it).`),
      );
      if (!closed && queue.length > 0) dispatch();
    });
    return worker;
  };

  const release = (worker: Worker): void => {
    const job = queue.shift();
    if (job) run(worker, job);
    else {
      idle.push(worker);
      worker.unref();
    }
  };

  const run = (worker: Worker, job: Job): void => {
    busy.set(worker, job);
    // A busy worker holds the process open until its file is done.
    worker.ref();
    worker.postMessage(job.request);
  };

  const dispatch = (): void => {
    while (queue.length > 0) {
      const worker = idle.pop() ?? (started < size ? start() : undefined);
      const job = worker ? queue.shift() : undefined;
      if (!worker || !job) return;
      run(worker, job);
    }
  };

  return {
    async decode(bytes, options) {
      if (closed) throw new Error('the DICOM decoder is closed');
      if (!offThread) return decodeDicomFile(bytes, options);
      return new Promise<DicomImage>((resolve, reject) => {
        // A copy: the caller keeps its bytes (an overlay decodes them again).
        queue.push({ request: { id: nextId++, bytes: bytes.slice(), options }, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('the DICOM decoder was closed'));
      await Promise.all([...idle, ...busy.keys()].map((worker) => worker.terminate()));
    },
  };
}
