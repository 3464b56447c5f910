import type { Preprocessing } from './decoded-image.js';
import type { ModelManifest, ScreeningDeclaration } from './model-manifest.js';
import { type RiskLevel, toRiskLevel } from './risk-level.js';
import type { OperatingPoint, ScreeningInfo } from './screening.js';
import { DEFAULT_STUDY_RULE, type StudyRule } from './study-rule.js';

/**
 * Facts a card's author added where the contract leaves an object open (`training_data`,
 * `evaluation`, a metric, `calibration`), with their keys exactly as written in the manifest.
 */
export type CardExtras = Readonly<Record<string, unknown>>;

/** A measured figure, e.g. a ROC AUC, with its 95% confidence interval when known. */
export interface Metric {
  value: number;
  /** Lower and upper bound. */
  ci95?: readonly number[];
  extra: CardExtras;
}

/** How raw scores become probabilities: Platt scaling `sigmoid(a * score + b)`, or none. */
export type Calibration = { method: 'platt'; a: number; b: number; extra: CardExtras } | { method: 'none'; extra: CardExtras };

/** The data the model was trained on, and the terms that come with it. */
export interface TrainingData {
  name: string;
  licence: string;
  citation: string;
  extra: CardExtras;
}

/** How the model was evaluated, and its headline figure. */
export interface Evaluation {
  protocol: string;
  rocAuc: Metric;
  extra: CardExtras;
}

/** The model's input as the manifest declares it, without its tensor name and with `preprocessing` always spelt out. */
export type ModelInput = Omit<ModelManifest['input'], 'name' | 'preprocessing'> & { preprocessing: Preprocessing };

/** The score map each prediction carries, with its grid size as measured at load. */
export interface ScoreMapInfo {
  /** The model's output that holds the grid. */
  name: string;
  kind: 'logit_grid';
  /** Cells across. */
  width: number;
  /** Cells down. */
  height: number;
}

/**
 * A loaded model's card, in the core's own camelCase terms: the manifest's facts and card plus
 * what was measured at load (the weights' SHA-256, the score map's grid). The server maps it to
 * the contract's `ModelCard` for `GET /model`.
 */
export interface ModelCard {
  name: string;
  version: string;
  /** SHA-256 of the weights file, hex. */
  sha256: string;
  engine: 'onnx' | 'tfjs';
  input: ModelInput;
  /** Class names in output order. */
  labels: readonly ['Benign', 'Malignant'];
  /** A prediction is Malignant when the calibrated malignant probability is at least this. */
  decisionThreshold: number;
  calibration: Calibration;
  /** The risk table, covering [0, 1] exactly once. */
  riskLevels: readonly RiskLevel[];
  method: string;
  trainingData: TrainingData;
  evaluation: Evaluation;
  intendedUse: string;
  limitations: readonly string[];
  disclaimer: string;
  /** When the model was made, as its author wrote it. */
  created?: string;
  /** Present when the model gives a score map with each prediction. */
  scoreMap?: ScoreMapInfo;
  /** Present when the model has its own typicality check (issue 20); without one, only the rule checks run. */
  typicality?: TypicalityInfo;
  /** How a study's images are combined: the manifest's, else {@link DEFAULT_STUDY_RULE}. */
  studyRule: StudyRule;
  /** Present when the manifest states screening operating points (issue 22). */
  screening?: ScreeningInfo;
}

/** A model's typicality check as its manifest declares it. */
export interface TypicalityInfo {
  /** The graph output that gives each image's distance. */
  output: string;
  method: string;
  /** Images whose distance is above this are not taken for mammograms. */
  threshold: number;
  fittedOn: string;
  /** Refusal rates of the whole input check, per source, as measured when it was fitted. */
  evaluation: {
    protocol: string;
    mammograms: readonly RefusalRate[];
    nonMammograms: readonly RefusalRate[];
  };
}

