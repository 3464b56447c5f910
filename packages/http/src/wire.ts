// The one adapter between the core's camelCase domain values and the wire's snake_case
// shapes from openapi.yaml: every response body a route sends is built here.
import {
  API_VERSION,
  type BatchItemError,
  type BatchItemSuccess,
  type BatchPredictionResponse,
  DISCLAIMER,
  type DicomInfo,
  type ErrorCode,
  type ErrorResponse,
  type ExplainResponse,
  type HealthResponse,
  type InputCheck,
  type ModelCard,
  type PredictionResponse,
  type ProbeResponse,
  type RefusalRate,
  SERVICE_NAME,
  type StudyImageSuccess,
  type StudyResponse,
  type StudyResult,
} from '@bcd-api/contract';
import type {
  Calibration,
  Combined,
  ModelCard as CoreModelCard,
  RefusalRate as CoreRefusalRate,
  DecodedImage,
  Heatmap,
  Laterality,
  Metric,
  Prediction,
  RiskLevel,
  StudyCombination,
  Verdict,
} from '@bcd-api/core';
import { RULE_DESCRIPTIONS } from '@bcd-api/core';
import type { InputCheckMode } from './config.js';
import { type ApiError, TITLE_BY_STATUS } from './errors.js';
import type { InputAssessment } from './input-check.js';
import type { ModelStatus } from './model-state.js';

export { DISCLAIMER };

function riskAssessment(risk: RiskLevel): PredictionResponse['risk_assessment'] {
  return { level: risk.level, icon: risk.icon, color: risk.color };
}

