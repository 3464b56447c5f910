/**
 * What a DICOM data set says about its image, read tag by tag, each value checked against its
 * VR's form: a value of any other form is not reported, so that nothing a scanner put in a
 * free-text field (a patient's name, say) can reach a response, a log or an error.
 */
import type { DataSet } from 'dicom-parser';
import type { DicomTags } from '../input-check.js';
import { TAG } from './tags.js';

/** What a DICOM file says about its image, never about its patient. */
export interface DicomInfo {
  /** Modality (0008,0060), e.g. `MG`. */
  modality?: string;
  /** ImageLaterality (0020,0062), else Laterality (0020,0060). */
  laterality?: 'L' | 'R';
  /** ViewPosition (0018,5101), e.g. `CC` or `MLO`. */
  view?: string;
  /** PresentationIntentType (0008,0068): `FOR PRESENTATION` (FOR PROCESSING images are refused). */
  presentationIntent?: string;
  /** BodyPartExamined (0018,0015), e.g. `BREAST`: read by the input check, not sent on the wire. */
  bodyPart?: string;
  /** SOPClassUID (0008,0016), e.g. Digital Mammography X-Ray Image Storage: read by the input check, not sent on the wire. */
  sopClass?: string;
  /** PhotometricInterpretation (0028,0004) as the file states it: MONOCHROME1, MONOCHROME2, RGB, YBR_FULL or YBR_FULL_422. */
  photometricInterpretation: string;
  /** BitsStored (0028,0101), 1 to 16. */
  bitsStored: number;
  /** The transfer syntax's name (PS3.6 Annex A), e.g. `JPEG-LS Lossless Image Compression`. */
  transferSyntax: string;
}

/** The facts of {@link DicomInfo} that describe the pixels, known once their layout is read. */
export type PixelFacts = Pick<DicomInfo, 'photometricInterpretation' | 'bitsStored' | 'transferSyntax'>;

/** A CS value (PS3.5 6.2: capitals, digits, space, underscore, at most 16), else undefined. */
export function codeString(dataSet: DataSet, tag: string): string | undefined {
  const value = dataSet.string(tag)?.trim();
  return value && /^[A-Z0-9_ ]{1,16}$/.test(value) ? value : undefined;
}

/** A UI value (PS3.5 6.2: digits and dots, at most 64), else undefined. */
function uid(dataSet: DataSet, tag: string): string | undefined {
  const value = dataSet.string(tag)?.replace(/\0+$/, '').trim();
  return value && /^[0-9.]{1,64}$/.test(value) ? value : undefined;
}

/** What the tags say the image is: Modality, BodyPartExamined and SOPClassUID, for the input check. */
export function imageKind(dataSet: DataSet): DicomTags {
  return {
    modality: codeString(dataSet, TAG.Modality),
    bodyPart: codeString(dataSet, TAG.BodyPartExamined),
    sopClass: uid(dataSet, TAG.SOPClassUID),
  };
}

/** True for a structured report (an SR SOP class, or Modality SR): a DICOM file that holds no image by design. */
export function isStructuredReport(dataSet: DataSet): boolean {
  return dataSet.string(TAG.SOPClassUID)?.startsWith('1.2.840.10008.5.1.4.1.1.88.') === true || codeString(dataSet, TAG.Modality) === 'SR';
}

/** Reads the image facts of a data set whose kind and pixel layout are already known. */
export function readDicomInfo(dataSet: DataSet, kind: DicomTags, pixels: PixelFacts): DicomInfo {
  return {
    ...optional('modality', kind.modality),
    ...optional('laterality', laterality(dataSet)),
    ...optional('view', codeString(dataSet, TAG.ViewPosition)),
    ...optional('presentationIntent', codeString(dataSet, TAG.PresentationIntentType)),
    ...optional('bodyPart', kind.bodyPart),
    ...optional('sopClass', kind.sopClass),
    ...pixels,
  };
}

function laterality(dataSet: DataSet): 'L' | 'R' | undefined {
  for (const tag of [TAG.ImageLaterality, TAG.Laterality]) {
    const value = dataSet.string(tag)?.trim();
    if (value === 'L' || value === 'R') return value;
  }
  return undefined;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [key in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [key in K]: V });
}
