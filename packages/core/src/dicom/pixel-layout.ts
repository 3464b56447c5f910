/**
 * How a DICOM image's samples are laid out (PS3.3 C.7.6.3, Image Pixel Module), and the
 * layouts the core reads: MONOCHROME1 or MONOCHROME2 with one sample, RGB (or, through
 * libjpeg-turbo, YCbCr) with three, 8 or 16 bits allocated.
 */
import type { DataSet } from 'dicom-parser';
import { CoreError } from '../errors.js';
import { TAG } from './tags.js';
import type { TransferSyntax } from './transfer-syntax.js';

/** The Image Pixel Module of one image, checked. */
export interface PixelLayout {
  samplesPerPixel: 1 | 3;
  /** PhotometricInterpretation as the file states it. */
  photometric: string;
  bitsAllocated: 8 | 16;
  bitsStored: number;
  highBit: number;
  /** PixelRepresentation 1: two's complement. */
  signed: boolean;
  /** PlanarConfiguration 1: one plane per colour, not interleaved. */
  planar: boolean;
}

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
 * Reads and checks an image's pixel layout. Throws UNSUPPORTED_IMAGE for a layout the core
 * does not read (naming it only when it is a defined term) and CORRUPT_IMAGE for one that
 * contradicts itself.
 */
export function readPixelLayout(dataSet: DataSet, syntax: TransferSyntax, name: string): PixelLayout {
  const photometric = (dataSet.string(TAG.PhotometricInterpretation) ?? '').trim();
  const samplesPerPixel = dataSet.uint16(TAG.SamplesPerPixel) ?? 1;
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
  const bitsAllocated = dataSet.uint16(TAG.BitsAllocated);
  const bitsStored = dataSet.uint16(TAG.BitsStored) ?? bitsAllocated;
  const highBit = dataSet.uint16(TAG.HighBit) ?? (bitsStored ?? 0) - 1;
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
    signed: dataSet.uint16(TAG.PixelRepresentation) === 1,
    planar: dataSet.uint16(TAG.PlanarConfiguration) === 1,
  };
}
