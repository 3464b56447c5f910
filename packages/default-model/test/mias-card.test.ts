// The mini-MIAS card's figures are recomputed here from the saved out-of-fold predictions, by
// an implementation independent of the Python pipeline: what the card says is what the
// predictions give. (The bootstrap CIs depend on NumPy's generator; apps/trainer/mias/evaluate.py
// recomputes those.)
import { describe, expect, test } from 'vitest';
import { expectImageFigures, expectThresholds, patientsInOneFold, readModelFolder } from './oof.js';

const { manifest, table, labels } = readModelFolder(new URL('../mias-patch-cnn/', import.meta.url));

const COLUMNS: Record<string, string> = {
  'patch CNN (sliding window, top-k mean pooling)': 'p_patch_cnn',
  'texture features + logistic regression': 'p_texture_lr',
  'class prior': 'p_class_prior',
  'logistic regression on image statistics': 'p_image_stats_lr',
};
const evaluation = manifest.card.evaluation;
const entries = [...evaluation.approaches, ...evaluation.baselines] as Array<{ name: string; roc_auc: { value: number }; brier: number; ece: number; shipped?: boolean }>;

describe('the mini-MIAS model card', () => {
  test('belongs to the mias-patch-cnn model that miasModelDir names', () => {
    expect(manifest.name).toBe('mias-patch-cnn');
  });

  test('holds out-of-fold predictions for all 322 films, 52 malignant, in 5 patient-level folds', () => {
    expect(table).toHaveLength(322);
    expect(labels.filter((y) => y === 1)).toHaveLength(52);
    expect(new Set(table.map((r) => r.fold)).size).toBe(5);
    expect(patientsInOneFold(table)).toBe(161);
  });

  test.each(entries.map((e) => [e.name, e] as const))('states the AUC, Brier score and ECE of %s as its predictions give them', (name, entry) => {
    const p = table.map((r) => Number(r[COLUMNS[name]!]));
    expectImageFigures(entry, labels, p);
  });

  test('states sensitivity and specificity at every risk threshold for the shipped model', () => {
    const shipped = entries.find((e) => e.shipped)!;
    const p = table.map((r) => Number(r[COLUMNS[shipped.name]!]));
    expect(evaluation.roc_auc.value).toBe(shipped.roc_auc.value);
    expectThresholds(evaluation.at_thresholds, labels, p);
  });

  test('ships the better approach by out-of-fold AUC', () => {
    const approaches = evaluation.approaches as typeof entries;
    const best = [...approaches].sort((a, b) => b.roc_auc.value - a.roc_auc.value)[0]!;
    expect(best.shipped).toBe(true);
  });
});
