// The default model's study rule and screening operating points (issue 22) against the files
// beside it: every AUC of the rule comparison, the rule chosen, and every operating point's
// threshold, sensitivity and specificity are recomputed here from oof_predictions.csv,
// ddsm_predictions.csv and mias_predictions.csv, by an implementation independent of the trainer
// (apps/trainer/screening/rules_card.py). The bootstrap CIs depend on NumPy's generator.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readCsv, readModelFolder, sensSpec } from './oof.js';
import { aucByRule, grouped, RULES, type Rule, type Scored, thresholdAt, twoLevel } from './rules.js';

const folder = new URL('../model/', import.meta.url);
const { manifest, table, labels } = readModelFolder(folder);
const cardText = readFileSync(new URL('CARD.md', folder), 'utf8');
const { a, b } = manifest.calibration as { a: number; b: number };
/** The probability the server gives for each out-of-fold logit. */
const served = table.map((r) => 1 / (1 + Math.exp(-(a * Number(r.score_finetuned) + b))));
const rsna: Scored[] = table.map((r, i) => ({ y: labels[i]!, p: served[i]!, breast: `${r.patient}-${r.side}`, study: r.patient! }));
const fromFile = (file: string, breast: (r: Record<string, string>) => string, study: (r: Record<string, string>) => string): Scored[] =>
  readCsv(new URL(file, folder)).map((r) => ({ y: Number(r.label), p: Number(r.p), breast: breast(r), study: study(r) }));
const ddsm = fromFile(
  'ddsm_predictions.csv',
  (r) => `${r.case}-${r.laterality}`,
  (r) => r.case!,
);
const mias = fromFile(
  'mias_predictions.csv',
  (r) => r.id!,
  (r) => r.patient!,
);
const closeTo = (values: number[]) => values.map((v) => expect.closeTo(v, 4));

describe("the default model's study rule and screening operating points", () => {
  test('come from files covering every image, view and film, with a side for every RSNA image', () => {
    expect(new Set(table.map((r) => r.side))).toEqual(new Set(['L', 'R']));
    expect(ddsm).toHaveLength(1236);
    expect(mias).toHaveLength(322);
  });

  test('chose the breast rule on the RSNA breasts and the study rule on the mini-MIAS women, as the figures say', () => {
    const { breast, study } = manifest.card.evaluation.study_rules as Record<
      'breast' | 'study',
      Record<string, { rules: Array<{ roc_auc: number }> }>
    >;
    expect(breast.rsna!.rules.map((r) => r.roc_auc)).toEqual(closeTo(aucByRule((rule) => grouped(rsna, (r) => r.breast, rule))));
    expect(breast.ddsm!.rules.map((r) => r.roc_auc)).toEqual(closeTo(aucByRule((rule) => grouped(ddsm, (r) => r.breast, rule))));
    const best = (aucs: number[]): Rule => RULES[aucs.indexOf(Math.max(...aucs))]!;
    const breastRule = best(breast.rsna!.rules.map((r) => r.roc_auc));
    expect(manifest.study_rule.breast).toBe(breastRule);
    for (const [key, rows] of [
      ['mias', mias],
      ['rsna', rsna],
    ] as const)
      expect(study[key]!.rules.map((r) => r.roc_auc)).toEqual(closeTo(aucByRule((rule) => twoLevel(rows, breastRule, rule))));
    expect(manifest.study_rule.study).toBe(best(study.mias!.rules.map((r) => r.roc_auc)));
    const shipped = twoLevel(rsna, manifest.study_rule.breast, manifest.study_rule.study);
    expect(manifest.card.evaluation.study_rules.study_roc_auc).toBeCloseTo(aucByRule(() => shipped)[0]!, 4);
  });

  test.each(['image', 'study'] as const)('states the %s-level operating points its predictions give, and CARD.md repeats them', (level) => {
    const data = level === 'image' ? { y: labels, p: served } : twoLevel(rsna, manifest.study_rule.breast, manifest.study_rule.study);
    const points = manifest.screening.operating_points[level] as Array<{
      target_specificity: number;
      threshold: number;
      sensitivity: { value: number };
      specificity: { value: number };
    }>;
    expect(points.map((o) => o.target_specificity)).toEqual([0.8, 0.9, 0.95]);
    for (const o of points) {
      expect(Math.abs(o.threshold - thresholdAt(data.y, data.p, o.target_specificity))).toBeLessThanOrEqual(1.5e-6);
      const rates = sensSpec(data.y, data.p, o.threshold);
      expect(o.sensitivity.value, `sensitivity at ${o.threshold}`).toBeCloseTo(rates.sensitivity, 4);
      expect(o.specificity.value, `specificity at ${o.threshold}`).toBeCloseTo(rates.specificity, 4);
      expect(rates.specificity).toBeGreaterThanOrEqual(o.target_specificity);
      expect(cardText).toContain(`| ${o.target_specificity.toFixed(2)} | ${o.threshold.toFixed(4)} | ${o.sensitivity.value.toFixed(4)} (`);
    }
  });

  test("gives the base prevalence as the training set's cancer share, and names the rule in the card", () => {
    expect(manifest.screening.base_prevalence).toBeCloseTo(949 / 2709, 4);
    expect(cardText).toContain(`the ${manifest.study_rule.breast === 'mean' ? 'mean' : ''}`);
    expect(manifest.card.limitations.join(' ')).toMatch(/by a rule chosen by measurement \(each breast: /);
  });
});
