import sharp from 'sharp';
import { CoreError } from './errors.js';
import { computeImageStatistics, type ImageStatistics } from './image-statistics.js';
import { sniffFormat, type ImageFormat } from './sniff-format.js';

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
}

/** An image decoded, oriented and resized to the model's input size. */
export interface DecodedImage {
  /** Format recognised from the bytes. */
  format: ImageFormat;
  /** Width of the original image after EXIF orientation. */
  width: number;
  /** Height of the original image after EXIF orientation. */
  height: number;
  /** Resized pixels, interleaved 8-bit RGB, `width * height * 3` bytes of the target size. */
  rgb: Uint8Array;
  /** Greyscale statistics of the resized pixels. */
  statistics: ImageStatistics;
}

/**
 * Decodes JPEG, PNG (8/16-bit, grey or colour), WebP or TIFF bytes into the RGB pixels the
 * model sees: EXIF orientation applied, alpha dropped, resized (stretched, as the original
 * API did) to the target size. This is the one preprocessing path, used by the server and
 * by the training pipeline alike.
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
      `${name}unsupported file type (${sniffed.kind}); send a JPEG, PNG, WebP or TIFF image.`,
    );
  }
  const maxInputPixels = options.maxInputPixels ?? DEFAULT_MAX_INPUT_PIXELS;
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sharpOptions = { failOn: 'error', limitInputPixels: false, pages: 1 } as const;

  let metadata: sharp.Metadata;
  try {
    metadata = await sharp(input, sharpOptions).metadata();
  } catch (error) {
    throw new CoreError('CORRUPT_IMAGE', `${name}the ${sniffed.format} data is damaged or truncated and cannot be read.`, {
      cause: error,
    });
  }
  const { width, height } = metadata;
  if (!width || !height) {
    throw new CoreError('CORRUPT_IMAGE', `${name}the ${sniffed.format} header has no valid dimensions.`);
  }
  // Checked on the header alone, so a small file that claims a huge canvas is refused
  // before any pixel is allocated.
  if (width * height > maxInputPixels) {
    throw new CoreError(
      'IMAGE_TOO_LARGE',
      `${name}the image is ${width}x${height} pixels; the limit is ${maxInputPixels} pixels.`,
    );
  }
  if ((metadata.pages ?? 1) > 1) {
    throw new CoreError(
      'UNSUPPORTED_IMAGE',
      `${name}the ${sniffed.format} holds ${metadata.pages} frames or pages; send a single still image.`,
    );
  }

  let data: Buffer;
  try {
    data = await sharp(input, { ...sharpOptions, limitInputPixels: maxInputPixels })
      .rotate()
      .removeAlpha()
      .resize(options.width, options.height, { fit: 'fill' })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer();
  } catch (error) {
    throw new CoreError('CORRUPT_IMAGE', `${name}the ${sniffed.format} data is damaged or truncated and cannot be decoded.`, {
      cause: error,
    });
  }
  const expected = options.width * options.height * 3;
  if (data.length !== expected) {
    throw new CoreError('CORRUPT_IMAGE', `${name}decoding gave ${data.length} bytes where ${expected} were expected.`);
  }
  const swapsSides = (metadata.orientation ?? 1) >= 5;
  const rgb = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return {
    format: sniffed.format,
    width: swapsSides ? height : width,
    height: swapsSides ? width : height,
    rgb,
    statistics: computeImageStatistics(rgb),
  };
}
