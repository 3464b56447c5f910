// The public face of @bcd-api/pacs: named re-exports only.
export { createDicomWebClient, type DicomWebClient, type DicomWebOptions } from './dicomweb/client.js';
export { type DicomJson, jsonNumber, jsonString } from './dicomweb/dicom-json.js';
export { DicomWebError, type DicomWebErrorCode, isDicomWebError } from './dicomweb/errors.js';
export type { StoreOutcome } from './dicomweb/store-outcome.js';
