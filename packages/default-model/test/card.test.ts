// The default model's card against its out-of-fold predictions: every AUC, Brier score, ECE,
// patient-level AUC and sensitivity/specificity the card states is recomputed here from
// oof_predictions.csv. (The bootstrap CIs depend on NumPy's generator: the trainer prints them.)
import { describe, expect, test } from 'vitest';
import { auc, expectImageFigures, expectThresholds, patientsInOneFold, readModelFolder } from './oof.js';

const { manifest, table, labels } = readModelFolder(new URL('../model/', import.meta.url));
const evaluation = manifest.card.evaluation;
const COLUMNS: Record<string, string> = {
  'fine-tuned MobileNet v1 with a score-map head': 'p_finetuned',
  'frozen MobileNet v1 features + logistic regression': 'p_frozen_lr',
  'class prior': 'p_class_prior',
};
const entries = [...evaluation.approaches, ...evaluation.baselines] as Array<{
  name: string;
  roc_auc: { value: number };
  brier: number;
  ece: number;
  patient_roc_auc_max: { value: number };
  patient_roc_auc_mean: { value: number };
  shipped?: boolean;
}>;

/** One row per patient: any cancer image, and the max or mean of the patient's probabilities. */
function byPatient(p: number[], how: 'max' | 'mean'): { labels: number[]; p: number[] } {
  const groups = new Map<string, number[]>();
  table.forEach((r, i) => groups.set(r.patient!, [...(groups.get(r.patient!) ?? []), i]));
  const rows = [...groups.values()];
  return {
    labels: rows.map((idx) => Math.max(...idx.map((i) => labels[i]!))),
    p: rows.map((idx) => (how === 'max' ? Math.max(...idx.map((i) => p[i]!)) : idx.reduce((s, i) => s + p[i]!, 0) / idx.length)),
  };
}

describe('the default model card', () => {
  test('belongs to the screening model, licensed for non-commercial research and education only', () => {
    expect(manifest.name).toBe('screening-mobilenet');
    expect(manifest.card.training_data.licence).toMatch(/non-commercial research and education/);
    expect(manifest.card.disclaimer).toMatch(/Not for medical diagnosis/);
  });

  test('holds out-of-fold predictions for all 2,709 images of 777 patients in 5 patient-level folds', () => {
    expect(table).toHaveLength(2709);
    expect(labels.filter((y) => y === 1)).toHaveLength(949);
    expect(new Set(table.map((r) => r.fold)).size).toBe(5);
    expect(patientsInOneFold(table)).toBe(777);
  });

  test.each(entries.map((e) => [e.name, e] as const))('states the image and patient figures of %s as its predictions give them', (name, entry) => {
    const p = table.map((r) => Number(r[COLUMNS[name]!]));
    expectImageFigures(entry, labels, p);
    // The class prior is one value per fold, so its patient-level AUC is all ties; a mean of tied
    // values differs in the last bit between NumPy (full precision) and this file (6 decimals),
    // which reorders those ties. Only its image figures are checked here.
    for (const how of name === 'class prior' ? [] : (['max', 'mean'] as const)) {
      const patients = byPatient(p, how);
      expect(entry[`patient_roc_auc_${how}`].value, `patient AUC (${how})`).toBeCloseTo(auc(patients.labels, patients.p), 4);
    }
  });

  test('states sensitivity and specificity at every risk threshold for the shipped model', () => {
    const shipped = entries.find((e) => e.shipped)!;
    const p = table.map((r) => Number(r[COLUMNS[shipped.name]!]));
    expect(evaluation.roc_auc.value).toBe(shipped.roc_auc.value);
    expectThresholds(evaluation.at_thresholds, labels, p);
  });

  test('beats both baselines out of fold', () => {
    const shipped = entries.find((e) => e.shipped)!;
    for (const baseline of evaluation.baselines as typeof entries) expect(shipped.roc_auc.value).toBeGreaterThan(baseline.roc_auc.value);
  });
});
