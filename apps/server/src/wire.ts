// The one adapter between the core's camelCase domain values and the wire's snake_case
// shapes from openapi.yaml.
import type { BatchItemError, BatchItemSuccess, ErrorCode, PredictionResponse, RiskLevelName } from '@bcd-api/contract';
import type { DecodedImage, Prediction } from '@bcd-api/core';

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
