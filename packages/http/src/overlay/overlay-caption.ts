import type { Prediction } from '@bcd-api/core';
import type { InputAssessment } from '../input-check.js';

/**
 * The one line an overlay states its result in, e.g. `Malignant 87.50% - High Risk`; with a
 * failed input check (INPUT_CHECK=warn), it says first that the image is not taken for a mammogram.
 */
export function overlayCaption(prediction: Prediction, assessment: InputAssessment): string {
  const warning = assessment.status === 'warning' ? 'NOT TAKEN FOR A MAMMOGRAM - ' : '';
  return `${warning}Prediction: ${prediction.label}, malignant ${prediction.percentages.malignant.toFixed(2)}% - ${prediction.risk.level}`;
}
