import { SCREENING_SPECIFICITIES, type ScreeningCategory } from '@bcd-api/contract';
import { atPrevalence } from './prevalence.js';

/** A measured proportion (a sensitivity, a specificity) and its 95% confidence interval. */
export interface Proportion {
  value: number;
  /** Lower and upper bound. */
  ci95: readonly number[];
}

/** A target specificity of the contract's (`SCREENING_SPECIFICITIES`): 0.8, 0.9 or 0.95. */
export type TargetSpecificity = (typeof SCREENING_SPECIFICITIES)[number];

/** A threshold on the calibrated malignant probability, chosen for a target specificity, and what it achieved out of fold. */
export interface OperatingPoint {
  targetSpecificity: TargetSpecificity;
  /** A value at or above it is called positive at this point. */
  threshold: number;
  sensitivity: Proportion;
  specificity: Proportion;
}

/** Where a value comes from: one image's probability, or a study's combined value; each has its own operating points. */
export type OperatingPointLevel = 'image' | 'study';

/**
 * A model's screening operating points (the manifest's `screening`, issue 22): per level, one
 * point per target specificity of the contract (`SCREENING_SPECIFICITIES`, in that order).
 */
export interface ScreeningInfo {
  /** The cancer share of the data the calibration was fitted on: the calibrated probabilities hold at it. */
  basePrevalence: number;
  evaluatedOn: string;
  operatingPoints: Readonly<Record<OperatingPointLevel, readonly OperatingPoint[]>>;
}

/** A value moved to the server's screening prevalence. */
export interface PrevalenceAdjusted {
  prevalence: number;
  malignantProbability: number;
}

/** What the operating points say of an image's or a study's value. */
export interface CategoryReading {
  level: OperatingPointLevel;
  category: ScreeningCategory;
  /** When the server states a screening prevalence. */
  atPrevalence?: PrevalenceAdjusted;
}

/** A breast's value at the screening prevalence: no category, as no breast-level operating points were measured. */
export interface BreastReading {
  level: 'breast';
  atPrevalence: PrevalenceAdjusted;
}

/** What a screening reader is told about one value. */
export type ScreeningReading = CategoryReading | BreastReading;

// The category boundaries are the contract's second and third target specificities (0.90, 0.95).
const [, ELEVATED_AT, HIGH_AT] = SCREENING_SPECIFICITIES;

function pointAt(points: readonly OperatingPoint[], specificity: TargetSpecificity): OperatingPoint {
  const point = points.find((p) => p.targetSpecificity === specificity);
  // The manifest's schema requires every target specificity; a card without one is a bug.
  if (!point) throw new Error(`no operating point at specificity ${specificity}`);
  return point;
}

/**
 * The category of a calibrated malignant probability (or a study's combined value) under a
 * level's operating points: `likely_normal` below the threshold at specificity 0.90,
 * `elevated` from it to below the threshold at 0.95, `high` from that one. Independent of
 * prevalence: specificity is measured on the cancer-free alone.
 *
 * @example
 * screeningCategory(card.screening.operatingPoints.image, 0.42); // 'elevated' when the thresholds are 0.4 and 0.6
 */
export function screeningCategory(points: readonly OperatingPoint[], p: number): ScreeningCategory {
  if (p >= pointAt(points, HIGH_AT).threshold) return 'high';
  return p >= pointAt(points, ELEVATED_AT).threshold ? 'elevated' : 'likely_normal';
}

function adjusted(screening: ScreeningInfo, p: number, prevalence: number | undefined): { atPrevalence?: PrevalenceAdjusted } {
  return prevalence === undefined
    ? {}
    : { atPrevalence: { prevalence, malignantProbability: atPrevalence(p, screening.basePrevalence, prevalence) } };
}

/** An image's or a study's category, and its value at `prevalence` when one is given. */
export function readScreening(screening: ScreeningInfo, level: OperatingPointLevel, p: number, prevalence?: number): CategoryReading {
  return { level, category: screeningCategory(screening.operatingPoints[level], p), ...adjusted(screening, p, prevalence) };
}

/** A breast's value at `prevalence`; nothing without one (a breast has no category). */
export function readBreastScreening(screening: ScreeningInfo, p: number, prevalence?: number): BreastReading | undefined {
  const { atPrevalence: value } = adjusted(screening, p, prevalence);
  return value ? { level: 'breast', atPrevalence: value } : undefined;
}

/**
 * An operating point's positive and negative predictive values at a prevalence, from its point
 * estimates: PPV = sens·π / (sens·π + (1 − spec)·(1 − π)), NPV = spec·(1 − π) / (spec·(1 − π) +
 * (1 − sens)·π). A point that calls nothing positive (or nothing negative) has a PPV (or NPV)
 * of 0: there is no call to be right about.
 *
 * @example
 * predictiveValues({ sensitivity: { value: 0.5 }, specificity: { value: 0.9 } }, 0.01); // ppv about 0.048, npv about 0.995
 */
export function predictiveValues(
  point: { sensitivity: Pick<Proportion, 'value'>; specificity: Pick<Proportion, 'value'> },
  prevalence: number,
): { ppv: number; npv: number } {
  const sens = point.sensitivity.value;
  const spec = point.specificity.value;
  const truePositive = sens * prevalence;
  const falsePositive = (1 - spec) * (1 - prevalence);
  const trueNegative = spec * (1 - prevalence);
  const falseNegative = (1 - sens) * prevalence;
  const share = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);
  return { ppv: share(truePositive, truePositive + falsePositive), npv: share(trueNegative, trueNegative + falseNegative) };
}

const percent = (x: number): string => `${Math.round(x * 100)} %`;

/**
 * The categories in words, with this model's figures: what each means, and what it is not.
 * The share of cancers left in `likely_normal` is one minus the sensitivity at specificity
 * 0.90; the share of the cancer-free above it, one minus the specificity.
 */
export function screeningCategoriesText(screening: ScreeningInfo): string {
  const image = pointAt(screening.operatingPoints.image, ELEVATED_AT);
  const study = pointAt(screening.operatingPoints.study, ELEVATED_AT);
  return (
    `likely_normal: below the threshold at specificity ${ELEVATED_AT}; ` +
    `elevated: from that threshold up to the one at specificity ${HIGH_AT}; high: at or above the latter. ` +
    "An image is read with the image operating points, a study's combined value with the study ones; a breast has no category. " +
    'Not a BI-RADS assessment and not a diagnosis. likely_normal is no all-clear: out of fold it held ' +
    `${percent(1 - image.sensitivity.value)} of the cancers' images and ${percent(1 - study.sensitivity.value)} of the cancers' studies ` +
    `(one minus the sensitivity at specificity ${ELEVATED_AT}), and ${percent(1 - image.specificity.value)} of the cancer-free images ` +
    'were elevated or high (one minus the specificity).'
  );
}
