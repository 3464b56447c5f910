// The study rules and the operating points, recomputed from a model folder's files by an
// implementation independent of the trainer (apps/trainer/screening/study_rules.py).
import { auc } from './oof.js';

/** The candidate rules, in the card's column order. */
export const RULES = ['max', 'mean', 'mean_logit', 'min'] as const;
export type Rule = (typeof RULES)[number];

/** One value from calibrated probabilities by a rule. */
export function combine(p: readonly number[], rule: Rule): number {
  if (rule === 'max') return Math.max(...p);
  if (rule === 'min') return Math.min(...p);
  if (rule === 'mean') return p.reduce((s, x) => s + x, 0) / p.length;
  const z = p.map((x) => Math.min(Math.max(x, 1e-6), 1 - 1e-6)).map((x) => Math.log(x / (1 - x)));
  return 1 / (1 + Math.exp(-(z.reduce((s, x) => s + x, 0) / z.length)));
}

/** A labelled probability in a breast of a study. */
export interface Scored {
  y: number;
  p: number;
  breast: string;
  study: string;
}

/** Per group (sorted by key): any cancer, and the rule over the group's probabilities. */
export function grouped(rows: readonly Scored[], key: (r: Scored) => string, rule: Rule): { y: number[]; p: number[]; keys: string[] } {
  const groups = new Map<string, Scored[]>();
  for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  const keys = [...groups.keys()].sort();
  return {
    y: keys.map((k) => Math.max(...groups.get(k)!.map((r) => r.y))),
    p: keys.map((k) =>
      combine(
        groups.get(k)!.map((r) => r.p),
        rule,
      ),
    ),
    keys,
  };
}

/** The API's rule: each breast by one rule, then each study over its breasts by another. */
export function twoLevel(rows: readonly Scored[], breastRule: Rule, studyRule: Rule): { y: number[]; p: number[]; keys: string[] } {
  const breasts = grouped(rows, (r) => r.breast, breastRule);
  const studyOf = new Map(rows.map((r) => [r.breast, r.study]));
  const asRows = breasts.keys.map((b, i) => ({ y: breasts.y[i]!, p: breasts.p[i]!, breast: b, study: studyOf.get(b)! }));
  return grouped(asRows, (r) => r.study, studyRule);
}

/** AUC of each rule, in RULES order. */
export const aucByRule = (level: (rule: Rule) => { y: number[]; p: number[] }): number[] =>
  RULES.map((rule) => {
    const g = level(rule);
    return auc(g.y, g.p);
  });

/** Midway between the smallest value at which the specificity reaches the target and the next lower value. */
export function thresholdAt(y: readonly number[], p: readonly number[], target: number): number {
  const values = [...new Set(p)].sort((a, b) => a - b);
  const negatives = p.filter((_, i) => y[i] !== 1);
  for (const [i, t] of values.entries()) {
    if (negatives.filter((x) => x < t).length / negatives.length >= target) {
      const below = i > 0 ? values[i - 1]! : t - 2e-6;
      return Math.round(((t + below) / 2) * 1e6) / 1e6;
    }
  }
  return 1;
}
