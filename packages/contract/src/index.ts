export type { paths, components, operations } from './generated/openapi.js';
export { openapiDocument, openapiYaml } from './generated/document.js';
export {
  createResponseValidator,
  type ObservedResponse,
  type ResponseValidator,
  type ValidationResult,
} from './response-validator.js';

import type { components } from './generated/openapi.js';

type Schemas = components['schemas'];
/** Body of `GET /health`. */
export type HealthResponse = Schemas['HealthResponse'];
/** Body of a successful `POST /predict`. */
export type PredictionResponse = Schemas['PredictionResponse'];
/** Body of a successful `POST /batch-predict`. */
export type BatchPredictionResponse = Schemas['BatchPredictionResponse'];
/** One successful entry of a batch. */
export type BatchItemSuccess = Schemas['BatchItemSuccess'];
/** One failed entry of a batch. */
export type BatchItemError = Schemas['BatchItemError'];
/** Body of `GET /model`. */
export type ModelCard = Schemas['ModelCard'];
/** Body of every error response. */
export type ErrorResponse = Schemas['ErrorResponse'];
/** Stable machine code of an error. */
export type ErrorCode = Schemas['ErrorCode'];
/** A named risk level. */
export type RiskLevelName = Schemas['RiskLevelName'];
