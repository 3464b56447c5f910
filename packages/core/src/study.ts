import { type Laterality, STANDARD_VIEWS, type StandardView } from '@bcd-api/contract';
import type { ModelCard } from './model-card.js';
import { readBreastScreening, readScreening, type ScreeningReading } from './screening.js';
import { aggregate, DEFAULT_STUDY_RULE } from './study-rule.js';
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
  /**
   * With a model that has screening operating points: the study's category (and value at the
   * screening prevalence), or a breast's value at the screening prevalence when one is set.
   */
  screening?: ScreeningReading;
}

/** What {@link combineStudy} gives. */
export interface StudyCombination {
  left: Combined | null;
  right: Combined | null;
  study: Combined | null;
  /** Standard views (the contract's `STANDARD_VIEWS`) no image provides. */
  missingViews: StandardView[];
}

/** What {@link combineStudy} reads of a card: the threshold and risk table, and the rule and screening points when it has them. */
export type StudyCard = Pick<ModelCard, 'decisionThreshold' | 'riskLevels'> & Partial<Pick<ModelCard, 'studyRule' | 'screening'>>;

/** Options for {@link combineStudy}. */
export interface CombineOptions {
  /** The server's screening prevalence: each breast's and the study's value is also given at it. */
  prevalence?: number | undefined;
}

/**
 * Combines a study's classified images by the card's study rule ({@link DEFAULT_STUDY_RULE},
 * the maximum, when it states none): per breast over its images' calibrated malignant
 * probabilities, for the study over the breasts' values (not over the images), each read with
 * the card's threshold and risk table. With screening operating points, the study gets its
 * category from the study-level points, and each value its probability at `prevalence`.
 *
 * @example
 * combineStudy([{ laterality: 'L', view: 'CC', malignantProbability: 0.2 }], card).missingViews;
 * // ['L-MLO', 'R-CC', 'R-MLO']
 */
export function combineStudy(images: readonly StudyImage[], card: StudyCard, { prevalence }: CombineOptions = {}): StudyCombination {
  const rule = card.studyRule ?? DEFAULT_STUDY_RULE;
  const { screening } = card;
  const combined = (p: number, group: readonly StudyImage[], reading: ScreeningReading | undefined): Combined => ({
    ...verdictFor(card, p),
    images: group.length,
    views: group.flatMap((i) => (i.view ? [i.view] : [])),
    ...(reading ? { screening: reading } : {}),
  });
  const breast = (laterality: Laterality): Combined | null => {
    const group = images.filter((i) => i.laterality === laterality);
    if (group.length === 0) return null;
    const p = aggregate(
      rule.breast,
      group.map((i) => i.malignantProbability),
    );
    return combined(p, group, screening && readBreastScreening(screening, p, prevalence));
  };
  const left = breast('L');
  const right = breast('R');
  const breasts = [left, right].flatMap((b) => (b ? [b.malignantProbability] : []));
  let study: Combined | null = null;
  if (breasts.length > 0) {
    const p = aggregate(rule.study, breasts);
    study = combined(p, images, screening && readScreening(screening, 'study', p, prevalence));
  }
  const present = new Set(images.map((i) => `${i.laterality}-${(i.view ?? '').toUpperCase()}`));
  return { left, right, study, missingViews: STANDARD_VIEWS.filter((v) => !present.has(v)) };
}
