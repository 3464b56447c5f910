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
  SCREENING_SPECIFICITIES,
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
/** Body of `POST /studies/{StudyInstanceUID}/analyze`: a PACS study's analysis and the UIDs of its stored results. */
export type PacsAnalysisResponse = Schemas['PacsAnalysisResponse'];
/** One result instance stored into a PACS study. */
export type StoredInstance = Schemas['StoredInstance'];
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
/** How `POST /predict-study` combines images: per breast, then over breasts. */
export type StudyRule = Schemas['StudyRule'];
/** One way of combining values (`max`, `mean`, `mean_logit`, `min`). */
export type StudyAggregation = Schemas['StudyAggregation'];
/** A screening category read from the model's operating points. */
export type ScreeningCategory = Schemas['ScreeningCategory'];
/** `screening` of an image's or a study's result. */
export type ScreeningResult = Schemas['ScreeningResult'];
/** `screening` of a breast's result: its value at the server's screening prevalence. */
export type BreastScreening = Schemas['BreastScreening'];
/** The model card's screening operating points and what is read from them. */
export type ModelScreening = Schemas['ModelScreening'];
/** A screening operating point of the model card. */
export type OperatingPoint = Schemas['OperatingPoint'];
/** A named risk level. */
export type RiskLevelName = Schemas['RiskLevelName'];
/** The icon of a risk assessment. */
export type RiskIcon = Schemas['RiskAssessment']['icon'];
