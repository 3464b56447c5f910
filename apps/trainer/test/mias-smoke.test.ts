// A tiny, fast setting of the real mini-MIAS training pipeline (TRAIN_SMOKE=1: 120 films, 2
// folds, a short schedule), end to end: prepare the films through the core, train, evaluate,
// export; then the core loads the exported folder and gives the pipeline's own probabilities.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { createClassifier } from '@bcd-api/core';

const run = promisify(execFile);
const here = fileURLToPath(new URL('../mias/', import.meta.url));
const dataDir = process.env.MINI_MIAS_DIR ?? join(here, '../../../../shared/data/mini-mias');
const haveData = existsSync(join(dataDir, 'images', 'mdb001.png'));
const havePython = (() => {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import torch, numpy, sklearn, scipy, onnx, matplotlib'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const missing = [!haveData && 'the mini-MIAS films', !havePython && 'python3-torch/numpy/sklearn/onnx/matplotlib'].filter(Boolean);
if (missing.length > 0) {
  if (process.env.CI) throw new Error(`CI must have ${missing.join(' and ')} for the mini-MIAS training smoke test`);
  console.warn(`\n*** SKIPPED: the mini-MIAS training smoke run: no ${missing.join(', no ')}. ***\n`);
}

let out: string | undefined;
afterAll(() => (out ? rm(out, { recursive: true, force: true }) : undefined));

test.skipIf(missing.length > 0)('trains, evaluates and exports a mini-MIAS model the server loads and agrees with', async () => {
  out = await mkdtemp(join(tmpdir(), 'bcd-train-smoke-'));
  const env = { ...process.env, MINI_MIAS_DIR: dataDir, TRAIN_SMOKE: '1', TRAIN_OUT: out };
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
    const images = await Promise.all(films.map(async (f) => classifier.decode(await readFile(join(dataDir, 'images', `${f.id}.png`)))));
    const predictions = await classifier.classify(images);
    predictions.forEach((p, i) => expect(p.malignantProbability, films[i]!.id).toBeCloseTo(films[i]!.malignant_probability, 4));
  } finally {
    await classifier.close();
  }
}, 600_000);
