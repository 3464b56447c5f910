// A model whose manifest states a study rule and screening operating points (issue 22), served
// for real: the rule, the categories, SCREENING_PREVALENCE and its refusals, and a model without
// the sections answering as before. Every answer is checked against openapi.yaml by call().
import { call, form, rgbPng, screeningModelDir, tinyModelDir } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { describe, expect, test } from 'vitest';
import { loadConfig, startServer } from '../src/index.js';

const { serverForSuite, startForTest } = createServerKit({ loadConfig, startServer });

/**
 * A grey picture whose mean grey level is `mean` (0-1), as a left-to-right ramp of ±0.15 around
 * it: a mammogram to the input check's rules, and to the tiny model a malignant probability of
 * about sigmoid(10 · (mean − 0.5)).
 */
const ramp = (mean: number) =>
  rgbPng(300, 400, (x) => {
    const v = Math.round(255 * (mean + 0.3 * (x / 299 - 0.5)));
    return [v, v, v];
  });

/** A four-view study form: the files, their sides and views. */
function fourViews(means: readonly [number, number, number, number]): FormData {
  const body = form(
    'files',
    means.map((mean, i): [string, Buffer] => [`view-${i}.png`, ramp(mean)]),
  );
  for (const side of ['L', 'L', 'R', 'R']) body.append('laterality', side);
  for (const view of ['CC', 'MLO', 'CC', 'MLO']) body.append('view', view);
  return body;
}

// The fixture's made-up thresholds (specificity 0.90 and 0.95) and calibration prevalence.
const IMAGE_THRESHOLDS = [0.4, 0.6];
const STUDY_THRESHOLDS = [0.45, 0.7];
const BASE_PREVALENCE = 0.35;

/** The category the fixture's thresholds give a probability. */
const category = (p: number, [elevated, high]: number[]) =>
  p >= (high ?? 1) ? 'high' : p >= (elevated ?? 1) ? 'elevated' : 'likely_normal';

/** The prior-shift correction, written out: the posterior odds times the ratio of the prior odds. */
function analytic(p: number, prevalence: number): number {
  const odds = (p / (1 - p)) * (prevalence / (1 - prevalence) / (BASE_PREVALENCE / (1 - BASE_PREVALENCE)));
  return odds / (1 + odds);
}

const malignant = (result: { probabilities: { malignant: number } }) => result.probabilities.malignant;

