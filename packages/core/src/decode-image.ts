import sharp from 'sharp';
import { type DicomInfo, decodeDicomFile } from './dicom/decode-dicom.js';
import type { DicomDecoder } from './dicom/decode-pool.js';
import { CoreError } from './errors.js';
import { computeImageStatistics, type ImageStatistics } from './image-statistics.js';
import { normaliseMammogram, type ViewGeometry } from './mammogram-view.js';
import { type ImageFormat, sniffFormat } from './sniff-format.js';

/** Default ceiling on decoded pixels: a full-field digital mammogram is about 14 Mpx. */
export const DEFAULT_MAX_INPUT_PIXELS = 100_000_000;

/** Longest side of the grey working image that mammogram preprocessing crops from. */
export const MAMMOGRAM_WORKING_SIZE = 1024;

/**
 * How an image becomes the model's input: `stretch` resizes the whole image to the input size
 * (the original API's way); `mammogram` normalises polarity, puts the chest wall on the left,
 * crops to the breast and keeps its aspect on a black square (see mammogram-view.ts).
 */
export type Preprocessing = 'stretch' | 'mammogram';

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

/** The image as a person sees it (oriented, 8-bit RGB, interleaved), at the size asked for. */
export interface DisplayImage {
  data: Uint8Array;
  width: number;
  height: number;
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
  /**
   * Greyscale statistics of the resized pixels (`stretch`), or of the grey working image
   * before polarity and cropping (`mammogram`), so that they describe the image as sent.
   */
  statistics: ImageStatistics;
  /** With `mammogram` preprocessing: how the model's input maps back onto the image. */
  view?: ViewGeometry;
  /** For a DICOM file: what its tags say about the image (never about the patient). */
  dicom?: DicomInfo;
  /** With `displaySide`: the image to draw on. */
  display?: DisplayImage;
}

/**
 * A decoded or decodable image at its full size, whatever its container: `open` gives the sharp
 * pipeline that every format then goes through, oriented and without alpha.
 */
interface Source {
  format: ImageFormat;
  /** Size after EXIF orientation. */
  width: number;
  height: number;
  open: () => sharp.Sharp;
  dicom?: DicomInfo;
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
      ? await dicomSource(bytes, name, maxInputPixels, options.dicomDecoder)
      : await fileSource(bytes, sniffed.format, name, maxInputPixels);

  const image =
    options.preprocessing === 'mammogram' ? await decodeMammogram(source, options, name) : await decodeStretched(source, options, name);
  const withInfo = source.dicom ? { ...image, dicom: source.dicom } : image;
  return options.displaySide ? { ...withInfo, display: await displayOf(source, options.displaySide, name) } : withInfo;
}

/** The model's input by the original API's way: the whole image resized to the input size. */
async function decodeStretched(source: Source, options: DecodeOptions, name: string): Promise<DecodedImage> {
  let data: Buffer;
  try {
    data = await source
      .open()
      .resize(options.width, options.height, { fit: 'fill' })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer();
  } catch (error) {
    throw corrupt(name, source.format, error);
  }
  const expected = options.width * options.height * 3;
  if (data.length !== expected) {
    throw new CoreError('CORRUPT_IMAGE', `${name}decoding gave ${data.length} bytes where ${expected} were expected.`);
  }
  const rgb = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return { format: source.format, width: source.width, height: source.height, rgb, statistics: computeImageStatistics(rgb) };
}

/** The source at `side` pixels on its long side (enlarged or shrunk), in 8-bit RGB. */
async function displayOf(source: Source, side: number, name: string): Promise<DisplayImage> {
  try {
    const { data, info } = await source
      .open()
      .resize({ width: side, height: side, fit: 'inside' })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`expected 3 channels, got ${info.channels}`);
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
  } catch (error) {
    throw corrupt(name, source.format, error);
  }
}

