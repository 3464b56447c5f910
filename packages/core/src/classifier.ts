import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { castToError } from '@bcd-api/contract';
import { type DecodedImage, decodeImage } from './decode-image.js';
import { createDicomDecoder, type DicomDecoderOptions } from './dicom/decode-pool.js';
import { createEngine, type EngineOptions } from './engines/create-engine.js';
import type { EngineOutput } from './engines/engine.js';
import { CoreError } from './errors.js';
import type { Typicality } from './input-check.js';
import { createModelCard, type ModelCard } from './model-card.js';
import { type ModelManifest, readManifest } from './model-manifest.js';
import { type RiskLevel, riskLevelFor } from './risk-level.js';

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
  /** Engine tuning: hung-run timeout, queue bound, worker script, and a callback on each worker restart. */
  engine?: Pick<EngineOptions, 'jobTimeoutMs' | 'maxQueue' | 'workerUrl' | 'intraOpThreads' | 'onWorkerRestart'>;
  /** DICOM decode threads, started when the first DICOM file arrives (default 2), and their script. */
  dicom?: DicomDecoderOptions;
}

/** The model's verdict on one image. */
export interface Prediction {
  label: 'Benign' | 'Malignant';
  /** Calibrated probability of malignancy, unrounded. */
  malignantProbability: number;
  /** Probability of `label`, rounded to four decimals. */
  confidence: number;
  /** Percentages with two decimals that add up to exactly 100. */
  percentages: { benign: number; malignant: number };
  risk: RiskLevel;
  /** The model's raw output before calibration. */
  rawScore: number;
  /** With a model whose manifest declares `output.score_map`: its grid for this image. */
  scoreMap?: ScoreMap;
  /** With a model whose manifest declares `input_check`: its typicality check on this image, from the same forward pass. */
  typicality?: Typicality;
}

/**
 * A model's score map for one image, from the same forward pass as its score. Values are raw
 * logits, not probabilities: the manifest's calibration maps the image's score, and a cell
 * is read on that scale (for a class-activation map, the image logit is the cells' mean).
 */
export interface ScoreMap {
  /** Cells across; the grid covers the whole model input (with `mammogram` preprocessing, the square canvas). */
  width: number;
  /** Cells down. */
  height: number;
  /** Raw logits before calibration, row by row, `width * height` of them. */
  values: Float32Array;
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
  const scoreMapOutput = manifest.output.score_map;
  const typicalityOutput = manifest.input_check?.output;
  // Every output comes from one forward pass: a score map or a typicality costs no second inference.
  const outputNames = [
    manifest.output.name,
    ...(scoreMapOutput ? [scoreMapOutput.name] : []),
    ...(typicalityOutput ? [typicalityOutput] : []),
  ];
  const engine = await createEngine({
    ...options.engine,
    engine: manifest.engine,
    weightsPath,
    inputName: manifest.input.name,
    outputNames,
    layout: manifest.input,
    ...(options.workers === undefined ? {} : { workers: options.workers }),
  });
  const layout = manifest.input;
  const bytesPerImage = layout.width * layout.height * 3;
  const outputsPerImage = manifest.output.kind === 'sigmoid_logit' ? 1 : 2;
  const batchSize = Math.max(1, options.batchSize ?? 10);

  const forward = async (images: readonly DecodedImage[], signal?: AbortSignal): Promise<Forward> => {
    // One buffer for the pass, transferred (not copied) to the worker that builds the tensor.
    const pixels = new Uint8Array(bytesPerImage * images.length);
    for (const [i, image] of images.entries()) pixels.set(image.rgb, i * bytesPerImage);
    const outputs = await engine.run(pixels, images.length, signal);
    const [output] = outputs;
    if (!output || output.data.length !== images.length * outputsPerImage) {
      throw new CoreError(
        'INVALID_MODEL',
        `the model gave ${output?.data.length ?? 0} output values for ${images.length} image(s); the manifest's output kind "${manifest.output.kind}" expects ${outputsPerImage} per image.`,
      );
    }
    // The engine answers in the order it was asked: each output is found by its name.
    const named = (name: string) => outputs[outputNames.indexOf(name)];
    return {
      scores: output.data,
      ...(scoreMapOutput ? { map: readScoreMap(named(scoreMapOutput.name), images.length, scoreMapOutput.name) } : {}),
      ...(typicalityOutput ? { typicality: readTypicality(named(typicalityOutput), images.length, typicalityOutput) } : {}),
    };
  };

