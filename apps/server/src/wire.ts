// The one adapter between the core's camelCase domain values and the wire's snake_case
// shapes from openapi.yaml.
import type { BatchItemError, BatchItemSuccess, ErrorCode, ModelCard, PredictionResponse, RiskLevelName } from '@bcd-api/contract';
import type { DecodedImage, ModelCard as CoreModelCard, Prediction } from '@bcd-api/core';

/** The disclaimer every prediction carries, worded as the original API's. */
export const DISCLAIMER = '⚠️ For educational purposes only. Not for medical diagnosis.' as const;

function riskAssessment(prediction: Prediction): PredictionResponse['risk_assessment'] {
  return {
    level: prediction.risk.level as RiskLevelName,
    icon: prediction.risk.icon as PredictionResponse['risk_assessment']['icon'],
    color: prediction.risk.color,
  };
}

/** Body of `POST /predict` for one image. */
export function toPredictionResponse(filename: string, image: DecodedImage, prediction: Prediction): PredictionResponse {
  return {
    prediction: prediction.label,
    confidence: prediction.confidence,
    probabilities: prediction.percentages,
    risk_assessment: riskAssessment(prediction),
    image_statistics: {
      brightness: image.statistics.brightness,
      contrast: image.statistics.contrast,
      mean_intensity: image.statistics.meanIntensity,
      std_intensity: image.statistics.stdIntensity,
    },
    image_info: { filename, size: `${image.width}x${image.height}`, format: image.format },
    disclaimer: DISCLAIMER,
  };
}

/** One successful entry of `POST /batch-predict`. */
export function toBatchSuccess(filename: string, prediction: Prediction): BatchItemSuccess {
  return {
    filename,
    prediction: prediction.label,
    confidence: prediction.confidence,
    probabilities: prediction.percentages,
    risk_assessment: riskAssessment(prediction),
  };
}

/** One failed entry of `POST /batch-predict`. */
export function toBatchError(filename: string, code: ErrorCode, error: string): BatchItemError {
  return { filename, error, code };
}

/**
 * Body of `GET /model`. Field by field, so that a key a manifest's card carries beyond the
 * contract's never reaches the wire; `score_map` is there only when the model has one.
 */
export function toModelCard(card: CoreModelCard): ModelCard {
  const { width, height, channels, layout, color, scaling, preprocessing } = card.input;
  return {
    name: card.name,
    version: card.version,
    sha256: card.sha256,
    engine: card.engine,
    input: { width, height, channels, layout, color, scaling, preprocessing },
    labels: card.labels,
    decision_threshold: card.decision_threshold,
    calibration: card.calibration,
    risk_levels: card.risk_levels.map((rule) => ({ ...rule, level: rule.level as RiskLevelName })),
    method: card.method,
    training_data: card.training_data,
    evaluation: card.evaluation,
    intended_use: card.intended_use,
    limitations: card.limitations,
    disclaimer: card.disclaimer,
    ...(card.created === undefined ? {} : { created: card.created }),
    ...(card.score_map === undefined
      ? {}
      : { score_map: { name: card.score_map.name, kind: card.score_map.kind, width: card.score_map.width, height: card.score_map.height } }),
  };
}
