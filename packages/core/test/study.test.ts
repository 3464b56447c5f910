import { STANDARD_VIEWS } from '@bcd-api/contract';
import { describe, expect, test } from 'vitest';
import { atPrevalence } from '../src/prevalence.js';
import { combineStudy } from '../src/study.js';
import type { StudyRule } from '../src/study-rule.js';
import { screening } from './screening-points.js';

// The seed's risk table, as the default model's card holds it.
const card = {
  decisionThreshold: 0.5,
  riskLevels: [
    { level: 'Very High Risk', icon: '🔴', color: '#ff0000', min: 0.9, minInclusive: true, max: 1, maxInclusive: true },
    { level: 'High Risk', icon: '🟠', color: '#ff8000', min: 0.75, minInclusive: true, max: 0.9, maxInclusive: false },
    { level: 'Moderate-High Risk', icon: '🟡', color: '#ffcc00', min: 0.6, minInclusive: true, max: 0.75, maxInclusive: false },
    { level: 'Moderate Risk', icon: '🟡', color: '#ffe066', min: 0.4, minInclusive: false, max: 0.6, maxInclusive: false },
    { level: 'Low-Moderate Risk', icon: '🟢', color: '#99cc33', min: 0.25, minInclusive: false, max: 0.4, maxInclusive: true },
    { level: 'Low Risk', icon: '🟢', color: '#33cc33', min: 0.1, minInclusive: false, max: 0.25, maxInclusive: true },
    { level: 'Very Low Risk', icon: '🟢', color: '#00aa00', min: 0, minInclusive: true, max: 0.1, maxInclusive: true },
  ],
} as const;

describe('combineStudy', () => {
  test('a breast takes the maximum of its views, the study the maximum of its breasts', () => {
    const result = combineStudy(
      [
        { laterality: 'L', view: 'CC', malignantProbability: 0.2 },
        { laterality: 'L', view: 'MLO', malignantProbability: 0.81 },
        { laterality: 'R', view: 'CC', malignantProbability: 0.05 },
        { laterality: 'R', view: 'MLO', malignantProbability: 0.3 },
      ],
      card as never,
    );
    expect(result.left).toMatchObject({ images: 2, views: ['CC', 'MLO'], label: 'Malignant', malignantProbability: 0.81 });
    expect(result.left?.risk.level).toBe('High Risk');
    expect(result.right).toMatchObject({ images: 2, label: 'Benign', malignantProbability: 0.3 });
    expect(result.right?.risk.level).toBe('Low-Moderate Risk');
    expect(result.study).toMatchObject({ images: 4, label: 'Malignant', malignantProbability: 0.81 });
    expect(result.study?.percentages).toEqual({ benign: 19, malignant: 81 });
    expect(result.missingViews).toEqual([]);
  });

  test('reports missing views and a breast with no image as null', () => {
    const result = combineStudy([{ laterality: 'R', view: 'mlo', malignantProbability: 0.5 }], card as never);
    expect(result.left).toBeNull();
    expect(result.missingViews).toEqual(STANDARD_VIEWS.filter((v) => v !== 'R-MLO'));
    expect(result.study?.label).toBe('Malignant');
  });

  test('an image without a view counts for its breast but provides no standard view', () => {
    const result = combineStudy([{ laterality: 'L', malignantProbability: 0.1 }], card as never);
    expect(result.left).toMatchObject({ images: 1, views: [] });
    expect(result.missingViews).toEqual([...STANDARD_VIEWS]);
  });

  test('no image, no result', () => {
    expect(combineStudy([], card as never)).toEqual({ left: null, right: null, study: null, missingViews: [...STANDARD_VIEWS] });
  });
});

// The four views the first test combines: left 0.2 and 0.81, right 0.05 and 0.3.
const fourViews = [
  { laterality: 'L', view: 'CC', malignantProbability: 0.2 },
  { laterality: 'L', view: 'MLO', malignantProbability: 0.81 },
  { laterality: 'R', view: 'CC', malignantProbability: 0.05 },
  { laterality: 'R', view: 'MLO', malignantProbability: 0.3 },
] as const;
const withRule = (breast: StudyRule['breast'], study: StudyRule['study']) => ({ ...card, studyRule: { breast, study } }) as never;

