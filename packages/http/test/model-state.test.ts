// SCREENING_PREVALENCE needs a model with screening operating points (issue 22): a model
// without them is refused at load, and the reason says what to change.
import { screeningModelDir, tinyModelDir } from '@bcd-api/test-kit';
import { expect, test } from 'vitest';
import { createLogger, loadModelState } from '../src/index.js';

const load = (modelDir: string, screeningPrevalence?: number) =>
  loadModelState({ modelDir, workers: 1, maxImagePixels: 10_000_000, batchSize: 1, logger: createLogger('silent'), screeningPrevalence });

test('refuses a model without screening operating points when SCREENING_PREVALENCE is set, saying so', async () => {
  const model = load(tinyModelDir, 0.007);
  await model.ready;
  expect(model.status).toBe('error');
  expect(model.reason).toBe(
    'SCREENING_PREVALENCE is set (0.007), but the model tiny-test-model 0.0.1 has no "screening" section in its manifest.json (its screening operating points and the prevalence its calibration was fitted at): unset SCREENING_PREVALENCE, or serve a model that has one.',
  );
  expect(() => model.require()).toThrow(/^The model is not available: SCREENING_PREVALENCE is set/);
  await model.close();
});

test('loads a model with screening operating points under SCREENING_PREVALENCE, and any model without it', async () => {
  for (const model of [load(screeningModelDir, 0.007), load(tinyModelDir)]) {
    await model.ready;
    expect(model.status).toBe('loaded');
    await model.close();
  }
});
