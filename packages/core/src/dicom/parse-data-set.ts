import { createRequire } from 'node:module';
import { inflateRawSync } from 'node:zlib';
import type { DataSet } from 'dicom-parser';
import { CoreError } from '../errors.js';
import type { DicomFraming } from './framing.js';
import { TAG } from './tags.js';
import {
  describeTransferSyntax,
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
  SUPPORTED_TRANSFER_SYNTAXES,
  type TransferSyntax,
} from './transfer-syntax.js';

type DicomParser = typeof import('dicom-parser');

const require = createRequire(import.meta.url);
let parser: DicomParser | undefined;
// Loaded on the first DICOM file: most uploads are not DICOM.
const dicomParser = (): DicomParser => {
  parser ??= require('dicom-parser') as DicomParser;
  return parser;
};

/** Options of {@link parseDataSet}. */
export interface ParseOptions {
  /** `"file.dcm: "` or empty: the prefix of every message. */
  name: string;
  /** A deflated data set may inflate to at most this many bytes. */
  maxInflatedBytes: number;
}

/** A parsed data set and the transfer syntax its pixel data is in. */
export interface ParsedDataSet {
  dataSet: DataSet;
  syntax: TransferSyntax;
}

const PREAMBLE = 128;
const DICM = [0x44, 0x49, 0x43, 0x4d];

/**
 * Parses a DICOM file with dicom-parser, whatever its framing, after refusing a transfer syntax
 * the core cannot decode. Deflated data sets are inflated here with node:zlib, with a ceiling,
 * so that a small file cannot inflate without bound. Throws CoreErrors that name the file and
 * the transfer syntax, never a value of the data set.
 */
export function parseDataSet(bytes: Uint8Array, framing: DicomFraming, options: ParseOptions): ParsedDataSet {
  const { name } = options;
  const part10 = asPart10(bytes, framing);
  const parse = dicomParser();

  let uid: string;
  let metaEnd = 0;
  if (framing.kind === 'data-set') {
    uid = framing.explicit ? EXPLICIT_VR_LITTLE_ENDIAN : IMPLICIT_VR_LITTLE_ENDIAN;
  } else {
    const meta = readOrCorrupt(name, () => parse.readPart10Header(part10)) as DataSet & { position?: number };
    const read = meta.string(TAG.TransferSyntaxUID);
    if (read === undefined) {
      throw new CoreError('CORRUPT_IMAGE', `${name}the DICOM file meta has no Transfer Syntax UID (0002,0010).`);
    }
    uid = read.replace(/\0/g, '').trim();
    metaEnd = meta.position ?? 0;
  }
  const syntax = SUPPORTED_TRANSFER_SYNTAXES.get(uid);
  if (!syntax) {
    throw new CoreError(
      'UNSUPPORTED_IMAGE',
      `${name}the DICOM transfer syntax ${describeTransferSyntax(uid)} is not supported; send Implicit or Explicit VR Little Endian, ` +
        'JPEG Baseline, JPEG Lossless, JPEG-LS, JPEG 2000 or RLE Lossless.',
    );
  }

  let inflated: Uint8Array | undefined;
  if (syntax.deflated) inflated = inflate(part10, metaEnd, options);
  let dataSet: DataSet;
  try {
    dataSet = parse.parseDicom(part10, {
      ...(framing.kind === 'data-set' ? { TransferSyntaxUID: uid } : {}),
      ...(inflated ? { inflater: () => inflated } : {}),
    });
  } catch (thrown) {
    // A file cut short in its pixel data, the last element, still has its data set up to it:
    // the pixel checks then say how much is missing.
    const partial = typeof thrown === 'object' && thrown !== null && 'dataSet' in thrown ? (thrown.dataSet as DataSet) : undefined;
    if (!partial?.elements[TAG.PixelData]) throw corrupt(name, thrown);
    dataSet = partial;
  }
  return { dataSet, syntax };
}

/**
 * The elements before the pixel data, read whatever the transfer syntax (a deflated data set
 * excepted), or undefined when they cannot be read: what a file says it is can be known even
 * when its pixels are in a syntax the core does not decode.
 */
export function readHeader(bytes: Uint8Array, framing: DicomFraming): DataSet | undefined {
  try {
    return dicomParser().parseDicom(asPart10(bytes, framing), {
      untilTag: TAG.PixelData,
      ...(framing.kind === 'data-set'
        ? { TransferSyntaxUID: framing.explicit ? EXPLICIT_VR_LITTLE_ENDIAN : IMPLICIT_VR_LITTLE_ENDIAN }
        : {}),
    });
  } catch {
    return undefined;
  }
}

/** The bytes as dicom-parser reads them: a preamble and `DICM` put back where a writer left them out. */
function asPart10(bytes: Uint8Array, framing: DicomFraming): Uint8Array {
  if (framing.kind !== 'no-preamble') return bytes;
  const head = framing.magic ? PREAMBLE : PREAMBLE + DICM.length;
  const part10 = new Uint8Array(head + bytes.length);
  part10.set(DICM, PREAMBLE);
  part10.set(bytes, head);
  return part10;
}

function inflate(part10: Uint8Array, metaEnd: number, { name, maxInflatedBytes }: ParseOptions): Uint8Array {
  let body: Buffer;
  try {
    body = inflateRawSync(part10.subarray(metaEnd), { maxOutputLength: maxInflatedBytes });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new CoreError('IMAGE_TOO_LARGE', `${name}the deflated DICOM data set inflates to more than ${maxInflatedBytes} bytes.`);
    }
    throw new CoreError('CORRUPT_IMAGE', `${name}the deflated DICOM data set is damaged or truncated and cannot be inflated.`, {
      cause: error,
    });
  }
  const whole = new Uint8Array(metaEnd + body.length);
  whole.set(part10.subarray(0, metaEnd));
  whole.set(body, metaEnd);
  return whole;
}

function readOrCorrupt<T>(name: string, read: () => T): T {
  try {
    return read();
  } catch (thrown) {
    throw corrupt(name, thrown);
  }
}

function corrupt(name: string, thrown: unknown): CoreError {
  // dicom-parser throws strings, Errors, or { exception, dataSet }: keep only its words, never
  // the partial data set, which holds the file's tags.
  return new CoreError('CORRUPT_IMAGE', `${name}the DICOM data set is damaged or truncated and cannot be read.`, {
    cause: new Error(parserMessage(thrown)),
  });
}

function parserMessage(thrown: unknown): string {
  const inner = typeof thrown === 'object' && thrown !== null && 'exception' in thrown ? thrown.exception : thrown;
  if (typeof inner === 'string') return inner;
  if (inner instanceof Error) return inner.message;
  return 'dicom-parser failed';
}
