import { breastImages, fixture } from '@bcd-api/test-kit';
import { describe, expect, test } from 'vitest';
import { dicomFraming } from '../src/dicom/framing.js';
import { sniffFormat } from '../src/sniff-format.js';

const text = (value: string) => new TextEncoder().encode(value.length % 2 ? `${value} ` : value);

/** One element, Explicit VR Little Endian (short-length VRs only) or Implicit. */
function element(group: number, number: number, vr: string, value: Uint8Array, explicit = true): Uint8Array {
  const head = new DataView(new ArrayBuffer(8));
  head.setUint16(0, group, true);
  head.setUint16(2, number, true);
  if (explicit) {
    head.setUint8(4, vr.charCodeAt(0));
    head.setUint8(5, vr.charCodeAt(1));
    head.setUint16(6, value.length, true);
  } else {
    head.setUint32(4, value.length, true);
  }
  return concat(new Uint8Array(head.buffer), value);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const dataSet = (explicit: boolean) =>
  concat(element(0x0008, 0x0005, 'CS', text('ISO_IR 100'), explicit), element(0x0008, 0x0060, 'CS', text('MG'), explicit));
const meta = concat(element(0x0002, 0x0000, 'UL', Uint8Array.of(28, 0, 0, 0)), element(0x0002, 0x0010, 'UI', text('1.2.840.10008.1.2.1')));
const part10 = concat(new Uint8Array(128), text('DICM'), meta, dataSet(true));

describe('DICOM recognition', () => {
  test('recognises a Part 10 file by DICM after the 128-byte preamble', () => {
    expect(dicomFraming(part10)).toEqual({ kind: 'part10' });
    expect(sniffFormat(part10)).toEqual({ supported: true, format: 'DICOM' });
  });

  test('recognises a file whose writer left out the preamble, with or without DICM', () => {
    expect(dicomFraming(part10.subarray(128))).toEqual({ kind: 'no-preamble', magic: true });
    expect(dicomFraming(part10.subarray(132))).toEqual({ kind: 'no-preamble', magic: false });
    expect(sniffFormat(part10.subarray(132))).toEqual({ supported: true, format: 'DICOM' });
  });

  test('recognises a bare data set in Explicit or Implicit VR Little Endian', () => {
    expect(dicomFraming(dataSet(true))).toEqual({ kind: 'data-set', explicit: true });
    expect(dicomFraming(dataSet(false))).toEqual({ kind: 'data-set', explicit: false });
    expect(sniffFormat(dataSet(false))).toEqual({ supported: true, format: 'DICOM' });
  });

  test('does not take a lone element, elements out of order or a length past the end for DICOM', () => {
    const [first, second] = [element(0x0008, 0x0060, 'CS', text('MG')), element(0x0008, 0x0005, 'CS', text('ISO_IR 100'))];
    expect(dicomFraming(first)).toBeUndefined();
    expect(dicomFraming(concat(first, second))).toBeUndefined();
    const long = dataSet(true);
    new DataView(long.buffer).setUint16(6, 5000, true);
    expect(dicomFraming(long)).toBeUndefined();
    // Group 0010 first (a patient module) is not how a data set starts.
    expect(dicomFraming(concat(element(0x0010, 0x0010, 'PN', text('A')), element(0x0010, 0x0020, 'LO', text('B'))))).toBeUndefined();
  });

  test.each(breastImages.map(([name]) => name))('does not take %s for DICOM', (name) => {
    expect(dicomFraming(fixture(name))).toBeUndefined();
    expect(sniffFormat(fixture(name))).not.toEqual({ supported: true, format: 'DICOM' });
  });

  test('does not take other kinds or noise that starts like a tag for DICOM', () => {
    for (const name of ['not-an-image.pdf', 'page.html.png', 'empty.png']) expect(dicomFraming(fixture(name))).toBeUndefined();
    const noise = Uint8Array.from({ length: 512 }, (_, i) => (i * 37 + 11) & 0xff);
    noise.set([0x08, 0x00, 0x05, 0x00]);
    expect(dicomFraming(noise)).toBeUndefined();
    expect(sniffFormat(noise)).toEqual({ supported: false, kind: 'unrecognised data' });
  });
});
