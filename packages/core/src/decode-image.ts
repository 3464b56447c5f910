import type { DecodedImage, Preprocessing } from './decoded-image.js';
import type { DicomDecoder } from './dicom/decode-pool.js';
import { CoreError } from './errors.js';
import { checkImageRules } from './input-check.js';
import { dicomSource, fileSource } from './internal/image-source.js';
import { decodeMammogram, decodeStretched, displayOf } from './internal/preprocess-image.js';
import { sniffFormat } from './sniff-format.js';

/** Default ceiling on decoded pixels: a full-field digital mammogram is about 14 Mpx. */
export const DEFAULT_MAX_INPUT_PIXELS = 100_000_000;

/** Options for {@link decodeImage}. */
export interface DecodeOptions {
  /** Width the image is resized to (the model's input width). */
  width: number;
  /** Height the image is resized to (the model's input height). */
  height: number;
  /** Refuse images whose header declares more pixels than this, before decoding them. */
  maxInputPixels?: number;
  /** Used in error messages so that a user knows which file failed. */
  filename?: string;
  /**
   * Refuse a DICOM file whose tags say it is not a mammogram (CoreError NOT_A_MAMMOGRAM) as
   * soon as its header is read, before its pixels are decoded; without it, the finding is
   * only reported in `inputChecks`.
   */
  refuseNonMammograms?: boolean;
  /** `stretch` (default) or `mammogram`; the latter needs a square input size. */
  preprocessing?: Preprocessing;
  /** Decodes DICOM files off this thread (a classifier passes its own); without one they are decoded here. */
  dicomDecoder?: DicomDecoder;
  /**
   * Also keep the image, oriented, in 8-bit RGB at this many pixels on its long side (`display`),
   * to draw on: an overlay then needs no second decode of the file.
   */
  displaySide?: number;
}

/**
 * Decodes JPEG, PNG (8/16-bit, grey or colour), WebP, TIFF or DICOM bytes into the RGB pixels
 * the model sees: EXIF orientation applied, alpha dropped, resized (stretched, as the original
 * API did) to the target size. DICOM is first turned into 8-bit grey (or RGB) by its own
 * pixel pipeline (./dicom/decode-dicom.ts: rescale, VOI window, MONOCHROME1), then follows the
 * same path. This is the one preprocessing path, used by the server and by the training
 * pipeline alike.
 *
 * @example
 * const image = await decodeImage(bytes, { width: 224, height: 224 });
 * image.statistics.meanIntensity; // 0-255
 */
export async function decodeImage(bytes: Uint8Array, options: DecodeOptions): Promise<DecodedImage> {
  const name = options.filename ? `${options.filename}: ` : '';
  if (bytes.length === 0) throw new CoreError('EMPTY_FILE', `${name}the file is empty.`);
  const sniffed = sniffFormat(bytes);
  if (!sniffed.supported) {
    throw new CoreError(
      'UNSUPPORTED_IMAGE',
      `${name}unsupported file type (${sniffed.kind}); send a JPEG, PNG, WebP, TIFF or DICOM image.`,
    );
  }
  const maxInputPixels = options.maxInputPixels ?? DEFAULT_MAX_INPUT_PIXELS;
  const source =
    sniffed.format === 'DICOM'
      ? await dicomSource(bytes, { name, maxInputPixels, refuseNonMammograms: options.refuseNonMammograms ?? false }, options.dicomDecoder)
      : await fileSource(bytes, sniffed.format, name, maxInputPixels);

  const { image, measures } =
    options.preprocessing === 'mammogram' ? await decodeMammogram(source, options, name) : await decodeStretched(source, options, name);
  const decoded: DecodedImage = {
    ...image,
    ...(source.dicom ? { dicom: source.dicom } : {}),
    inputChecks: checkImageRules(measures, source.dicom),
  };
  return options.displaySide ? { ...decoded, display: await displayOf(source, options.displaySide, name) } : decoded;
}
