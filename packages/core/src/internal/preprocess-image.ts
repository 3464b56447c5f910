import sharp from 'sharp';
import type { DecodedImage, DisplayImage } from '../decoded-image.js';
import { CoreError } from '../errors.js';
import { type ImageMeasures, measureImage, measuresOfLevels } from '../image-measures.js';
import { computeImageStatistics, statisticsOfHistogram } from '../image-statistics.js';
import { MAMMOGRAM_WORKING_SIZE, normaliseMammogram } from '../mammogram-view.js';
import { corrupt, type Source } from './image-source.js';

/** The model's input size, in pixels. */
export interface InputSize {
  width: number;
  height: number;
}

/** A preprocessing's result: the image without its checks, and what the checks are made from. */
export interface Preprocessed {
  image: Omit<DecodedImage, 'inputChecks' | 'dicom' | 'display'>;
  measures: ImageMeasures;
}

/** The model's input by the original API's way: the whole image resized to the input size. */
export async function decodeStretched(source: Source, input: InputSize, name: string): Promise<Preprocessed> {
  let data: Buffer;
  try {
    data = await source.open().resize(input.width, input.height, { fit: 'fill' }).toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer();
  } catch (error) {
    throw corrupt(name, source.format, error);
  }
  const expected = input.width * input.height * 3;
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
export async function displayOf(source: Source, side: number, name: string): Promise<DisplayImage> {
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

export async function decodeMammogram(source: Source, input: InputSize, name: string): Promise<Preprocessed> {
  if (input.width !== input.height) {
    throw new RangeError(`mammogram preprocessing needs a square input, got ${input.width}x${input.height}`);
  }
  const { grey: working, rgb: colour, ...info } = await workingImage(source, name);
  const view = normaliseMammogram(working, info.width, info.height);
  // Grey to sRGB in libvips repeats the grey plane in three channels: the bytes a copy in JS gave.
  const rgb = await sharp(view.pixels, { raw: { width: view.geometry.canvas, height: view.geometry.canvas, channels: 1 } })
    .resize(input.width, input.height, { fit: 'fill' })
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer();
  if (rgb.length !== input.width * input.height * 3) {
    throw new CoreError('CORRUPT_IMAGE', `${name}resizing gave ${rgb.length} bytes where ${input.width * input.height * 3} were expected.`);
  }
  const size = { width: source.width, height: source.height };
  // The view's pass over the working image counted its grey levels: the statistics and the
  // grey-range rule read them, with no pass of their own.
  return {
    image: {
      format: source.format,
      ...size,
      rgb: new Uint8Array(rgb.buffer, rgb.byteOffset, rgb.byteLength),
      statistics: statisticsOfHistogram(view.levels),
      view: view.geometry,
    },
    measures: measuresOfLevels(view.levels, colour, size),
  };
}
