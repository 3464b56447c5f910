import type { AlgorithmIdentity } from '../../src/results/algorithm-identity.js';
import type { AnalysisSrInput, ImageFinding } from '../../src/results/analysis-sr.js';
import type { StudyIdentity } from '../../src/results/study-identity.js';

/** A 4-view study's identity, as a PACS would hold it (made up: no real patient). */
export const identity: StudyIdentity = {
  studyInstanceUid: '1.2.826.0.1.3680043.8.498.1001',
  patientName: 'Test^Patient',
  patientId: 'TEST-0001',
  patientBirthDate: '19700101',
  patientSex: 'F',
  studyDate: '20240102',
  studyTime: '093000',
  studyId: 'S1',
  accessionNumber: 'ACC-0001',
  referringPhysicianName: 'Ref^Doctor',
};

/** The model, as its card names it. */
export const algorithm: AlgorithmIdentity = {
  name: 'bcd-default',
  version: '2.1.0',
  sha256: 'a3f1c2d4e5b60718293a4b5c6d7e8f9001122334455667788990aabbccddeeff',
  manufacturer: 'Breast Cancer Detection API',
  softwareVersion: '1.4.0',
};

const MG = '1.2.840.10008.5.1.4.1.1.1.2';
const SERIES = '1.2.826.0.1.3680043.8.498.2001';

function image(n: number, laterality: 'L' | 'R', view: string, malignantPercent: number, withRegion: boolean): ImageFinding {
  const peak: Array<readonly [number, number]> = [
    [100 + n, 200],
    [164 + n, 200],
    [164 + n, 264],
    [100 + n, 264],
    [100 + n, 200],
  ];
  return {
    source: { sopClassUid: MG, sopInstanceUid: `1.2.826.0.1.3680043.8.498.300${n}`, seriesInstanceUid: SERIES },
    laterality,
    view,
    malignantPercent,
    ...(withRegion ? { peakRegion: peak } : {}),
    category: malignantPercent > 40 ? 'elevated' : 'likely_normal',
  };
}

/** The four views with distinct percents; the last has no peak region (TID 1501 instead of 1410). */
export const images: ImageFinding[] = [
  image(1, 'L', 'CC', 46.22, true),
  image(2, 'L', 'MLO', 12.5, true),
  image(3, 'R', 'CC', 3.07, true),
  image(4, 'R', 'MLO', 0.4, false),
];

/** A whole analysis, ready for writeAnalysisSr. */
export function sampleAnalysis(overrides: Partial<AnalysisSrInput> = {}): AnalysisSrInput {
  return {
    identity,
    images,
    breasts: { left: { malignantPercent: 46.22, images: 2, category: 'elevated' }, right: { malignantPercent: 3.07, images: 2 } },
    exam: { malignantPercent: 46.22, images: 4, category: 'elevated' },
    rule: { breast: 'max', study: 'max', text: 'A breast takes the highest of its images; the exam the highest of its breasts.' },
    algorithm,
    disclaimer: 'For education and research only. Not a medical device; not for diagnosis.',
    uids: { series: '2.25.11', instance: '2.25.12' },
    sopClass: 'comprehensive',
    contentDate: new Date(Date.UTC(2024, 0, 2, 10, 30, 15, 250)),
    ...overrides,
  };
}
