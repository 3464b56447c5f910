// Screening categories from the operating points, and predictive values at a prevalence (issue 22).
import { describe, expect, test } from 'vitest';
import { atPrevalence } from '../src/prevalence.js';
import { predictiveValues, readBreastScreening, readScreening, screeningCategoriesText, screeningCategory } from '../src/screening.js';
import { screening } from './screening-points.js';

describe('screeningCategory', () => {
  test.each([
    [0, 'likely_normal'],
    [0.3999, 'likely_normal'],
    [0.4, 'elevated'],
    [0.5999, 'elevated'],
    [0.6, 'high'],
    [1, 'high'],
  ] as const)('reads %s as %s on the image points (thresholds 0.4 at specificity 0.90, 0.6 at 0.95)', (p, category) => {
    expect(screeningCategory(screening.operatingPoints.image, p)).toBe(category);
  });

  test('does not look at the point at specificity 0.80', () => {
    expect(screeningCategory(screening.operatingPoints.image, 0.25)).toBe('likely_normal');
  });

  test('reads the points by their target specificity, not their place', () => {
    expect(screeningCategory([...screening.operatingPoints.study].reverse(), 0.5)).toBe('elevated');
  });
});

describe('readScreening', () => {
  test('gives the category alone without a prevalence', () => {
    expect(readScreening(screening, 'image', 0.5)).toEqual({ level: 'image', category: 'elevated' });
    expect(readBreastScreening(screening, 0.5)).toBeUndefined();
  });

  test('adds the value moved from the calibration prevalence to the one given; the category does not move', () => {
    expect(readScreening(screening, 'study', 0.71, 0.007)).toEqual({
      level: 'study',
      category: 'high',
      atPrevalence: { prevalence: 0.007, malignantProbability: atPrevalence(0.71, 0.35, 0.007) },
    });
    expect(readBreastScreening(screening, 0.71, 0.007)).toEqual({
      level: 'breast',
      atPrevalence: { prevalence: 0.007, malignantProbability: atPrevalence(0.71, 0.35, 0.007) },
    });
  });
});

describe('predictiveValues', () => {
  test('PPV and NPV at a prevalence, by hand', () => {
    // Sensitivity 0.5, specificity 0.9, prevalence 1 %: PPV = 0.005 / (0.005 + 0.099), NPV = 0.891 / (0.891 + 0.005).
    const { ppv, npv } = predictiveValues({ sensitivity: { value: 0.5 }, specificity: { value: 0.9 } }, 0.01);
    expect(ppv).toBeCloseTo(0.005 / 0.104, 15);
    expect(npv).toBeCloseTo(0.891 / 0.896, 15);
  });

  test('at prevalence 0.007 with sensitivity 0.3 and specificity 0.95', () => {
    const { ppv, npv } = predictiveValues({ sensitivity: { value: 0.3 }, specificity: { value: 0.95 } }, 0.007);
    expect(ppv).toBeCloseTo((0.3 * 0.007) / (0.3 * 0.007 + 0.05 * 0.993), 15);
    expect(ppv).toBeCloseTo(0.04058, 5);
    expect(npv).toBeCloseTo((0.95 * 0.993) / (0.95 * 0.993 + 0.7 * 0.007), 15);
  });

  test('a point that calls nothing positive has a PPV of 0, not NaN', () => {
    expect(predictiveValues({ sensitivity: { value: 0 }, specificity: { value: 1 } }, 0.01)).toEqual({ ppv: 0, npv: 0.99 });
  });
});

describe('screeningCategoriesText', () => {
  test("defines the categories, says what they are not, and gives this model's share of cancers left in likely_normal", () => {
    const text = screeningCategoriesText(screening);
    expect(text).toMatch(/^likely_normal: below the threshold at specificity 0\.9; elevated: .* high: at or above/);
    expect(text).toMatch(/Not a BI-RADS assessment and not a diagnosis\./);
    // 1 - 0.45 of the cancers' images, 1 - 0.52 of their studies; 1 - 0.91 of the cancer-free images.
    expect(text).toMatch(/held 55 % of the cancers' images and 48 % of the cancers' studies/);
    expect(text).toMatch(/and 9 % of the cancer-free images were elevated or high/);
  });
});
