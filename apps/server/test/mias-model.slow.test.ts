// The server with the mini-MIAS patch CNN (MODEL_DIR=miasModelDir), answering for real
// mammograms with the probabilities its training pipeline computed.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { miasModelDir } from '@bcd-api/default-model';
import { call, film, form, miniMiasDir, warnSkipped } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { describe, expect, test } from 'vitest';
import { loadConfig, startServer } from '../src/index.js';

const { serverForSuite } = createServerKit({ loadConfig, startServer });

const reference = JSON.parse(await readFile(join(miasModelDir, 'reference_predictions.json'), 'utf8')) as {
  films: Array<{ id: string; malignant_probability: number }>;
};
const byId = new Map(reference.films.map((f) => [f.id, f.malignant_probability]));
if (!miniMiasDir) warnSkipped('predictions for real mammograms with the mini-MIAS model');

describe('the server with the mini-MIAS model', () => {
  const server = serverForSuite({ MODEL_DIR: miasModelDir });

  test('is healthy and serves the trained model card', async () => {
    expect((await call(server().url, 'GET', '/health')).body.model_status).toBe('loaded');
    const card = await call(server().url, 'GET', '/model');
    expect(card.body.name).toMatch(/^mias-/);
    expect(card.body.training_data.name).toMatch(/mini-MIAS/);
    expect(card.body.evaluation.roc_auc.ci95).toHaveLength(2);
    expect(card.body.disclaimer).toMatch(/Not for medical diagnosis/);
  });

  test.skipIf(!miniMiasDir)('predicts real films with the pipeline probabilities (to the two decimals of a percentage)', async () => {
    for (const id of ['mdb001', 'mdb028', 'mdb209']) {
      const res = await call(server().url, 'POST', '/predict', { body: form('file', [[`${id}.png`, film(id)]]) });
      expect(res.status).toBe(200);
      expect(res.body.image_info).toEqual({ filename: `${id}.png`, size: '1024x1024', format: 'PNG' });
      // Percent with two decimals: within 0.005 points of the pipeline's, plus 1e-4 of slack.
      expect(Math.abs(res.body.probabilities.malignant - byId.get(id)! * 100)).toBeLessThanOrEqual(0.005 + 0.01);
    }
  });

  test.skipIf(!miniMiasDir)('classifies a batch of ten real films in order', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `mdb${String(i * 31 + 1).padStart(3, '0')}`);
    const res = await call(server().url, 'POST', '/batch-predict', {
      body: form(
        'files',
        ids.map((id) => [`${id}.png`, film(id)]),
      ),
    });
    expect(res.body).toMatchObject({ total_images: 10, successful: 10, failed: 0 });
    res.body.results.forEach((r: { filename: string; probabilities: { malignant: number } }, i: number) => {
      expect(r.filename).toBe(`${ids[i]}.png`);
      expect(Math.abs(r.probabilities.malignant - byId.get(ids[i]!)! * 100)).toBeLessThanOrEqual(0.015);
    });
  });
});
