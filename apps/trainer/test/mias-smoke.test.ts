// A tiny, fast setting of the real mini-MIAS training pipeline (TRAIN_SMOKE=1: 120 films, 2
// folds, a short schedule), end to end: prepare the films through the core, train, evaluate,
// export; then the core loads the exported folder and gives the pipeline's own probabilities.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createClassifier } from '@bcd-api/core';
import { filmPath, miniMiasDir, pythonHas, requireInCi, warnSkipped } from '@bcd-api/test-kit';
import { expect, onTestFinished, test } from 'vitest';
import { EXPORTED_FILES, readExported, trainerDir, trainSmoke } from './train-smoke.js';

if (!miniMiasDir) warnSkipped('the mini-MIAS training smoke run');
const havePython = requireInCi(
  pythonHas('torch', 'numpy', 'sklearn', 'scipy', 'onnx', 'matplotlib'),
  'python3-torch/numpy/sklearn/scipy/onnx/matplotlib, for the mini-MIAS training smoke run',
  'apt-get install python3-torch python3-numpy python3-sklearn python3-scipy python3-onnx python3-matplotlib',
);

test.skipIf(!miniMiasDir || !havePython)(
  'trains, evaluates and exports a mini-MIAS model the server loads and agrees with',
  async () => {
    const out = await trainSmoke({
      cwd: join(trainerDir, 'mias'),
      prepare: ['prepare-data.mjs'],
      train: 'train.py',
      env: { MINI_MIAS_DIR: miniMiasDir! },
      files: EXPORTED_FILES,
    });
    const reference = await readExported<{ films: Array<{ id: string; malignant_probability: number }> }>(
      out,
      'reference_predictions.json',
    );
    const classifier = await createClassifier({ modelDir: out, workers: 1 });
    onTestFinished(() => classifier.close());
    const films = reference.films.slice(0, 6);
    const images = await Promise.all(films.map(async (f) => classifier.decode(await readFile(filmPath(f.id)))));
    const predictions = await classifier.classify(images);
    for (const [i, p] of predictions.entries())
      expect(p.malignantProbability, films[i]!.id).toBeCloseTo(films[i]!.malignant_probability, 4);
  },
  600_000,
);
