// The one step from a raw score to a probability, which a prediction and its heatmap share.
import { describe, expect, test } from 'vitest';
import { calibrate } from '../src/calibrate.js';
import { toPrediction } from '../src/prediction.js';
import type { RiskLevel } from '../src/risk-level.js';

const platt = { method: 'platt' as const, a: 2, b: -1, extra: {} };
const none = { method: 'none' as const, extra: {} };
const everything: RiskLevel = {
  level: 'Moderate Risk',
  icon: '🟡',
  color: '#ffe066',
  min: 0,
  minInclusive: true,
  max: 1,
  maxInclusive: true,
};
const card = (calibration: typeof platt | typeof none) => ({ calibration, decisionThreshold: 0.5, riskLevels: [everything] });

describe('calibrate', () => {
  test('is the sigmoid of the score without calibration, and of a * score + b with Platt scaling', () => {
    expect(calibrate(none, 0)).toBe(0.5);
    expect(calibrate(none, 3)).toBeCloseTo(1 / (1 + Math.exp(-3)), 12);
    expect(calibrate(platt, 0.75)).toBeCloseTo(1 / (1 + Math.exp(-(2 * 0.75 - 1))), 12);
  });

  test('leaves a score that is not a number as NaN, for the caller to judge', () => {
    expect(calibrate(platt, Number.NaN)).toBeNaN();
  });
});

describe('toPrediction', () => {
  test("reads each output kind's raw score and calibrates it as a heatmap cell of that score would be", () => {
    const logit = toPrediction('sigmoid_logit', card(platt), Float32Array.from([0.75]), 0, 1);
    expect(logit).toMatchObject({ rawScore: 0.75, malignantProbability: calibrate(platt, 0.75) });
    const logits = toPrediction('logits', card(platt), Float32Array.from([0.25, 1]), 0, 2);
    expect(logits).toMatchObject({ rawScore: 0.75, malignantProbability: calibrate(platt, 0.75) });
  });

  test('reads uncalibrated softmax probabilities as they are, and calibrated ones through Platt scaling', () => {
    const probabilities = Float32Array.from([0.2, 0.8]);
    expect(toPrediction('softmax_probabilities', card(none), probabilities, 0, 2).malignantProbability).toBeCloseTo(0.8, 6);
    expect(toPrediction('softmax_probabilities', card(platt), probabilities, 0, 2).malignantProbability).toBeCloseTo(
      calibrate(platt, probabilities[1]!),
      12,
    );
  });

  test('refuses a score that calibrates to no number, with INFERENCE_FAILED', () => {
    expect(() => toPrediction('sigmoid_logit', card(none), Float32Array.from([Number.NaN]), 0, 1)).toThrow(
      expect.objectContaining({ code: 'INFERENCE_FAILED' }),
    );
  });
});
