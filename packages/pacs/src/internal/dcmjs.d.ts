// The small part of dcmjs 0.51.1 this package uses, typed by hand: dcmjs ships no TypeScript types.
// Only the results writer (src/results) owns this file; ask before widening it.
declare module 'dcmjs' {
  /** One value of a naturalized data set: strings, numbers, binary, nested items, or lists of them. */
  export type NaturalValue = string | number | ArrayBuffer | NaturalDataset | ReadonlyArray<string | number | ArrayBuffer | NaturalDataset>;

  /** A data set in dcmjs's naturalized form: attribute keywords to values (`_vrMap` names a VR where the tag has several). */
  export interface NaturalDataset {
    [keyword: string]: NaturalValue | undefined;
  }

  /** A data set in dcmjs's tagged form, as DicomDict holds it. */
  export interface TaggedDataset {
    [tag: string]: { vr: string; Value?: unknown[] };
  }

  export namespace data {
    /** A Part 10 file: its File Meta Information and its data set. */
    class DicomDict {
      constructor(meta: TaggedDataset);
      meta: TaggedDataset;
      dict: TaggedDataset;
      write(options?: { allowInvalidVRLength?: boolean }): ArrayBuffer;
    }
    const DicomMetaDictionary: {
      denaturalizeDataset(dataset: NaturalDataset): TaggedDataset;
      naturalizeDataset(dataset: TaggedDataset): NaturalDataset;
    };
    const DicomMessage: {
      readFile(buffer: ArrayBuffer): DicomDict;
    };
  }

  export namespace sr {
    namespace coding {
      /** A code: (value, scheme, meaning), as an item of a code sequence. */
      class CodedConcept {
        constructor(options: { value: string; meaning: string; schemeDesignator: string; schemeVersion?: string });
        [keyword: string]: NaturalValue | undefined;
        readonly CodeValue: string;
        readonly CodeMeaning: string;
        readonly CodingSchemeDesignator: string;
      }
    }

    namespace valueTypes {
      /** The relationship types of SR content items (HAS ACQ CONTEXT left out: dcmjs misspells it "HAS ACQ CONTENT"). */
      const RelationshipTypes: {
        readonly CONTAINS: 'CONTAINS';
        readonly HAS_CONCEPT_MOD: 'HAS CONCEPT MOD';
        readonly HAS_OBS_CONTEXT: 'HAS OBS CONTEXT';
        readonly HAS_PROPERTIES: 'HAS PROPERTIES';
        readonly INFERRED_FROM: 'INFERRED FROM';
        readonly SELECTED_FROM: 'SELECTED FROM';
      };
      type RelationshipType = (typeof RelationshipTypes)[keyof typeof RelationshipTypes];

      /** Any SR content item: a data set with a concept name, a value type and children. */
      class ContentItem {
        [keyword: string]: NaturalValue | undefined;
        ContentSequence?: NaturalDataset[];
      }
      class CodeContentItem extends ContentItem {
        constructor(options: { name: coding.CodedConcept; value: coding.CodedConcept; relationshipType?: RelationshipType });
      }
      class TextContentItem extends ContentItem {
        constructor(options: { name: coding.CodedConcept; value: string; relationshipType?: RelationshipType });
      }
      class UIDRefContentItem extends ContentItem {
        constructor(options: { name: coding.CodedConcept; value: string; relationshipType?: RelationshipType });
      }
      class NumContentItem extends ContentItem {
        constructor(options: { name: coding.CodedConcept; value: number; unit: coding.CodedConcept; relationshipType?: RelationshipType });
      }
      class ContainerContentItem extends ContentItem {
        constructor(options: { name: coding.CodedConcept; relationshipType?: RelationshipType; templateID?: string });
      }
    }

    namespace contentItems {
      /** (363698007, SCT, "Finding Site") with its laterality as a concept modifier. */
      class FindingSite extends valueTypes.ContentItem {
        constructor(options: { anatomicLocation: coding.CodedConcept; laterality?: coding.CodedConcept });
      }
      /** (121324, DCM, "Source Image"), SELECTED FROM: the image a region lies on. */
      class SourceImageForRegion extends valueTypes.ContentItem {
        constructor(options: { referencedSOPClassUID: string; referencedSOPInstanceUID: string });
      }
      /** (111030, DCM, "Image Region"): a 2D SCOORD on its source image. */
      class ImageRegion extends valueTypes.ContentItem {
        constructor(options: {
          graphicType: 'POINT' | 'POLYLINE' | 'CIRCLE' | 'ELLIPSE';
          graphicData: number[];
          sourceImage: SourceImageForRegion;
          pixelOriginInterpretation?: 'FRAME' | 'VOLUME';
        });
      }
    }

    namespace templates {
      /** A template: a list of content items to splice into a content sequence. */
      class Template extends Array<valueTypes.ContentItem> {}
      /** TID 1204 Language of Content Item and Descendants (en-US by default). */
      class LanguageOfContentItemAndDescendants extends Template {
        constructor(options: { language?: coding.CodedConcept });
      }
      /** TID 1004 Device Observer Identifying Attributes. */
      class DeviceObserverIdentifyingAttributes extends Template {
        constructor(options: { uid: string; modelName?: string; serialNumber?: string });
      }
      /** TID 1002 Observer Context. */
      class ObserverContext extends Template {
        constructor(options: { observerType: coding.CodedConcept; observerIdentifyingAttributes: DeviceObserverIdentifyingAttributes });
      }
      /** TID 4019 Algorithm Identification. */
      class AlgorithmIdentification extends Template {
        constructor(options: { name: string; version: string; parameters?: string[] });
      }
      /** TID 4108 Tracking Identifier: a text identifier and a tracking UID. */
      class TrackingIdentifier extends Template {
        constructor(options: { uid: string; identifier?: string });
      }
      /** TID 1500 Measurement Report: the root container with its language, observers, procedure and an (empty) image library. */
      class MeasurementReport extends Template {
        constructor(options: {
          languageOfContentItemAndDescendants: LanguageOfContentItemAndDescendants;
          observationContext: Template;
          procedureReported: coding.CodedConcept;
          imagingMeasurements?: valueTypes.ContentItem[];
        });
      }
    }
  }
}
