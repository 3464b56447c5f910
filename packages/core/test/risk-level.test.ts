import { readFileSync } from 'node:fs';
import { tinyModelDir } from '@bcd-api/test-kit';
import { describe, expect, test } from 'vitest';
import { findRiskTableProblem, type RiskLevelRule, riskLevelFor, toRiskLevel } from '../src/risk-level.js';

const rules = (JSON.parse(readFileSync(`${tinyModelDir}/manifest.json`, 'utf8')) as { risk_levels: RiskLevelRule[] }).risk_levels.map(
  toRiskLevel,
);

describe("the seed's risk table", () => {
  test.each([
    [1, 'Very High Risk'],
    [0.9, 'Very High Risk'],
    [0.8999, 'High Risk'],
    [0.75, 'High Risk'],
    [0.7499, 'Moderate-High Risk'],
    [0.6, 'Moderate-High Risk'],
    [0.5999, 'Moderate Risk'],
    [0.4001, 'Moderate Risk'],
    [0.4, 'Low-Moderate Risk'],
    [0.2501, 'Low-Moderate Risk'],
    [0.25, 'Low Risk'],
    [0.1001, 'Low Risk'],
    [0.1, 'Very Low Risk'],
    [0, 'Very Low Risk'],
  ])('maps malignant probability %d to %s', (p, level) => {
    expect(riskLevelFor(rules, p).level).toBe(level);
  });

  test('covers [0, 1] exactly once', () => {
    expect(findRiskTableProblem(rules)).toBeUndefined();
  });
});

test('finds a gap in a risk table', () => {
  const broken = rules.filter((r) => r.level !== 'Low Risk');
  expect(findRiskTableProblem(broken)).toMatch(/no risk level covers p = 0.1/);
});

test('finds an overlap in a risk table', () => {
  const broken = rules.map((r) => (r.level === 'High Risk' ? { ...r, maxInclusive: true } : r));
  expect(findRiskTableProblem(broken)).toMatch(/"Very High Risk" and "High Risk" overlap at p = 0.9/);
});