/** How many images of one source the input check refused. */
export interface RefusalRate {
  source: string;
  images: number;
  refused: number;
  rate: number;
}

/** What is learnt about a model when it is loaded, beyond its manifest. */
export interface LoadedFacts {
  /** SHA-256 of the weights file, hex. */
  sha256: string;
  /** The score map's grid, measured by the warm-up pass; only for a manifest that declares one. */
  scoreMap?: { width: number; height: number };
}

/** Reads a validated manifest (the file's snake_case) and the facts measured at load into a {@link ModelCard}. */
export function createModelCard(manifest: ModelManifest, loaded: LoadedFacts): ModelCard {
  const { card } = manifest;
  const { width, height, channels, layout, color, scaling, preprocessing = 'stretch' } = manifest.input;
  const { name: dataName, licence, citation, ...dataExtra } = card.training_data;
  const { protocol, roc_auc, ...evaluationExtra } = card.evaluation;
  const { value, ci95, ...metricExtra } = roc_auc;
  const scoreMapOutput = manifest.output.score_map;
  const inputCheck = manifest.input_check;
  const studyRule = manifest.study_rule;
  return {
    name: manifest.name,
    version: manifest.version,
    sha256: loaded.sha256,
    engine: manifest.engine,
    input: { width, height, channels, layout, color, scaling, preprocessing },
    labels: manifest.labels,
    decisionThreshold: manifest.decision_threshold,
    calibration: toCalibration(manifest.calibration),
    riskLevels: manifest.risk_levels.map(toRiskLevel),
    method: card.method,
    trainingData: { name: dataName, licence, citation, extra: dataExtra },
    evaluation: { protocol, rocAuc: { value, ...(ci95 === undefined ? {} : { ci95 }), extra: metricExtra }, extra: evaluationExtra },
    intendedUse: card.intended_use,
    limitations: card.limitations,
    disclaimer: card.disclaimer,
    ...(card.created === undefined ? {} : { created: card.created }),
    ...(scoreMapOutput && loaded.scoreMap
      ? { scoreMap: { name: scoreMapOutput.name, kind: scoreMapOutput.kind, width: loaded.scoreMap.width, height: loaded.scoreMap.height } }
      : {}),
    ...(inputCheck
      ? {
          typicality: {
            output: inputCheck.output,
            method: inputCheck.method,
            threshold: inputCheck.threshold,
            fittedOn: inputCheck.fitted_on,
            evaluation: {
              protocol: inputCheck.evaluation.protocol,
              mammograms: inputCheck.evaluation.mammograms,
              nonMammograms: inputCheck.evaluation.non_mammograms,
            },
          },
        }
      : {}),
    studyRule: studyRule
      ? {
          breast: studyRule.breast,
          study: studyRule.study,
          ...(studyRule.chosen_by === undefined ? {} : { chosenBy: studyRule.chosen_by }),
        }
      : DEFAULT_STUDY_RULE,
    ...(manifest.screening ? { screening: toScreening(manifest.screening) } : {}),
  };
}

function toScreening(screening: ScreeningDeclaration): ScreeningInfo {
  const point = (p: ScreeningDeclaration['operating_points']['image'][number]): OperatingPoint => ({
    targetSpecificity: p.target_specificity,
    threshold: p.threshold,
    sensitivity: { value: p.sensitivity.value, ci95: p.sensitivity.ci95 },
    specificity: { value: p.specificity.value, ci95: p.specificity.ci95 },
  });
  return {
    basePrevalence: screening.base_prevalence,
    evaluatedOn: screening.evaluated_on,
    operatingPoints: { image: screening.operating_points.image.map(point), study: screening.operating_points.study.map(point) },
  };
}

function toCalibration(calibration: ModelManifest['calibration']): Calibration {
  if (calibration.method === 'platt') {
    const { method, a, b, ...extra } = calibration;
    return { method, a, b, extra };
  }
  const { method, ...extra } = calibration;
  return { method, extra };
}
