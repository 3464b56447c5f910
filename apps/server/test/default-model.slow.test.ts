// The server as a user starts it: no MODEL_DIR, so the embedded default model, answering for
// real digital screening mammograms and film mammograms with the probabilities its training
// pipeline computed (reference_predictions.json), through the core's mammogram preprocessing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultModelDir } from '@bcd-api/default-model';
import { call, fixture, form, miniMiasDir, requireScreeningData, screeningDir } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import sharp from 'sharp';
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

  test.skipIf(!miniMiasDir)("draws a 1024 px overlay of a film at its aspect, from the default model's 12x12 map", async () => {
    // A real film: the default model's input check refuses the test kit's drawn breast (a drawing, not a mammogram).
    const film = readFileSync(join(miniMiasDir!, 'images', 'mdb001.png'));
    const res = await call(server().url, 'POST', '/explain', {
      body: form('file', [['mdb001.png', film]]),
      headers: { Accept: 'image/png' },
    });
    expect(res.status).toBe(200);
    const { width, height } = await sharp(res.body).metadata();
    expect(Math.max(width ?? 0, height ?? 0)).toBeLessThanOrEqual(1024);
    const json = await call(server().url, 'POST', '/explain', { body: form('file', [['mdb001.png', film]]) });
    expect(json.body.heatmap).toMatchObject({ width: 12, height: 12 });
    expect(json.body.input_check).toMatchObject({ status: 'passed', typicality: { passed: true } });
  });

  test.skipIf(!miniMiasDir)(
    "combines a study by its card's measured rule (mean per breast, maximum over breasts) and reads it with the screening categories",
    async () => {
      const model = (await call(server().url, 'GET', '/model')).body;
      expect(model.study_rule).toMatchObject({ breast: 'mean', study: 'max' });
      expect(model.screening.operating_points.image.map((p: { target_specificity: number }) => p.target_specificity)).toEqual([
        0.8, 0.9, 0.95,
      ]);
      // Two women's films as one "study": mdb001/mdb002 on the left, mdb023/mdb024 on the right.
      const films = ['mdb001', 'mdb002', 'mdb023', 'mdb024'];
      const body = form(
        'files',
        films.map((id) => [`${id}.png`, readFileSync(join(miniMiasDir!, 'images', `${id}.png`))] as [string, Buffer]),
      );
      for (const side of ['L', 'L', 'R', 'R']) body.append('laterality', side);
      for (const view of ['MLO', 'CC', 'MLO', 'CC']) body.append('view', view);
      const res = await call(server().url, 'POST', '/predict-study', { body });
      expect(res.status).toBe(200);
      const p = res.body.results.map((r: { probabilities: { malignant: number } }) => r.probabilities.malignant);
      // Percent with two decimals: the mean of two rounded values is within 0.01 of the rounded mean.
      expect(Math.abs(res.body.breasts.left.probabilities.malignant - (p[0] + p[1]) / 2)).toBeLessThanOrEqual(0.011);
      expect(Math.abs(res.body.breasts.right.probabilities.malignant - (p[2] + p[3]) / 2)).toBeLessThanOrEqual(0.011);
      const breasts = [res.body.breasts.left.probabilities.malignant, res.body.breasts.right.probabilities.malignant];
      expect(res.body.study.probabilities.malignant).toBe(Math.max(...breasts));
      expect(res.body.rule).toMatch(/^Each breast: the mean of its images' calibrated malignant probabilities/);
      const threshold = (level: string, specificity: number) =>
        model.screening.operating_points[level].find((o: { target_specificity: number }) => o.target_specificity === specificity).threshold;
      const category = (level: string, value: number) =>
        value >= threshold(level, 0.95) ? 'high' : value >= threshold(level, 0.9) ? 'elevated' : 'likely_normal';
      // The categories read the unrounded probability: compare away from a threshold only.
      const study = res.body.study.probabilities.malignant / 100;
      if (Math.abs(study - threshold('study', 0.9)) > 1e-4 && Math.abs(study - threshold('study', 0.95)) > 1e-4)
        expect(res.body.study.screening).toMatchObject({ category: category('study', study), operating_points: 'study' });
      expect(res.body.study.screening.prevalence).toBeUndefined();
    },
  );

  test("refuses the test kit's drawn breast: its own typicality check knows a drawing from a mammogram", async () => {
    const res = await call(server().url, 'POST', '/predict', { body: form('file', [['breast.jpg', fixture('breast.jpg')]]) });
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/^breast\.jpg: not a mammogram\. The model's typicality check finds it unlike/);
  });

  // The lesion centres and radii of mini-MIAS (Info.txt; y counted from the bottom of the 1024 px film).
  test.skipIf(!haveImages).each([
    ['mdb023', 538, 1024 - 681, 29],
    ['mdb028', 338, 1024 - 314, 56],
  ])("on the malignant film %s the heatmap peaks at the known lesion, and its cells are the score's", async (name, x, y, radius) => {
    const bytes = readFileSync(join(miniMiasDir!, 'images', `${name}.png`));
    const res = await call(server().url, 'POST', '/explain', { body: form('file', [[`${name}.png`, bytes]]) });
    const { peak, values, grid_to_image: map } = res.body.heatmap;
    // Within the lesion's radius plus one cell (85 px on a 1024 px film).
    expect(Math.hypot(peak.x - x, peak.y - y)).toBeLessThan(radius + Math.abs(map.scale_x));
    // The image logit pools the cells' logits (log-mean-exp, sharpness 2, as the card says):
    // undo each cell's calibration, pool, calibrate again, and get the image's probability.
    const { a, b } = (await call(server().url, 'GET', '/model')).body.calibration;
    const logits = (values as number[]).map((p) => (Math.log(p / (1 - p)) - b) / a);
    const pooled = Math.log(logits.reduce((s, l) => s + Math.exp(2 * l), 0) / logits.length) / 2;
    expect(100 / (1 + Math.exp(-(a * pooled + b)))).toBeCloseTo(res.body.probabilities.malignant, 0);
  });
});
