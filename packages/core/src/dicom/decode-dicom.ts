/**
 * Reads one DICOM image (PS3.10 file, with or without its preamble, or a bare data set) into
 * 8-bit grey or RGB pixels that the core's one preprocessing path then takes as any image.
 *
 * Policy, documented in ./README.md:
 * - FOR PROCESSING images (PresentationIntentType, (0008,0068)) are refused: they are raw
 *   detector data, not meant to be looked at or classified; the scanner makes the FOR
 *   PRESENTATION image from them.
 * - One frame only; no pixel data (a structured report, say) is refused as such.
 * - Nothing that identifies a patient is read: DicomInfo holds image facts only, each checked
 *   against its VR's form, and no message quotes a value of the data set (the transfer syntax
 *   is named by its UID only when it is one).
 */
import { CoreError } from '../errors.js';
import { checkDicomModality, type DicomTags, notAMammogramMessage } from '../input-check.js';
import { codeString, type DicomInfo, imageKind, isStructuredReport, readDicomInfo } from './dicom-info.js';
import { type DicomFraming, dicomFraming } from './framing.js';
import { toGreyLevels } from './grey-levels.js';
import { parseDataSet, readHeader } from './parse-data-set.js';
import { decodePixelData } from './pixel-data.js';
import { readPixelLayout } from './pixel-layout.js';
import { TAG } from './tags.js';
import { readRescale, readVoi } from './voi.js';

/** A DICOM image in 8-bit grey (one channel) or RGB (three), row-major. */
export interface DicomImage {
  width: number;
  height: number;
  channels: 1 | 3;
  pixels: Uint8Array;
  info: DicomInfo;
}

/** Options of {@link decodeDicom}. */
export interface DicomDecodeOptions {
  /** `"file.dcm: "` or empty: the prefix of every message. */
  name: string;
  /** Rows x Columns above this are refused from the header, before any pixel is decoded. */
  maxInputPixels: number;
  /**
   * Refuse a file whose tags say it is not a mammogram (NOT_A_MAMMOGRAM, the input check's
   * DICOM rule) once its header is read, before its pixels are decoded.
   */
  refuseNonMammograms?: boolean;
}

/** Digital Mammography and Breast Projection X-Ray Image Storage, For Processing (PS3.4 B.5): raw detector data. */
const FOR_PROCESSING_SOP_CLASSES = new Set(['1.2.840.10008.5.1.4.1.1.1.2.1', '1.2.840.10008.5.1.4.1.1.13.1.5']);

const FOR_PROCESSING_MESSAGE = 'a FOR PROCESSING image is raw detector data; send the FOR PRESENTATION image the scanner made from it.';

/**
 * {@link decodeDicom} from the file's bytes alone: finds its framing first (a file that is not
 * DICOM Part 10, nor a bare data set, is CORRUPT_IMAGE).
 *
 * @example
 * const image = await decodeDicomFile(bytes, { name: 'scan.dcm: ', maxInputPixels: 100e6 });
 */
export function decodeDicomFile(bytes: Uint8Array, options: DicomDecodeOptions): Promise<DicomImage> {
  const framing = dicomFraming(bytes);
  if (!framing) throw new CoreError('CORRUPT_IMAGE', `${options.name}the DICOM framing cannot be read.`);
  return decodeDicom(bytes, framing, options);
}

/**
 * Decodes a DICOM file's single frame. Every refusal is a CoreError naming the file: an
 * unsupported transfer syntax or photometric interpretation, a FOR PROCESSING image, no pixel
 * data, several frames (UNSUPPORTED_IMAGE); too many pixels (IMAGE_TOO_LARGE); a data set or
 * pixel data that is damaged or truncated (CORRUPT_IMAGE).
 *
 * @example
 * const image = await decodeDicom(bytes, dicomFraming(bytes)!, { name: 'scan.dcm: ', maxInputPixels: 100e6 });
 * image.info.view; // 'MLO'
 */
