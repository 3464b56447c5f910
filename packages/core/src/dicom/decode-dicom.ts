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
import type { DataSet, Element } from 'dicom-parser';
import { CoreError } from '../errors.js';
import { checkDicomModality, type DicomTags, notAMammogramMessage } from '../input-check.js';
import { type DecodedFrame, decodeJpeg2000, decodeJpegBaseline, decodeJpegLossless, decodeJpegLs } from './codecs.js';
import { type DicomFraming, dicomFraming } from './framing.js';
import { isUsableWindow, toGreyLevels, type Voi, type VoiLutFunction } from './grey-levels.js';
import { parseDataSet, readHeader } from './parse-data-set.js';
import { decodeRle } from './rle.js';
import type { PixelCodec, TransferSyntax } from './transfer-syntax.js';

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

// Photometric interpretations named by PS3.3 C.7.6.3.1.2: a refusal may say which one it saw.
const KNOWN_PHOTOMETRIC = new Set([
  'MONOCHROME1',
  'MONOCHROME2',
  'PALETTE COLOR',
  'RGB',
  'HSV',
  'ARGB',
  'CMYK',
  'YBR_FULL',
  'YBR_FULL_422',
  'YBR_PARTIAL_422',
  'YBR_PARTIAL_420',
  'YBR_ICT',
  'YBR_RCT',
  'XYB',
]);

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

  const presentationIntent = codeString(dataSet, 'x00080068');
  if (presentationIntent === 'FOR PROCESSING' || (tags.sopClass !== undefined && FOR_PROCESSING_SOP_CLASSES.has(tags.sopClass)))
    throw new CoreError('UNSUPPORTED_IMAGE', `${name}${FOR_PROCESSING_MESSAGE}`);

  const pixelData = dataSet.elements.x7fe00010;
  if (!pixelData) {
    if (dataSet.elements.x7fe00008 || dataSet.elements.x7fe00009) {
      throw new CoreError('UNSUPPORTED_IMAGE', `${name}the DICOM image holds floating-point pixel data, which is not supported.`);
    }
    const what = isStructuredReport(dataSet) ? 'is a structured report and holds no image' : 'holds no image';
    throw new CoreError('UNSUPPORTED_IMAGE', `${name}the DICOM file ${what} (no Pixel Data, (7FE0,0010)); send a DICOM image.`);
  }

  const frames = dataSet.intString('x00280008') ?? 1;
  if (frames > 1) {
    throw new CoreError('UNSUPPORTED_IMAGE', `${name}the DICOM image holds ${frames} frames; send a single frame.`);
  }
  const rows = dataSet.uint16('x00280010') ?? 0;
  const columns = dataSet.uint16('x00280011') ?? 0;
  if (!rows || !columns) throw new CoreError('CORRUPT_IMAGE', `${name}the DICOM header has no valid dimensions.`);
  // Checked on the header alone, as for other formats: a small file that claims a huge
  // canvas is refused before any pixel is allocated.
  if (rows * columns > maxInputPixels) {
    throw new CoreError('IMAGE_TOO_LARGE', `${name}the image is ${columns}x${rows} pixels; the limit is ${maxInputPixels} pixels.`);
  }

  const layout = pixelLayout(dataSet, syntax, name);
  const info: DicomInfo = {
    ...optional('modality', tags.modality),
    ...optional('laterality', laterality(dataSet)),
    ...optional('view', codeString(dataSet, 'x00185101')),
    ...optional('presentationIntent', presentationIntent),
    ...optional('bodyPart', tags.bodyPart),
    ...optional('sopClass', tags.sopClass),
    photometricInterpretation: layout.photometric,
    bitsStored: layout.bitsStored,
    transferSyntax: syntax.name,
  };

  const decoded = await decodePixels(dataSet, pixelData, syntax, { rows, columns, ...layout }, name);
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
    ...rescale(dataSet),
    voi: chooseVoi(dataSet, layout.signed),
    invert: layout.photometric === 'MONOCHROME1',
  });
  return { width: columns, height: rows, channels: 1, pixels, info };
}

