import sharp from 'sharp';
import { type DicomDecodeOptions, type DicomInfo, decodeDicomFile } from './dicom/decode-dicom.js';
import type { DicomDecoder } from './dicom/decode-pool.js';
import { CoreError } from './errors.js';
import { computeImageStatistics, type ImageStatistics } from './image-statistics.js';
import { checkImageRules, type ImageMeasures, measureImage, type RuleCheck } from './input-check.js';
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
  /**
   * The input check's rules (DICOM modality, size, grey range, colourfulness), measured on this
   * decode: whether the upload looks like a mammogram at all. The caller decides what a failure means.
   */
  inputChecks: RuleCheck[];
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
  /** True when the pixels have colour channels (RGB), false for grey. */
  colour: boolean;
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

/** A preprocessing's result: the image without its checks, and what the checks are made from. */
interface Preprocessed {
  image: Omit<DecodedImage, 'inputChecks' | 'dicom' | 'display'>;
  measures: ImageMeasures;
}

/** The model's input by the original API's way: the whole image resized to the input size. */
async function decodeStretched(source: Source, options: DecodeOptions, name: string): Promise<Preprocessed> {
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
  const size = { width: source.width, height: source.height };
  return {
    image: { format: source.format, ...size, rgb, statistics: computeImageStatistics(rgb) },
    measures: await measureStretched(source, name, size),
  };
}

/**
 * The rule measures of a source for `stretch` preprocessing, on the image at up to
 * MAMMOGRAM_WORKING_SIZE on its long side: not on the model's input, whose size is the
 * model's (a 32 px input averages noise into a flat grey), so that the rules hold every model
 * to the same image. One more resize of the source; the default model (`mammogram`) measures
 * the working image it makes anyway.
 */
async function measureStretched(source: Source, name: string, size: { width: number; height: number }): Promise<ImageMeasures> {
  let rgb: Uint8Array;
  try {
    const { data } = await source
      .open()
      .resize(MAMMOGRAM_WORKING_SIZE, MAMMOGRAM_WORKING_SIZE, { fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    rgb = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  } catch (error) {
    throw corrupt(name, source.format, error);
  }
  return measureImage(rgb, 3, source.colour ? rgb : undefined, size);
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
  // Alpha aside, three channels are colour (a palette PNG reads as three); one or two are grey.
  const colourChannels = (metadata.channels ?? 3) - (metadata.hasAlpha ? 1 : 0);
  return {
    format,
    ...orientedSize(metadata),
    colour: colourChannels >= 3,
    open: () =>
      sharp(input, { ...sharpOptions, limitInputPixels: maxInputPixels })
        .rotate()
        .removeAlpha(),
  };
}

/** A DICOM file, turned into 8-bit grey or RGB by its own pipeline (its checks come before any pixel is decoded). */
async function dicomSource(bytes: Uint8Array, options: DicomDecodeOptions, decoder: DicomDecoder | undefined): Promise<Source> {
  const { width, height, channels, pixels, info } = decoder ? await decoder.decode(bytes, options) : await decodeDicomFile(bytes, options);
  const { maxInputPixels } = options;
  return {
    format: 'DICOM',
    width,
    height,
    colour: channels === 3,
    open: () => sharp(pixels, { raw: { width, height, channels }, limitInputPixels: maxInputPixels }),
    dicom: info,
  };
}

/** The grey working image (at most MAMMOGRAM_WORKING_SIZE on its long side), and its colour pixels for a colour source. */
async function workingImage(source: Source, name: string): Promise<{ grey: Uint8Array; rgb?: Uint8Array; width: number; height: number }> {
  const resized = () => source.open().resize(MAMMOGRAM_WORKING_SIZE, MAMMOGRAM_WORKING_SIZE, { fit: 'inside', withoutEnlargement: true });
  // Not .greyscale(): on a 16-bit 3328x4096 PNG it took 430 ms against 175 ms, for the same
  // bytes on every 8-bit image checked (360 training images).
  const toGrey = (pipeline: sharp.Sharp) => pipeline.toColourspace('b-w').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  let grey: { data: Buffer; info: sharp.OutputInfo };
  let rgb: Uint8Array | undefined;
  try {
    if (source.colour) {
      // A colour source is resized once in colour (the colourfulness check reads it), then greyed:
      // the same grey bytes as greying in one pipeline, on all 5,219 colour-encoded mammograms checked
      // (the RSNA and DDSM JPEGs).
      const colour = await resized().toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
      rgb = new Uint8Array(colour.data.buffer, colour.data.byteOffset, colour.data.byteLength);
      const { width, height, channels } = colour.info;
      grey = await toGrey(sharp(colour.data, { raw: { width, height, channels } }));
    } else {
      grey = await toGrey(resized());
    }
  } catch (error) {
    throw corrupt(name, source.format, error);
  }
  const { data, info } = grey;
  if (info.channels !== 1 || data.length !== info.width * info.height) {
    throw new CoreError('CORRUPT_IMAGE', `${name}decoding gave ${info.channels} channels where one grey channel was expected.`);
  }
  return {
    grey: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    ...(rgb ? { rgb } : {}),
    width: info.width,
    height: info.height,
  };
}

async function decodeMammogram(source: Source, options: DecodeOptions, name: string): Promise<Preprocessed> {
  if (options.width !== options.height) {
    throw new RangeError(`mammogram preprocessing needs a square input, got ${options.width}x${options.height}`);
  }
  const { grey: working, rgb: colour, ...info } = await workingImage(source, name);
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
  const size = { width: source.width, height: source.height };
  return {
    image: { format: source.format, ...size, rgb, statistics: computeImageStatistics(working, 1), view: view.geometry },
    measures: measureImage(working, 1, colour, size),
  };
}

function orientedSize({ width, height, orientation = 1 }: sharp.Metadata): { width: number; height: number } {
  // EXIF orientations 5 to 8 turn the image a quarter.
  return orientation >= 5 ? { width: height, height: width } : { width, height };
}

function corrupt(name: string, format: ImageFormat, cause: unknown): CoreError {
  return new CoreError('CORRUPT_IMAGE', `${name}the ${format} data is damaged or truncated and cannot be decoded.`, { cause });
}
