import type { sr } from 'dcmjs';
import { dcmjs } from '../internal/load-dcmjs.js';
import { derivedUid } from '../result-uids.js';
import type { AlgorithmIdentity } from './algorithm-identity.js';
import type { CombinedFinding, CombineRule, ImageFinding } from './analysis-input.js';
import { code } from './sr-codes.js';
import { algorithmIdentification, lateralityCode } from './sr-context.js';

// The measurement groups of the report are assembled from dcmjs's value types and small templates, not
// from its group templates (PlanarROIMeasurementsAndQualitativeEvaluations, MeasurementAndQualitative-
// EvaluationGroup): in 0.51.1 those call `.filter` on the TrackingIdentifier template, an Array subclass,
// which re-runs its constructor without options and throws for every input, and they console.log each
// measurement. The structure below is theirs (TID 1410 and TID 1501), with what they cannot express.

type ContentItem = sr.valueTypes.ContentItem;

/** The standard Derivation (CID 7464) of a combined value, where the rule has one; mean_logit has none. */
const DERIVATION = { max: 'maximum', min: 'minimum', mean: 'mean', mean_logit: undefined } as const;

/** What every group of one report shares. */
export interface GroupContext {
  algorithm: AlgorithmIdentity;
  /** The report's SOP Instance UID, from which the tracking UIDs derive (same report, same tracking UIDs). */
  reportUid: string;
}

/** The tracking identifier of an image's group, e.g. "L-CC image 1". */
export function imageTrackingIdentifier(image: ImageFinding, index: number): string {
  return `${image.laterality}-${image.view?.trim() || 'image'} image ${index + 1}`;
}

/**
 * One image's group: TID 1410 Planar ROI Measurements with the heatmap's peak as the image region when the
 * finding has one, otherwise TID 1501; the breast with its laterality as the finding site, the probability
 * of cancer, and the screening category.
 */
export function imageGroup(image: ImageFinding, index: number, context: GroupContext): ContentItem {
  const identifier = imageTrackingIdentifier(image, index);
  const { contentItems } = dcmjs.sr;
  const region = image.peakRegion
    ? [
        new contentItems.ImageRegion({
          graphicType: 'POLYLINE',
          graphicData: image.peakRegion.flat(),
          sourceImage: new contentItems.SourceImageForRegion({
            referencedSOPClassUID: image.source.sopClassUid,
            referencedSOPInstanceUID: image.source.sopInstanceUid,
          }),
        }),
      ]
    : [];
  return group(image.peakRegion ? '1410' : '1501', identifier, context, [
    ...region,
    findingSite(image.laterality),
    probability(image.malignantPercent, undefined, context.algorithm),
    ...category(image.category),
  ]);
}

/** A breast's group (TID 1501), tracked as "left breast" or "right breast". */
export function breastGroup(laterality: 'L' | 'R', finding: CombinedFinding, rule: CombineRule, ruleText: string, context: GroupContext) {
  const identifier = laterality === 'L' ? 'left breast' : 'right breast';
  return combinedGroup(identifier, laterality, finding, rule, ruleText, context);
}

/** The exam's group (TID 1501), tracked as "exam", with both breasts as its finding site. */
export function examGroup(finding: CombinedFinding, rule: CombineRule, ruleText: string, context: GroupContext): ContentItem {
  return combinedGroup('exam', 'both', finding, rule, ruleText, context);
}

function combinedGroup(
  identifier: string,
  laterality: 'L' | 'R' | 'both',
  finding: CombinedFinding,
  rule: CombineRule,
  ruleText: string,
  context: GroupContext,
): ContentItem {
  const { valueTypes } = dcmjs.sr;
  const images = `${finding.images} image${finding.images === 1 ? '' : 's'}`;
  return group('1501', identifier, context, [
    findingSite(laterality),
    probability(finding.malignantPercent, DERIVATION[rule], context.algorithm),
    new valueTypes.TextContentItem({
      name: code('combinationRule'),
      value: `${rule} over ${images}. ${ruleText}`,
      relationshipType: valueTypes.RelationshipTypes.CONTAINS,
    }),
    ...category(finding.category),
  ]);
}

/** A Measurement Group container of the given template, with its tracking identifier and UID first. */
function group(templateId: '1410' | '1501', identifier: string, context: GroupContext, content: ContentItem[]): ContentItem {
  const { templates, valueTypes } = dcmjs.sr;
  const container = new valueTypes.ContainerContentItem({
    name: code('measurementGroup'),
    relationshipType: valueTypes.RelationshipTypes.CONTAINS,
    templateID: templateId,
  });
  const uid = derivedUid('bcd-api/pacs', 'tracking', context.reportUid, identifier);
  container.ContentSequence = [...new templates.TrackingIdentifier({ uid, identifier }), ...content];
  return container;
}

/** (363698007, SCT, "Finding Site") = Breast, with its laterality. */
function findingSite(laterality: 'L' | 'R' | 'both'): ContentItem {
  return new dcmjs.sr.contentItems.FindingSite({ anatomicLocation: code('breast'), laterality: lateralityCode(laterality) });
}

/** TID 300: (111047, DCM, "Probability of cancer") in UCUM %, with its derivation and the algorithm (TID 4019). */
function probability(percent: number, derivation: 'maximum' | 'minimum' | 'mean' | undefined, algorithm: AlgorithmIdentity) {
  const { valueTypes } = dcmjs.sr;
  const value = new valueTypes.NumContentItem({
    name: code('probabilityOfCancer'),
    value: percent,
    unit: code('percent'),
    relationshipType: valueTypes.RelationshipTypes.CONTAINS,
  });
  const modifier = valueTypes.RelationshipTypes.HAS_CONCEPT_MOD;
  value.ContentSequence = [
    ...(derivation
      ? [new valueTypes.CodeContentItem({ name: code('derivation'), value: code(derivation), relationshipType: modifier })]
      : []),
    ...algorithmIdentification(algorithm),
  ];
  return value;
}

/** The screening category as a qualitative evaluation (TEXT, our code: the category words are ours). */
function category(words: string | undefined): ContentItem[] {
  if (words === undefined) return [];
  const { valueTypes } = dcmjs.sr;
  return [
    new valueTypes.TextContentItem({
      name: code('screeningCategory'),
      value: words,
      relationshipType: valueTypes.RelationshipTypes.CONTAINS,
    }),
  ];
}
