/**
 * How a DICOM file starts (PS3.10 7.1): the 128-byte preamble and `DICM`, or, from writers that
 * skip them, the file meta group (0002) straight away, or a bare data set with no file meta at
 * all (Implicit or Explicit VR Little Endian, told apart by whether a VR follows the first tag).
 */
export type DicomFraming = { kind: 'part10' } | { kind: 'no-preamble'; magic: boolean } | { kind: 'data-set'; explicit: boolean };

const VRS = new Set('AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV'.split(' '));
// VRs whose length is 32 bits, after two reserved bytes (PS3.5 7.1.2).
const LONG_VRS = new Set('OB OD OF OL OV OW SQ SV UC UN UR UT UV'.split(' '));

const hasDicm = (bytes: Uint8Array, at: number): boolean =>
  bytes.length >= at + 4 && bytes[at] === 0x44 && bytes[at + 1] === 0x49 && bytes[at + 2] === 0x43 && bytes[at + 3] === 0x4d;

/**
 * Recognises DICOM from its bytes, or returns undefined. Without the preamble it asks for two
 * well-formed elements in ascending order, the first in group 0002 or 0008, so that no other
 * format is taken for a bare data set.
 */
export function dicomFraming(bytes: Uint8Array): DicomFraming | undefined {
  if (hasDicm(bytes, 128)) return { kind: 'part10' };
  if (hasDicm(bytes, 0) && startsWithElements(bytes, 4, true, 0x0002)) return { kind: 'no-preamble', magic: true };
  if (startsWithElements(bytes, 0, true, 0x0002)) return { kind: 'no-preamble', magic: false };
  if (startsWithElements(bytes, 0, true, 0x0008)) return { kind: 'data-set', explicit: true };
  if (startsWithElements(bytes, 0, false, 0x0008)) return { kind: 'data-set', explicit: false };
  return undefined;
}

function startsWithElements(bytes: Uint8Array, at: number, explicit: boolean, group: number): boolean {
  const first = readElementHeader(bytes, at, explicit);
  if (!first || first.group !== group) return false;
  const second = readElementHeader(bytes, first.next, explicit);
  return second !== undefined && second.group % 2 === 0 && second.tag > first.tag;
}

function readElementHeader(bytes: Uint8Array, at: number, explicit: boolean): { group: number; tag: number; next: number } | undefined {
  if (at + 8 > bytes.length) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, bytes.length - at);
  const group = view.getUint16(0, true);
  const tag = group * 0x10000 + view.getUint16(2, true);
  let length: number;
  let header = 8;
  if (explicit) {
    const vr = String.fromCharCode(view.getUint8(4), view.getUint8(5));
    if (!VRS.has(vr)) return undefined;
    if (LONG_VRS.has(vr)) {
      if (at + 12 > bytes.length || view.getUint16(6, true) !== 0) return undefined;
      length = view.getUint32(8, true);
      header = 12;
    } else {
      length = view.getUint16(6, true);
    }
  } else {
    length = view.getUint32(4, true);
  }
  // Values have an even length (PS3.5 7.1.1); an undefined length (a sequence) is not expected this early.
  if (length % 2 !== 0 || at + header + length > bytes.length) return undefined;
  return { group, tag, next: at + header + length };
}
