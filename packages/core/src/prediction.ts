import { calibrate } from './calibrate.js';
import { CoreError } from './errors.js';
import type { Typicality } from './input-check.js';
import type { ModelCard } from './model-card.js';
import type { OutputKind } from './model-manifest.js';
import type { ScoreMap } from './score-map.js';
import { type Verdict, verdictFor } from './verdict.js';

/** The model's verdict on one image. */
export interface Prediction extends Verdict {
  /** The model's raw output before calibration. */
  rawScore: number;
  /** With a model whose manifest declares `output.score_map`: its grid for this image. */
  scoreMap?: ScoreMap;
  /** With a model whose manifest declares `input_check`: its typicality check on this image, from the same forward pass. */
  typicality?: Typicality;
}

/**
 * Reads image `index`'s values of a forward pass's score output (`width` values per image, as
 * the manifest's output `kind` says) into its raw score, calibrated probability and verdict.
 * Throws INFERENCE_FAILED when the probability is not a number.
 */
export function toPrediction(
  kind: OutputKind,
  card: Pick<ModelCard, 'calibration' | 'decisionThreshold' | 'riskLevels'>,
  output: Float32Array,
  index: number,
  width: number,
): Prediction {
  // The caller checked that the output holds `width` values per image.
  const first = output[index * width] ?? Number.NaN;
  const second = width === 2 ? (output[index * width + 1] ?? Number.NaN) : 0;
  let rawScore: number;
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
  // Uncalibrated probabilities are read as they are; every other score is on the logit scale.
  const p =
    kind === 'softmax_probabilities' && card.calibration.method === 'none'
      ? second / (first + second)
      : calibrate(card.calibration, rawScore);
  if (!Number.isFinite(p)) throw new CoreError('INFERENCE_FAILED', 'the model produced a non-finite score for this image.');
  return { ...verdictFor(card, p), rawScore };
}
