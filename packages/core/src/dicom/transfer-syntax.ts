/** How a transfer syntax's pixel data is read: as it lies, or through one codec. */
export type PixelCodec = 'native' | 'jpeg-baseline' | 'jpeg-lossless' | 'jpeg-ls' | 'jpeg2000' | 'rle';

/** A transfer syntax the core reads. */
export interface TransferSyntax {
  uid: string;
  /** Its name in PS3.6 Annex A. */
  name: string;
  codec: PixelCodec;
  /** Implicit VR (only Implicit VR Little Endian). */
  implicit: boolean;
  /** The data set after the file meta is deflated (RFC 1951). */
  deflated: boolean;
}

const syntax = (uid: string, name: string, codec: PixelCodec, extra: Partial<TransferSyntax> = {}): [string, TransferSyntax] => [
  uid,
  { uid, name, codec, implicit: false, deflated: false, ...extra },
];

/** Implicit VR Little Endian, the default of PS3.5 10.1 and of a data set with no file meta. */
export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
/** Explicit VR Little Endian. */
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

/** The transfer syntaxes the core reads, by UID. */
export const SUPPORTED_TRANSFER_SYNTAXES: ReadonlyMap<string, TransferSyntax> = new Map([
  syntax(IMPLICIT_VR_LITTLE_ENDIAN, 'Implicit VR Little Endian', 'native', { implicit: true }),
  syntax(EXPLICIT_VR_LITTLE_ENDIAN, 'Explicit VR Little Endian', 'native'),
  syntax('1.2.840.10008.1.2.1.99', 'Deflated Explicit VR Little Endian', 'native', { deflated: true }),
  syntax('1.2.840.10008.1.2.4.50', 'JPEG Baseline (Process 1)', 'jpeg-baseline'),
  syntax('1.2.840.10008.1.2.4.57', 'JPEG Lossless, Non-Hierarchical (Process 14)', 'jpeg-lossless'),
  syntax(
    '1.2.840.10008.1.2.4.70',
    'JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])',
    'jpeg-lossless',
  ),
  syntax('1.2.840.10008.1.2.4.80', 'JPEG-LS Lossless Image Compression', 'jpeg-ls'),
  syntax('1.2.840.10008.1.2.4.81', 'JPEG-LS Lossy (Near-Lossless) Image Compression', 'jpeg-ls'),
  syntax('1.2.840.10008.1.2.4.90', 'JPEG 2000 Image Compression (Lossless Only)', 'jpeg2000'),
  syntax('1.2.840.10008.1.2.4.91', 'JPEG 2000 Image Compression', 'jpeg2000'),
  syntax('1.2.840.10008.1.2.5', 'RLE Lossless', 'rle'),
]);

