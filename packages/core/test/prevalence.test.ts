// The prior-shift correction against the analytic posterior (issue 22): a score model whose
// class-conditional densities are known, so that the exact posterior at any prevalence is Bayes'.
import { describe, expect, test } from 'vitest';
import { atPrevalence } from '../src/prevalence.js';

/** A normal density. */
const normal = (x: number, mean: number, sd: number): number => Math.exp(-(((x - mean) / sd) ** 2) / 2) / (sd * Math.sqrt(2 * Math.PI));

/** Cancers score N(1.2, 1.1), the cancer-free N(-0.4, 0.8): unequal spreads, so the posterior is not a plain logistic curve. */
const cancer = (s: number): number => normal(s, 1.2, 1.1);
const cancerFree = (s: number): number => normal(s, -0.4, 0.8);

/** P(cancer | score s) at prevalence π, by Bayes' rule. */
const posterior = (s: number, prevalence: number): number =>
  (prevalence * cancer(s)) / (prevalence * cancer(s) + (1 - prevalence) * cancerFree(s));

const scores = Array.from({ length: 161 }, (_, i) => -4 + i * 0.05);
const prevalences: Array<[from: number, to: number]> = [
  [0.35, 0.007],
  [0.3503, 0.005],
  [0.5, 0.01],
  [0.007, 0.35],
  [0.2, 0.2],
  [0.9, 0.1],
];

describe('atPrevalence', () => {
  test.each(prevalences)('moves the exact posterior at prevalence %s to the exact posterior at %s, to 1e-12', (from, to) => {
    for (const s of scores) {
      const moved = atPrevalence(posterior(s, from), from, to);
      expect(Math.abs(moved - posterior(s, to)), `score ${s}`).toBeLessThan(1e-12);
    }
  });

  test('leaves a probability unchanged at its own prevalence, and keeps 0 and 1', () => {
    expect(atPrevalence(0.42, 0.35, 0.35)).toBeCloseTo(0.42, 15);
    expect(atPrevalence(0, 0.35, 0.007)).toBe(0);
    expect(atPrevalence(1, 0.35, 0.007)).toBe(1);
  });

  test('scales the odds by the ratio of the prior odds', () => {
    // Even odds at 35 % become (0.007 / 0.993) / (0.35 / 0.65) at 0.7 %.
    const odds = 0.007 / 0.993 / (0.35 / 0.65);
    expect(atPrevalence(0.5, 0.35, 0.007)).toBeCloseTo(odds / (1 + odds), 15);
  });

  test('goes back where it came from', () => {
    for (const p of [1e-9, 0.01, 0.3, 0.5, 0.97, 1 - 1e-9])
      expect(atPrevalence(atPrevalence(p, 0.35, 0.007), 0.007, 0.35)).toBeCloseTo(p, 12);
  });
});