/** A file sharp decodes (JPEG, PNG, WebP, TIFF), checked from its header before any pixel is decoded. */
async function fileSource(bytes: Uint8Array, format: ImageFormat, name: string, maxInputPixels: number): Promise<Source> {
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sharpOptions = { failOn: 'error', limitInputPixels: false, pages: 1 } as const;

  let metadata: sharp.Metadata;
  try {
    metadata = await sharp(input, sharpOptions).metadata();
  } catch (error) {
    throw new CoreError('CORRUPT_IMAGE', `${name}the ${format} data is damaged or truncated and cannot be read.`, {
      cause: error,
    });
  }
  const { width, height } = metadata;
  if (!width || !height) {
    throw new CoreError('CORRUPT_IMAGE', `${name}the ${format} header has no valid dimensions.`);
  }
  // Checked on the header alone, so a small file that claims a huge canvas is refused
  // before any pixel is allocated.
  if (width * height > maxInputPixels) {
    throw new CoreError('IMAGE_TOO_LARGE', `${name}the image is ${width}x${height} pixels; the limit is ${maxInputPixels} pixels.`);
  }
  if ((metadata.pages ?? 1) > 1) {
    throw new CoreError('UNSUPPORTED_IMAGE', `${name}the ${format} holds ${metadata.pages} frames or pages; send a single still image.`);
  }
  return {
    format,
    ...orientedSize(metadata),
    open: () =>
      sharp(input, { ...sharpOptions, limitInputPixels: maxInputPixels })
        .rotate()
        .removeAlpha(),
  };
}

/** A DICOM file, turned into 8-bit grey or RGB by its own pipeline (its checks come before any pixel is decoded). */
async function dicomSource(bytes: Uint8Array, name: string, maxInputPixels: number, decoder: DicomDecoder | undefined): Promise<Source> {
  const { width, height, channels, pixels, info } = decoder
    ? await decoder.decode(bytes, name, maxInputPixels)
    : await decodeDicomFile(bytes, { name, maxInputPixels });
  return {
    format: 'DICOM',
    width,
    height,
    open: () => sharp(pixels, { raw: { width, height, channels }, limitInputPixels: maxInputPixels }),
    dicom: info,
  };
}

async function decodeMammogram(source: Source, options: DecodeOptions, name: string): Promise<DecodedImage> {
  if (options.width !== options.height) {
    throw new RangeError(`mammogram preprocessing needs a square input, got ${options.width}x${options.height}`);
  }
  let grey: Buffer;
  let info: sharp.OutputInfo;
  try {
    ({ data: grey, info } = await source
      .open()
      .resize(MAMMOGRAM_WORKING_SIZE, MAMMOGRAM_WORKING_SIZE, { fit: 'inside', withoutEnlargement: true })
      // Not .greyscale(): on a 16-bit 3328x4096 PNG it took 430 ms against 175 ms, for the same
      // bytes on every 8-bit image checked (360 training images).
      .toColourspace('b-w')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true }));
  } catch (error) {
    throw corrupt(name, source.format, error);
  }
  if (info.channels !== 1 || grey.length !== info.width * info.height) {
    throw new CoreError('CORRUPT_IMAGE', `${name}decoding gave ${info.channels} channels where one grey channel was expected.`);
  }
  const working = new Uint8Array(grey.buffer, grey.byteOffset, grey.byteLength);
  const view = normaliseMammogram(working, info.width, info.height);
  const square = await sharp(view.pixels, { raw: { width: view.geometry.canvas, height: view.geometry.canvas, channels: 1 } })
    .resize(options.width, options.height, { fit: 'fill' })
    .toColourspace('b-w')
    .raw({ depth: 'uchar' })
    .toBuffer();
  if (square.length !== options.width * options.height) {
    throw new CoreError(
      'CORRUPT_IMAGE',
      `${name}resizing gave ${square.length} bytes where ${options.width * options.height} were expected.`,
    );
  }
  const rgb = new Uint8Array(square.length * 3);
  for (let i = 0; i < square.length; i++) {
    const value = square[i] ?? 0;
    rgb[3 * i] = value;
    rgb[3 * i + 1] = value;
    rgb[3 * i + 2] = value;
  }
  return {
    format: source.format,
    width: source.width,
    height: source.height,
    rgb,
    statistics: computeImageStatistics(working, 1),
    view: view.geometry,
  };
}

function orientedSize({ width, height, orientation = 1 }: sharp.Metadata): { width: number; height: number } {
  // EXIF orientations 5 to 8 turn the image a quarter.
  return orientation >= 5 ? { width: height, height: width } : { width, height };
}

function corrupt(name: string, format: ImageFormat, cause: unknown): CoreError {
  return new CoreError('CORRUPT_IMAGE', `${name}the ${format} data is damaged or truncated and cannot be decoded.`, { cause });
}
