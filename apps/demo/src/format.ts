// What the page says, as pure functions: numbers as people read them, and the sentences
// about progress and about files that were not sent.
import { type ModelCard, SCREENING_SPECIFICITIES, type ScreeningCategory, type ScreeningResult } from '@bcd-api/contract';
import type { Size } from '@bcd-api/heatmap';

/** A percentage the API gives in percent (0-100), e.g. `72.3%`. */
export function formatPercent(percent: number, digits = 1): string {
  return `${percent.toFixed(digits)}%`;
}

/** A probability the API gives as 0-1, in percent, e.g. `0.8312` → `83%`. */
export function formatProbability(probability: number, digits = 0): string {
  return formatPercent(probability * 100, digits);
}

/** A metric of the model card with its 95% confidence interval when there is one, e.g. `0.675 (95% CI 0.643–0.704)`. */
export function formatMetric(metric: ModelCard['evaluation']['roc_auc']): string {
  const value = metric.value.toFixed(3);
  const [low, high] = metric.ci95 ?? [];
  return low !== undefined && high !== undefined ? `${value} (95% CI ${low.toFixed(3)}–${high.toFixed(3)})` : value;
}

/** What the server does with an upload that is not a mammogram, from the model card's `input_check`. */
export function inputCheckText(check: ModelCard['input_check']): string {
  if (check.mode === 'off') return 'Not checked: every image gets a verdict, mammogram or not.';
  const what =
    check.mode === 'refuse' ? 'Images that are not mammograms are refused' : 'Images that are not mammograms get a verdict with a warning';
  const how = check.typicality ? 'rule checks and the model’s own typicality check' : 'rule checks; this model has no typicality check';
  return `${what} (${how}).`;
}

// The category boundaries: the contract's target specificities 0.90 and 0.95.
const [, ELEVATED_AT, HIGH_AT] = SCREENING_SPECIFICITIES.map((s) => formatProbability(s));

/** What each screening category means, in a line for a card. */
const CATEGORY_MEANING: Record<ScreeningCategory, string> = {
  likely_normal: `Below the threshold at ${ELEVATED_AT} specificity: not an all-clear.`,
  elevated: `Between the thresholds at ${ELEVATED_AT} and ${HIGH_AT} specificity.`,
  high: `At or above the threshold at ${HIGH_AT} specificity.`,
};

/** A share with two significant digits, e.g. `0.21%`, `0.7%`, `66%`: small at screening prevalences. */
const formatShare = (x: number): string => `${Number((x * 100).toPrecision(2))}%`;

/**
 * A `screening` of the API for people, in two short lines: the category with the malignant
 * probability at the server's prevalence when it gives one (`elevated · 0.21% malignant at 0.7%
 * prevalence`), and what the category means.
 */
export function screeningText(screening: ScreeningResult): { value: string; meaning: string } {
  const { category, prevalence, malignant_probability: p } = screening;
  const at = prevalence !== undefined && p !== undefined ? ` · ${formatShare(p)} malignant at ${formatShare(prevalence)} prevalence` : '';
  return { value: `${category.replace('_', ' ')}${at}`, meaning: CATEGORY_MEANING[category] };
}

/** The `image_info.size` of a response (`1024x768`) as numbers; undefined when it is not of that form. */
export function parseImageSize(size: string): Size | undefined {
  const match = /^(\d+)x(\d+)$/.exec(size);
  if (!match) return undefined;
  const width = Number(match[1]);
  const height = Number(match[2]);
  return width > 0 && height > 0 ? { width, height } : undefined;
}

/** An image size for people, e.g. `1024 × 768 px`. */
export function formatSize(size: string): string {
  const parsed = parseImageSize(size);
  return parsed ? `${parsed.width} × ${parsed.height} px` : size;
}

/** How far a batch is, e.g. `3 of 10 done`, with the failures and the files refused as not mammograms when there are any. */
export function progressText(done: number, total: number, failed = 0, refused = 0): string {
  const base = `${done} of ${total} done`;
  const notes = [
    ...(failed > 0 ? [`${failed} failed`] : []),
    ...(refused > 0 ? [`${refused} not ${refused === 1 ? 'a mammogram' : 'mammograms'}`] : []),
  ];
  return notes.length > 0 ? `${base} (${notes.join(', ')})` : base;
}

/** The files of one selection that are sent, in order, and those beyond the limit, which are not. */
export function splitSelection<T>(files: readonly T[], limit: number): { sent: T[]; skipped: T[] } {
  return { sent: files.slice(0, limit), skipped: files.slice(limit) };
}

/** What the page says when a selection was longer than the limit, naming every file that was not sent. */
export function skippedText(chosen: number, limit: number, skippedNames: readonly string[]): string {
  const names = skippedNames.join(', ');
  return `You chose ${chosen} images; up to ${limit} are analysed at a time, so the first ${limit} were sent. Not sent: ${names}.`;
}

/** A number with a fixed count of decimals, e.g. `107.4`. */
export function formatNumber(value: number, digits = 1): string {
  return value.toFixed(digits);
}
