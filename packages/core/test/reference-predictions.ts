// The no-train/serve-skew check of the shipped models' slow tests: a model folder's
// reference_predictions.json holds what its PyTorch pipeline computed for real images, and the
// core must give the same for the same files.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Classifier, Prediction } from '../dist/index.js';

/** One image's figures as the training pipeline wrote them. */
export interface ReferenceFigures {
  logit: number;
  malignant_probability: number;
}

/** Reads a model folder's reference_predictions.json. */
export async function readReference<T extends { model_sha256: string }>(modelDir: string): Promise<T> {
  return JSON.parse(await readFile(join(modelDir, 'reference_predictions.json'), 'utf8')) as T;
}

/** Asserts that the card states the SHA-256 of the folder's weights, and that the reference predictions came from those weights. */
export async function expectReferenceWeights(classifier: Classifier, modelDir: string, reference: { model_sha256: string }): Promise<void> {
  const sha = createHash('sha256')
    .update(await readFile(join(modelDir, classifier.manifest.weights)))
    .digest('hex');
  expect(classifier.card.sha256).toBe(sha);
  expect(reference.model_sha256).toBe(sha);
}

/**
 * Classifies every reference image, ten at a time, and asserts the pipeline's probability to
 * 1e-4 and its logit to 1e-3; `check` adds a model's own assertions on each prediction. Logs
 * the largest probability difference.
 */
export async function expectReferencePredictions<R extends ReferenceFigures>(
  classifier: Classifier,
  images: readonly R[],
  fileOf: (image: R) => { path: string; name: string },
  check: (prediction: Prediction, name: string) => void = () => {},
): Promise<void> {
  let worst = 0;
  for (let start = 0; start < images.length; start += 10) {
    const chunk = images.slice(start, start + 10).map((expected) => ({ expected, ...fileOf(expected) }));
    const decoded = await Promise.all(chunk.map(async ({ path, name }) => classifier.decode(await readFile(path), name)));
    const predictions = await classifier.classify(decoded);
    for (const [i, p] of predictions.entries()) {
      const { expected, name } = chunk[i]!;
      worst = Math.max(worst, Math.abs(p.malignantProbability - expected.malignant_probability));
      expect(p.malignantProbability, name).toBeCloseTo(expected.malignant_probability, 4);
      expect(Math.abs(p.rawScore - expected.logit), name).toBeLessThan(1e-3);
      check(p, name);
    }
  }
  console.info(`largest |core - pipeline| probability difference over ${images.length} reference images: ${worst.toExponential(2)}`);
}
