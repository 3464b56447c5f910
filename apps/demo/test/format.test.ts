import { describe, expect, test } from 'vitest';
import {
  formatMetric,
  formatNumber,
  formatPercent,
  formatProbability,
  formatSize,
  inputCheckText,
  parseImageSize,
  progressText,
  screeningText,
  skippedText,
  splitSelection,
} from '../src/format.js';

describe('numbers', () => {
  test('percentages keep one decimal by default', () => {
    expect(formatPercent(72.345)).toBe('72.3%');
    expect(formatPercent(100, 0)).toBe('100%');
  });

  test('probabilities of 0-1 read as percentages', () => {
    expect(formatProbability(0.8312)).toBe('83%');
    expect(formatProbability(0.8312, 1)).toBe('83.1%');
  });

  test('a metric shows its 95% confidence interval when it has one', () => {
    expect(formatMetric({ value: 0.6746, ci95: [0.643, 0.7039] })).toBe('0.675 (95% CI 0.643–0.704)');
    expect(formatMetric({ value: 0.9 })).toBe('0.900');
  });

  test('intensities keep one decimal', () => {
    expect(formatNumber(107.44)).toBe('107.4');
  });
});

describe('the model card', () => {
  test('says what becomes of an image that is not a mammogram', () => {
    const typicality = {
      method: 'Mahalanobis distance of pooled features',
      threshold: 44.7,
      fitted_on: 'RSNA',
      evaluation: { protocol: 'held out', mammograms: [], non_mammograms: [] },
    };
    expect(inputCheckText({ mode: 'refuse', checks: [], typicality })).toBe(
      'Images that are not mammograms are refused (rule checks and the model’s own typicality check).',
    );
    expect(inputCheckText({ mode: 'warn', checks: [], typicality: null })).toBe(
      'Images that are not mammograms get a verdict with a warning (rule checks; this model has no typicality check).',
    );
    expect(inputCheckText({ mode: 'off', checks: [], typicality: null })).toBe(
      'Not checked: every image gets a verdict, mammogram or not.',
    );
  });
});

describe('image sizes', () => {
  test('parses the API size string', () => {
    expect(parseImageSize('1024x768')).toEqual({ width: 1024, height: 768 });
  });

  test('rejects anything else', () => {
    for (const size of ['', '1024', '0x10', '10x0', '-1x5', '10 x 10']) expect(parseImageSize(size)).toBeUndefined();
  });

  test('reads as width × height in pixels', () => {
    expect(formatSize('1024x768')).toBe('1024 × 768 px');
    expect(formatSize('odd')).toBe('odd');
  });
});

describe('a batch', () => {
  test('progress says how many are done of how many, and how many failed', () => {
    expect(progressText(3, 10)).toBe('3 of 10 done');
    expect(progressText(10, 10, 2)).toBe('10 of 10 done (2 failed)');
  });

  test('progress names the files refused as not mammograms apart from the failures', () => {
    expect(progressText(4, 10, 0, 1)).toBe('4 of 10 done (1 not a mammogram)');
    expect(progressText(10, 10, 1, 2)).toBe('10 of 10 done (1 failed, 2 not mammograms)');
  });

  test('a selection beyond the limit keeps the first files, in order, and names the rest', () => {
    const files = Array.from({ length: 12 }, (_, i) => `f${i + 1}.png`);
    const { sent, skipped } = splitSelection(files, 10);
    expect(sent).toEqual(files.slice(0, 10));
    expect(skipped).toEqual(['f11.png', 'f12.png']);
    expect(skippedText(12, 10, skipped)).toBe(
      'You chose 12 images; up to 10 are analysed at a time, so the first 10 were sent. Not sent: f11.png, f12.png.',
    );
  });

  test('a selection within the limit is sent whole', () => {
    expect(splitSelection(['a', 'b'], 10)).toEqual({ sent: ['a', 'b'], skipped: [] });
  });
});

describe('screening', () => {
  test('says what a category means, and gives the probability at the prevalence when the server does', () => {
    expect(screeningText({ category: 'likely_normal', operating_points: 'image' })).toEqual({
      value: 'likely normal',
      meaning: 'Below the threshold at 90% specificity: not an all-clear.',
    });
    expect(screeningText({ category: 'elevated', operating_points: 'image', prevalence: 0.007, malignant_probability: 0.002134 })).toEqual({
      value: 'elevated · 0.21% malignant at 0.7% prevalence',
      meaning: 'Between the thresholds at 90% and 95% specificity.',
    });
    expect(screeningText({ category: 'high', operating_points: 'study' }).meaning).toBe('At or above the threshold at 95% specificity.');
  });
});
