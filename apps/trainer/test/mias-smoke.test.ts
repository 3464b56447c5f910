// A tiny, fast setting of the real mini-MIAS training pipeline (TRAIN_SMOKE=1: 120 films, 2
// folds, a short schedule), end to end: prepare the films through the core, train, evaluate,
// export; then the core loads the exported folder and gives the pipeline's own probabilities.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { createClassifier } from '@bcd-api/core';
import { filmPath, miniMiasDir, pythonHas, requireInCi, warnSkipped } from '@bcd-api/test-kit';

const run = promisify(execFile);
const here = fileURLToPath(new URL('../mias/', import.meta.url));
if (!miniMiasDir) warnSkipped('the mini-MIAS training smoke run');
const havePython = requireInCi(
  pythonHas('torch', 'numpy', 'sklearn', 'scipy', 'onnx', 'matplotlib'),
  'python3-torch/numpy/sklearn/scipy/onnx/matplotlib, for the mini-MIAS training smoke run',
  'apt-get install python3-torch python3-numpy python3-sklearn python3-scipy python3-onnx python3-matplotlib',
);

let out: string | undefined;
afterAll(() => (out ? rm(out, { recursive: true, force: true }) : undefined));

test.skipIf(!miniMiasDir || !havePython)('trains, evaluates and exports a mini-MIAS model the server loads and agrees with', async () => {
  out = await mkdtemp(join(tmpdir(), 'bcd-train-smoke-'));
  const env = { ...process.env, MINI_MIAS_DIR: miniMiasDir!, TRAIN_SMOKE: '1', TRAIN_OUT: out };
  await run(process.execPath, ['prepare-data.mjs'], { cwd: here, env });
  await run('/usr/bin/python3', ['train.py'], { cwd: here, env, maxBuffer: 64 * 1024 * 1024 });
  for (const file of ['model.onnx', 'manifest.json', 'oof_predictions.csv', 'reference_predictions.json', 'roc.png', 'reliability.png', 'CARD.md']) {
    expect(existsSync(join(out, file)), file).toBe(true);
  }
  const reference = JSON.parse(await readFile(join(out, 'reference_predictions.json'), 'utf8')) as {
    films: Array<{ id: string; malignant_probability: number }>;
  };
  const classifier = await createClassifier({ modelDir: out, workers: 1 });
  try {
    const films = reference.films.slice(0, 6);
    const images = await Promise.all(films.map(async (f) => classifier.decode(await readFile(filmPath(f.id)))));
    const predictions = await classifier.classify(images);
    predictions.forEach((p, i) => expect(p.malignantProbability, films[i]!.id).toBeCloseTo(films[i]!.malignant_probability, 4));
  } finally {
    await classifier.close();
  }
}, 600_000);