describe('a model with a study rule and screening operating points', () => {
  const server = serverForSuite({ MODEL_DIR: screeningModelDir });

  test('/predict-study takes the minimum per breast and the maximum over breasts, not the minimum over all images', async () => {
    // Left about 0.38 and 0.77, right about 0.62 and 0.69.
    const res = await call(server().url, 'POST', '/predict-study', { body: fourViews([0.45, 0.62, 0.55, 0.58]) });
    expect(res.status).toBe(200);
    const images = res.body.results.map(malignant);
    const left = Math.min(images[0], images[1]);
    const right = Math.min(images[2], images[3]);
    expect(malignant(res.body.breasts.left)).toBe(left);
    expect(malignant(res.body.breasts.right)).toBe(right);
    expect(malignant(res.body.study)).toBe(Math.max(left, right));
    expect(malignant(res.body.study)).not.toBe(Math.min(...images));
    expect(res.body.rule).toBe(
      "Each breast: the minimum of its images' calibrated malignant probabilities (a breast scores high only when all its views do). The study: the maximum of its breasts'. Labels from the model's decision threshold, risk levels from its table. An aggregation of a single-image model, not a model trained on studies.",
    );
  });

  test('each image gets its category from the image points, the study from the study points, a breast none; no prevalence by default', async () => {
    const res = await call(server().url, 'POST', '/predict-study', { body: fourViews([0.45, 0.62, 0.55, 0.58]) });
    for (const image of res.body.results) {
      expect(image.screening).toEqual({ category: category(malignant(image) / 100, IMAGE_THRESHOLDS), operating_points: 'image' });
    }
    expect(res.body.results.map((r: { screening: { category: string } }) => r.screening.category)).toEqual([
      'likely_normal',
      'high',
      'high',
      'high',
    ]);
    // The study's 0.62 is elevated by the study points (0.45, 0.7), where an image of 0.62 is high.
    expect(res.body.study.screening).toEqual({ category: 'elevated', operating_points: 'study' });
    expect(res.body.breasts.left).not.toHaveProperty('screening');
    expect(res.body.breasts.right).not.toHaveProperty('screening');
  });

  test('/predict and /batch-predict carry the category and leave the seed-compatible fields as they were', async () => {
    const one = await call(server().url, 'POST', '/predict', { body: form('file', [['a.png', ramp(0.55)]]) });
    expect(one.body.screening).toEqual({ category: 'high', operating_points: 'image' });
    // About 0.62: Malignant by the decision threshold (0.5), Moderate-High Risk by the table, as without screening.
    expect(one.body).toMatchObject({ prediction: 'Malignant', risk_assessment: { level: 'Moderate-High Risk' } });
    const batch = await call(server().url, 'POST', '/batch-predict', {
      body: form('files', [
        ['low.png', ramp(0.4)],
        ['mid.png', ramp(0.52)],
      ]),
    });
    expect(batch.body.results.map((r: { screening: unknown }) => r.screening)).toEqual([
      { category: 'likely_normal', operating_points: 'image' },
      { category: 'elevated', operating_points: 'image' },
    ]);
  });

  test('GET /model states the rule, the operating points and the categories, without predictive values when no prevalence is set', async () => {
    const res = await call(server().url, 'GET', '/model');
    expect(res.body.study_rule).toEqual({ breast: 'min', study: 'max', chosen_by: 'Test fixture: made up, not measured.' });
    const { screening } = res.body;
    expect(screening).toMatchObject({ base_prevalence: BASE_PREVALENCE, evaluated_on: 'Test fixture: made-up figures, not measured.' });
    expect(screening.operating_points.image.map((p: { threshold: number }) => p.threshold)).toEqual([0.2, ...IMAGE_THRESHOLDS]);
    expect(screening.operating_points.study.map((p: { threshold: number }) => p.threshold)).toEqual([0.25, ...STUDY_THRESHOLDS]);
    expect(screening.categories).toMatch(/Not a BI-RADS assessment and not a diagnosis\./);
    expect(screening).not.toHaveProperty('at_prevalence');
  });
});

