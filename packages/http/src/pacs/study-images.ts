import { MAX_STUDY_FILES } from '@bcd-api/contract';
import { type DicomJson, type DicomWebClient, type ImageReference, jsonString, type StudyIdentity } from '@bcd-api/pacs';
import type { Reservation } from '../byte-budget.js';
import { ApiError } from '../errors/api-error.js';
import type { Upload } from '../upload.js';

/** A study in the PACS as the node reads it: what its results copy, and its MG images. */
export interface PacsStudy {
  identity: StudyIdentity;
  /** The study's MG instances, in a stable order (by series, then SOP Instance UID). */
  images: ImageReference[];
}

// DICOM JSON keys (PS3.18 F.2): group and element, upper-case hex.
const TAG = {
  studyInstanceUid: '0020000D',
  seriesInstanceUid: '0020000E',
  sopInstanceUid: '00080018',
  sopClassUid: '00080016',
  modality: '00080060',
  patientName: '00100010',
  patientId: '00100020',
  patientBirthDate: '00100030',
  patientSex: '00100040',
  studyDate: '00080020',
  studyTime: '00080030',
  studyId: '00200010',
  accessionNumber: '00080050',
  referringPhysicianName: '00080090',
} as const;

/** What a result copies from its study: the Patient and General Study modules' identifying keys, nothing else. */
const IDENTITY_KEYS = [
  'patientName',
  'patientId',
  'patientBirthDate',
  'patientSex',
  'studyDate',
  'studyTime',
  'studyId',
  'accessionNumber',
  'referringPhysicianName',
] as const;

/**
 * Finds a study and its MG images: QIDO-RS of the study (404 STUDY_NOT_FOUND when the PACS has
 * none), of its series (Modality is a series attribute every QIDO-RS server returns), and of
 * the instances of its MG series. A study with no MG image, or more than a study takes
 * (MAX_STUDY_FILES, as `POST /predict-study`), is 422 STUDY_NOT_ANALYSABLE: nothing is dropped
 * silently.
 */
export async function findStudy(client: DicomWebClient, studyInstanceUid: string): Promise<PacsStudy> {
  const [study] = await client.searchStudies({
    StudyInstanceUID: studyInstanceUid,
    includefield: [TAG.patientBirthDate, TAG.patientSex].join(','),
  });
  if (!study) throw new ApiError('STUDY_NOT_FOUND', `The PACS has no study ${studyInstanceUid}.`);
  const identity: StudyIdentity = { studyInstanceUid };
  for (const key of IDENTITY_KEYS) {
    const value = jsonString(study, TAG[key]);
    if (value !== undefined) identity[key] = value;
  }
  const series = await client.searchSeries(studyInstanceUid);
  const mgSeries = series.filter((s) => jsonString(s, TAG.modality)?.toUpperCase() === 'MG');
  const images: ImageReference[] = [];
  for (const s of mgSeries) {
    const seriesInstanceUid = jsonString(s, TAG.seriesInstanceUid);
    if (!seriesInstanceUid) continue;
    const instances = await client.searchInstances(studyInstanceUid, { SeriesInstanceUID: seriesInstanceUid });
    images.push(...instances.flatMap((instance) => reference(instance, seriesInstanceUid)));
  }
  images.sort((a, b) => compare(a.seriesInstanceUid, b.seriesInstanceUid) || compare(a.sopInstanceUid, b.sopInstanceUid));
  if (images.length === 0) {
    const modalities = [...new Set(series.map((s) => jsonString(s, TAG.modality) ?? '?'))].join(', ') || 'none';
    throw new ApiError(
      'STUDY_NOT_ANALYSABLE',
      `Study ${studyInstanceUid} has no mammography (MG) image: its series' modalities are ${modalities}.`,
    );
  }
  if (images.length > MAX_STUDY_FILES) {
    throw new ApiError(
      'STUDY_NOT_ANALYSABLE',
      `Study ${studyInstanceUid} has ${images.length} mammography images; a study is analysed from at most ${MAX_STUDY_FILES}, as POST /predict-study takes.`,
    );
  }
  return { identity, images };
}

/** What {@link retrieveImages} holds the images to: the limits an upload is held to. */
export interface RetrievalLimits {
  /** MAX_FILE_BYTES: a larger image makes the study unanalysable, as a larger upload is refused. */
  maxFileBytes: number;
  /** Held under the server's upload memory budget (MAX_BUFFERED_BYTES) until the analysis is done: it throws OVERLOADED when full. */
  reservation: Reservation;
}

/**
 * Retrieves each image as stored (WADO-RS), named by its SOP Instance UID, as the prediction
 * routes' uploads are named by their files, under the limits an upload has: the per-file limit
 * and the memory budget shared with the uploads.
 */
export async function retrieveImages(
  client: DicomWebClient,
  studyInstanceUid: string,
  images: readonly ImageReference[],
  signal: AbortSignal,
  { maxFileBytes, reservation }: RetrievalLimits,
): Promise<Upload[]> {
  const uploads: Upload[] = [];
  for (const image of images) {
    const bytes = await client.retrieveInstance(studyInstanceUid, image.seriesInstanceUid, image.sopInstanceUid, { signal });
    if (bytes.byteLength > maxFileBytes) {
      throw new ApiError(
        'STUDY_NOT_ANALYSABLE',
        `Image ${image.sopInstanceUid} of study ${studyInstanceUid} is ${bytes.byteLength} bytes, above this server's limit of ${maxFileBytes} per file (MAX_FILE_BYTES).`,
      );
    }
    reservation.grow(bytes.byteLength);
    uploads.push({ filename: image.sopInstanceUid, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    signal.throwIfAborted();
  }
  return uploads;
}

function reference(instance: DicomJson, seriesInstanceUid: string): ImageReference[] {
  const sopInstanceUid = jsonString(instance, TAG.sopInstanceUid);
  const sopClassUid = jsonString(instance, TAG.sopClassUid);
  return sopInstanceUid && sopClassUid ? [{ seriesInstanceUid, sopInstanceUid, sopClassUid }] : [];
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
