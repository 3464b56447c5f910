// What a STOW-RS answer says about each instance sent (PS3.18 10.5.3, Table 10.5.3-1).
import { type DicomJson, jsonNumber, jsonSequence, jsonString } from './dicom-json.js';

/** Per instance, what a STOW-RS request did: the SOP Instance UIDs stored, and those that failed with the server's reason. */
export interface StoreOutcome {
  stored: string[];
  failed: Array<{ sopInstanceUid: string; reason: string }>;
}

const REFERENCED_SOP_SEQUENCE = '00081199';
const FAILED_SOP_SEQUENCE = '00081198';
const REFERENCED_SOP_INSTANCE_UID = '00081155';
const FAILURE_REASON = '00081197';

/**
 * Reads a STOW-RS response data set into a {@link StoreOutcome}. An instance the server already
 * held is in the Referenced SOP Sequence like a new one (Orthanc 1.10 answers 200 and lists it
 * there), so storing the same deterministic result UIDs twice counts as stored.
 */
export function readStoreOutcome(response: DicomJson): StoreOutcome {
  const stored = jsonSequence(response, REFERENCED_SOP_SEQUENCE).flatMap((item) => jsonString(item, REFERENCED_SOP_INSTANCE_UID) ?? []);
  const failed = jsonSequence(response, FAILED_SOP_SEQUENCE).map((item) => ({
    sopInstanceUid: jsonString(item, REFERENCED_SOP_INSTANCE_UID) ?? '',
    reason: failureReason(jsonNumber(item, FAILURE_REASON)),
  }));
  return { stored, failed };
}

/** Whether a data set is a STOW-RS answer at all: it has one of the two sequences, even empty. */
export function isStoreResponse(data: unknown): data is DicomJson {
  return (
    typeof data === 'object' && data !== null && !Array.isArray(data) && (REFERENCED_SOP_SEQUENCE in data || FAILED_SOP_SEQUENCE in data)
  );
}

/** The Failure Reason (0008,1197) in words, with its code in hex as PS3.4 and PS3.18 list it. */
function failureReason(code: number | undefined): string {
  if (code === undefined) return 'no failure reason given';
  const hex = `0x${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const words =
    FAILURE_REASONS[code] ??
    (code >= 0xa700 && code <= 0xa7ff ? 'out of resources' : code >= 0xc000 && code <= 0xcfff ? 'cannot understand' : undefined);
  return words ? `${words} (${hex})` : hex;
}

// PS3.18 Table 10.5.3-2 and PS3.4 Annex B.2.3 (C-STORE status codes).
const FAILURE_REASONS: Record<number, string> = {
  272: 'processing failure',
  290: 'SOP class not supported',
  292: 'not authorized',
  42752: 'out of resources',
  43264: 'data set does not match SOP class',
  49442: 'referenced transfer syntax not supported',
};
