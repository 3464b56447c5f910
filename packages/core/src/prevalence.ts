/**
 * A calibrated malignant probability moved from the prevalence its calibration was fitted at
 * to another (issue 22): a prior-shift correction, which scales the posterior odds by the ratio
 * of the prior odds, odds' = odds(p) · (π / (1 − π)) / (π₀ / (1 − π₀)). It is Bayes' rule
 * exactly when only the prevalence differs (the images of each class look the same in both
 * populations). Certainty stays certainty: 0 and 1 are kept.
 *
 * @example
 * atPrevalence(0.5, 0.35, 0.007); // about 0.013: even odds at 35 % prevalence are 1 : 76 at 0.7 %
 */
export function atPrevalence(p: number, basePrevalence: number, prevalence: number): number {
  const ratio = (prevalence * (1 - basePrevalence)) / ((1 - prevalence) * basePrevalence);
  // r·p / (r·p + 1 − p) is odds' / (1 + odds') without dividing by 1 − p, so p = 1 gives 1.
  return (ratio * p) / (ratio * p + (1 - p));
}