interface PixelLayout {
  samplesPerPixel: 1 | 3;
  photometric: string;
  bitsAllocated: 8 | 16;
  bitsStored: number;
  highBit: number;
  signed: boolean;
  planar: boolean;
}

function pixelLayout(dataSet: DataSet, syntax: TransferSyntax, name: string): PixelLayout {
  const photometric = (dataSet.string('x00280004') ?? '').trim();
  const samplesPerPixel = dataSet.uint16('x00280002') ?? 1;
  const grey = photometric === 'MONOCHROME1' || photometric === 'MONOCHROME2';
  // libjpeg-turbo turns YCbCr into RGB; the other codecs and native data are read as they are.
  const colour =
    photometric === 'RGB' || (syntax.codec === 'jpeg-baseline' && (photometric === 'YBR_FULL' || photometric === 'YBR_FULL_422'));
  if (!(grey && samplesPerPixel === 1) && !(colour && samplesPerPixel === 3)) {
    const named = photometric === '' ? '(none given)' : KNOWN_PHOTOMETRIC.has(photometric) ? photometric : '(not a defined term)';
    const samples = `${samplesPerPixel} sample${samplesPerPixel === 1 ? '' : 's'} per pixel`;
    throw new CoreError(
      'UNSUPPORTED_IMAGE',
      `${name}the DICOM photometric interpretation ${named} with ${samples} in ${syntax.name} is not supported; ` +
        'send MONOCHROME1, MONOCHROME2 or RGB.',
    );
  }
  const bitsAllocated = dataSet.uint16('x00280100');
  const bitsStored = dataSet.uint16('x00280101') ?? bitsAllocated;
  const highBit = dataSet.uint16('x00280102') ?? (bitsStored ?? 0) - 1;
  if ((bitsAllocated !== 8 && bitsAllocated !== 16) || bitsStored === undefined || bitsStored < 1 || bitsStored > bitsAllocated) {
    throw new CoreError(
      'UNSUPPORTED_IMAGE',
      `${name}DICOM pixels of ${bitsStored ?? '?'} bits stored in ${bitsAllocated ?? '?'} are not supported; send 8 or 16 bits allocated.`,
    );
  }
  if (highBit < bitsStored - 1 || highBit >= bitsAllocated) {
    throw new CoreError(
      'CORRUPT_IMAGE',
      `${name}the DICOM header's HighBit ${highBit} does not fit ${bitsStored} bits stored in ${bitsAllocated}.`,
    );
  }
  if (colour && bitsAllocated !== 8) {
    throw new CoreError('UNSUPPORTED_IMAGE', `${name}DICOM colour images of ${bitsAllocated} bits are not supported; send 8-bit RGB.`);
  }
  return {
    samplesPerPixel: colour ? 3 : 1,
    photometric,
    bitsAllocated,
    bitsStored,
    highBit,
    signed: dataSet.uint16('x00280103') === 1,
    planar: dataSet.uint16('x00280006') === 1,
  };
}

