// A screening mammography study as a modality sends it: four views, one series each, written by
// the kit's DICOM generator (write-dicom.py) with UIDs derived from the study's.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DICOM_IDENTIFIERS, writeDicom } from './dicom-files.js';
import { imagesDir } from './fixtures.js';
import { filmPath, miniMiasDir, warnSkipped } from './shared-data.js';

/** The study to write: its UID, the patient's identity (default the kit's {@link DICOM_IDENTIFIERS}) and the four images. */
export interface MammographyStudyOptions {
  studyInstanceUid: string;
  patientId?: string;
  patientName?: string;
  accessionNumber?: string;
  /** Four grey images (8-bit, row-major) for L-CC, L-MLO, R-CC, R-MLO, each { data, width, height }. */
  images: ReadonlyArray<GreyImage>;
}

/** An 8-bit grey image, row-major, one byte a pixel. */
export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** One written view: its file and the UIDs it carries. */
export interface MammographyStudyFile {
  path: string;
  laterality: 'L' | 'R';
  view: 'CC' | 'MLO';
  seriesInstanceUid: string;
  sopInstanceUid: string;
}

/** The views in the order of `images`: the order a screening study is read in. */
const VIEWS: ReadonlyArray<{ laterality: 'L' | 'R'; view: 'CC' | 'MLO' }> = [
  { laterality: 'L', view: 'CC' },
  { laterality: 'L', view: 'MLO' },
  { laterality: 'R', view: 'CC' },
  { laterality: 'R', view: 'MLO' },
];

/**
 * Writes a 4-view MG study (Digital Mammography X-Ray For Presentation, one series per view) with
 * the test-kit's DICOM generator into `dir`; returns the files. View n (1 to 4) has Series
 * Instance UID `<study>.<n>` and SOP Instance UID `<study>.<n>.1`, so a study UID of at most 60
 * characters keeps every UID within the 64 that DICOM allows. All four carry the same patient and
 * study, so a PACS files them as one study.
 *
 * @example
 * const files = writeMammographyStudy(dir, { studyInstanceUid: '1.2.826.0.1.3680043.10.1001.5', images });
 * storeScu(orthanc, files.map((file) => file.path));
 */
export function writeMammographyStudy(dir: string, options: MammographyStudyOptions): MammographyStudyFile[] {
  const study = options.studyInstanceUid;
  if (options.images.length !== VIEWS.length) throw new Error(`a 4-view study needs 4 images, got ${options.images.length}`);
  if (study.length > 60 || !/^[0-9]+(\.[0-9]+)*$/.test(study)) throw new Error(`not a UID of at most 60 characters: ${study}`);
  mkdirSync(dir, { recursive: true });
  return VIEWS.map(({ laterality, view }, index) => {
    const image = options.images[index];
    if (!image) throw new Error(`image ${index} is missing`);
    if (image.data.byteLength !== image.width * image.height)
      throw new Error(`image ${index}: ${image.data.byteLength} bytes for ${image.width}x${image.height} 8-bit pixels`);
    const n = index + 1;
    const seriesInstanceUid = `${study}.${n}`;
    const sopInstanceUid = `${seriesInstanceUid}.1`;
    const path = join(dir, `${laterality}-${view}.dcm`);
    writeDicom(
      path,
      {
        rows: image.height,
        columns: image.width,
        bitsAllocated: 8,
        bitsStored: 8,
        photometricInterpretation: 'MONOCHROME2',
        ImageLaterality: laterality,
        ViewPosition: view,
        PresentationIntentType: 'FOR PRESENTATION',
        BodyPartExamined: 'BREAST',
        identifying: {
          ...DICOM_IDENTIFIERS,
          ...(options.patientId === undefined ? {} : { PatientID: options.patientId }),
          ...(options.patientName === undefined ? {} : { PatientName: options.patientName }),
          ...(options.accessionNumber === undefined ? {} : { AccessionNumber: options.accessionNumber }),
          StudyInstanceUID: study,
          SeriesInstanceUID: seriesInstanceUid,
          SOPInstanceUID: sopInstanceUid,
          FrameOfReferenceUID: `${seriesInstanceUid}.2`,
          // write-dicom.py sets any keyword given here; IS values as their text.
          SeriesNumber: String(n),
          InstanceNumber: '1',
          SeriesDescription: `${laterality} ${view}`,
        },
      },
      image.data,
    );
    return { path, laterality, view, seriesInstanceUid, sopInstanceUid };
  });
}

/**
 * Four films for {@link writeMammographyStudy}: the real mini-MIAS films mdb001 to mdb004
 * (1024x1024) decoded by sharp when the films are present, else the committed synthetic
 * breast-grey.png four times, after {@link warnSkipped} has said (or, in CI, failed the run)
 * that `what` ran without real films.
 */
export async function mammographyStudyImages(what: string): Promise<GreyImage[]> {
  // Loaded here, not at the top: most users of the kit never decode an image.
  const { default: sharp } = await import('sharp');
  const ids = ['mdb001', 'mdb002', 'mdb003', 'mdb004'];
  if (!miniMiasDir) warnSkipped(`${what} (the synthetic breast-grey.png stands in for the four films)`);
  const paths = miniMiasDir ? ids.map((id) => filmPath(id)) : ids.map(() => join(imagesDir, 'breast-grey.png'));
  return Promise.all(
    paths.map(async (path) => {
      const { data, info } = await sharp(path).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
      if (info.channels !== 1) throw new Error(`${path}: ${info.channels} channels after the grey conversion`);
      return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
    }),
  );
}
