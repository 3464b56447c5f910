// The public face of @bcd-api/pacs: named re-exports only.
export { createDicomWebClient, type DicomWebClient, type DicomWebOptions } from './dicomweb/client.js';
export { type DicomJson, jsonNumber, jsonString } from './dicomweb/dicom-json.js';
export { DicomWebError, type DicomWebErrorCode, isDicomWebError } from './dicomweb/errors.js';
export type { StoreOutcome } from './dicomweb/store-outcome.js';
export { derivedUid, type ResultUids, resultUids } from './result-uids.js';
export type { AlgorithmIdentity } from './results/algorithm-identity.js';
export {
  AnalysisSrError,
  type AnalysisSrInput,
  type CombinedFinding,
  type CombineRule,
  type ImageFinding,
  type ImageReference,
  SR_SERIES_NUMBER,
  SR_STORAGE_CLASSES,
  type SrStorageClass,
  writeAnalysisSr,
} from './results/analysis-sr.js';
export {
  CAPTURE_SERIES_NUMBER,
  OverlayCaptureError,
  type OverlayCaptureInput,
  SECONDARY_CAPTURE_SOP_CLASS,
  writeOverlayCapture,
} from './results/overlay-capture.js';
export type { StudyIdentity } from './results/study-identity.js';