async function decodePixels(
  dataSet: DataSet,
  element: Element,
  syntax: TransferSyntax,
  layout: PixelLayout & { rows: number; columns: number },
  name: string,
): Promise<DecodedFrame> {
  const { rows, columns, samplesPerPixel, bitsAllocated } = layout;
  const bytesPerSample = bitsAllocated === 16 ? 2 : 1;
  const bytes = dataSet.byteArray;
  if (syntax.codec === 'native') {
    if (element.encapsulatedPixelData) {
      throw new CoreError('CORRUPT_IMAGE', `${name}the DICOM pixel data is encapsulated, which ${syntax.name} does not allow.`);
    }
    const needed = rows * columns * samplesPerPixel * bytesPerSample;
    const held = Math.max(0, Math.min(element.length, bytes.length - element.dataOffset));
    if (held < needed) {
      throw new CoreError('CORRUPT_IMAGE', `${name}the DICOM pixel data is truncated: it holds ${held} bytes where ${needed} are needed.`);
    }
    // A copy (not Buffer#slice, a view): aligned for 16-bit words, and free of the file's buffer.
    const copy = new Uint8Array(needed);
    copy.set(bytes.subarray(element.dataOffset, element.dataOffset + needed));
    let samples: Uint8Array | Uint16Array = bytesPerSample === 2 ? new Uint16Array(copy.buffer, copy.byteOffset, needed / 2) : copy;
    if (samplesPerPixel === 3 && layout.planar) samples = planesToPixels(samples, rows * columns);
    return { width: columns, height: rows, components: samplesPerPixel, samples };
  }

  const encoded = encapsulatedFrame(bytes, element, name);
  let decoded: DecodedFrame;
  try {
    decoded = await DECODERS[syntax.codec](encoded, { columns, rows, samplesPerPixel, bytesPerSample });
  } catch (error) {
    throw new CoreError('CORRUPT_IMAGE', `${name}the DICOM pixel data (${syntax.name}) is damaged or truncated and cannot be decoded.`, {
      cause: error,
    });
  }
  if (decoded.width !== columns || decoded.height !== rows || decoded.components !== samplesPerPixel) {
    throw new CoreError(
      'CORRUPT_IMAGE',
      `${name}the DICOM pixel data decodes to ${decoded.width}x${decoded.height} with ${decoded.components} samples per pixel ` +
        `where the header says ${columns}x${rows} with ${samplesPerPixel}.`,
    );
  }
  return decoded;
}

type FrameDecoder = (
  encoded: Uint8Array,
  frame: { columns: number; rows: number; samplesPerPixel: number; bytesPerSample: 1 | 2 },
) => DecodedFrame | Promise<DecodedFrame>;

const DECODERS: Record<Exclude<PixelCodec, 'native'>, FrameDecoder> = {
  'jpeg-baseline': (encoded) => decodeJpegBaseline(encoded),
  'jpeg-lossless': (encoded, frame) => decodeJpegLossless(encoded, frame.bytesPerSample),
  'jpeg-ls': (encoded) => decodeJpegLs(encoded),
  jpeg2000: (encoded) => decodeJpeg2000(encoded),
  rle: (encoded, frame) => decodeRle(encoded, frame.columns, frame.rows, frame.samplesPerPixel, frame.bytesPerSample),
};

/** The one frame of encapsulated pixel data: its fragments joined (PS3.5 A.4). */
function encapsulatedFrame(bytes: Uint8Array, element: Element, name: string): Uint8Array {
  const fragments = element.fragments ?? [];
  if (!element.encapsulatedPixelData || fragments.length === 0) {
    throw new CoreError('CORRUPT_IMAGE', `${name}the DICOM pixel data holds no compressed frame.`);
  }
  let total = 0;
  for (const fragment of fragments) {
    if (fragment.position + fragment.length > bytes.length) {
      throw new CoreError(
        'CORRUPT_IMAGE',
        `${name}the DICOM pixel data is truncated: a fragment of ${fragment.length} bytes runs ${fragment.position + fragment.length - bytes.length} bytes past the end of the file.`,
      );
    }
    total += fragment.length;
  }
  const frame = new Uint8Array(total);
  let at = 0;
  for (const fragment of fragments) {
    frame.set(bytes.subarray(fragment.position, fragment.position + fragment.length), at);
    at += fragment.length;
  }
  return frame;
}

function planesToPixels(samples: Uint8Array | Uint16Array, pixels: number): Uint8Array | Uint16Array {
  const out = samples instanceof Uint16Array ? new Uint16Array(samples.length) : new Uint8Array(samples.length);
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < pixels; i++) out[3 * i + c] = samples[c * pixels + i] ?? 0;
  }
  return out;
}

