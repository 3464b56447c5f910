// The server as a user starts it: no MODEL_DIR, so the embedded default model, answering for
// real digital screening mammograms and film mammograms with the probabilities its training
// pipeline computed (reference_predictions.json), through the core's mammogram preprocessing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultModelDir } from '@bcd-api/default-model';
import { call, form, miniMiasDir, requireScreeningData, screeningDir } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { describe, expect, test } from 'vitest';
import { loadConfig, startServer } from '../src/index.js';

const { serverForSuite } = createServerKit({ loadConfig, startServer });

const reference = JSON.parse(readFileSync(join(defaultModelDir, 'reference_predictions.json'), 'utf8')) as {
  images: Array<{ source: 'screening' | 'mias'; file: string; malignant_probability: number }>;
};
const haveImages = requireScreeningData('predictions with the default model');

describe('the server with its default model', () => {
  const server = serverForSuite({ MODEL_DIR: '' });

  test('is healthy and serves the screening model card, with its preprocessing and score map', async () => {
    expect((await call(server().url, 'GET', '/health')).body.model_status).toBe('loaded');
    const { body } = await call(server().url, 'GET', '/model');
    expect(body.name).toBe('screening-mobilenet');
    expect(body.input).toMatchObject({ channels: 1, color: 'GRAY', preprocessing: 'mammogram' });
    expect(body.score_map).toMatchObject({ name: 'score_map', kind: 'logit_grid' });
    expect(body.training_data.licence).toMatch(/non-commercial research and education only/);
    expect(body.disclaimer).toMatch(/Not for medical diagnosis/);
  });

  test.skipIf(!haveImages)('classifies a batch of digital and film mammograms with the pipeline probabilities, in order', async () => {
    const picked = [
      ...reference.images.filter((r) => r.source === 'screening').slice(0, 6),
      ...reference.images.filter((r) => r.source === 'mias').slice(0, 4),
    ];
    const dirs = { screening: screeningDir!, mias: miniMiasDir! };
    const files = picked.map((r) => [r.file.replace('/', '-'), readFileSync(join(dirs[r.source], r.file))] as [string, Buffer]);
    const res = await call(server().url, 'POST', '/batch-predict', { body: form('files', files) });
    expect(res.body).toMatchObject({ total_images: 10, successful: 10, failed: 0 });
    res.body.results.forEach((r: { filename: string; probabilities: { malignant: number } }, i: number) => {
      expect(r.filename).toBe(files[i]![0]);
      // Percent with two decimals: within 0.005 points of the pipeline's, plus slack for 1e-4.
      expect(Math.abs(r.probabilities.malignant - picked[i]!.malignant_probability * 100)).toBeLessThanOrEqual(0.015);
    });
  });
});