export async function decodeDicom(bytes: Uint8Array, framing: DicomFraming, options: DicomDecodeOptions): Promise<DicomImage> {
  const { name, maxInputPixels, refuseNonMammograms = false } = options;
  const refuseIfNotMammogram = (tags: DicomTags): void => {
    if (!refuseNonMammograms) return;
    const rule = checkDicomModality(tags);
    if (!rule.passed) throw new CoreError('NOT_A_MAMMOGRAM', notAMammogramMessage(name, rule.detail));
  };
  // First from the header alone: a CT in a transfer syntax this reader lacks is still named for what it is.
  const header = refuseNonMammograms ? readHeader(bytes, framing) : undefined;
  if (header) refuseIfNotMammogram(imageKind(header));
  // A deflated data set holds at most the pixels allowed, 16-bit RGB, plus its tags.
  const { dataSet, syntax } = parseDataSet(bytes, framing, { name, maxInflatedBytes: maxInputPixels * 6 + 16 * 2 ** 20 });
  const tags = imageKind(dataSet);
  // The header could not be read on its own (a deflated data set): its tags now.
  if (!header) refuseIfNotMammogram(tags);

  const forProcessing = tags.sopClass !== undefined && FOR_PROCESSING_SOP_CLASSES.has(tags.sopClass);
  if (forProcessing || codeString(dataSet, TAG.PresentationIntentType) === 'FOR PROCESSING')
    throw new CoreError('UNSUPPORTED_IMAGE', `${name}${FOR_PROCESSING_MESSAGE}`);

  const pixelData = dataSet.elements[TAG.PixelData];
  if (!pixelData) {
    if (dataSet.elements[TAG.FloatPixelData] || dataSet.elements[TAG.DoubleFloatPixelData]) {
      throw new CoreError('UNSUPPORTED_IMAGE', `${name}the DICOM image holds floating-point pixel data, which is not supported.`);
    }
    const what = isStructuredReport(dataSet) ? 'is a structured report and holds no image' : 'holds no image';
    throw new CoreError('UNSUPPORTED_IMAGE', `${name}the DICOM file ${what} (no Pixel Data, (7FE0,0010)); send a DICOM image.`);
  }

  const frames = dataSet.intString(TAG.NumberOfFrames) ?? 1;
  if (frames > 1) {
    throw new CoreError('UNSUPPORTED_IMAGE', `${name}the DICOM image holds ${frames} frames; send a single frame.`);
  }
  const rows = dataSet.uint16(TAG.Rows) ?? 0;
  const columns = dataSet.uint16(TAG.Columns) ?? 0;
  if (!rows || !columns) throw new CoreError('CORRUPT_IMAGE', `${name}the DICOM header has no valid dimensions.`);
  // Checked on the header alone, as for other formats: a small file that claims a huge
  // canvas is refused before any pixel is allocated.
  if (rows * columns > maxInputPixels) {
    throw new CoreError('IMAGE_TOO_LARGE', `${name}the image is ${columns}x${rows} pixels; the limit is ${maxInputPixels} pixels.`);
  }

  const layout = readPixelLayout(dataSet, syntax, name);
  const info = readDicomInfo(dataSet, tags, {
    photometricInterpretation: layout.photometric,
    bitsStored: layout.bitsStored,
    transferSyntax: syntax.name,
  });

  const decoded = await decodePixelData(dataSet, pixelData, syntax, { rows, columns, ...layout }, name);
  if (layout.samplesPerPixel === 3) {
    if (!(decoded.samples instanceof Uint8Array)) {
      throw new CoreError('CORRUPT_IMAGE', `${name}the DICOM pixel data decodes to 16-bit samples where the header says 8.`);
    }
    return { width: columns, height: rows, channels: 3, pixels: decoded.samples, info };
  }
  const pixels = toGreyLevels(decoded.samples, {
    bitsStored: layout.bitsStored,
    // Codecs hand back the stored bits at bit 0; only native data may sit higher in its word.
    shift: syntax.codec === 'native' ? layout.highBit + 1 - layout.bitsStored : 0,
    signed: layout.signed,
    ...readRescale(dataSet),
    voi: readVoi(dataSet, layout.signed),
    invert: layout.photometric === 'MONOCHROME1',
  });
  return { width: columns, height: rows, channels: 1, pixels, info };
}