// Names of the syntaxes the core refuses, so that a refusal says what the file is.
const UNSUPPORTED_NAMES: ReadonlyMap<string, string> = new Map([
  ['1.2.840.10008.1.2.1.98', 'Encapsulated Uncompressed Explicit VR Little Endian'],
  ['1.2.840.10008.1.2.2', 'Explicit VR Big Endian (retired)'],
  ['1.2.840.10008.1.2.4.51', 'JPEG Extended (Process 2 & 4)'],
  ['1.2.840.10008.1.2.4.52', 'JPEG Extended (Process 3 & 5) (retired)'],
  ['1.2.840.10008.1.2.4.53', 'JPEG Spectral Selection, Non-Hierarchical (Process 6 & 8) (retired)'],
  ['1.2.840.10008.1.2.4.54', 'JPEG Spectral Selection, Non-Hierarchical (Process 7 & 9) (retired)'],
  ['1.2.840.10008.1.2.4.55', 'JPEG Full Progression, Non-Hierarchical (Process 10 & 12) (retired)'],
  ['1.2.840.10008.1.2.4.56', 'JPEG Full Progression, Non-Hierarchical (Process 11 & 13) (retired)'],
  ['1.2.840.10008.1.2.4.58', 'JPEG Lossless, Non-Hierarchical (Process 15) (retired)'],
  ['1.2.840.10008.1.2.4.59', 'JPEG Extended, Hierarchical (Process 16 & 18) (retired)'],
  ['1.2.840.10008.1.2.4.60', 'JPEG Extended, Hierarchical (Process 17 & 19) (retired)'],
  ['1.2.840.10008.1.2.4.61', 'JPEG Spectral Selection, Hierarchical (Process 20 & 22) (retired)'],
  ['1.2.840.10008.1.2.4.62', 'JPEG Spectral Selection, Hierarchical (Process 21 & 23) (retired)'],
  ['1.2.840.10008.1.2.4.63', 'JPEG Full Progression, Hierarchical (Process 24 & 26) (retired)'],
  ['1.2.840.10008.1.2.4.64', 'JPEG Full Progression, Hierarchical (Process 25 & 27) (retired)'],
  ['1.2.840.10008.1.2.4.65', 'JPEG Lossless, Hierarchical (Process 28) (retired)'],
  ['1.2.840.10008.1.2.4.66', 'JPEG Lossless, Hierarchical (Process 29) (retired)'],
  ['1.2.840.10008.1.2.4.92', 'JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)'],
  ['1.2.840.10008.1.2.4.93', 'JPEG 2000 Part 2 Multi-component Image Compression'],
  ['1.2.840.10008.1.2.4.94', 'JPIP Referenced'],
  ['1.2.840.10008.1.2.4.95', 'JPIP Referenced Deflate'],
  ['1.2.840.10008.1.2.4.100', 'MPEG2 Main Profile / Main Level'],
  ['1.2.840.10008.1.2.4.101', 'MPEG2 Main Profile / High Level'],
  ['1.2.840.10008.1.2.4.102', 'MPEG-4 AVC/H.264 High Profile / Level 4.1'],
  ['1.2.840.10008.1.2.4.103', 'MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1'],
  ['1.2.840.10008.1.2.4.104', 'MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video'],
  ['1.2.840.10008.1.2.4.105', 'MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video'],
  ['1.2.840.10008.1.2.4.106', 'MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2'],
  ['1.2.840.10008.1.2.4.107', 'HEVC/H.265 Main Profile / Level 5.1'],
  ['1.2.840.10008.1.2.4.108', 'HEVC/H.265 Main 10 Profile / Level 5.1'],
  ['1.2.840.10008.1.2.4.110', 'JPEG XL Lossless'],
  ['1.2.840.10008.1.2.4.111', 'JPEG XL JPEG Recompression'],
  ['1.2.840.10008.1.2.4.112', 'JPEG XL'],
  ['1.2.840.10008.1.2.4.201', 'High-Throughput JPEG 2000 Image Compression (Lossless Only)'],
  ['1.2.840.10008.1.2.4.202', 'High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)'],
  ['1.2.840.10008.1.2.4.203', 'High-Throughput JPEG 2000 Image Compression'],
  ['1.2.840.10008.1.2.6.1', 'RFC 2557 MIME encapsulation (retired)'],
  ['1.2.840.10008.1.2.6.2', 'XML Encoding (retired)'],
]);

/** A UID as PS3.5 9.1 writes it: digits and dots, at most 64 characters. */
const UID = /^[0-9]+(\.[0-9]+)*$/;

/**
 * Says which transfer syntax a file claims, for a refusal: its UID and name when it is a UID,
 * and never the raw value otherwise (a malformed file could hold any text there).
 */
export function describeTransferSyntax(uid: string): string {
  if (!UID.test(uid) || uid.length > 64) return 'a transfer syntax that is not a valid UID';
  const name = SUPPORTED_TRANSFER_SYNTAXES.get(uid)?.name ?? UNSUPPORTED_NAMES.get(uid);
  return name ? `${uid} (${name})` : `${uid} (a private or unknown transfer syntax)`;
}
