// The mini-MIAS patch CNN against its training pipeline: for every mini-MIAS film, the core's
// decode + preprocess + ONNX + calibration must give the probability the PyTorch pipeline
// wrote in reference_predictions.json, to 1e-4. This is the no-train/serve-skew check.
import { readdir } from 'node:fs/promises';
import { miasModelDir } from '@bcd-api/default-model';
import { filmPath, miniMiasDir, openForSuite, warnSkipped } from '@bcd-api/test-kit';
import { describe, expect, test } from 'vitest';
import { createClassifier } from '../dist/index.js';
import { expectReferencePredictions, expectReferenceWeights, type ReferenceFigures, readReference } from './reference-predictions.js';

interface Reference {
  model_sha256: string;
  films: Array<ReferenceFigures & { id: string }>;
}

const reference = await readReference<Reference>(miasModelDir);
if (!miniMiasDir) warnSkipped('the no-train/serve-skew check of the mini-MIAS model on all 322 films');

describe('the mini-MIAS model', () => {
  const classifier = openForSuite(() => createClassifier({ modelDir: miasModelDir }));

  test('loads, and its weights are the ones the reference predictions came from', async () => {
    await expectReferenceWeights(classifier(), miasModelDir, reference);
    expect(reference.films).toHaveLength(322);
  });

  test('ships its card figures and plots', async () => {
    const files = await readdir(miasModelDir);
    expect(files).toEqual(
      expect.arrayContaining(['model.onnx', 'manifest.json', 'CARD.md', 'roc.png', 'reliability.png', 'oof_predictions.csv']),
    );
    expect(classifier().card.evaluation.rocAuc.ci95).toHaveLength(2);
  });

  test.skipIf(!miniMiasDir)(
    'gives the training pipeline probabilities for every mini-MIAS film, to 1e-4',
    async () => {
      await expectReferencePredictions(classifier(), reference.films, (f) => ({ path: filmPath(f.id), name: `${f.id}.png` }));
    },
    300_000,
  );
});
