// A tiny setting of the default model's training pipeline (TRAIN_SMOKE=1: 60 images at 128 px,
// 2 folds, 1 epoch; screening/config.json), end to end: prepare the images through the core,
// cache frozen features, cross-validate, train, check on mini-MIAS, export with the score map,
// write the card, then measure the study rule and the operating points into it; then the core loads the exported folder and gives the pipeline's own
// probabilities for the original files, and score maps that pool to the image logit.
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createClassifier, parseManifest } from '@bcd-api/core';
import { miniMiasDir, pythonHas, requireInCi, screeningDir } from '@bcd-api/test-kit';
import { expect, onTestFinished, test } from 'vitest';
import { EXPORTED_FILES, readExported, run, tempDir, trainerDir, trainSmoke } from './train-smoke.js';

const shared = join(trainerDir, '../../../shared');
const mobilenetDir = process.env.MOBILENET_DIR ?? join(shared, 'models/mobilenet-v1-1.0-224-imagenet-tfjs');
const ddsmDir = process.env.DDSM_DIR ?? join(shared, 'data/ddsm-640-boxes');
const missing = [
  !screeningDir && 'the 640 screening set (../shared/data/rsna-screening-640)',
  !miniMiasDir && 'the mini-MIAS films',
  !existsSync(join(mobilenetDir, 'model.json')) && 'the ImageNet MobileNet weights',
  !existsSync(join(ddsmDir, 'MANIFEST.md')) && 'the DDSM views (../shared/data/ddsm-640-boxes)',
  !pythonHas('torch', 'numpy', 'sklearn', 'onnx', 'matplotlib') && 'python3-torch/numpy/sklearn/onnx/matplotlib',
].filter(Boolean);
requireInCi(
  missing.length === 0,
  `${missing.join(' and ')}, for the default model's training smoke run`,
  'set SCREENING_DIR, MINI_MIAS_DIR, DDSM_DIR and MOBILENET_DIR; apt-get install python3-torch python3-numpy python3-sklearn python3-onnx python3-matplotlib',
);

const smokeConfig = JSON.parse(readFileSync(join(trainerDir, 'screening/config.json'), 'utf8')).smoke as {
  pooling?: string;
  lse_r: number;
};

interface Reference {
  model_sha256: string;
  images: Array<{ source: 'screening' | 'mias'; file: string; logit: number; malignant_probability: number }>;
}

test.skipIf(missing.length > 0)(
  'trains, evaluates and exports a model the core loads and agrees with',
  async () => {
    const dirs = { screening: screeningDir!, mias: miniMiasDir!, mobilenet: mobilenetDir };
    const work = await tempDir('bcd-train-smoke-work-');
    const out = await trainSmoke({
      cwd: trainerDir,
      prepare: ['screening/prepare-data.mjs', '--smoke'],
      train: 'screening/train.py',
      env: {
        SCREENING_DIR: dirs.screening,
        MINI_MIAS_DIR: dirs.mias,
        MOBILENET_DIR: dirs.mobilenet,
        DDSM_DIR: ddsmDir,
        SCREENING_WORK: work,
      },
      files: [...EXPORTED_FILES, 'learning_curves.png'],
    });
    // The study rule and the screening operating points, measured into the folder (screening/rules.sh).
    await run('bash', ['screening/rules.sh'], {
      cwd: trainerDir,
      env: { ...process.env, MODEL_DIR: out, SCREENING_WORK: work, MINI_MIAS_DIR: dirs.mias },
    });
    for (const file of ['ddsm_predictions.csv', 'mias_predictions.csv']) expect(existsSync(join(out, file)), file).toBe(true);
    const manifest = parseManifest(await readExported(out, 'manifest.json'));
    expect(manifest.input).toMatchObject({ width: 128, height: 128, channels: 1, preprocessing: 'mammogram' });
    // The study rule and the screening operating points the server reads (issue 22).
    const raw = await readExported<{
      study_rule: { breast: string; study: string };
      screening: { operating_points: Record<string, unknown[]> };
    }>(out, 'manifest.json');
    expect(['max', 'mean', 'mean_logit', 'min']).toContain(raw.study_rule.breast);
    expect(raw.screening.operating_points.image).toHaveLength(3);
    expect(raw.screening.operating_points.study).toHaveLength(3);

    const reference = await readExported<Reference>(out, 'reference_predictions.json');
    const classifier = await createClassifier({ modelDir: out, workers: 1 });
    onTestFinished(() => classifier.close());
    expect(classifier.card.sha256).toBe(reference.model_sha256);
    expect(classifier.card.scoreMap).toMatchObject({ width: 4, height: 4 });
    const picked = [
      ...reference.images.filter((r) => r.source === 'screening').slice(0, 4),
      ...reference.images.filter((r) => r.source === 'mias').slice(0, 4),
    ];
    const images = await Promise.all(picked.map(async (r) => classifier.decode(await readFile(join(dirs[r.source], r.file)), r.file)));
    const predictions = await classifier.classify(images);
    predictions.forEach((p, i) => {
      const expected = picked[i]!;
      expect(p.malignantProbability, expected.file).toBeCloseTo(expected.malignant_probability, 4);
      // The image logit pools the map: log-mean-exp with the configured sharpness, or the mean.
      const cells = Array.from(p.scoreMap!.values);
      const r = smokeConfig.pooling === 'lse' ? smokeConfig.lse_r : undefined;
      const pooled = r
        ? Math.log(cells.reduce((sum, v) => sum + Math.exp(r * v), 0) / cells.length) / r
        : cells.reduce((sum, v) => sum + v, 0) / cells.length;
      expect(pooled, expected.file).toBeCloseTo(p.rawScore, 4);
    });
  },
  600_000,
);
