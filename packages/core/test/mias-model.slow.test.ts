// The mini-MIAS patch CNN against its training pipeline: for every mini-MIAS film, the core's
// decode + preprocess + ONNX + calibration must give the probability the PyTorch pipeline
// wrote in reference_predictions.json, to 1e-4. This is the no-train/serve-skew check.
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { miasModelDir } from '@bcd-api/default-model';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { miniMiasDir, warnSkipped } from '@bcd-api/test-kit';
import { createClassifier, type Classifier } from '../dist/index.js';

interface Reference {
  model_sha256: string;
  films: Array<{ id: string; logit: number; malignant_probability: number }>;
}

const reference = JSON.parse(await readFile(join(miasModelDir, 'reference_predictions.json'), 'utf8')) as Reference;
if (!miniMiasDir) warnSkipped('the no-train/serve-skew check of the mini-MIAS model on all 322 films');

describe('the mini-MIAS model', () => {
  let classifier: Classifier;
  beforeAll(async () => {
    classifier = await createClassifier({ modelDir: miasModelDir });
  });
  afterAll(() => classifier.close());

  test('loads, and its weights are the ones the reference predictions came from', async () => {
    const sha = createHash('sha256').update(await readFile(join(miasModelDir, classifier.manifest.weights))).digest('hex');
    expect(classifier.card.sha256).toBe(sha);
    expect(reference.model_sha256).toBe(sha);
    expect(reference.films).toHaveLength(322);
  });

  test('ships its card figures and plots', async () => {
    const files = await readdir(miasModelDir);
    expect(files).toEqual(expect.arrayContaining(['model.onnx', 'manifest.json', 'CARD.md', 'roc.png', 'reliability.png', 'oof_predictions.csv']));
    expect(classifier.card.evaluation.rocAuc.ci95).toHaveLength(2);
  });

  test.skipIf(!miniMiasDir)('gives the training pipeline probabilities for every mini-MIAS film, to 1e-4', async () => {
    let worst = 0;
    for (let start = 0; start < reference.films.length; start += 10) {
      const chunk = reference.films.slice(start, start + 10);
      const images = await Promise.all(
        chunk.map(async (f) => classifier.decode(await readFile(join(miniMiasDir!, 'images', `${f.id}.png`)), `${f.id}.png`)),
      );
      const predictions = await classifier.classify(images);
      predictions.forEach((p, i) => {
        const expected = chunk[i]!;
        worst = Math.max(worst, Math.abs(p.malignantProbability - expected.malignant_probability));
        expect(p.malignantProbability, expected.id).toBeCloseTo(expected.malignant_probability, 4);
        expect(Math.abs(p.rawScore - expected.logit), expected.id).toBeLessThan(1e-3);
      });
    }
    console.info(`largest |server - pipeline| probability difference over ${reference.films.length} films: ${worst.toExponential(2)}`);
  }, 300_000);
});
