import type { ModelCard, RefusalRate } from '@bcd-api/contract';
import {
  type Calibration,
  type ModelCard as CoreModelCard,
  type RefusalRate as CoreRefusalRate,
  type Metric,
  RULE_DESCRIPTIONS,
} from '@bcd-api/core';
import type { InputCheckMode } from '../config.js';

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
