/** One row of a model's risk table: applies when p lies between `min` and `max`. */
export interface RiskLevelRule {
  level: string;
  icon: string;
  color: string;
  min: number;
  min_inclusive: boolean;
  max: number;
  max_inclusive: boolean;
}

/** True when the malignant probability `p` falls inside `rule`'s interval. */
export function ruleMatches(rule: RiskLevelRule, p: number): boolean {
  const aboveMin = rule.min_inclusive ? p >= rule.min : p > rule.min;
  const belowMax = rule.max_inclusive ? p <= rule.max : p < rule.max;
  return aboveMin && belowMax;
}

/**
 * Finds the risk level for a malignant probability. The table comes from the model's
 * manifest (validated at load to cover [0, 1] exactly once), so thresholds are data, not
 * magic numbers.
 */
export function riskLevelFor(rules: readonly RiskLevelRule[], p: number): RiskLevelRule {
  const rule = rules.find((r) => ruleMatches(r, p));
  if (!rule) throw new RangeError(`no risk level covers p = ${p}`);
  return rule;
}

/**
 * Checks that every probability in [0, 1] belongs to exactly one rule: each boundary and a
 * point on either side of it, plus a fine grid. Returns a sentence describing the first
 * problem, or undefined.
 */
export function findRiskTableProblem(rules: readonly RiskLevelRule[]): string | undefined {
  const points = new Set<number>();
  for (let i = 0; i <= 1000; i++) points.add(i / 1000);
  for (const rule of rules) {
    for (const edge of [rule.min, rule.max]) {
      for (const p of [edge - 1e-9, edge, edge + 1e-9]) if (p >= 0 && p <= 1) points.add(p);
    }
  }
  for (const p of points) {
    const matching = rules.filter((r) => ruleMatches(r, p));
    if (matching.length === 0) return `no risk level covers p = ${p}`;
    if (matching.length > 1) return `risk levels ${matching.map((r) => `"${r.level}"`).join(' and ')} overlap at p = ${p}`;
  }
  return undefined;
}