function rescale(dataSet: DataSet): { slope: number; intercept: number } {
  const slope = dataSet.floatString('x00281053');
  const intercept = dataSet.floatString('x00281052');
  return {
    // A slope of 0 would flatten the image: read as absent.
    slope: slope !== undefined && Number.isFinite(slope) && slope !== 0 ? slope : 1,
    intercept: intercept !== undefined && Number.isFinite(intercept) ? intercept : 0,
  };
}

/** The first usable window, else the first VOI LUT Sequence item, else the full range of the stored bits. */
function chooseVoi(dataSet: DataSet, signed: boolean): Voi {
  const named = (dataSet.string('x00281056') ?? '').trim();
  const fn: VoiLutFunction = named === 'LINEAR_EXACT' || named === 'SIGMOID' ? named : 'LINEAR';
  const center = dataSet.floatString('x00281050', 0);
  const width = dataSet.floatString('x00281051', 0);
  if (center !== undefined && width !== undefined && Number.isFinite(center) && isUsableWindow(width, fn)) {
    return { kind: 'window', center, width, function: fn };
  }
  const item = dataSet.elements.x00283010?.items?.[0]?.dataSet;
  const descriptor = item?.elements.x00283002;
  const lutData = item?.elements.x00283006;
  if (item && descriptor && descriptor.length >= 6 && lutData) {
    const entries = item.uint16('x00283002', 0) || 65536;
    // The first value mapped is US or SS as the pixels are unsigned or signed (C.11.2.1.1).
    const firstMapped = (signed ? item.int16('x00283002', 1) : item.uint16('x00283002', 1)) ?? 0;
    const bitsPerEntry = item.uint16('x00283002', 2) ?? 16;
    const data = lutEntries(item.byteArray, lutData, entries);
    if (data.length > 0) return { kind: 'table', firstMapped, bitsPerEntry, data };
  }
  return { kind: 'range' };
}

function lutEntries(bytes: Uint8Array, element: Element, entries: number): Uint16Array {
  const held = Math.max(0, Math.min(element.length, bytes.length - element.dataOffset));
  const at = element.dataOffset;
  // One 16-bit word an entry (US or OW); a table shorter than its descriptor is not used.
  if (held < 2 * entries) return new Uint16Array(0);
  const data = new Uint16Array(entries);
  for (let i = 0; i < entries; i++) data[i] = (bytes[at + 2 * i] ?? 0) | ((bytes[at + 2 * i + 1] ?? 0) << 8);
  return data;
}

/** A CS value (PS3.5 6.2: capitals, digits, space, underscore, at most 16), else undefined: a value of any other form is not reported. */
function codeString(dataSet: DataSet, tag: string): string | undefined {
  const value = dataSet.string(tag)?.trim();
  return value && /^[A-Z0-9_ ]{1,16}$/.test(value) ? value : undefined;
}

/** A UI value (PS3.5 6.2: digits and dots, at most 64), else undefined. */
function uid(dataSet: DataSet, tag: string): string | undefined {
  const value = dataSet.string(tag)?.replace(/\0+$/, '').trim();
  return value && /^[0-9.]{1,64}$/.test(value) ? value : undefined;
}

/** What the tags say the image is: Modality, BodyPartExamined and SOPClassUID (checked against their VRs' forms). */
function imageKind(dataSet: DataSet): DicomTags {
  return { modality: codeString(dataSet, 'x00080060'), bodyPart: codeString(dataSet, 'x00180015'), sopClass: uid(dataSet, 'x00080016') };
}

function laterality(dataSet: DataSet): 'L' | 'R' | undefined {
  for (const tag of ['x00200062', 'x00200060']) {
    const value = dataSet.string(tag)?.trim();
    if (value === 'L' || value === 'R') return value;
  }
  return undefined;
}

function isStructuredReport(dataSet: DataSet): boolean {
  return dataSet.string('x00080016')?.startsWith('1.2.840.10008.5.1.4.1.1.88.') === true || codeString(dataSet, 'x00080060') === 'SR';
}

function optional<K extends string, V>(key: K, value: V | undefined): { [key in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [key in K]: V });
}