/** The fields every verdict carries on the wire: label, confidence, percentages, risk level. */
function toVerdict(verdict: Verdict): Pick<PredictionResponse, 'prediction' | 'confidence' | 'probabilities' | 'risk_assessment'> {
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
function toDicom(image: DecodedImage): { dicom?: DicomInfo } {
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
function toInputCheck(assessment: InputAssessment): InputCheck {
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

/** Body of `POST /predict` for one image. */
export function toPredictionResponse(
  filename: string,
  image: DecodedImage,
  prediction: Prediction,
  assessment: InputAssessment,
): PredictionResponse {
  return {
    ...toVerdict(prediction),
    image_statistics: {
      brightness: image.statistics.brightness,
      contrast: image.statistics.contrast,
      mean_intensity: image.statistics.meanIntensity,
      std_intensity: image.statistics.stdIntensity,
    },
    image_info: { filename, size: `${image.width}x${image.height}`, format: image.format },
    input_check: toInputCheck(assessment),
    ...toDicom(image),
    disclaimer: DISCLAIMER,
  };
}

/** Body of `POST /explain` as JSON: the prediction's body plus its heatmap, values to four decimals. */
export function toExplainResponse(
  filename: string,
  image: DecodedImage,
  prediction: Prediction,
  assessment: InputAssessment,
  heatmap: Heatmap,
): ExplainResponse {
  const { disclaimer, ...predicted } = toPredictionResponse(filename, image, prediction, assessment);
  const map = heatmap.gridToImage;
  return {
    ...predicted,
    heatmap: {
      width: heatmap.width,
      height: heatmap.height,
      values: Array.from(heatmap.values, round4),
      peak: {
        x: round1(heatmap.peak.x),
        y: round1(heatmap.peak.y),
        value: round4(heatmap.peak.value),
        column: heatmap.peak.column,
        row: heatmap.peak.row,
      },
      grid_to_image: {
        scale_x: round4(map.scaleX),
        offset_x: round4(map.offsetX),
        scale_y: round4(map.scaleY),
        offset_y: round4(map.offsetY),
      },
      source: 'model_score_map',
    },
    disclaimer,
  };
}

/**
 * The one line an overlay states its result in, e.g. `Malignant 87.50% - High Risk`; with a
 * failed input check (INPUT_CHECK=warn), it says first that the image is not taken for a mammogram.
 */
export function overlayCaption(prediction: Prediction, assessment: InputAssessment): string {
  const warning = assessment.status === 'warning' ? 'NOT TAKEN FOR A MAMMOGRAM - ' : '';
  return `${warning}Prediction: ${prediction.label}, malignant ${prediction.percentages.malignant.toFixed(2)}% - ${prediction.risk.level}`;
}

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;
const round1 = (x: number): number => Math.round(x * 10) / 10;

/** One successful entry of `POST /batch-predict`. */
export function toBatchSuccess(
  filename: string,
  image: DecodedImage,
  prediction: Prediction,
  assessment: InputAssessment,
): BatchItemSuccess {
  return { filename, ...toVerdict(prediction), input_check: toInputCheck(assessment), ...toDicom(image) };
}

/** One failed entry of `POST /batch-predict`. */
export function toBatchError(filename: string, code: ErrorCode, error: string): BatchItemError {
  return { filename, error, code };
}

/** The outcome of one batch, in upload order: each file's prediction or its error. */
export type BatchOutcome =
  | { filename: string; image: DecodedImage; prediction: Prediction; assessment: InputAssessment }
  | { filename: string; error: ApiError };

/** Body of `POST /batch-predict`: the entries in upload order and their counts. */
export function toBatchPredictionResponse(outcomes: readonly BatchOutcome[]): BatchPredictionResponse {
  const predictions = outcomes.flatMap((o) => ('prediction' in o ? [o.prediction] : []));
  const malignant = predictions.filter((p) => p.label === 'Malignant').length;
  return {
    total_images: outcomes.length,
    successful: predictions.length,
    failed: outcomes.length - predictions.length,
    summary: { malignant, benign: predictions.length - malignant },
    results: outcomes.map((o) =>
      'prediction' in o
        ? toBatchSuccess(o.filename, o.image, o.prediction, o.assessment)
        : toBatchError(o.filename, o.error.code, o.error.message),
    ),
    disclaimer: DISCLAIMER,
  };
}

/** One classified image of a study, with where its side came from. */
export interface StudyEntry {
  filename: string;
  image: DecodedImage;
  prediction: Prediction;
  assessment: InputAssessment;
  laterality: Laterality;
  view?: string;
  source: 'dicom' | 'form';
}

function toStudyResult(combined: Combined | null): StudyResult | null {
  if (!combined) return null;
  const { confidence: _, ...verdict } = toVerdict(combined);
  return { images: combined.images, ...(combined.views.length ? { views: combined.views } : {}), ...verdict };
}

/** Body of `POST /predict-study`: each file's result or error, each breast's and the study's. */
export function toStudyResponse(
  outcomes: ReadonlyArray<StudyEntry | { filename: string; error: ApiError }>,
  combination: StudyCombination,
  rule: string,
): StudyResponse {
  const successful = outcomes.filter((o) => 'prediction' in o).length;
  return {
    total_images: outcomes.length,
    successful,
    failed: outcomes.length - successful,
    results: outcomes.map((o) =>
      'prediction' in o
        ? ({
            filename: o.filename,
            laterality: o.laterality,
            ...(o.view === undefined ? {} : { view: o.view }),
            laterality_source: o.source,
            ...toVerdict(o.prediction),
            input_check: toInputCheck(o.assessment),
            ...toDicom(o.image),
          } satisfies StudyImageSuccess)
        : toBatchError(o.filename, o.error.code, o.error.message),
    ),
    breasts: { left: toStudyResult(combination.left), right: toStudyResult(combination.right) },
    study: toStudyResult(combination.study),
    missing_views: [...combination.missingViews],
    rule,
    disclaimer: DISCLAIMER,
  };
}

/** Body of `GET /health`: the service, the contract's version, and where the model stands. */
export function toHealthResponse(modelStatus: ModelStatus): HealthResponse {
  return {
    status: modelStatus === 'loaded' ? 'healthy' : 'unhealthy',
    service: SERVICE_NAME,
    version: API_VERSION,
    model_status: modelStatus,
  };
}

/** Body of every error response (RFC 9457 fields beside the original's `detail`). */
export function toErrorResponse(error: ApiError): ErrorResponse {
  return { detail: error.message, code: error.code, status: error.status, title: TITLE_BY_STATUS[error.status] };
}

/** Body of `GET /health/live`: the process answers. */
export function toLivenessResponse(): ProbeResponse {
  return { status: 'ok' };
}

/** Body of `GET /health/ready`: ready, or not and why (`reason`, a sentence). */
export function toReadinessResponse(reason: string | undefined): ProbeResponse {
  return reason ? { status: 'not_ready', detail: reason } : { status: 'ready' };
}
function toRefusalRate(rate: CoreRefusalRate): RefusalRate {
  return { source: rate.source, images: rate.images, refused: rate.refused, rate: rate.rate };
}

function toMetric(metric: Metric): ModelCard['evaluation']['roc_auc'] {
  return { ...metric.extra, value: metric.value, ...(metric.ci95 === undefined ? {} : { ci95: [...metric.ci95] }) };
}

function toCalibration(calibration: Calibration): NonNullable<ModelCard['calibration']> {
  return calibration.method === 'platt'
    ? { ...calibration.extra, method: calibration.method, a: calibration.a, b: calibration.b }
    : { ...calibration.extra, method: calibration.method };
}

/**
 * Body of `GET /model`. Field by field, so that only keys the contract names reach the wire;
 * what it leaves open (`extra`) goes back under the keys its author wrote, and never overrides
 * a named field. `score_map` is there only when the model has one.
 */
export function toModelCard(card: CoreModelCard, inputCheck: InputCheckMode): ModelCard {
  const { trainingData, evaluation, typicality } = card;
  return {
    name: card.name,
    version: card.version,
    sha256: card.sha256,
    engine: card.engine,
    // The domain input holds exactly the wire's keys (the core built it field by field).
    input: { ...card.input },
    labels: [...card.labels],
    decision_threshold: card.decisionThreshold,
    calibration: toCalibration(card.calibration),
    risk_levels: card.riskLevels.map((level) => ({
      level: level.level,
      icon: level.icon,
      color: level.color,
      min: level.min,
      min_inclusive: level.minInclusive,
      max: level.max,
      max_inclusive: level.maxInclusive,
    })),
    input_check: {
      mode: inputCheck,
      checks: RULE_DESCRIPTIONS.map(({ check, description }) => ({ check, description })),
      typicality: typicality
        ? {
            method: typicality.method,
            threshold: typicality.threshold,
            fitted_on: typicality.fittedOn,
            evaluation: {
              protocol: typicality.evaluation.protocol,
              mammograms: typicality.evaluation.mammograms.map(toRefusalRate),
              non_mammograms: typicality.evaluation.nonMammograms.map(toRefusalRate),
            },
          }
        : null,
    },
    method: card.method,
    training_data: { ...trainingData.extra, name: trainingData.name, licence: trainingData.licence, citation: trainingData.citation },
    evaluation: { ...evaluation.extra, protocol: evaluation.protocol, roc_auc: toMetric(evaluation.rocAuc) },
    intended_use: card.intendedUse,
    limitations: [...card.limitations],
    disclaimer: card.disclaimer,
    ...(card.created === undefined ? {} : { created: card.created }),
    ...(card.scoreMap === undefined
      ? {}
      : { score_map: { name: card.scoreMap.name, kind: card.scoreMap.kind, width: card.scoreMap.width, height: card.scoreMap.height } }),
  };
}
