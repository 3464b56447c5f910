import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { castToError } from '@bcd-api/contract';
import { decodeImage } from './decode-image.js';
import type { DecodedImage } from './decoded-image.js';
import { createDicomDecoder, type DicomDecoderOptions } from './dicom/decode-pool.js';
import { createEngine, type EngineOptions } from './engines/create-engine.js';
import { CoreError } from './errors.js';
import { createForwardPass, type ForwardOutputs, outputNamesOf, scoresPerImage } from './internal/forward-pass.js';
import { createModelCard, type ModelCard } from './model-card.js';
import { type ModelManifest, readManifest } from './model-manifest.js';
import { type Prediction, toPrediction } from './prediction.js';

/**
 * Longest side, in pixels, of the image a classifier keeps to draw on (`decode(..., { display: true })`):
 * larger images are shrunk to it and smaller ones enlarged, so that an overlay's legend has the
 * same size on every image.
 */
export const DISPLAY_SIDE = 1024;

/** Options for {@link createClassifier}. */
export interface ClassifierOptions {
  /** Folder holding `manifest.json` and the weights it names. */
  modelDir: string;
  /** Inference worker threads (default 2). */
  workers?: number;
  /** Refuse images whose header declares more pixels than this. */
  maxInputPixels?: number;
  /**
   * Images per forward pass (default 10): {@link Classifier.classify} runs a longer list as
   * several passes. Activation memory grows with the pass, not with the list.
   */
  batchSize?: number;
  /** Engine tuning: hung-run timeout, queue bound, worker script, threads, and a callback on each worker restart. */
  engine?: Pick<
    EngineOptions,
    'jobTimeoutMs' | 'maxQueue' | 'workerUrl' | 'intraOpThreads' | 'soloThreads' | 'onWorkerRestart' | 'busyElsewhere'
  >;
  /** DICOM decode threads, started when the first DICOM file arrives (default 2), and their script. */
  dicom?: DicomDecoderOptions;
}

/** A loaded model: decode images for it, classify them in batches, read its card. */
export interface Classifier {
  /** The model folder's `manifest.json` as validated (the file format, snake_case). */
  readonly manifest: ModelManifest;
  /** The model's card, in the core's terms; the server maps it to the wire. */
  readonly card: ModelCard;
  /** What runs the model, e.g. `onnxruntime-node (cpu)` or `tfjs (wasm)`. */
  readonly backend: string;
  /**
   * Decodes image bytes into this model's input (its size and preprocessing); throws CoreError for
   * bad input. With `display`, the result also keeps the image to draw an overlay on.
   */
  decode(bytes: Uint8Array, filename?: string, options?: { display?: boolean; refuseNonMammograms?: boolean }): Promise<DecodedImage>;
  /**
   * Classifies decoded images, in order (with score maps when the model has them), in
   * forward passes of at most `batchSize` images; the results equal one pass over all of
   * them. Aborting the signal drops the passes not yet started and rejects with its reason.
   */
  classify(images: readonly DecodedImage[], options?: { signal?: AbortSignal }): Promise<Prediction[]>;
  /** Stops the inference workers. */
  close(): Promise<void>;
}

/**
 * Loads a model folder (manifest + weights), starts its engine and checks that a forward
 * pass gives outputs of the declared shape before resolving.
 *
 * @example
 * const classifier = await createClassifier({ modelDir: defaultModelDir });
 * const [prediction] = await classifier.classify([await classifier.decode(bytes, 'scan.png')]);
 */
