import type { RiskIcon, RiskLevelName } from '@bcd-api/contract';

/**
 * One row of a model's risk table as `manifest.json` spells it (snake_case, the file format):
 * applies when p lies between `min` and `max`. Read into a {@link RiskLevel} at load.
 */
export interface RiskLevelRule {
  level: RiskLevelName;
  icon: RiskIcon;
  color: string;
  min: number;
  min_inclusive: boolean;
  max: number;
  max_inclusive: boolean;
}

/** One level of a model's risk table: applies when the malignant probability lies between `min` and `max`. */
export interface RiskLevel {
  /** One of the contract's risk level names. */
  level: RiskLevelName;
  icon: RiskIcon;
  /** `#rrggbb`. */
  color: string;
  min: number;
  minInclusive: boolean;
  max: number;
  maxInclusive: boolean;
}

/** Reads a manifest's risk table row into the core's {@link RiskLevel}. */
export function toRiskLevel(rule: RiskLevelRule): RiskLevel {
  return {
    level: rule.level,
    icon: rule.icon,
    color: rule.color,
    min: rule.min,
    minInclusive: rule.min_inclusive,
    max: rule.max,
    maxInclusive: rule.max_inclusive,
  };
}

/** True when the malignant probability `p` falls inside `level`'s interval. */
export function levelMatches(level: RiskLevel, p: number): boolean {
  const aboveMin = level.minInclusive ? p >= level.min : p > level.min;
  const belowMax = level.maxInclusive ? p <= level.max : p < level.max;
  return aboveMin && belowMax;
}

/**
 * Finds the risk level for a malignant probability. The table comes from the model's
 * manifest (validated at load to cover [0, 1] exactly once), so thresholds are data, not
 * magic numbers.
 */
export function riskLevelFor(levels: readonly RiskLevel[], p: number): RiskLevel {
  const level = levels.find((l) => levelMatches(l, p));
  if (!level) throw new RangeError(`no risk level covers p = ${p}`);
  return level;
}

/**
 * Checks that every probability in [0, 1] belongs to exactly one level: each boundary and a
 * point on either side of it, plus a fine grid. Returns a sentence describing the first
 * problem, or undefined.
 */
export function findRiskTableProblem(levels: readonly RiskLevel[]): string | undefined {
  const points = new Set<number>();
  for (let i = 0; i <= 1000; i++) points.add(i / 1000);
  for (const level of levels) {
    for (const edge of [level.min, level.max]) {
      for (const p of [edge - 1e-9, edge, edge + 1e-9]) if (p >= 0 && p <= 1) points.add(p);
    }
  }
  for (const p of points) {
    const matching = levels.filter((l) => levelMatches(l, p));
    if (matching.length === 0) return `no risk level covers p = ${p}`;
    if (matching.length > 1) return `risk levels ${matching.map((l) => `"${l.level}"`).join(' and ')} overlap at p = ${p}`;
  }
  return undefined;
}
