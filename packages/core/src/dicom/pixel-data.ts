/**
 * The one frame of a DICOM image's Pixel Data (7FE0,0010) as samples: native data copied out
 * of the file, encapsulated data joined from its fragments (PS3.5 A.4) and handed to the codec
 * its transfer syntax names. Every damage found is a CORRUPT_IMAGE naming the file.
 */
import type { DataSet, Element } from 'dicom-parser';
import { CoreError } from '../errors.js';
import { type DecodedFrame, decodeJpeg2000, decodeJpegBaseline, decodeJpegLossless, decodeJpegLs, planesToPixels } from './codecs.js';
import type { PixelLayout } from './pixel-layout.js';
import { decodeRle } from './rle.js';
import type { PixelCodec, TransferSyntax } from './transfer-syntax.js';

/** A frame's size and layout, as the header states them. */
export type FrameLayout = PixelLayout & { rows: number; columns: number };

/** Decodes the frame held by `element` (the Pixel Data) and checks it against the header's layout. */
export async function decodePixelData(
  dataSet: DataSet,
  element: Element,
  syntax: TransferSyntax,
  layout: FrameLayout,
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
    if (samplesPerPixel === 3 && layout.planar) samples = planesToPixels(samples, rows * columns, samplesPerPixel);
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