export async function createClassifier(options: ClassifierOptions): Promise<Classifier> {
  const modelDir = resolve(options.modelDir);
  const manifest = await readManifest(modelDir);
  const weightsPath = join(modelDir, manifest.weights);
  let weights: Buffer;
  try {
    weights = await readFile(weightsPath);
  } catch (error) {
    throw new CoreError('MODEL_UNAVAILABLE', `the weights file "${manifest.weights}" named by manifest.json cannot be read.`, {
      cause: error,
    });
  }
  const sha256 = createHash('sha256').update(weights).digest('hex');
  // This classifier's other work on the same cores: decodes in progress, and the passes of a
  // batch being handed over. A pass handed over meanwhile shares the cores, so it is not run
  // alone on more threads (issue 24: oversubscribed, the server lost 6-7% of its images/s at concurrency 2).
  let busy = 0;
  const busyElsewhere = options.engine?.busyElsewhere;
  const engine = await createEngine({
    ...options.engine,
    busyElsewhere: () => busy > 0 || busyElsewhere?.() === true,
    engine: manifest.engine,
    weightsPath,
    inputName: manifest.input.name,
    outputNames: outputNamesOf(manifest),
    layout: manifest.input,
    ...(options.workers === undefined ? {} : { workers: options.workers }),
  });
  const layout = manifest.input;
  const outputsPerImage = scoresPerImage(manifest);
  const batchSize = Math.max(1, options.batchSize ?? 10);
  const forward = createForwardPass(engine, manifest);

  let warmUp: ForwardOutputs;
  try {
    // A warm-up pass proves the graph accepts the declared input and allocates its buffers.
    const blank: DecodedImage = {
      format: 'PNG',
      width: layout.width,
      height: layout.height,
      rgb: new Uint8Array(layout.width * layout.height * 3),
      statistics: { brightness: 0, contrast: 0, meanIntensity: 0, stdIntensity: 0 },
      inputChecks: [],
    };
    warmUp = await forward([blank]).catch((error: unknown) => {
      throw error instanceof CoreError && error.code === 'INVALID_MODEL'
        ? error
        : new CoreError('INVALID_MODEL', `the model does not accept the input declared in manifest.json: ${castToError(error).message}`, {
            cause: error,
          });
    });
  } catch (error) {
    await engine.close();
    throw error;
  }

  const dicomDecoder = createDicomDecoder(options.dicom);
  const card = createModelCard(manifest, {
    sha256,
    ...(warmUp.map ? { scoreMap: { width: warmUp.map.width, height: warmUp.map.height } } : {}),
  });
  const { preprocessing } = card.input;

  return {
    manifest,
    card,
    backend: engine.backend,
    async decode(bytes, filename, { display = false, refuseNonMammograms = false } = {}) {
      busy++;
      try {
        return await decodeImage(bytes, {
          refuseNonMammograms,
          width: layout.width,
          height: layout.height,
          preprocessing,
          dicomDecoder,
          // For renderOverlay: the image to draw on, from the same decode.
          ...(display ? { displaySide: DISPLAY_SIDE } : {}),
          ...(options.maxInputPixels === undefined ? {} : { maxInputPixels: options.maxInputPixels }),
          ...(filename === undefined ? {} : { filename }),
        });
      } finally {
        busy--;
      }
    },
    async classify(images, { signal } = {}) {
      signal?.throwIfAborted();
      const passes: Array<Promise<ForwardOutputs>> = [];
      // Queued together, the passes spread over the workers; each holds one pass's activations.
      const several = images.length > batchSize;
      if (several) busy++;
      for (let start = 0; start < images.length; start += batchSize) passes.push(forward(images.slice(start, start + batchSize), signal));
      if (several) busy--;
      const outputs = await Promise.all(passes);
      const threshold = card.typicality?.threshold ?? Number.POSITIVE_INFINITY;
      return outputs.flatMap(({ scores, map, typicality }) =>
        Array.from({ length: scores.length / outputsPerImage }, (_, i): Prediction => {
          const prediction = toPrediction(manifest.output.kind, card, scores, i, outputsPerImage);
          const cells = map ? map.width * map.height : 0;
          const score = typicality?.[i];
          return {
            ...prediction,
            ...(map ? { scoreMap: { width: map.width, height: map.height, values: map.data.slice(i * cells, (i + 1) * cells) } } : {}),
            // A distance that is not a number (NaN) fails the check: nothing says the image is typical.
            ...(score === undefined ? {} : { typicality: { score, threshold, passed: score <= threshold } }),
          };
        }),
      );
    },
    close: async () => {
      await Promise.all([engine.close(), dicomDecoder.close()]);
    },
  };
}
