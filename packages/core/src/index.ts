export { CoreError, isCoreError, type CoreErrorCode } from './errors.js';
export { sniffFormat, type ImageFormat, type SniffResult } from './sniff-format.js';
export { computeImageStatistics, type ImageStatistics } from './image-statistics.js';
export { decodeImage, DEFAULT_MAX_INPUT_PIXELS, type DecodeOptions, type DecodedImage } from './decode-image.js';
export { writeInputTensor, tensorSize, type TensorLayout } from './input-tensor.js';
export { riskLevelFor, findRiskTableProblem, type RiskLevelRule } from './risk-level.js';
export { parseManifest, readManifest, type ModelManifest, type ModelCardFields, type OutputKind } from './model-manifest.js';
export type { InferenceEngine } from './engines/engine.js';
export { createClassifier, type Classifier, type ClassifierOptions, type ModelCard, type Prediction } from './classifier.js';