describe('SCREENING_PREVALENCE=0.007', () => {
  // The check off, to send a white image: its input is exactly 1 in float32 too, its logit exactly 5,
  // so its probability is known to the last digit (a grey level like 153/255 is not, in float32).
  const server = serverForSuite({ MODEL_DIR: screeningModelDir, SCREENING_PREVALENCE: '0.007', INPUT_CHECK: 'off' });
  const flat = rgbPng(300, 300, () => [255, 255, 255]);
  const p = 1 / (1 + Math.exp(-5));
  /** Within the wire's rounding to six decimals. */
  const closeToAnalytic = (value: number) => expect(Math.abs(value - analytic(p, 0.007))).toBeLessThanOrEqual(5e-7);

  test('adds to an image the probability at 0.007 that the prior-shift formula gives, leaving the seed fields at the model calibration', async () => {
    const res = await call(server().url, 'POST', '/predict', { body: form('file', [['flat.png', flat]]) });
    expect(res.body.screening).toMatchObject({ category: 'high', operating_points: 'image', prevalence: 0.007 });
    closeToAnalytic(res.body.screening.malignant_probability);
    // Odds of e^5 (about 148.4) at 35 %, times (0.007 / 0.993) / (0.35 / 0.65): about 1.94, a probability of 0.66.
    expect(analytic(p, 0.007)).toBeCloseTo(0.6602, 4);
    expect(res.body).toMatchObject({ prediction: 'Malignant', confidence: 0.9933, probabilities: { malignant: 99.33 } });
  });

  test('gives each breast and the study their values at 0.007, and the study its category', async () => {
    const body = form('files', [
      ['l.png', flat],
      ['r.png', flat],
    ]);
    for (const side of ['L', 'R']) body.append('laterality', side);
    const res = await call(server().url, 'POST', '/predict-study', { body });
    const atPrevalence = { prevalence: 0.007, malignant_probability: expect.any(Number) };
    expect(res.body.breasts.left.screening).toEqual(atPrevalence);
    expect(res.body.breasts.right.screening).toEqual(atPrevalence);
    expect(res.body.study.screening).toEqual({ category: 'high', operating_points: 'study', ...atPrevalence });
    for (const result of [res.body.breasts.left, res.body.breasts.right, res.body.study])
      closeToAnalytic(result.screening.malignant_probability);
  });

  test('GET /model gives each operating point its PPV and NPV at 0.007', async () => {
    const res = await call(server().url, 'GET', '/model');
    const { at_prevalence: at, operating_points: points } = res.body.screening;
    expect(at.prevalence).toBe(0.007);
    for (const level of ['image', 'study'] as const) {
      expect(at[level]).toEqual(
        points[level].map(({ target_specificity, sensitivity: { value: sens }, specificity: { value: spec } }: Record<string, any>) => ({
          target_specificity,
          ppv: expect.closeTo((sens * 0.007) / (sens * 0.007 + (1 - spec) * 0.993), 4),
          npv: expect.closeTo((spec * 0.993) / (spec * 0.993 + (1 - sens) * 0.007), 4),
        })),
      );
    }
    // The image point at specificity 0.95 (sensitivity 0.3): 0.0021 / (0.0021 + 0.04965).
    expect(at.image[2].ppv).toBe(0.0406);
  });

  test('with a model that has no screening operating points, keeps the model from loading and says why', async () => {
    const running = await startForTest({ MODEL_DIR: tinyModelDir, SCREENING_PREVALENCE: '0.007' });
    const health = await call(running.url, 'GET', '/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'unhealthy', model_status: 'error' });
    const ready = await call(running.url, 'GET', '/health/ready');
    expect(ready.body.detail).toMatch(
      /^SCREENING_PREVALENCE is set \(0\.007\), but the model tiny-test-model 0\.0\.1 has no "screening" section/,
    );
    const predict = await call(running.url, 'POST', '/predict', { body: form('file', [['a.png', ramp(0.5)]]) });
    expect(predict.status).toBe(503);
    expect(predict.body.code).toBe('MODEL_UNAVAILABLE');
  });

  test('refuses a value outside (0, 1) at start, naming the setting', () => {
    expect(() => loadConfig({ SCREENING_PREVALENCE: '0.7%' })).toThrow(/^SCREENING_PREVALENCE must be a number between 0 and 1/);
  });
});

describe('a model without the sections', () => {
  const server = serverForSuite({ MODEL_DIR: tinyModelDir });

  test('answers without screening, combines by the maximum and says so in the old words', async () => {
    const res = await call(server().url, 'POST', '/predict-study', { body: fourViews([0.45, 0.62, 0.55, 0.58]) });
    expect(malignant(res.body.study)).toBe(Math.max(...res.body.results.map(malignant)));
    expect(res.body.rule).toBe(
      "Each breast: the maximum of its images' calibrated malignant probabilities. The study: the maximum of its breasts'. Labels from the model's decision threshold, risk levels from its table. An aggregation of a single-image model, not a model trained on studies.",
    );
    expect(JSON.stringify(res.body)).not.toMatch(/screening/);
    const one = await call(server().url, 'POST', '/predict', { body: form('file', [['a.png', ramp(0.55)]]) });
    expect(one.body).not.toHaveProperty('screening');
  });

  test('GET /model states the default rule and no screening', async () => {
    const res = await call(server().url, 'GET', '/model');
    expect(res.body.study_rule).toEqual({ breast: 'max', study: 'max' });
    expect(res.body).not.toHaveProperty('screening');
  });
});