describe("combineStudy by the card's rule (issue 22)", () => {
  test('minimum per breast, maximum over breasts: the study is the larger breast minimum, not the minimum of all images', () => {
    const result = combineStudy(fourViews, withRule('min', 'max'));
    expect(result.left).toMatchObject({ images: 2, malignantProbability: 0.2, label: 'Benign' });
    expect(result.right).toMatchObject({ images: 2, malignantProbability: 0.05 });
    // max(min(0.2, 0.81), min(0.05, 0.3)) = 0.2, where the minimum over the images is 0.05.
    expect(result.study).toMatchObject({ images: 4, malignantProbability: 0.2, views: ['CC', 'MLO', 'CC', 'MLO'] });
    expect(result.study?.risk.level).toBe('Low Risk');
  });

  test('mean per breast and over breasts', () => {
    const result = combineStudy(fourViews, withRule('mean', 'mean'));
    expect(result.left?.malignantProbability).toBeCloseTo(0.505, 12);
    expect(result.right?.malignantProbability).toBeCloseTo(0.175, 12);
    expect(result.study?.malignantProbability).toBeCloseTo(0.34, 12);
    expect(result.left?.label).toBe('Malignant');
  });

  test('mean of logits per breast and over breasts', () => {
    const result = combineStudy(
      [
        { laterality: 'L', malignantProbability: 0.5 },
        { laterality: 'L', malignantProbability: 0.9 },
        { laterality: 'R', malignantProbability: 0.2 },
        { laterality: 'R', malignantProbability: 0.5 },
      ],
      withRule('mean_logit', 'mean_logit'),
    );
    // Odds 1 and 9 give 3 (p 3/4); odds 1/4 and 1 give 1/2 (p 1/3); odds 3 and 1/2 give √1.5.
    expect(result.left?.malignantProbability).toBeCloseTo(0.75, 12);
    expect(result.right?.malignantProbability).toBeCloseTo(1 / 3, 12);
    expect(result.study?.malignantProbability).toBeCloseTo(Math.sqrt(1.5) / (1 + Math.sqrt(1.5)), 12);
  });

  test("the study of one breast is that breast's value, whatever the study rule", () => {
    const left = fourViews.filter((i) => i.laterality === 'L');
    for (const study of ['max', 'min', 'mean', 'mean_logit'] as const) {
      const result = combineStudy(left, withRule('min', study));
      expect(result.right).toBeNull();
      expect(result.study?.malignantProbability).toBeCloseTo(0.2, 12);
    }
  });

  test('without a rule in the card, the maximum: the same as the maximum over all images', () => {
    const result = combineStudy(fourViews, card as never);
    expect(result.study?.malignantProbability).toBe(Math.max(...fourViews.map((i) => i.malignantProbability)));
    expect(result.study).not.toHaveProperty('screening');
  });
});

describe('combineStudy with screening operating points', () => {
  test('gives the study its category from the study-level points, and a breast none', () => {
    const result = combineStudy(fourViews, { ...card, screening } as never);
    // The study's value is 0.81, at or above the study threshold at specificity 0.95 (0.7).
    expect(result.study?.screening).toEqual({ level: 'study', category: 'high' });
    expect(result.left).not.toHaveProperty('screening');
    const lower = combineStudy(fourViews, { ...card, screening, studyRule: { breast: 'min', study: 'max' } } as never);
    // 0.2 is below the study threshold at specificity 0.90 (0.45): likely normal.
    expect(lower.study?.screening).toEqual({ level: 'study', category: 'likely_normal' });
  });

  test('with a screening prevalence, gives each breast and the study its value at that prevalence', () => {
    const result = combineStudy(fourViews, { ...card, screening } as never, { prevalence: 0.007 });
    expect(result.study?.screening).toEqual({
      level: 'study',
      category: 'high',
      atPrevalence: { prevalence: 0.007, malignantProbability: atPrevalence(0.81, 0.35, 0.007) },
    });
    expect(result.left?.screening).toEqual({
      level: 'breast',
      atPrevalence: { prevalence: 0.007, malignantProbability: atPrevalence(0.81, 0.35, 0.007) },
    });
    expect(result.right?.screening).toEqual({
      level: 'breast',
      atPrevalence: { prevalence: 0.007, malignantProbability: atPrevalence(0.3, 0.35, 0.007) },
    });
  });
});
