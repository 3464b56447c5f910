import type { NaturalDataset, sr } from 'dcmjs';
import { dicomDate, dicomTime, UTC_OFFSET } from '../internal/dicom-datetime.js';
import { dcmjs } from '../internal/load-dcmjs.js';
import { writePart10 } from '../internal/part10.js';
import { equipmentElements, lo } from './algorithm-identity.js';
import type { AnalysisSrInput, ImageReference, SrStorageClass } from './analysis-input.js';
import { code, PRIVATE_CODING_SCHEME } from './sr-codes.js';
import { deviceObserverContext, imageLibraryContent } from './sr-context.js';
import { breastGroup, examGroup, type GroupContext, imageGroup } from './sr-groups.js';
import { patientAndStudyModules } from './study-identity.js';

export type {
  AnalysisSrInput,
  CombinedFinding,
  CombineRule,
  ImageFinding,
  ImageReference,
  SrStorageClass,
} from './analysis-input.js';

/** The SOP Class UID of each SR storage class we write. */
export const SR_STORAGE_CLASSES: Readonly<Record<SrStorageClass, string>> = Object.freeze({
  comprehensive: '1.2.840.10008.5.1.4.1.1.88.33',
  'comprehensive-3d': '1.2.840.10008.5.1.4.1.1.88.34',
});

/** The series number of the analysis SR: high, so that viewers list it after the acquired series. */
export const SR_SERIES_NUMBER = 9001;

type ContentItem = sr.valueTypes.ContentItem;

/** Thrown for an analysis that cannot make a valid report: one without images has no evidence to reference. */
export class AnalysisSrError extends Error {
  override readonly name = 'AnalysisSrError';
  readonly code = 'NO_IMAGES' as const;
}

/**
 * The analysis as a TID 1500 Measurement Report, a DICOM Part 10 file (Explicit VR Little Endian).
 *
 * @example
 * const uids = resultUids(studyUid, model.sha256);
 * const file = writeAnalysisSr({ ...analysis, uids: { series: uids.srSeries, instance: uids.srInstance }, sopClass: 'comprehensive' });
 */
export function writeAnalysisSr(input: AnalysisSrInput): Uint8Array {
  // dciodvfy: an empty Referenced Series Sequence and empty containers are errors.
  if (input.images.length === 0) throw new AnalysisSrError('an analysis SR needs at least one image');
  const at = input.contentDate;
  return writePart10({
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: SR_STORAGE_CLASSES[input.sopClass],
    SOPInstanceUID: input.uids.instance,
    InstanceCreationDate: dicomDate(at),
    InstanceCreationTime: dicomTime(at),
    TimezoneOffsetFromUTC: UTC_OFFSET,
    ...patientAndStudyModules(input.identity),
    Modality: 'SR',
    SeriesInstanceUID: input.uids.series,
    SeriesNumber: SR_SERIES_NUMBER,
    SeriesDate: dicomDate(at),
    SeriesTime: dicomTime(at),
    SeriesDescription: lo(`AI results: ${input.algorithm.name} ${input.algorithm.version} (research only)`),
    ReferencedPerformedProcedureStepSequence: [],
    ...equipmentElements(input.algorithm, at),
    InstanceNumber: 1,
    CompletionFlag: 'COMPLETE',
    VerificationFlag: 'UNVERIFIED',
    ContentDate: dicomDate(at),
    ContentTime: dicomTime(at),
    PerformedProcedureCodeSequence: [],
    CurrentRequestedProcedureEvidenceSequence: evidence(
      input.identity.studyInstanceUid,
      input.images.map((image) => image.source),
    ),
    CodingSchemeIdentificationSequence: [PRIVATE_CODING_SCHEME],
    ...measurementReport(input),
  });
}

/** The document's content: the TID 1500 root container and everything under it. */
function measurementReport(input: AnalysisSrInput): NaturalDataset {
  const { templates, valueTypes } = dcmjs.sr;
  const context: GroupContext = { algorithm: input.algorithm, reportUid: input.uids.instance };
  const groups: ContentItem[] = input.images.map((image, index) => imageGroup(image, index, context));
  const { left, right } = input.breasts;
  if (left) groups.push(breastGroup('L', left, input.rule.breast, input.rule.text, context));
  if (right) groups.push(breastGroup('R', right, input.rule.breast, input.rule.text, context));
  if (input.exam) groups.push(examGroup(input.exam, input.rule.study, input.rule.text, context));

  const [root] = new templates.MeasurementReport({
    languageOfContentItemAndDescendants: new templates.LanguageOfContentItemAndDescendants({}),
    observationContext: deviceObserverContext(input.algorithm),
    procedureReported: code('mammography'),
    imagingMeasurements: groups,
  });
  if (!root?.ContentSequence) throw new Error('dcmjs MeasurementReport gave no root container');
  // dcmjs adds TID 1600's Image Library container but cannot fill it; we do.
  const library = root.ContentSequence.find((item) => conceptValue(item) === '111028');
  if (!library) throw new Error('dcmjs MeasurementReport gave no Image Library');
  library.ContentSequence = imageLibraryContent(input.images);
  // TID 1500 allows Imaging Measurements and Qualitative Evaluations together; dcmjs takes only one of
  // them, so the disclaimer's container is added here.
  const qualitative = new valueTypes.ContainerContentItem({
    name: code('qualitativeEvaluations'),
    relationshipType: valueTypes.RelationshipTypes.CONTAINS,
  });
  qualitative.ContentSequence = [
    new valueTypes.TextContentItem({
      name: code('disclaimer'),
      value: input.disclaimer,
      relationshipType: valueTypes.RelationshipTypes.CONTAINS,
    }),
  ];
  root.ContentSequence.push(qualitative);
  return { ...root };
}

/** The code value of a content item's concept name. */
function conceptValue(item: NaturalDataset): string | undefined {
  const names = item.ConceptNameCodeSequence;
  const first = Array.isArray(names) ? names[0] : undefined;
  return typeof first === 'object' && !(first instanceof ArrayBuffer) ? String(first.CodeValue) : undefined;
}

/** The Current Requested Procedure Evidence Sequence: every source instance, by study, series and SOP. */
function evidence(studyInstanceUid: string, sources: readonly ImageReference[]): NaturalDataset[] {
  const bySeries = new Map<string, Map<string, ImageReference>>();
  for (const source of sources) {
    const series = bySeries.get(source.seriesInstanceUid) ?? new Map<string, ImageReference>();
    series.set(source.sopInstanceUid, source);
    bySeries.set(source.seriesInstanceUid, series);
  }
  return [
    {
      StudyInstanceUID: studyInstanceUid,
      ReferencedSeriesSequence: [...bySeries].map(([seriesInstanceUid, instances]) => ({
        SeriesInstanceUID: seriesInstanceUid,
        ReferencedSOPSequence: [...instances.values()].map((instance) => ({
          ReferencedSOPClassUID: instance.sopClassUid,
          ReferencedSOPInstanceUID: instance.sopInstanceUid,
        })),
      })),
    },
  ];
}
