import { describe, expect, test } from 'vitest';
import { OverlayCaptureError, SECONDARY_CAPTURE_SOP_CLASS, writeOverlayCapture } from '../../src/results/overlay-capture.js';
import { items, readBack } from './read-back.js';
import { identity } from './sample-analysis.js';
import { sampleOverlay } from './sample-overlay.js';

describe('writeOverlayCapture', () => {
  test('writes a Secondary Capture Part 10 file that references its source image', () => {
    const input = sampleOverlay();
    const { preamble, meta, dataset } = readBack(writeOverlayCapture(input));
    expect(preamble).toBe('DICM');
    expect(meta).toMatchObject({ MediaStorageSOPClassUID: SECONDARY_CAPTURE_SOP_CLASS, TransferSyntaxUID: '1.2.840.10008.1.2.1' });
    expect(dataset).toMatchObject({
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.7',
      SOPInstanceUID: '2.25.22',
      SeriesInstanceUID: '2.25.21',
      StudyInstanceUID: identity.studyInstanceUid,
      Modality: 'OT',
      ConversionType: 'WSD',
      ImageType: ['DERIVED', 'SECONDARY'],
      BurnedInAnnotation: 'YES',
      ImageLaterality: 'L',
      SeriesDescription: 'AI heatmap overlays: bcd-default (research only)',
      InstanceNumber: 1,
    });
    const sources = items(dataset.SourceImageSequence);
    expect(sources).toHaveLength(1);
    expect(sources[0]).toMatchObject({
      ReferencedSOPClassUID: input.source.sopClassUid,
      ReferencedSOPInstanceUID: input.source.sopInstanceUid,
    });
  });

  test('stores the overlay as 8-bit RGB interleaved by pixel, byte for byte', () => {
    const input = sampleOverlay();
    const { dataset } = readBack(writeOverlayCapture(input));
    expect(dataset).toMatchObject({
      SamplesPerPixel: 3,
      PhotometricInterpretation: 'RGB',
      PlanarConfiguration: 0,
      Rows: 21,
      Columns: 33,
      BitsAllocated: 8,
      BitsStored: 8,
      HighBit: 7,
      PixelRepresentation: 0,
    });
    const [pixels] = items(dataset.PixelData) as unknown as ArrayBuffer[];
    if (!pixels) throw new Error('no PixelData');
    // 33 x 21 x 3 = 2079 bytes, padded to an even 2080 with one zero.
    expect(pixels.byteLength).toBe(2080);
    expect(Buffer.from(pixels, 0, 2079).equals(Buffer.from(input.pixels.data))).toBe(true);
  });

  test('carries nothing about the patient beyond the study identity', () => {
    const { dataset } = readBack(writeOverlayCapture(sampleOverlay()));
    expect(
      Object.keys(dataset)
        .filter((key) => key.startsWith('Patient') && key !== 'PatientOrientation')
        .sort(),
    ).toEqual(['PatientBirthDate', 'PatientID', 'PatientName', 'PatientSex']);
  });

  test('refuses pixels that do not match their stated size', () => {
    const input = sampleOverlay();
    expect(() => writeOverlayCapture({ ...input, pixels: { ...input.pixels, width: 34 } })).toThrow(OverlayCaptureError);
    expect(() => writeOverlayCapture({ ...input, pixels: { ...input.pixels, width: 0, height: 0, data: new Uint8Array() } })).toThrow(
      /expected 0x0 RGB pixels/,
    );
  });
});
