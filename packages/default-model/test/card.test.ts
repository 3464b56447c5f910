// The card's figures are recomputed here from the saved out-of-fold predictions, by an
// implementation independent of the Python pipeline: what the card says is what the
// predictions give. (The bootstrap CIs depend on NumPy's generator; apps/trainer/evaluate.py
// recomputes those.)
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

const dir = new URL('../model/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8'));
const rows = readFileSync(new URL('oof_predictions.csv', dir), 'utf8').trim().split('\n');
const header = rows[0]!.split(',');
const table = rows.slice(1).map((line) => Object.fromEntries(line.split(',').map((v, i) => [header[i]!, v])));
const labels = table.map((r) => Number(r.label));

/** ROC AUC as the Mann-Whitney statistic, ties counted half. */
function auc(p: number[]): number {
  let wins = 0;
  let pairs = 0;
  p.forEach((pi, i) => {
    if (labels[i] !== 1) return;
    p.forEach((pj, j) => {
      if (labels[j] !== 0) return;
      pairs += 1;
      wins += pi > pj ? 1 : pi === pj ? 0.5 : 0;
    });
  });
  return wins / pairs;
}
const brier = (p: number[]) => p.reduce((s, pi, i) => s + (pi - labels[i]!) ** 2, 0) / p.length;
function ece(p: number[]): number {
  const bins = new Map<number, number[]>();
  p.forEach((pi, i) => {
    const b = Math.min(Math.floor(pi * 10), 9);
    bins.set(b, [...(bins.get(b) ?? []), i]);
  });
  let total = 0;
  for (const idx of bins.values()) {
    const meanP = idx.reduce((s, i) => s + p[i]!, 0) / idx.length;
    const meanY = idx.reduce((s, i) => s + labels[i]!, 0) / idx.length;
    total += idx.length * Math.abs(meanP - meanY);
  }
  return total / p.length;
}

const COLUMNS: Record<string, string> = {
  'patch CNN (sliding window, top-k mean pooling)': 'p_patch_cnn',
  'texture features + logistic regression': 'p_texture_lr',
  'class prior': 'p_class_prior',
  'logistic regression on image statistics': 'p_image_stats_lr',
};
const evaluation = manifest.card.evaluation;
const entries = [...evaluation.approaches, ...evaluation.baselines] as Array<{ name: string; roc_auc: { value: number }; brier: number; ece: number; shipped?: boolean }>;

describe('the model card', () => {
  test('holds out-of-fold predictions for all 322 films, 52 malignant, in 5 patient-level folds', () => {
    expect(table).toHaveLength(322);
    expect(labels.filter((y) => y === 1)).toHaveLength(52);
    expect(new Set(table.map((r) => r.fold)).size).toBe(5);
    const foldOfPatient = new Map<string, string>();
    for (const r of table) {
      expect(foldOfPatient.get(r.patient!) ?? r.fold, `patient ${r.patient} straddles folds`).toBe(r.fold);
      foldOfPatient.set(r.patient!, r.fold!);
    }
    expect(foldOfPatient.size).toBe(161);
  });

  test.each(entries.map((e) => [e.name, e] as const))('states the AUC, Brier score and ECE of %s as its predictions give them', (name, entry) => {
    const p = table.map((r) => Number(r[COLUMNS[name]!]));
    expect(entry.roc_auc.value).toBeCloseTo(auc(p), 4);
    expect(entry.brier).toBeCloseTo(brier(p), 4);
    expect(entry.ece).toBeCloseTo(ece(p), 4);
  });

  test('states sensitivity and specificity at every risk threshold for the shipped model', () => {
    const shipped = entries.find((e) => e.shipped)!;
    const p = table.map((r) => Number(r[COLUMNS[shipped.name]!]));
    expect(evaluation.roc_auc.value).toBe(shipped.roc_auc.value);
    for (const { threshold, sensitivity, specificity } of evaluation.at_thresholds) {
      const positive = p.map((pi) => pi >= threshold);
      const sens = positive.filter((x, i) => x && labels[i] === 1).length / 52;
      const spec = positive.filter((x, i) => !x && labels[i] === 0).length / 270;
      expect(sensitivity, `sensitivity at ${threshold}`).toBeCloseTo(sens, 4);
      expect(specificity, `specificity at ${threshold}`).toBeCloseTo(spec, 4);
    }
  });

  test('ships the better approach by out-of-fold AUC', () => {
    const approaches = evaluation.approaches as typeof entries;
    const best = [...approaches].sort((a, b) => b.roc_auc.value - a.roc_auc.value)[0]!;
    expect(best.shipped).toBe(true);
  });
});
