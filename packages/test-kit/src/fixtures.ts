import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The committed fixtures: test images, tiny ONNX models and fake inference workers (src/ and dist/ sit at the same depth). */
export const fixturesDir = fileURLToPath(new URL('../fixtures', import.meta.url));

/** The committed test images (`make-images.mjs` writes them). */
export const imagesDir = join(fixturesDir, 'images');

/** Reads a committed test image: a `Buffer` that is also a valid `BlobPart`. */
export function fixture(name: string): Buffer<ArrayBuffer> {
  return readFileSync(join(imagesDir, name));
}

/**
 * The committed pictures of one synthetic breast, 288x384 as displayed (a 96x128 drawing at 3x), in every container and
 * pixel layout the API reads (8- and 16-bit grey, RGB, RGBA, EXIF-rotated), each with the format
 * the API reports for it.
 */
export const breastImages: ReadonlyArray<readonly [name: string, format: 'PNG' | 'JPEG' | 'WEBP' | 'TIFF']> = [
  ['breast-grey.png', 'PNG'],
  ['breast.jpg', 'JPEG'],
  ['breast.webp', 'WEBP'],
  ['breast.tiff', 'TIFF'],
  ['breast-16bit.png', 'PNG'],
  ['breast-rgba.png', 'PNG'],
  ['breast-exif-rotated.jpg', 'JPEG'],
];

/** The tiny ONNX model: fast and deterministic, its logit is 10 * (mean pixel - 0.5). */
export const tinyModelDir = join(fixturesDir, 'tiny-model');

/** The tiny grey ONNX model with mammogram preprocessing and a 4x4 score map (10 * (tile mean - 0.5)) whose mean is its logit. */
export const scoreMapModelDir = join(fixturesDir, 'tiny-score-map-model');

/**
 * The tiny score-map model with an input check (issue 20): its `typicality` output is 10 * the
 * mean pixel of its input, its threshold 5, so an image whose model input is brighter than
 * mid-grey on average is refused.
 */
export const gatedModelDir = join(fixturesDir, 'tiny-gated-model');

/**
 * The tiny model with the manifest sections of issue 22: a study rule (`breast: min`, `study:
 * max`) and screening operating points, made up. Image thresholds 0.2, 0.4, 0.6 and study
 * thresholds 0.25, 0.45, 0.7 (specificity 0.8, 0.9, 0.95), calibration fitted at prevalence 0.35.
 */
export const screeningModelDir = join(fixturesDir, 'tiny-screening-model');

/**
 * Workers that speak the ONNX worker's protocol without a model: `slow-fake` takes 300 ms a run
 * and answers logits of 0; `counting-slow` takes 100 ms and answers the number of runs it finished
 * before; `reports-alone` answers at once, 1 for a pass the pool handed over alone and 0 otherwise.
 */
export type FakeWorker = 'slow-fake' | 'counting-slow' | 'reports-alone';

/** Faults for the real ONNX worker: a thread that dies on every third run, or hangs on its second. */
export type WorkerFault = 'crash-every-third' | 'hang-on-second';

/** The URL of a fake inference worker, for the classifier's `engine.workerUrl`. */
export function fakeWorker(name: FakeWorker): URL {
  return new URL(`../fixtures/workers/${name}.mjs`, import.meta.url);
}

/**
 * The real ONNX worker with a fault injected, for the classifier's `engine.workerUrl`. The
 * caller passes the core's built worker (`@bcd-api/core/onnx-worker`): the core's own tests use
 * this kit, so the kit cannot depend on the core. The two modules are joined in a `data:` URL,
 * the worker first, so that its message handler runs before the fault's.
 *
 * @example
 * const onnxWorker = pathToFileURL(createRequire(import.meta.url).resolve('@bcd-api/core/onnx-worker'));
 * createClassifier({ modelDir: tinyModelDir, engine: { workerUrl: faultyWorker('crash-every-third', onnxWorker) } });
 */
export function faultyWorker(fault: WorkerFault, onnxWorker: URL): URL {
  const fixtureUrl = new URL(`../fixtures/workers/${fault}.mjs`, import.meta.url);
  const source = `import ${JSON.stringify(onnxWorker.href)};\nimport ${JSON.stringify(fixtureUrl.href)};\n`;
  return new URL(`data:text/javascript,${encodeURIComponent(source)}`);
}
