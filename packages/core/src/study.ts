import { type Laterality, STANDARD_VIEWS, type StandardView } from '@bcd-api/contract';
import type { ModelCard } from './model-card.js';
import { type Verdict, verdictFor } from './verdict.js';

/** One classified image of a study: its side, its view when known, and its calibrated probability. */
export interface StudyImage {
  laterality: Laterality;
  view?: string;
  malignantProbability: number;
}

/** A breast's or the study's combination of images. */
export interface Combined extends Verdict {
  /** Images combined. */
  images: number;
  /** Their views, in upload order (those that have one). */
  views: string[];
}

/** What {@link combineStudy} gives. */
export interface StudyCombination {
  left: Combined | null;
  right: Combined | null;
  study: Combined | null;
  /** Standard views (the contract's `STANDARD_VIEWS`) no image provides. */
  missingViews: StandardView[];
}

/** The rule, in words, as the API states it. */
export const STUDY_RULE =
  "Each breast: the maximum of its images' calibrated malignant probabilities. The study: the maximum of its breasts'. Labels from the model's decision threshold, risk levels from its table. An aggregation of a single-image model, not a model trained on studies.";

/**
 * Combines a study's classified images: per breast the maximum calibrated malignant
 * probability of its images, for the study the maximum of the breasts', each read with the
 * card's threshold and risk table. The maximum, because one suspicious view is reason enough
 * to look again: a mean would let a normal view dilute it.
 *
 * @example
 * combineStudy([{ laterality: 'L', view: 'CC', malignantProbability: 0.2 }], card).missingViews;
 * // ['L-MLO', 'R-CC', 'R-MLO']
 */
export function combineStudy(images: readonly StudyImage[], card: Pick<ModelCard, 'decisionThreshold' | 'riskLevels'>): StudyCombination {
  const combine = (group: readonly StudyImage[]): Combined | null => {
    if (group.length === 0) return null;
    const p = Math.max(...group.map((i) => i.malignantProbability));
    return { ...verdictFor(card, p), images: group.length, views: group.flatMap((i) => (i.view ? [i.view] : [])) };
  };
  const left = combine(images.filter((i) => i.laterality === 'L'));
  const right = combine(images.filter((i) => i.laterality === 'R'));
  const present = new Set(images.map((i) => `${i.laterality}-${(i.view ?? '').toUpperCase()}`));
  return {
    left,
    right,
    study: combine(images),
    missingViews: STANDARD_VIEWS.filter((v) => !present.has(v)),
  };
}
