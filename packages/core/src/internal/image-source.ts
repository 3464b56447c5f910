import sharp from 'sharp';
import { type DicomDecodeOptions, decodeDicomFile } from '../dicom/decode-dicom.js';
import type { DicomDecoder } from '../dicom/decode-pool.js';
import type { DicomInfo } from '../dicom/dicom-info.js';
import { CoreError } from '../errors.js';
import type { ImageFormat } from '../sniff-format.js';

/**
 * A decoded or decodable image at its full size, whatever its container: `open` gives the sharp
 * pipeline that every format then goes through, oriented and without alpha.
 */
export interface Source {
  format: ImageFormat;
  /** Size after EXIF orientation. */
  width: number;
  height: number;
  open: () => sharp.Sharp;
  /** True when the pixels have colour channels (RGB), false for grey. */
  colour: boolean;
  dicom?: DicomInfo;
}

/** A file sharp decodes (JPEG, PNG, WebP, TIFF), checked from its header before any pixel is decoded. */
export async function fileSource(bytes: Uint8Array, format: ImageFormat, name: string, maxInputPixels: number): Promise<Source> {
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
export async function dicomSource(bytes: Uint8Array, options: DicomDecodeOptions, decoder: DicomDecoder | undefined): Promise<Source> {
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

function orientedSize({ width, height, orientation = 1 }: sharp.Metadata): { width: number; height: number } {
  // EXIF orientations 5 to 8 turn the image a quarter.
  return orientation >= 5 ? { width: height, height: width } : { width, height };
}

/** The CoreError of a source that sharp cannot decode. */
export function corrupt(name: string, format: ImageFormat, cause: unknown): CoreError {
  return new CoreError('CORRUPT_IMAGE', `${name}the ${format} data is damaged or truncated and cannot be decoded.`, { cause });
}