  let warmUp: Forward;
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
    decode: (bytes, filename, { display = false, refuseNonMammograms = false } = {}) =>
      decodeImage(bytes, {
        refuseNonMammograms,
        width: layout.width,
        height: layout.height,
        preprocessing,
        dicomDecoder,
        // For renderOverlay: the image to draw on, from the same decode.
        ...(display ? { displaySide: DISPLAY_SIDE } : {}),
        ...(options.maxInputPixels === undefined ? {} : { maxInputPixels: options.maxInputPixels }),
        ...(filename === undefined ? {} : { filename }),
      }),
    async classify(images, { signal } = {}) {
      signal?.throwIfAborted();
      const passes: Array<Promise<Forward>> = [];
      // Queued together, the passes spread over the workers; each holds one pass's activations.
      for (let start = 0; start < images.length; start += batchSize) passes.push(forward(images.slice(start, start + batchSize), signal));
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

/** The outputs of one forward pass: image scores, and the score maps and typicality distances when the model has them. */
interface Forward {
  scores: Float32Array;
  map?: { data: Float32Array; width: number; height: number };
  typicality?: Float32Array;
}

/** Checks that a typicality output holds one value per image ([count] or [count, 1]). */
function readTypicality(output: EngineOutput | undefined, count: number, name: string): Float32Array {
  const dims = output?.dims ?? [];
  if (!output || dims[0] !== count || output.data.length !== count || dims.length > 2) {
    throw new CoreError(
      'INVALID_MODEL',
      `the model's typicality output "${name}" has shape [${dims.join(', ')}] for ${count} image(s); "input_check.output" expects [${count}] or [${count}, 1].`,
    );
  }
  return output.data;
}

/** Checks that a score map output is [count, 1, h, w] and reads its grid size. */
function readScoreMap(output: EngineOutput | undefined, count: number, name: string): NonNullable<Forward['map']> {
  const dims = output?.dims ?? [];
  const [n, channels, height = 0, width = 0] = dims;
  if (
    !output ||
    dims.length !== 4 ||
    n !== count ||
    channels !== 1 ||
    height < 1 ||
    width < 1 ||
    output.data.length !== count * height * width
  ) {
    throw new CoreError(
      'INVALID_MODEL',
      `the model's score map output "${name}" has shape [${dims.join(', ')}] for ${count} image(s); "output.score_map" expects [${count}, 1, h, w].`,
    );
  }
  return { data: output.data, width, height };
}

function toPrediction(
  kind: ModelManifest['output']['kind'],
  card: ModelCard,
  output: Float32Array,
  index: number,
  width: number,
): Prediction {
  // The caller checked that the output holds `width` values per image.
  const first = output[index * width] ?? Number.NaN;
  const second = width === 2 ? (output[index * width + 1] ?? Number.NaN) : 0;
  let rawScore: number;
  let p: number;
  switch (kind) {
    case 'sigmoid_logit':
      rawScore = first;
      break;
    case 'logits':
      rawScore = second - first;
      break;
    case 'softmax_probabilities':
      rawScore = second;
      break;
  }
  if (card.calibration.method === 'platt') {
    p = sigmoid(card.calibration.a * rawScore + card.calibration.b);
  } else {
    p = kind === 'softmax_probabilities' ? second / (first + second) : sigmoid(rawScore);
  }
  if (!Number.isFinite(p)) throw new CoreError('INFERENCE_FAILED', 'the model produced a non-finite score for this image.');
  return { ...verdictFor(card, p), rawScore };
}

/** What a calibrated malignant probability means under a card: label, rounded figures, risk level. */
export type Verdict = Omit<Prediction, 'rawScore' | 'scoreMap'>;

/**
 * The label, confidence, percentages and risk level of a calibrated malignant probability
 * under a model's card: what a prediction is built from, and what a combination of
 * predictions (a breast, a study) is read with.
 *
 * @example
 * verdictFor(classifier.card, 0.93).risk.level; // 'Very High Risk' with the seed's table
 */
export function verdictFor(card: Pick<ModelCard, 'decisionThreshold' | 'riskLevels'>, probability: number): Verdict {
  const p = Math.min(1, Math.max(0, probability));
  const label = p >= card.decisionThreshold ? 'Malignant' : 'Benign';
  const malignant = Math.round(p * 10000) / 100;
  return {
    label,
    malignantProbability: p,
    confidence: Math.round((label === 'Malignant' ? p : 1 - p) * 10000) / 10000,
    percentages: { benign: Math.round((100 - malignant) * 100) / 100, malignant },
    risk: riskLevelFor(card.riskLevels, p),
  };
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
