// The wire (src/wire/) is the one adapter between the core's camelCase domain values and the
// snake_case shapes of openapi.yaml: every response body a route sends is built there.
import type { BreastScreening, DicomInfo, InputCheck, PredictionResponse, ScreeningResult } from '@bcd-api/contract';
import type { CategoryReading, DecodedImage, PrevalenceAdjusted, RiskLevel, ScreeningReading, Verdict } from '@bcd-api/core';
import type { InputAssessment } from '../input-check.js';

/** Rounds to four decimals, as the wire carries probabilities and heatmap values. */
export const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** Rounds to six decimals: a probability at a screening prevalence is small, and four decimals would flatten it. */
const round6 = (x: number): number => Math.round(x * 1_000_000) / 1_000_000;

function atPrevalence({ prevalence, malignantProbability }: PrevalenceAdjusted): BreastScreening {
  return { prevalence, malignant_probability: round6(malignantProbability) };
}

/**
 * `screening` of a result, when the model has screening operating points: an image's or a
 * study's category (with its probability at SCREENING_PREVALENCE when set), or a breast's
 * probability at SCREENING_PREVALENCE.
 */
export function toScreening(reading: CategoryReading): ScreeningResult;
export function toScreening(reading: ScreeningReading): ScreeningResult | BreastScreening;
export function toScreening(reading: ScreeningReading): ScreeningResult | BreastScreening {
  if (reading.level === 'breast') return atPrevalence(reading.atPrevalence);
  return {
    category: reading.category,
    operating_points: reading.level,
    ...(reading.atPrevalence ? atPrevalence(reading.atPrevalence) : {}),
  };
}

function riskAssessment(risk: RiskLevel): PredictionResponse['risk_assessment'] {
  return { level: risk.level, icon: risk.icon, color: risk.color };
}

/** The fields every verdict carries on the wire: label, confidence, percentages, risk level. */
export function toVerdict(verdict: Verdict): Pick<PredictionResponse, 'prediction' | 'confidence' | 'probabilities' | 'risk_assessment'> {
  return {
    prediction: verdict.label,
    confidence: verdict.confidence,
    probabilities: { benign: verdict.percentages.benign, malignant: verdict.percentages.malignant },
    risk_assessment: riskAssessment(verdict.risk),
  };
}

/**
 * `dicom` of a response, field by field from the core's whitelist of image facts: nothing
 * about the patient exists there to leak.
 */
export function toDicom(image: DecodedImage): { dicom?: DicomInfo } {
  const info = image.dicom;
  if (!info) return {};
  return {
    dicom: {
      ...(info.modality === undefined ? {} : { modality: info.modality }),
      ...(info.laterality === undefined ? {} : { laterality: info.laterality }),
      ...(info.view === undefined ? {} : { view: info.view }),
      ...(info.presentationIntent === undefined ? {} : { presentation_intent: info.presentationIntent }),
      photometric_interpretation: info.photometricInterpretation,
      bits_stored: info.bitsStored,
      transfer_syntax: info.transferSyntax,
    },
  };
}

/** `input_check` of a successful answer: what was checked, and how typical the image looked. */
export function toInputCheck(assessment: InputAssessment): InputCheck {
  const { typicality } = assessment;
  return {
    mode: assessment.mode,
    status: assessment.status,
    ...(assessment.warning === undefined ? {} : { warning: assessment.warning }),
    checks: assessment.checks.map((c) => ({
      check: c.check,
      passed: c.passed,
      ...(c.value === undefined ? {} : { value: c.value }),
      ...(c.limit === undefined ? {} : { limit: c.limit }),
      detail: c.detail,
    })),
    typicality: typicality ? { score: round4(typicality.score), threshold: typicality.threshold, passed: typicality.passed } : null,
  };
}
