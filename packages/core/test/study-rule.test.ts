// The study rule's arithmetic (issue 22), by hand-computed numbers, and the rule in words.
import { describe, expect, test } from 'vitest';
import { aggregate, DEFAULT_STUDY_RULE, studyRuleText } from '../src/study-rule.js';

describe('aggregate', () => {
  test('max, min and mean of probabilities', () => {
    expect(aggregate('max', [0.2, 0.81, 0.05])).toBe(0.81);
    expect(aggregate('min', [0.2, 0.81, 0.05])).toBe(0.05);
    expect(aggregate('mean', [0.2, 0.8, 0.5])).toBeCloseTo(0.5, 15);
  });

  test('mean_logit is the sigmoid of the mean logit: the geometric mean of the odds, as odds', () => {
    // Odds 1 and 9: their geometric mean is 3, a probability of 3/4.
    expect(aggregate('mean_logit', [0.5, 0.9])).toBeCloseTo(0.75, 12);
    // Odds 1/4 and 4 meet at even odds.
    expect(aggregate('mean_logit', [0.2, 0.8])).toBeCloseTo(0.5, 12);
    // Odds 1/4, 1 and 9/4: geometric mean (9/16)^(1/3).
    const odds = (9 / 16) ** (1 / 3);
    expect(aggregate('mean_logit', [0.2, 0.5, 9 / 13])).toBeCloseTo(odds / (1 + odds), 12);
  });

  test('mean_logit holds probabilities to [1e-6, 1 - 1e-6] first, so 0 and 1 do not make it infinite', () => {
    // 1 - 1e-6 is not exact in binary: its logit differs from -logit(1e-6) in the 12th digit.
    expect(aggregate('mean_logit', [0, 1])).toBeCloseTo(0.5, 10);
    expect(aggregate('mean_logit', [1, 1])).toBeCloseTo(1 - 1e-6, 12);
    expect(aggregate('mean_logit', [0])).toBeCloseTo(1e-6, 15);
  });

  test('one value is its own combination, by every rule', () => {
    for (const rule of ['max', 'min', 'mean', 'mean_logit'] as const) expect(aggregate(rule, [0.37])).toBeCloseTo(0.37, 12);
  });

  test('refuses to combine nothing', () => {
    expect(() => aggregate('max', [])).toThrow(/at least one value/);
  });
});

describe('studyRuleText', () => {
  test("keeps the API's sentence word for word for the default rule, the maximum twice", () => {
    expect(DEFAULT_STUDY_RULE).toEqual({ breast: 'max', study: 'max' });
    expect(studyRuleText(DEFAULT_STUDY_RULE)).toBe(
      "Each breast: the maximum of its images' calibrated malignant probabilities. The study: the maximum of its breasts'. Labels from the model's decision threshold, risk levels from its table. An aggregation of a single-image model, not a model trained on studies.",
    );
  });

  test('says what a minimum per breast means, and that the study combines breasts', () => {
    expect(studyRuleText({ breast: 'min', study: 'max' })).toBe(
      "Each breast: the minimum of its images' calibrated malignant probabilities (a breast scores high only when all its views do). The study: the maximum of its breasts'. Labels from the model's decision threshold, risk levels from its table. An aggregation of a single-image model, not a model trained on studies.",
    );
  });

  test('names the mean on the logit scale and how it is computed', () => {
    const text = studyRuleText({ breast: 'mean_logit', study: 'mean' });
    expect(text).toMatch(/^Each breast: the mean on the logit scale \(the sigmoid of the mean logit\) of its images'/);
    expect(text).toMatch(/The study: the mean of its breasts' \(both breasts count alike\)\./);
  });
});
