// DICOM test files, generated for each run and never committed: pydicom writes an
// uncompressed file from raw pixels (write-dicom.py), DCMTK and GDCM transcode it.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pythonHas } from './python-has.js';
import { requireInCi } from './require-in-ci.js';

/** src/ and dist/ sit at the same depth: the script is read from src/ either way. */
const writeScript = fileURLToPath(new URL('../src/write-dicom.py', import.meta.url));

/**
 * Identifying values that every generated file carries (PatientName, PatientID, UIDs, ...),
 * each distinctive enough that finding it in a decoded image, a message or a log proves a leak.
 */
export const DICOM_IDENTIFIERS: Readonly<Record<string, string>> = {
  PatientName: 'Quokkafeld^Zebulon^Xanthippe',
  PatientID: 'PID-Q7Z3K9-WOMBAT',
  PatientBirthDate: '19230417',
  PatientSex: 'O',
  OtherPatientIDs: 'ALT-ID-Z9Q8X7',
  PatientAddress: '17 Wombat Lane, Quokkaville',
  AccessionNumber: 'ACC88X21QZ',
  InstitutionName: 'Quokka Memorial Hospital',
  InstitutionAddress: '42 Numbat Road, Quokkaville',
  ReferringPhysicianName: 'Numbat^Xavier',
  OperatorsName: 'Platypus^Yolanda',
  StationName: 'QKSTATION7',
  DeviceSerialNumber: 'SN-ZZ991-QK',
  StudyID: 'STQ9Z4',
  StudyDate: '20011109',
  StudyDescription: 'Quokka screening study',
  StudyInstanceUID: '1.2.826.0.1.3680043.10.1001.2718281',
  SeriesInstanceUID: '1.2.826.0.1.3680043.10.1001.3141592',
  SOPInstanceUID: '1.2.826.0.1.3680043.10.1001.1618033',
  FrameOfReferenceUID: '1.2.826.0.1.3680043.10.1001.1414213',
};

/** What write-dicom.py writes: the image's geometry and the tags the core reads. */
export interface DicomSpec {
  rows: number;
  columns: number;
  bitsAllocated: 8 | 16;
  bitsStored: number;
  /** Default bitsStored - 1. */
  highBit?: number;
  /** 1: signed. */
  pixelRepresentation?: 0 | 1;
  /** 3 with RGB (interleaved by pixel). */
  samplesPerPixel?: 1 | 3;
  photometricInterpretation: string;
  /** The uncompressed syntax written (default explicit); transcode for the others. */
  syntax?: 'implicit' | 'explicit';
  numberOfFrames?: number;
  windowCenter?: number | number[];
  windowWidth?: number | number[];
  voiLutFunction?: string;
  rescaleSlope?: number;
  rescaleIntercept?: number;
  /** A VOI LUT Sequence item: LUT Descriptor [entries, first value mapped, bits] and LUT Data. */
  voiLut?: { descriptor: [number, number, number]; data: number[] };
  ImageLaterality?: string;
  Laterality?: string;
  ViewPosition?: string;
  PresentationIntentType?: string;
  /** Default MG (SR without pixel data); empty: no Modality element at all. */
  modality?: string;
  /** SOPClassUID; default Digital Mammography X-Ray Image Storage - For Presentation (Basic Text SR without pixel data). */
  sopClassUid?: string;
  BodyPartExamined?: string;
  /** The 128-byte preamble's first bytes (latin-1), zero-padded; default all zero. PS3.10 lets it hold anything, such as a TIFF header. */
  preamble?: string;
  /** false: a Basic Text SR with no Pixel Data. */
  pixelData?: boolean;
  /** Default {@link DICOM_IDENTIFIERS}. */
  identifying?: Record<string, string>;
}

/**
 * Writes an uncompressed DICOM Part 10 file at `path` from stored values (row-major, frames one
 * after another) and returns `path`.
 *
 * @example
 * writeDicom(join(dir, 'a.dcm'), { rows: 2, columns: 2, bitsAllocated: 8, bitsStored: 8, photometricInterpretation: 'MONOCHROME2' }, new Uint8Array(4));
 */
