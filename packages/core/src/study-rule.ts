import type { StudyAggregation } from '@bcd-api/contract';

/**
 * How a study's images are combined (the manifest's `study_rule`, issue 22): `breast` over the
 * images of one breast, `study` over the breasts' combined values (not over the images).
 */
export interface StudyRule {
  breast: StudyAggregation;
  study: StudyAggregation;
  /** How the rule was chosen, as the model's author measured it. */
  chosenBy?: string;
}

/**
 * The rule of a model whose manifest states none: the maximum per breast and over breasts,
 * which is the maximum over all images, the API's rule before issue 22.
 */
export const DEFAULT_STUDY_RULE: StudyRule = { breast: 'max', study: 'max' };

/** How far from 0 and 1 a probability is held before its logit, so that a certain image does not make the mean infinite. */
const LOGIT_LIMIT = 1e-6;

const logit = (p: number): number => {
  const q = Math.min(1 - LOGIT_LIMIT, Math.max(LOGIT_LIMIT, p));
  return Math.log(q / (1 - q));
};
const mean = (values: readonly number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;

/**
 * Combines calibrated malignant probabilities (or breasts' combined values) into one by an
 * aggregation of the contract's `StudyAggregation`. `values` must not be empty.
 *
 * @example
 * aggregate('mean_logit', [0.5, 0.9]); // sigmoid((0 + 2.197) / 2), about 0.75
 */
export function aggregate(aggregation: StudyAggregation, values: readonly number[]): number {
  if (values.length === 0) throw new Error('aggregate needs at least one value');
  switch (aggregation) {
    case 'max':
      return Math.max(...values);
    case 'min':
      return Math.min(...values);
    case 'mean':
      return mean(values);
    case 'mean_logit':
      return 1 / (1 + Math.exp(-mean(values.map(logit))));
  }
}

/** Each aggregation in words: the rule's noun, and what it means for a breast and for the study (none for the maximum, whose sentence predates the others). */
const WORDS: Record<StudyAggregation, { noun: string; breast: string; study: string }> = {
  max: { noun: 'maximum', breast: '', study: '' },
  min: {
    noun: 'minimum',
    breast: ' (a breast scores high only when all its views do)',
    study: ' (a study scores high only when both its breasts do)',
  },
  mean: { noun: 'mean', breast: ' (every view counts alike)', study: ' (both breasts count alike)' },
  mean_logit: {
    noun: 'mean on the logit scale (the sigmoid of the mean logit)',
    breast: ' (every view counts alike, on the logit scale)',
    study: ' (both breasts count alike, on the logit scale)',
  },
};

/**
 * The rule in words, as `POST /predict-study` states it in its answer's `rule`. The default
 * rule (maximum, maximum) keeps the sentence the API has always given.
 *
 * @example
 * studyRuleText({ breast: 'min', study: 'max' });
 * // "Each breast: the minimum of its images' calibrated malignant probabilities (a breast scores high only when all its views do). The study: the maximum of its breasts'. ..."
 */
export function studyRuleText(rule: Pick<StudyRule, 'breast' | 'study'>): string {
  const breast = WORDS[rule.breast];
  const study = WORDS[rule.study];
  return (
    `Each breast: the ${breast.noun} of its images' calibrated malignant probabilities${breast.breast}. ` +
    `The study: the ${study.noun} of its breasts'${study.study}. ` +
    "Labels from the model's decision threshold, risk levels from its table. " +
    'An aggregation of a single-image model, not a model trained on studies.'
  );
}
