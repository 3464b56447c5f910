export { type Laterality, STANDARD_VIEWS, type StandardView } from '@bcd-api/contract';
export { calibrate } from './calibrate.js';
export { type Classifier, type ClassifierOptions, createClassifier, DISPLAY_SIDE } from './classifier.js';
export { DEFAULT_MAX_INPUT_PIXELS, type DecodeOptions, decodeImage } from './decode-image.js';
export type { DecodedImage, DisplayImage, Preprocessing } from './decoded-image.js';
export type { DicomImage } from './dicom/decode-dicom.js';
export { createDicomDecoder, type DicomDecoder, type DicomDecoderOptions } from './dicom/decode-pool.js';
export type { DicomInfo } from './dicom/dicom-info.js';
export { createEngine, type EngineName, type EngineOptions, type WorkerRestartReason } from './engines/create-engine.js';
export type { EngineOutput, InferenceEngine } from './engines/engine.js';
export { CoreError, type CoreErrorCode, isCoreError } from './errors.js';
export { buildHeatmap, type GridToImage, type Heatmap } from './heatmap.js';
export { colourfulnessOf, greyRange, type ImageMeasures, measureImage } from './image-measures.js';
export { computeImageStatistics, type ImageStatistics } from './image-statistics.js';
export {
  checkDicomModality,
  checkImageRules,
  type DicomTags,
  describeTypicality,
  INPUT_RULES,
  inputCheckFailure,
  notAMammogramMessage,
  RULE_DESCRIPTIONS,
  type RuleCheck,
  type RuleCheckName,
  type Typicality,
} from './input-check.js';
export { type TensorLayout, tensorSize, writeInputTensor } from './input-tensor.js';
export {
  MAMMOGRAM_WORKING_SIZE,
  type MammogramView,
  normaliseMammogram,
  type ViewGeometry,
  viewToWorking,
} from './mammogram-view.js';
export {
  type Calibration,
  type CardExtras,
  createModelCard,
  type Evaluation,
  type LoadedFacts,
  type Metric,
  type ModelCard,
  type ModelInput,
  type RefusalRate,
  type ScoreMapInfo,
  type TrainingData,
  type TypicalityInfo,
} from './model-card.js';
export {
  type InputCheckDeclaration,
  type ModelCardFields,
  type ModelManifest,
  type OutputKind,
  parseManifest,
  readManifest,
  type ScoreMapOutput,
  type ScreeningDeclaration,
} from './model-manifest.js';
export type { Prediction } from './prediction.js';
export { atPrevalence } from './prevalence.js';
export { findRiskTableProblem, type RiskLevel, type RiskLevelRule, riskLevelFor, toRiskLevel } from './risk-level.js';
export type { ScoreMap } from './score-map.js';
export {
  type BreastReading,
  type CategoryReading,
  type OperatingPoint,
  type OperatingPointLevel,
  type PrevalenceAdjusted,
  type Proportion,
  predictiveValues,
  readBreastScreening,
  readScreening,
  type ScreeningInfo,
  type ScreeningReading,
  screeningCategoriesText,
  screeningCategory,
  type TargetSpecificity,
} from './screening.js';
export { type ImageFormat, type SniffResult, sniffFormat } from './sniff-format.js';
export { type Combined, type CombineOptions, combineStudy, type StudyCard, type StudyCombination, type StudyImage } from './study.js';
export { aggregate, DEFAULT_STUDY_RULE, type StudyRule, studyRuleText } from './study-rule.js';
export { fileSaveHandler } from './tfjs-file-handler.js';
export { type CgroupFiles, cgroupQuota, type InferencePlan, inferencePlan, usableCores } from './usable-cores.js';
export { type Verdict, verdictFor } from './verdict.js';
