// The default model's input check (issue 20) against its own scores: every refusal count and
// rate the manifest states (and CARD.md repeats) is recomputed here from input_check_scores.csv,
// where fit.py wrote each image's outcome and distance (out of fold for the mammograms).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readCsv } from './oof.js';

interface Rate {
  source: string;
  images: number;
  refused: number;
  rate: number;
}
const model = new URL('../model/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', model), 'utf8')) as {
  input_check: { output: string; threshold: number; evaluation: { mammograms: Rate[]; non_mammograms: Rate[] } };
};
const rows = readCsv(new URL('input_check_scores.csv', model));
const card = readFileSync(new URL('CARD.md', model), 'utf8');

/** Per source: the images the check saw (the unreadable left out) and those it refused. */
function rates(kind: string): Rate[] {
  const mine = rows.filter((r) => r.kind === kind && r.outcome !== 'unreadable');
  return [...new Set(mine.map((r) => r.source!))].sort().map((source) => {
    const of = mine.filter((r) => r.source === source);
    const refused = of.filter((r) => r.refused === '1').length;
    return { source, images: of.length, refused, rate: Math.round((refused / of.length) * 10_000) / 10_000 };
  });
}

describe("the default model's input check card", () => {
  test('states the refusal rates its scores give, per source', () => {
    expect(manifest.input_check.evaluation.mammograms).toEqual(rates('mammogram'));
    expect(manifest.input_check.evaluation.non_mammograms).toEqual(rates('non-mammogram'));
  });

  test('refuses at most 1 % of each mammogram source and at least 95 % of the non-mammograms', () => {
    for (const r of manifest.input_check.evaluation.mammograms)
      expect(r.refused, r.source).toBeLessThanOrEqual(Math.floor(0.01 * r.images));
    const non = manifest.input_check.evaluation.non_mammograms;
    const all = non.reduce((s, r) => s + r.images, 0);
    expect(non.reduce((s, r) => s + r.refused, 0) / all).toBeGreaterThanOrEqual(0.95);
    expect(all).toBeGreaterThanOrEqual(400);
  });

  test('refuses by typicality exactly the images above the threshold', () => {
    for (const r of rows.filter((row) => row.outcome === 'rules_passed')) {
      expect(r.refused === '1', `${r.id}`).toBe(Number(r.distance) > manifest.input_check.threshold);
      expect(r.by).toBe(r.refused === '1' ? 'typicality' : '');
    }
  });

  test('repeats the figures in CARD.md', () => {
    expect(card).toContain(`Threshold ${manifest.input_check.threshold}`);
    for (const r of [...manifest.input_check.evaluation.mammograms, ...manifest.input_check.evaluation.non_mammograms]) {
      expect(card).toMatch(new RegExp(`\\| ${r.images} \\| ${r.refused} \\| ${(r.rate * 100).toFixed(2)}% \\|`));
    }
  });
});