export function writeDicom(path: string, spec: DicomSpec, pixels: Uint8Array | Uint16Array | Int16Array): string {
  const specPath = `${path}.json`;
  const pixelsPath = `${path}.raw`;
  writeFileSync(specPath, JSON.stringify({ identifying: DICOM_IDENTIFIERS, ...spec }));
  writeFileSync(pixelsPath, new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength));
  execFileSync('/usr/bin/python3', [writeScript, specPath, pixelsPath, path], { stdio: ['ignore', 'ignore', 'pipe'] });
  return path;
}

/** The transfer syntaxes the generated files come in, each made by DCMTK, or GDCM for JPEG 2000. */
export type DicomSyntax =
  | 'implicit'
  | 'explicit'
  | 'deflated'
  | 'jpeg-baseline'
  | 'jpeg-extended'
  | 'jpeg-lossless'
  | 'jpeg-lossless-sv1'
  | 'jpeg-ls'
  | 'jpeg-ls-near'
  | 'jpeg2000'
  | 'jpeg2000-lossy'
  | 'rle';

const TRANSCODERS: Record<DicomSyntax, [command: string, ...options: string[]]> = {
  implicit: ['dcmconv', '+ti'],
  explicit: ['dcmconv', '+te'],
  deflated: ['dcmconv', '+td'],
  'jpeg-baseline': ['dcmcjpeg', '+eb'],
  'jpeg-extended': ['dcmcjpeg', '+ee'],
  // Process 14 with predictor 6 (.57), and with predictor 1 (.70).
  'jpeg-lossless': ['dcmcjpeg', '+el', '+sv', '6'],
  'jpeg-lossless-sv1': ['dcmcjpeg', '+e1'],
  'jpeg-ls': ['dcmcjpls', '+el'],
  // NEAR = 2: each sample within 2 of the original.
  'jpeg-ls-near': ['dcmcjpls', '+en', '+md', '2'],
  // DCMTK 3.6.7 has no JPEG 2000 codec: GDCM (OpenJPEG inside) writes it.
  jpeg2000: ['gdcmconv', '--j2k'],
  // Irreversible wavelet at a 10:1 compression ratio.
  'jpeg2000-lossy': ['gdcmconv', '--j2k', '--lossy', '-r', '10'],
  rle: ['dcmcrle'],
};

/** Transcodes an uncompressed DICOM file into `syntax`, next to it unless `to` is given; returns the new path. */
export function transcodeDicom(from: string, syntax: DicomSyntax, to = `${from}.${syntax}.dcm`): string {
  const [command, ...options] = TRANSCODERS[syntax];
  execFileSync(command, [...options, from, to], { stdio: ['ignore', 'ignore', 'pipe'] });
  return to;
}

/** Whether DCMTK, GDCM and Debian's pydicom are all there. */
export function hasDicomTools(): boolean {
  const commands = ['dcmconv', 'dcmcjpeg', 'dcmcjpls', 'dcmcrle', 'gdcmconv'];
  return commands.every((command) => onPath(command)) && pythonHas('pydicom');
}

/**
 * For the DICOM tests: DCMTK, GDCM and pydicom must be there in CI (its absence fails the
 * run); elsewhere the tests skip and say so loudly. Returns whether they are there.
 */
export function requireDicomTools(what: string): boolean {
  return requireInCi(hasDicomTools(), `DCMTK, GDCM and pydicom for ${what}`, 'apt-get install dcmtk libgdcm-tools python3-pydicom');
}

function onPath(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A file's bytes without the 128-byte preamble and `DICM`: the file meta first, as some writers leave it. */
export function withoutPreamble(file: Uint8Array): Uint8Array {
  return file.subarray(132);
}

/** A file's bare data set, without preamble or file meta: only readable as Implicit or Explicit VR Little Endian. */
export function withoutFileMeta(file: Uint8Array): Uint8Array {
  // (0002,0000) UL, the group's length, is the meta's first element: tag, VR, 2-byte length, value.
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (view.getUint16(132, true) !== 0x0002 || view.getUint16(134, true) !== 0x0000) throw new Error('no (0002,0000) after DICM');
  return file.subarray(132 + 12 + view.getUint32(140, true));
}
