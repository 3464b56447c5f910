import { dicomDate, dicomTime, UTC_OFFSET } from '../internal/dicom-datetime.js';
import { writePart10 } from '../internal/part10.js';
import { type AlgorithmIdentity, equipmentElements, lo } from './algorithm-identity.js';
import type { ImageReference } from './analysis-input.js';
import { patientAndStudyModules, type StudyIdentity } from './study-identity.js';

/** The SOP Class UID of Secondary Capture Image Storage. */
export const SECONDARY_CAPTURE_SOP_CLASS = '1.2.840.10008.5.1.4.1.1.7';

/** The series number of the overlays: after the analysis SR's. */
export const CAPTURE_SERIES_NUMBER = 9002;

/** One image's heatmap overlay and where it goes. */
export interface OverlayCaptureInput {
  identity: StudyIdentity;
  source: ImageReference & { laterality: 'L' | 'R'; view?: string };
  /** The overlay as drawn by the server: RGB, interleaved by pixel, row by row. */
  pixels: { data: Uint8Array; width: number; height: number };
  uids: { series: string; instance: string };
  instanceNumber: number;
  algorithm: AlgorithmIdentity;
  contentDate: Date;
}

/** Thrown when the pixels do not match their stated size; a capture of the wrong size would show garbage. */
export class OverlayCaptureError extends Error {
  override readonly name = 'OverlayCaptureError';
  readonly code = 'PIXELS_MISMATCH' as const;
}

/**
 * One image's heatmap overlay as a Secondary Capture Image (1.2.840.10008.5.1.4.1.1.7) referencing its source image, a Part 10 file.
 *
 * dcmjs has no Secondary Capture builder (its derivations make Segmentations and Parametric Maps from a
 * source data set we do not hold here), so the data set is written out by hand, module by module.
 */
export function writeOverlayCapture(input: OverlayCaptureInput): Uint8Array {
  const { data, width, height } = input.pixels;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || data.length !== width * height * 3) {
    throw new OverlayCaptureError(`expected ${width}x${height} RGB pixels (${width * height * 3} bytes), got ${data.length} bytes`);
  }
  const at = input.contentDate;
  const { algorithm, source } = input;
  const view = source.view?.trim();
  // A copy: the caller's view may sit in a larger (or shared) buffer.
  const pixels = new Uint8Array(data).buffer;
  return writePart10({
    _vrMap: { PixelData: 'OB' },
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: SECONDARY_CAPTURE_SOP_CLASS,
    SOPInstanceUID: input.uids.instance,
    InstanceCreationDate: dicomDate(at),
    InstanceCreationTime: dicomTime(at),
    TimezoneOffsetFromUTC: UTC_OFFSET,
    ...patientAndStudyModules(input.identity),
    // General Series: OT, the modality of a capture that is no acquisition.
    Modality: 'OT',
    SeriesInstanceUID: input.uids.series,
    SeriesNumber: CAPTURE_SERIES_NUMBER,
    SeriesDate: dicomDate(at),
    SeriesTime: dicomTime(at),
    SeriesDescription: lo(`AI heatmap overlays: ${algorithm.name} (research only)`),
    ...equipmentElements(algorithm, at),
    // SC Equipment: WSD, a workstation drew it.
    ConversionType: 'WSD',
    SecondaryCaptureDeviceManufacturer: lo(algorithm.manufacturer),
    SecondaryCaptureDeviceManufacturerModelName: lo(algorithm.name),
    SecondaryCaptureDeviceSoftwareVersions: [lo(algorithm.version), lo(algorithm.softwareVersion)],
    // General Image.
    InstanceNumber: input.instanceNumber,
    PatientOrientation: '',
    ContentDate: dicomDate(at),
    ContentTime: dicomTime(at),
    ImageType: ['DERIVED', 'SECONDARY'],
    ImageLaterality: source.laterality,
    DerivationDescription: lo(`Heatmap of ${algorithm.name} ${algorithm.version} over ${source.laterality}${view ? `-${view}` : ''}`),
    SourceImageSequence: [{ ReferencedSOPClassUID: source.sopClassUid, ReferencedSOPInstanceUID: source.sopInstanceUid }],
    // The overlay carries a legend band with text drawn into its pixels.
    BurnedInAnnotation: 'YES',
    LossyImageCompression: '00',
    // Image Pixel: 8-bit RGB, interleaved by pixel (PlanarConfiguration 0), as the server draws it.
    SamplesPerPixel: 3,
    PhotometricInterpretation: 'RGB',
    PlanarConfiguration: 0,
    Rows: height,
    Columns: width,
    BitsAllocated: 8,
    BitsStored: 8,
    HighBit: 7,
    PixelRepresentation: 0,
    // SC Image.
    DateOfSecondaryCapture: dicomDate(at),
    TimeOfSecondaryCapture: dicomTime(at),
    PixelData: [pixels],
  });
}
