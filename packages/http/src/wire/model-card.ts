import type { ModelCard, ModelScreening, OperatingPoint, RefusalRate, StudyRule } from '@bcd-api/contract';
import {
  type Calibration,
  type ModelCard as CoreModelCard,
  type OperatingPoint as CoreOperatingPoint,
  type RefusalRate as CoreRefusalRate,
  type StudyRule as CoreStudyRule,
  type Metric,
  predictiveValues,
  RULE_DESCRIPTIONS,
  type ScreeningInfo,
  screeningCategoriesText,
} from '@bcd-api/core';
import type { AnswerSettings } from '../config.js';
import { round4 } from './image-result.js';

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

function toStudyRule(rule: CoreStudyRule): StudyRule {
  return { breast: rule.breast, study: rule.study, ...(rule.chosenBy === undefined ? {} : { chosen_by: rule.chosenBy }) };
}

function toOperatingPoint(point: CoreOperatingPoint): OperatingPoint {
  return {
    target_specificity: point.targetSpecificity,
    threshold: point.threshold,
    sensitivity: { value: point.sensitivity.value, ci95: [...point.sensitivity.ci95] },
    specificity: { value: point.specificity.value, ci95: [...point.specificity.ci95] },
  };
}

/** `screening` of the card: the measured points, the categories in words, and the predictive values at SCREENING_PREVALENCE when set. */
function toScreening(screening: ScreeningInfo, prevalence: number | undefined): ModelScreening {
  const { image, study } = screening.operatingPoints;
  const atPrevalence = (pi: number): NonNullable<ModelScreening['at_prevalence']> => {
    const at = (points: readonly CoreOperatingPoint[]) =>
      points.map((point) => {
        const { ppv, npv } = predictiveValues(point, pi);
        return { target_specificity: point.targetSpecificity, ppv: round4(ppv), npv: round4(npv) };
      });
    return { prevalence: pi, image: at(image), study: at(study) };
  };
  return {
    base_prevalence: screening.basePrevalence,
    evaluated_on: screening.evaluatedOn,
    operating_points: { image: image.map(toOperatingPoint), study: study.map(toOperatingPoint) },
    categories: screeningCategoriesText(screening),
    ...(prevalence === undefined ? {} : { at_prevalence: atPrevalence(prevalence) }),
  };
}

/**
 * Body of `GET /model`. Field by field, so that only keys the contract names reach the wire;
 * what it leaves open (`extra`) goes back under the keys its author wrote, and never overrides
 * a named field. `score_map` is there only when the model has one.
 */
export function toModelCard(card: CoreModelCard, { inputCheck, screeningPrevalence }: AnswerSettings): ModelCard {
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
    study_rule: toStudyRule(card.studyRule),
    ...(card.screening === undefined ? {} : { screening: toScreening(card.screening, screeningPrevalence) }),
    ...(card.scoreMap === undefined
      ? {}
      : { score_map: { name: card.scoreMap.name, kind: card.scoreMap.kind, width: card.scoreMap.width, height: card.scoreMap.height } }),
  };
}
