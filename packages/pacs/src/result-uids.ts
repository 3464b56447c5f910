import { createHash } from 'node:crypto';

/**
 * A UID under the 2.25 root (ISO/IEC 9834-8) derived from the parts: '2.25.' + the decimal of the first
 * 128 bits of SHA-256(parts joined by '\u0000'). Same parts, same UID, so a result stored twice is the same instance.
 *
 * @example derivedUid('sr-instance', studyInstanceUid, modelSha256) // '2.25.1234…', at most 44 characters
 */
export function derivedUid(...parts: string[]): string {
  const digest = createHash('sha256').update(parts.join('\u0000'), 'utf8').digest();
  // BigInt's decimal never has a leading zero, so the one component after 2.25 is valid UID syntax;
  // 2^128 has 39 digits, so the UID is at most 44 characters (the limit is 64).
  return `2.25.${BigInt(`0x${digest.subarray(0, 16).toString('hex')}`).toString(10)}`;
}

/** The UIDs of one result set: the SR's series and instance, the captures' series and one capture per source image. */
export interface ResultUids {
  /** The series that holds the analysis SR. */
  srSeries: string;
  /** The analysis SR itself. */
  srInstance: string;
  /** The series that holds the heatmap overlays. */
  captureSeries: string;
  /** The overlay of one source image, by that image's SOP Instance UID. */
  captureInstance(sourceSopInstanceUid: string): string;
}

// Every derived UID of this package starts with this part, so no other use of derivedUid can collide with ours.
const NAMESPACE = 'bcd-api/pacs';

/** The UIDs of one study's result set under one model (by the weights' SHA-256). */
export function resultUids(studyInstanceUid: string, modelSha256: string): ResultUids {
  const uid = (kind: string, ...more: string[]) => derivedUid(NAMESPACE, kind, studyInstanceUid, modelSha256, ...more);
  return {
    srSeries: uid('sr-series'),
    srInstance: uid('sr-instance'),
    captureSeries: uid('capture-series'),
    captureInstance: (sourceSopInstanceUid) => uid('capture-instance', sourceSopInstanceUid),
  };
}
