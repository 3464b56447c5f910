// Metrics recomputed from a card's out-of-fold predictions, independently of the Python
// pipeline: what a card says is what its predictions give.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

/** Rows of a CSV file the trainer wrote (no quoting; LF or CRLF line ends) as records. */
export function readCsv(url: URL): Array<Record<string, string>> {
  const [header, ...lines] = readFileSync(url, 'utf8').trim().split(/\r?\n/);
  const keys = header!.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(keys.map((k, i) => [k, cells[i] ?? '']));
  });
}

/** One model folder's manifest and out-of-fold table (`oof_predictions.csv`). */
export function readModelFolder(dir: URL): { manifest: any; table: Array<Record<string, string>>; labels: number[] } {
  const manifest = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8'));
  const table = readCsv(new URL('oof_predictions.csv', dir));
  return { manifest, table, labels: table.map((r) => Number(r.label)) };
}

/** ROC AUC as the Mann-Whitney statistic, ties counted half. */
export function auc(labels: readonly number[], p: readonly number[]): number {
  const positives = p.filter((_, i) => labels[i] === 1);
  const negatives = p.filter((_, i) => labels[i] !== 1);
  let wins = 0;
  for (const pi of positives) for (const pj of negatives) wins += pi > pj ? 1 : pi === pj ? 0.5 : 0;
  return wins / (positives.length * negatives.length);
}

/** Mean squared error of the probabilities. */
export const brier = (labels: readonly number[], p: readonly number[]): number =>
  p.reduce((s, pi, i) => s + (pi - labels[i]!) ** 2, 0) / p.length;

/** Expected calibration error over 10 equal-width bins (the last one closed). */
export function ece(labels: readonly number[], p: readonly number[]): number {
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

/** Sensitivity and specificity of the rule p >= threshold. */
export function sensSpec(labels: readonly number[], p: readonly number[], threshold: number): { sensitivity: number; specificity: number } {
  const positive = p.map((pi) => pi >= threshold);
  const pos = labels.filter((y) => y === 1).length;
  return {
    sensitivity: positive.filter((x, i) => x && labels[i] === 1).length / pos,
    specificity: positive.filter((x, i) => !x && labels[i] !== 1).length / (labels.length - pos),
  };
}

/** Fails when a patient's rows sit in more than one fold; returns the number of patients. */
export function patientsInOneFold(table: ReadonlyArray<Record<string, string>>): number {
  const foldOfPatient = new Map<string, string>();
  for (const r of table) {
    const seen = foldOfPatient.get(r.patient!);
    if (seen !== undefined && seen !== r.fold) throw new Error(`patient ${r.patient} straddles folds ${seen} and ${r.fold}`);
    foldOfPatient.set(r.patient!, r.fold!);
  }
  return foldOfPatient.size;
}

/** Asserts a card entry's image-level AUC, Brier score and ECE against its predictions. */
export function expectImageFigures(
  entry: { roc_auc: { value: number }; brier: number; ece: number },
  labels: readonly number[],
  p: readonly number[],
): void {
  expect(entry.roc_auc.value).toBeCloseTo(auc(labels, p), 4);
  expect(entry.brier).toBeCloseTo(brier(labels, p), 4);
  expect(entry.ece).toBeCloseTo(ece(labels, p), 4);
}

/** Asserts the card's sensitivity and specificity at every threshold it lists. */
export function expectThresholds(
  rows: ReadonlyArray<{ threshold: number; sensitivity: number; specificity: number }>,
  labels: readonly number[],
  p: readonly number[],
): void {
  for (const { threshold, sensitivity, specificity } of rows) {
    const expected = sensSpec(labels, p, threshold);
    expect(sensitivity, `sensitivity at ${threshold}`).toBeCloseTo(expected.sensitivity, 4);
    expect(specificity, `specificity at ${threshold}`).toBeCloseTo(expected.specificity, 4);
  }
}

/** A card's figures for one approach or baseline, as the card states them. */
export interface CardEntry {
  name: string;
  roc_auc: { value: number };
  brier: number;
  ece: number;
  shipped?: boolean;
}

/** A model folder's card with its out-of-fold table, and each card entry's column in that table. */
export interface OofCard<Entry extends CardEntry> {
  manifest: any;
  evaluation: any;
  table: Array<Record<string, string>>;
  labels: number[];
  /** The card's approaches, then its baselines. */
  entries: Entry[];
  /** The out-of-fold probabilities of the entry named. */
  predictions(name: string): number[];
}

/** Reads a model folder's card and out-of-fold table; `columns` names each entry's column (`p_...`). */
export function readCard<Entry extends CardEntry>(dir: URL, columns: Record<string, string>): OofCard<Entry> {
  const { manifest, table, labels } = readModelFolder(dir);
  const evaluation = manifest.card.evaluation;
  return {
    manifest,
    evaluation,
    table,
    labels,
    entries: [...evaluation.approaches, ...evaluation.baselines],
    predictions: (name) => {
      const column = columns[name];
      if (column === undefined) throw new Error(`no out-of-fold column is named for the card entry "${name}"`);
      return table.map((r) => Number(r[column]));
    },
  };
}

/**
 * The tests every card gets from its out-of-fold predictions: the table's size and folds (named
 * `tableTest`), each entry's AUC, Brier score and ECE, and the shipped model's sensitivity and
 * specificity at every risk threshold.
 */
export function testOofFigures(
  card: OofCard<CardEntry>,
  tableTest: string,
  expected: { rows: number; malignant: number; folds: number; patients: number },
): void {
  test(tableTest, () => {
    expect(card.table).toHaveLength(expected.rows);
    expect(card.labels.filter((y) => y === 1)).toHaveLength(expected.malignant);
    expect(new Set(card.table.map((r) => r.fold)).size).toBe(expected.folds);
    expect(patientsInOneFold(card.table)).toBe(expected.patients);
  });

  test.each(card.entries.map((e) => [e.name, e] as const))(
    'states the AUC, Brier score and ECE of %s as its predictions give them',
    (name, entry) => {
      expectImageFigures(entry, card.labels, card.predictions(name));
    },
  );

  test('states sensitivity and specificity at every risk threshold for the shipped model', () => {
    const shipped = card.entries.find((e) => e.shipped);
    expect(shipped, 'an entry marked shipped').toBeDefined();
    expect(card.evaluation.roc_auc.value).toBe(shipped!.roc_auc.value);
    expectThresholds(card.evaluation.at_thresholds, card.labels, card.predictions(shipped!.name));
  });
}
