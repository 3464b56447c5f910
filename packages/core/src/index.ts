export { CoreError, isCoreError, type CoreErrorCode } from './errors.js';
export { sniffFormat, type ImageFormat, type SniffResult } from './sniff-format.js';
export { computeImageStatistics, type ImageStatistics } from './image-statistics.js';
export {
  decodeImage,
  DEFAULT_MAX_INPUT_PIXELS,
  MAMMOGRAM_WORKING_SIZE,
  type DecodeOptions,
  type DecodedImage,
  type Preprocessing,
} from './decode-image.js';
export { normaliseMammogram, viewToWorking, type MammogramView, type ViewGeometry } from './mammogram-view.js';
export { writeInputTensor, tensorSize, type TensorLayout } from './input-tensor.js';
export { riskLevelFor, findRiskTableProblem, toRiskLevel, type RiskLevel, type RiskLevelRule } from './risk-level.js';
export {
  parseManifest,
  readManifest,
  type ModelManifest,
  type ModelCardFields,
  type OutputKind,
  type ScoreMapOutput,
} from './model-manifest.js';
export type { EngineOutput, InferenceEngine } from './engines/engine.js';
export { createEngine, type EngineName, type EngineOptions } from './engines/create-engine.js';
export {
  createModelCard,
  type CardExtras,
  type Calibration,
  type Evaluation,
  type LoadedFacts,
  type Metric,
  type ModelCard,
  type ModelInput,
  type ScoreMapInfo,
  type TrainingData,
} from './model-card.js';
export { createClassifier, type Classifier, type ClassifierOptions, type Prediction, type ScoreMap } from './classifier.js';
export { fileSaveHandler } from './tfjs-file-handler.js';
