// The contract's main entry: types, the document and the facts consumers need at run time.
// Free of ajv, so that an SDK bundled for browsers pulls nothing heavy from here; the response
// validator, a test tool, is the `@bcd-api/contract/validator` subpath.

export { castToError, systemErrorCode } from './errors.js';
export { openapiDocument, openapiYaml } from './generated/document.js';
export {
  API_VERSION,
  DEFAULT_HEATMAP_OPACITY,
  DISCLAIMER,
  LATERALITIES,
  MAX_BATCH_FILES,
  MAX_STUDY_FILES,
  OPEN_PATHS,
  RISK_ICONS,
  RISK_LEVEL_NAMES,
  SERVICE_NAME,
  STANDARD_VIEWS,
} from './generated/facts.js';
export type { components, operations, paths } from './generated/openapi.js';
export { pathTemplateMatches } from './path-template.js';

import type { STANDARD_VIEWS } from './generated/facts.js';
import type { components } from './generated/openapi.js';

type Schemas = components['schemas'];
/** Body of `GET /health`. */
export type HealthResponse = Schemas['HealthResponse'];
/** Body of the probes `GET /health/live` and `GET /health/ready`. */
export type ProbeResponse = Schemas['ProbeResponse'];
/** Body of a successful `POST /predict`. */
export type PredictionResponse = Schemas['PredictionResponse'];
/** Body of a successful `POST /explain` as JSON: the prediction and its heatmap. */
export type ExplainResponse = Schemas['ExplainResponse'];
/** The heatmap of `POST /explain`. */
export type Heatmap = Schemas['Heatmap'];
/** Body of a successful `POST /batch-predict`. */
export type BatchPredictionResponse = Schemas['BatchPredictionResponse'];
/** Body of a successful `POST /predict-study`. */
export type StudyResponse = Schemas['StudyResponse'];
/** One classified image of a study. */
export type StudyImageSuccess = Schemas['StudyImageSuccess'];
/** A breast's or the study's combined result. */
export type StudyResult = Schemas['StudyResult'];
/** What a DICOM file says about its image (never about the patient). */
export type DicomInfo = Schemas['DicomInfo'];
/** One successful entry of a batch. */
export type BatchItemSuccess = Schemas['BatchItemSuccess'];
/** One failed entry of a batch. */
export type BatchItemError = Schemas['BatchItemError'];
/** Body of `GET /model`. */
export type ModelCard = Schemas['ModelCard'];
/** What the server checked before a verdict: whether the upload is a mammogram this model reads. */
export type InputCheck = Schemas['InputCheck'];
/** How many images of one source the input check refused, as the model card reports it. */
export type RefusalRate = Schemas['RefusalRate'];
/** Body of every error response. */
export type ErrorResponse = Schemas['ErrorResponse'];
/** Stable machine code of an error. */
export type ErrorCode = Schemas['ErrorCode'];
/** `L` left, `R` right. */
export type Laterality = Schemas['Laterality'];
/** One of the four standard screening views. */
export type StandardView = (typeof STANDARD_VIEWS)[number];
/** A named risk level. */
export type RiskLevelName = Schemas['RiskLevelName'];
/** The icon of a risk assessment. */
export type RiskIcon = Schemas['RiskAssessment']['icon'];
