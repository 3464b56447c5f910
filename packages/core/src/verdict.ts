import type { ModelCard } from './model-card.js';
import { type RiskLevel, riskLevelFor } from './risk-level.js';

/** What a calibrated malignant probability means under a card: label, rounded figures, risk level. */
export interface Verdict {
  label: 'Benign' | 'Malignant';
  /** Calibrated probability of malignancy, unrounded. */
  malignantProbability: number;
  /** Probability of `label`, rounded to four decimals. */
  confidence: number;
  /** Percentages with two decimals that add up to exactly 100. */
  percentages: { benign: number; malignant: number };
  risk: RiskLevel;
}

/**
 * The label, confidence, percentages and risk level of a calibrated malignant probability
 * under a model's card: what a prediction is built from, and what a combination of
 * predictions (a breast, a study) is read with.
 *
 * @example
 * verdictFor(classifier.card, 0.93).risk.level; // 'Very High Risk' with the seed's table
 */
export function verdictFor(card: Pick<ModelCard, 'decisionThreshold' | 'riskLevels'>, probability: number): Verdict {
  const p = Math.min(1, Math.max(0, probability));
  const label = p >= card.decisionThreshold ? 'Malignant' : 'Benign';
  const malignant = Math.round(p * 10000) / 100;
  return {
    label,
    malignantProbability: p,
    confidence: Math.round((label === 'Malignant' ? p : 1 - p) * 10000) / 10000,
    percentages: { benign: Math.round((100 - malignant) * 100) / 100, malignant },
    risk: riskLevelFor(card.riskLevels, p),
  };
}
