import { describe, expect, test } from 'vitest';
import { AnalysisSrError, SR_STORAGE_CLASSES, writeAnalysisSr } from '../../src/results/analysis-sr.js';
import { contentItems, items, readBack } from './read-back.js';
import { algorithm, identity, images, sampleAnalysis } from './sample-analysis.js';

describe('writeAnalysisSr', () => {
  test('writes a Part 10 file in Explicit VR Little Endian whose SOP class follows the setting', () => {
    for (const sopClass of ['comprehensive', 'comprehensive-3d'] as const) {
      const { preamble, meta, dataset } = readBack(writeAnalysisSr(sampleAnalysis({ sopClass })));
      expect(preamble).toBe('DICM');
      expect(meta.TransferSyntaxUID).toBe('1.2.840.10008.1.2.1');
      expect(meta.MediaStorageSOPClassUID).toBe(SR_STORAGE_CLASSES[sopClass]);
      expect(dataset.SOPClassUID).toBe(SR_STORAGE_CLASSES[sopClass]);
    }
    expect(SR_STORAGE_CLASSES).toEqual({
      comprehensive: '1.2.840.10008.5.1.4.1.1.88.33',
      'comprehensive-3d': '1.2.840.10008.5.1.4.1.1.88.34',
    });
  });

  test('writes the same bytes for the same input, so a result stored twice is the same instance', () => {
    expect(Buffer.from(writeAnalysisSr(sampleAnalysis())).equals(Buffer.from(writeAnalysisSr(sampleAnalysis())))).toBe(true);
  });

  test('files the report in a new series of the source study, with the document flags and date', () => {
    const { dataset } = readBack(writeAnalysisSr(sampleAnalysis()));
    expect(dataset).toMatchObject({
      Modality: 'SR',
      StudyInstanceUID: identity.studyInstanceUid,
      SeriesInstanceUID: '2.25.11',
      SOPInstanceUID: '2.25.12',
      InstanceNumber: 1,
      CompletionFlag: 'COMPLETE',
      VerificationFlag: 'UNVERIFIED',
      ContentDate: '20240102',
      ContentTime: '103015.250',
      TimezoneOffsetFromUTC: '+0000',
      SeriesDescription: 'AI results: bcd-default 2.1.0 (research only)',
    });
  });

  test('carries nothing about the patient beyond the study identity, and empty Type 2 elements when unknown', () => {
    const full = readBack(writeAnalysisSr(sampleAnalysis())).dataset;
    const patientKeys = Object.keys(full).filter((key) => key.startsWith('Patient'));
    expect(patientKeys.sort()).toEqual(['PatientBirthDate', 'PatientID', 'PatientName', 'PatientSex']);
    expect(full).toMatchObject({ PatientID: 'TEST-0001', AccessionNumber: 'ACC-0001', StudyID: 'S1' });

    const bare = readBack(writeAnalysisSr(sampleAnalysis({ identity: { studyInstanceUid: identity.studyInstanceUid } }))).dataset;
    for (const key of [
      'PatientName',
      'PatientID',
      'PatientBirthDate',
      'PatientSex',
      'StudyDate',
      'StudyTime',
      'StudyID',
      'AccessionNumber',
    ]) {
      expect(key in bare, key).toBe(true);
      // dcmjs reads an empty element as '' or [] depending on its VR.
      expect([undefined, '', []], key).toContainEqual(bare[key]);
    }
  });

  test('names the algorithm in the Contributing Equipment Sequence with its version and SHA-256', () => {
    const { dataset } = readBack(writeAnalysisSr(sampleAnalysis()));
    const [equipment] = items(dataset.ContributingEquipmentSequence);
    expect(equipment).toMatchObject({
      Manufacturer: algorithm.manufacturer,
      ManufacturerModelName: algorithm.name,
      SoftwareVersions: [algorithm.version, algorithm.sha256],
    });
    // DT pads to even length with a space, which dcmjs leaves on when it reads.
    expect(String(equipment?.ContributionDateTime).trim()).toBe('20240102103015.250+0000');
    expect(items(equipment?.PurposeOfReferenceCodeSequence)[0]).toMatchObject({ CodeValue: '109102', CodingSchemeDesignator: 'DCM' });
  });

  test('lists every source instance in the evidence sequence, by study, series and SOP', () => {
    const { dataset } = readBack(writeAnalysisSr(sampleAnalysis()));
    const [study] = items(dataset.CurrentRequestedProcedureEvidenceSequence);
    expect(study?.StudyInstanceUID).toBe(identity.studyInstanceUid);
    const referenced = items(study?.ReferencedSeriesSequence).flatMap((series) =>
      items(series.ReferencedSOPSequence).map((sop) => [series.SeriesInstanceUID, sop.ReferencedSOPClassUID, sop.ReferencedSOPInstanceUID]),
    );
    expect(referenced).toEqual(
      images.map((image) => [image.source.seriesInstanceUid, image.source.sopClassUid, image.source.sopInstanceUid]),
    );
  });

  test('holds a probability of cancer per image, per breast and for the exam, and the peak regions on their images', () => {
    const content = contentItems(readBack(writeAnalysisSr(sampleAnalysis())).dataset);
    const probabilities = content
      .filter((item) => item.concept === '111047')
      .map((item) => items(item.MeasuredValueSequence)[0]?.NumericValue);
    expect(probabilities.map(Number)).toEqual([46.22, 12.5, 3.07, 0.4, 46.22, 3.07, 46.22]);
    const regions = content.filter((item) => item.concept === '111030');
    // The fourth image has no peak region, so three regions.
    expect(regions).toHaveLength(3);
    const referenced = regions.map((region) => items(items(region.ContentSequence)[0]?.ReferencedSOPSequence)[0]?.ReferencedSOPInstanceUID);
    expect(referenced).toEqual(images.slice(0, 3).map((image) => image.source.sopInstanceUid));
    expect(regions[0]?.GraphicType).toBe('POLYLINE');
    expect(regions[0]?.GraphicData).toEqual([101, 200, 165, 200, 165, 264, 101, 264, 101, 200]);
  });

  test('writes the rule, the categories and the disclaimer as text, the disclaimer verbatim', () => {
    const disclaimer = 'Nur für Forschung — not for diagnosis.';
    const file = writeAnalysisSr(sampleAnalysis({ disclaimer }));
    // The file says ISO_IR 192 (UTF-8); dcmjs's reader decodes nested text as Latin-1, so look at the bytes.
    expect(Buffer.from(file).includes(Buffer.from(disclaimer, 'utf8'))).toBe(true);
    const content = contentItems(readBack(file).dataset);
    const texts = (concept: string) => content.filter((item) => item.concept === concept).map((item) => item.TextValue);
    expect(texts('DISCLAIMER')).toHaveLength(1);
    expect(texts('RULE')).toEqual([
      'max over 2 images. A breast takes the highest of its images; the exam the highest of its breasts.',
      'max over 2 images. A breast takes the highest of its images; the exam the highest of its breasts.',
      'max over 4 images. A breast takes the highest of its images; the exam the highest of its breasts.',
    ]);
    expect(texts('CATEGORY')).toEqual(['elevated', 'likely_normal', 'likely_normal', 'likely_normal', 'elevated', 'elevated']);
    expect(texts('112039')).toEqual([
      'L-CC image 1',
      'L-MLO image 2',
      'R-CC image 3',
      'R-MLO image 4',
      'left breast',
      'right breast',
      'exam',
    ]);
  });

  test('writes only the groups it has findings for, and no Derivation for a rule without a standard code', () => {
    const input = sampleAnalysis({
      breasts: { left: null, right: { malignantPercent: 3.07, images: 2 } },
      exam: null,
      rule: { breast: 'mean_logit', study: 'max', text: 'mean of logits' },
    });
    const content = contentItems(readBack(writeAnalysisSr(input)).dataset);
    expect(content.filter((item) => item.concept === '112039').map((item) => item.TextValue)).toContain('right breast');
    expect(content.filter((item) => item.concept === '112039').map((item) => item.TextValue)).not.toContain('left breast');
    expect(content.filter((item) => item.concept === '112039').map((item) => item.TextValue)).not.toContain('exam');
    expect(content.filter((item) => item.concept === '121401')).toHaveLength(0);
  });

  test('refuses an analysis without images, which would make an invalid report', () => {
    expect(() => writeAnalysisSr(sampleAnalysis({ images: [] }))).toThrow(AnalysisSrError);
  });
});
