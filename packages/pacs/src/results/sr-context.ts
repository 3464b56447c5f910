import type { NaturalDataset, sr } from 'dcmjs';
import { dcmjs } from '../internal/load-dcmjs.js';
import { type AlgorithmIdentity, deviceObserverUid, lo } from './algorithm-identity.js';
import type { ImageFinding } from './analysis-input.js';
import { code } from './sr-codes.js';

type ContentItem = sr.valueTypes.ContentItem;

/**
 * TID 1002 with TID 1004: the model as the device observer of the report (UID, name, manufacturer, model name).
 * dcmjs's DeviceObserverIdentifyingAttributes writes the manufacturer under 121013, which PS3.16 names
 * "Device Observer Name" (the manufacturer is 121014), so it gives only the UID and we add the rest.
 */
export function deviceObserverContext(algorithm: AlgorithmIdentity): ContentItem[] {
  const { templates, valueTypes } = dcmjs.sr;
  const observation = valueTypes.RelationshipTypes.HAS_OBS_CONTEXT;
  const attributes = new templates.DeviceObserverIdentifyingAttributes({ uid: deviceObserverUid(algorithm) });
  attributes.push(
    new valueTypes.TextContentItem({ name: code('deviceObserverName'), value: lo(algorithm.name), relationshipType: observation }),
    new valueTypes.TextContentItem({
      name: code('deviceObserverManufacturer'),
      value: lo(algorithm.manufacturer),
      relationshipType: observation,
    }),
    new valueTypes.TextContentItem({ name: code('deviceObserverModelName'), value: lo(algorithm.name), relationshipType: observation }),
  );
  return [...new templates.ObserverContext({ observerType: code('device'), observerIdentifyingAttributes: attributes })];
}

/** TID 4019 Algorithm Identification: the model's name, version, and its weights' SHA-256 as a parameter. */
export function algorithmIdentification(algorithm: AlgorithmIdentity): ContentItem[] {
  const { templates, valueTypes } = dcmjs.sr;
  return [
    ...new templates.AlgorithmIdentification({ name: algorithm.name, version: algorithm.version }),
    // Added here rather than through the template's `parameters`: dcmjs 0.51.1 names 111002 "Algorithm
    // Parameter", and PS3.16 "Algorithm Parameters".
    new valueTypes.TextContentItem({
      name: code('algorithmParameters'),
      value: `sha256=${algorithm.sha256}`,
      relationshipType: valueTypes.RelationshipTypes.HAS_CONCEPT_MOD,
    }),
  ];
}

/** The laterality code of a breast (CID 244). */
export function lateralityCode(laterality: 'L' | 'R' | 'both'): sr.coding.CodedConcept {
  return code(laterality === 'L' ? 'left' : laterality === 'R' ? 'right' : 'bilateral');
}

/** The CID 4014 code of a mammography view we know (CC, MLO), or undefined. */
function viewCode(view: string | undefined): sr.coding.CodedConcept | undefined {
  const normalized = view?.trim().toUpperCase();
  if (normalized === 'CC') return code('craniocaudal');
  if (normalized === 'MLO') return code('mediolateralOblique');
  return undefined;
}

/**
 * The content of TID 1600 Image Library: one Image Library Group with a TID 1601 entry per source image,
 * each with its laterality and (CC or MLO) view as TID 1602 descriptors.
 */
export function imageLibraryContent(images: readonly ImageFinding[]): ContentItem[] {
  const { valueTypes } = dcmjs.sr;
  const group = new valueTypes.ContainerContentItem({
    name: code('imageLibraryGroup'),
    relationshipType: valueTypes.RelationshipTypes.CONTAINS,
  });
  group.ContentSequence = images.map((image) => {
    const descriptors = [acquisitionContext('imageLaterality', lateralityCode(image.laterality))];
    const view = viewCode(image.view);
    if (view) descriptors.push(acquisitionContext('imageView', view));
    return imageItem(image, descriptors);
  });
  return [group];
}

/** A TID 1602 descriptor: a CODE item under HAS ACQ CONTEXT. */
function acquisitionContext(name: 'imageLaterality' | 'imageView', value: sr.coding.CodedConcept): ContentItem {
  const item = new dcmjs.sr.valueTypes.CodeContentItem({ name: code(name), value });
  // Set after construction: dcmjs 0.51.1 knows this relationship only as "HAS ACQ CONTENT" (sic) and
  // rejects the standard spelling.
  item.RelationshipType = 'HAS ACQ CONTEXT';
  return item;
}

/**
 * A TID 1601 IMAGE entry, built by hand: the entry has no concept name, and dcmjs's ImageContentItem
 * insists on one.
 */
function imageItem(image: ImageFinding, descriptors: ContentItem[]): NaturalDataset {
  return {
    RelationshipType: 'CONTAINS',
    ValueType: 'IMAGE',
    ReferencedSOPSequence: [{ ReferencedSOPClassUID: image.source.sopClassUid, ReferencedSOPInstanceUID: image.source.sopInstanceUid }],
    ContentSequence: descriptors,
  };
}
