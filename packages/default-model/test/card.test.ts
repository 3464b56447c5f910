// The default model's card against its out-of-fold predictions: every AUC, Brier score, ECE,
// patient-level AUC and sensitivity/specificity the card states is recomputed here from
// oof_predictions.csv. (The bootstrap CIs depend on NumPy's generator: the trainer prints them.)
import { describe, expect, test } from 'vitest';
import { auc, type CardEntry, readCard, testOofFigures } from './oof.js';

const card = readCard<CardEntry & { patient_roc_auc_max: { value: number }; patient_roc_auc_mean: { value: number } }>(
  new URL('../model/', import.meta.url),
  {
    'fine-tuned MobileNet v1 with a score-map head': 'p_finetuned',
    'frozen MobileNet v1 features + logistic regression': 'p_frozen_lr',
    'class prior': 'p_class_prior',
  },
);

/** One row per patient: any cancer image, and the max or mean of the patient's probabilities. */
function byPatient(p: number[], how: 'max' | 'mean'): { labels: number[]; p: number[] } {
  const groups = new Map<string, number[]>();
  for (const [i, r] of card.table.entries()) groups.set(r.patient!, [...(groups.get(r.patient!) ?? []), i]);
  const rows = [...groups.values()];
  return {
    labels: rows.map((idx) => Math.max(...idx.map((i) => card.labels[i]!))),
    p: rows.map((idx) => (how === 'max' ? Math.max(...idx.map((i) => p[i]!)) : idx.reduce((s, i) => s + p[i]!, 0) / idx.length)),
  };
}

describe('the default model card', () => {
  test('belongs to the screening model, licensed for non-commercial research and education only', () => {
    expect(card.manifest.name).toBe('screening-mobilenet');
    expect(card.manifest.card.training_data.licence).toMatch(/non-commercial research and education/);
    expect(card.manifest.card.disclaimer).toMatch(/Not for medical diagnosis/);
  });

  testOofFigures(card, 'holds out-of-fold predictions for all 2,709 images of 777 patients in 5 patient-level folds', {
    rows: 2709,
    malignant: 949,
    folds: 5,
    patients: 777,
  });

  // The class prior is one value per fold, so its patient-level AUC is all ties; a mean of tied
  // values differs in the last bit between NumPy (full precision) and this file (6 decimals),
  // which reorders those ties. Only its image figures are checked.
  test.each(card.entries.filter((e) => e.name !== 'class prior').map((e) => [e.name, e] as const))(
    'states the patient-level AUCs of %s as its predictions give them',
    (name, entry) => {
      for (const how of ['max', 'mean'] as const) {
        const patients = byPatient(card.predictions(name), how);
        expect(entry[`patient_roc_auc_${how}`].value, `patient AUC (${how})`).toBeCloseTo(auc(patients.labels, patients.p), 4);
      }
    },
  );

  test('beats both baselines out of fold', () => {
    const shipped = card.entries.find((e) => e.shipped)!;
    for (const baseline of card.evaluation.baselines as typeof card.entries)
      expect(shipped.roc_auc.value).toBeGreaterThan(baseline.roc_auc.value);
  });
});
