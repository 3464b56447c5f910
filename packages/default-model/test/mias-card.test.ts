// The mini-MIAS card's figures are recomputed here from the saved out-of-fold predictions, by
// an implementation independent of the Python pipeline: what the card says is what the
// predictions give. (The bootstrap CIs depend on NumPy's generator; apps/trainer/mias/evaluate.py
// recomputes those.)
import { describe, expect, test } from 'vitest';
import { type CardEntry, readCard, testOofFigures } from './oof.js';

const card = readCard<CardEntry>(new URL('../mias-patch-cnn/', import.meta.url), {
  'patch CNN (sliding window, top-k mean pooling)': 'p_patch_cnn',
  'texture features + logistic regression': 'p_texture_lr',
  'class prior': 'p_class_prior',
  'logistic regression on image statistics': 'p_image_stats_lr',
});

describe('the mini-MIAS model card', () => {
  test('belongs to the mias-patch-cnn model that miasModelDir names', () => {
    expect(card.manifest.name).toBe('mias-patch-cnn');
  });

  testOofFigures(card, 'holds out-of-fold predictions for all 322 films, 52 malignant, in 5 patient-level folds', {
    rows: 322,
    malignant: 52,
    folds: 5,
    patients: 161,
  });

  test('ships the better approach by out-of-fold AUC', () => {
    const approaches = card.evaluation.approaches as CardEntry[];
    const best = [...approaches].sort((a, b) => b.roc_auc.value - a.roc_auc.value)[0]!;
    expect(best.shipped).toBe(true);
  });
});
