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
 * Checks exactly, not by sampling, that every probability in [0, 1] belongs to exactly one
 * level: each level is a non-empty interval within [0, 1]; sorted by their lower bounds, the
 * first starts at 0 (inclusive), each next one starts where the one before ends (exactly one
 * of the two including the shared bound) and the last ends at 1 (inclusive). The table may be
 * written in any order. Returns a sentence describing the first problem, or undefined.
 *
 * @example
 * findRiskTableProblem(card.riskLevels); // undefined for a table that covers [0, 1] exactly once
 */
export function findRiskTableProblem(levels: readonly RiskLevel[]): string | undefined {
  if (levels.length === 0) return 'no risk level covers p in [0, 1]';
  for (const level of levels) {
    const { min, max } = level;
    if (!(min >= 0 && max <= 1)) return `risk level "${level.level}" has bounds ${bounds(level)} outside [0, 1]`;
    if (min > max || (min === max && !(level.minInclusive && level.maxInclusive))) {
      return `risk level "${level.level}" covers no p: ${bounds(level)} is empty`;
    }
  }
  // By lower bound; at the same bound an inclusive start comes first, then the shorter interval.
  const sorted = [...levels].sort((a, b) => a.min - b.min || Number(b.minInclusive) - Number(a.minInclusive) || a.max - b.max);
  const first = sorted[0] as RiskLevel;
  if (first.min > 0 || !first.minInclusive) return `no risk level covers p ${span(0, true, first.min, !first.minInclusive)}`;
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1] as RiskLevel;
    const next = sorted[i] as RiskLevel;
    const pair = [before, next].sort((a, b) => levels.indexOf(a) - levels.indexOf(b));
    const overlap = `risk levels ${pair.map((l) => `"${l.level}"`).join(' and ')} overlap`;
    if (next.min < before.max) {
      const end = Math.min(before.max, next.max);
      // The overlap ends where the shorter of the two does, including that bound when it does.
      const endInclusive =
        before.max < next.max ? before.maxInclusive : next.max < before.max ? next.maxInclusive : before.maxInclusive && next.maxInclusive;
      return `${overlap} ${span(next.min, next.minInclusive, end, endInclusive)}`;
    }
    if (next.min > before.max) return `no risk level covers p ${span(before.max, !before.maxInclusive, next.min, !next.minInclusive)}`;
    // The two meet at one bound, which exactly one of them must include.
    if (before.maxInclusive && next.minInclusive) return `${overlap} at p = ${next.min}`;
    if (!before.maxInclusive && !next.minInclusive) return `no risk level covers p = ${next.min}`;
  }
  const last = sorted[sorted.length - 1] as RiskLevel;
  if (last.max < 1 || !last.maxInclusive) return `no risk level covers p ${span(last.max, !last.maxInclusive, 1, true)}`;
  return undefined;
}

/** A level's interval in the usual notation, e.g. `[0.75, 0.9)`. */
function bounds(level: Pick<RiskLevel, 'min' | 'minInclusive' | 'max' | 'maxInclusive'>): string {
  return `${level.minInclusive ? '[' : '('}${level.min}, ${level.max}${level.maxInclusive ? ']' : ')'}`;
}

/** A set of probabilities as a phrase: `= 0.4` for a single point, `in (0.1, 0.25]` otherwise. */
function span(min: number, minInclusive: boolean, max: number, maxInclusive: boolean): string {
  if (min === max) return `= ${min}`;
  return `in ${bounds({ min, minInclusive, max, maxInclusive })}`;
}
