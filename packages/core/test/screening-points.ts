// Made-up screening operating points for the core's tests (the tiny screening fixture model's
// thresholds, with round sensitivities): image thresholds 0.2, 0.4, 0.6, study 0.25, 0.45, 0.7.
import type { OperatingPoint, ScreeningInfo, TargetSpecificity } from '../src/screening.js';

/** A point whose interval is its value ± 0.05 (sensitivity) or ± 0.02 (specificity); the specificity is the target unless given. */
export const point = (
  targetSpecificity: TargetSpecificity,
  threshold: number,
  sensitivity: number,
  specificity: number = targetSpecificity,
): OperatingPoint => ({
  targetSpecificity,
  threshold,
  sensitivity: { value: sensitivity, ci95: [sensitivity - 0.05, sensitivity + 0.05] },
  specificity: { value: specificity, ci95: [specificity - 0.02, specificity + 0.02] },
});

/** Calibrated at prevalence 0.35; the image point at 0.90 measured a specificity of 0.91, the study point a sensitivity of 0.52. */
export const screening: ScreeningInfo = {
  basePrevalence: 0.35,
  evaluatedOn: 'made up',
  operatingPoints: {
    image: [point(0.8, 0.2, 0.6), point(0.9, 0.4, 0.45, 0.91), point(0.95, 0.6, 0.3)],
    study: [point(0.8, 0.25, 0.65), point(0.9, 0.45, 0.52), point(0.95, 0.7, 0.35)],
  },
};
