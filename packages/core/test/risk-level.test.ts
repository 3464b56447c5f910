import { readFileSync } from 'node:fs';
import { tinyModelDir } from '@bcd-api/test-kit';
import { describe, expect, test } from 'vitest';
import { findRiskTableProblem, type RiskLevel, type RiskLevelRule, riskLevelFor, toRiskLevel } from '../src/risk-level.js';

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

describe('the exact check of a risk table', () => {
  /** A level from its interval, written as in mathematics: `[0.1, 0.25)`. */
  const level = (name: RiskLevel['level'], interval: string): RiskLevel => {
    const match = /^([[(])([\d.e-]+), ([\d.e-]+)([\])])$/.exec(interval);
    if (!match) throw new Error(`not an interval: ${interval}`);
    const [, open, min, max, close] = match;
    return { ...rules[0]!, level: name, min: Number(min), minInclusive: open === '[', max: Number(max), maxInclusive: close === ']' };
  };

  test('accepts the rows in any order: the table is sorted by its bounds before it is checked', () => {
    expect(findRiskTableProblem([...rules].reverse())).toBeUndefined();
    const shuffled = [rules[3]!, rules[0]!, rules[6]!, rules[1]!, rules[5]!, rules[2]!, rules[4]!];
    expect(findRiskTableProblem(shuffled)).toBeUndefined();
  });

  test('finds the gap a missing level leaves, as the interval it leaves uncovered', () => {
    const broken = rules.filter((r) => r.level !== 'Low Risk');
    expect(findRiskTableProblem(broken)).toBe('no risk level covers p in (0.1, 0.25]');
  });

  test('finds a gap narrower than any sampling step', () => {
    const table = [level('Low Risk', '[0, 0.5]'), level('High Risk', '(0.5000000000001, 1]')];
    expect(findRiskTableProblem(table)).toBe('no risk level covers p in (0.5, 0.5000000000001]');
  });

  test('finds a single uncovered point where two levels meet and neither includes it', () => {
    const table = [level('Low Risk', '[0, 0.4)'), level('High Risk', '(0.4, 1]')];
    expect(findRiskTableProblem(table)).toBe('no risk level covers p = 0.4');
  });

  test('finds a table that does not start at 0 or does not reach 1', () => {
    expect(findRiskTableProblem([level('Low Risk', '(0, 0.5)'), level('High Risk', '[0.5, 1]')])).toBe('no risk level covers p = 0');
    expect(findRiskTableProblem([level('Low Risk', '[0, 0.5)'), level('High Risk', '[0.5, 0.9]')])).toBe(
      'no risk level covers p in (0.9, 1]',
    );
    expect(findRiskTableProblem([level('Low Risk', '[0, 0.5)'), level('High Risk', '[0.5, 1)')])).toBe('no risk level covers p = 1');
  });

  test('finds two levels that share a bound both include', () => {
    const broken = rules.map((r) => (r.level === 'High Risk' ? { ...r, maxInclusive: true } : r));
    expect(findRiskTableProblem(broken)).toBe('risk levels "Very High Risk" and "High Risk" overlap at p = 0.9');
  });

  test('finds two levels that overlap on an interval, naming them in table order and the interval they share', () => {
    const table = [level('High Risk', '[0.4, 1]'), level('Low Risk', '[0, 0.6)')];
    expect(findRiskTableProblem(table)).toBe('risk levels "High Risk" and "Low Risk" overlap in [0.4, 0.6)');
  });

  test('finds a level inside another', () => {
    const table = [level('Low Risk', '[0, 1]'), level('High Risk', '(0.2, 0.3]')];
    expect(findRiskTableProblem(table)).toBe('risk levels "Low Risk" and "High Risk" overlap in (0.2, 0.3]');
  });

  test('refuses a level whose bounds are the wrong way round, or that holds no point', () => {
    const reversed = [level('Low Risk', '[0, 0.5)'), level('High Risk', '[1, 0.5]')];
    expect(findRiskTableProblem(reversed)).toBe('risk level "High Risk" covers no p: [1, 0.5] is empty');
    const empty = [level('Low Risk', '[0, 0.5)'), level('Moderate Risk', '[0.5, 0.5)'), level('High Risk', '[0.5, 1]')];
    expect(findRiskTableProblem(empty)).toBe('risk level "Moderate Risk" covers no p: [0.5, 0.5) is empty');
  });

  test('accepts a level of a single point', () => {
    const table = [level('Low Risk', '[0, 0.5)'), level('Moderate Risk', '[0.5, 0.5]'), level('High Risk', '(0.5, 1]')];
    expect(findRiskTableProblem(table)).toBeUndefined();
  });

  test('refuses bounds outside [0, 1], and an empty table', () => {
    expect(findRiskTableProblem([level('Low Risk', '[-0.5, 1]')])).toBe('risk level "Low Risk" has bounds [-0.5, 1] outside [0, 1]');
    expect(findRiskTableProblem([])).toBe('no risk level covers p in [0, 1]');
  });
});
