import type { Calibration } from './model-card.js';

/**
 * The calibrated malignant probability of a raw score on the logit scale: Platt scaling
 * `sigmoid(a * score + b)`, or the plain sigmoid without calibration. The one place a score
 * becomes a probability, so that an image's verdict and its heatmap's cells agree. A
 * non-finite result (NaN) is left to the caller: a verdict refuses it, a heatmap cell reads 0.
 *
 * @example
 * calibrate({ method: 'platt', a: 0.5, b: 0.25, extra: {} }, 1.5); // sigmoid(1), about 0.73
 */
export function calibrate(calibration: Calibration, score: number): number {
  const z = calibration.method === 'platt' ? calibration.a * score + calibration.b : score;
  return 1 / (1 + Math.exp(-z));
}
