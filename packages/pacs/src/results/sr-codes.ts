import type { NaturalDataset, sr } from 'dcmjs';
import { dcmjs } from '../internal/load-dcmjs.js';

// The codes of the analysis SR. Standard codes were checked against PS3.16 as pydicom 2.3 lists it
// (pydicom.sr.codedict); where no standard code says what we mean, the code is ours, in the private
// scheme 99BCDAPI that the SR declares in its Coding Scheme Identification Sequence.
const PRIVATE_SCHEME = '99BCDAPI';

const CODES = {
  imagingMeasurementReport: ['126000', 'DCM', 'Imaging Measurement Report'],
  device: ['121007', 'DCM', 'Device'],
  observerType: ['121005', 'DCM', 'Observer Type'],
  deviceObserverName: ['121013', 'DCM', 'Device Observer Name'],
  deviceObserverManufacturer: ['121014', 'DCM', 'Device Observer Manufacturer'],
  deviceObserverModelName: ['121015', 'DCM', 'Device Observer Model Name'],
  mammography: ['71651007', 'SCT', 'Mammography'],
  imageLibraryGroup: ['126200', 'DCM', 'Image Library Group'],
  imageLaterality: ['111027', 'DCM', 'Image Laterality'],
  imageView: ['111031', 'DCM', 'Image View'],
  measurementGroup: ['125007', 'DCM', 'Measurement Group'],
  probabilityOfCancer: ['111047', 'DCM', 'Probability of cancer'],
  percent: ['%', 'UCUM', 'percent'],
  derivation: ['121401', 'DCM', 'Derivation'],
  algorithmParameters: ['111002', 'DCM', 'Algorithm Parameters'],
  breast: ['76752008', 'SCT', 'Breast'],
  left: ['7771000', 'SCT', 'Left'],
  right: ['24028007', 'SCT', 'Right'],
  bilateral: ['51440002', 'SCT', 'Right and left'],
  // CID 4014 View for Mammography.
  craniocaudal: ['399162004', 'SCT', 'cranio-caudal'],
  mediolateralOblique: ['399368009', 'SCT', 'medio-lateral oblique'],
  // CID 7464 General Region of Interest Measurement Modifiers, as the Derivation of a combined probability.
  maximum: ['56851009', 'SCT', 'Maximum'],
  minimum: ['255605001', 'SCT', 'Minimum'],
  mean: ['373098007', 'SCT', 'Mean'],
  qualitativeEvaluations: ['C0034375', 'UMLS', 'Qualitative Evaluations'],
  screeningCategory: ['CATEGORY', PRIVATE_SCHEME, 'Screening category'],
  combinationRule: ['RULE', PRIVATE_SCHEME, 'Combination rule'],
  disclaimer: ['DISCLAIMER', PRIVATE_SCHEME, 'Disclaimer'],
} as const satisfies Record<string, readonly [string, string, string]>;

/** The codes the analysis SR uses, by name. */
export type CodeName = keyof typeof CODES;

/** A fresh coded concept for a code of the analysis SR (fresh, because dcmjs writes each where it is placed). */
export function code(name: CodeName): sr.coding.CodedConcept {
  const [value, schemeDesignator, meaning] = CODES[name];
  return new dcmjs.sr.coding.CodedConcept({ value, schemeDesignator, meaning });
}

/** The Coding Scheme Identification Sequence (0008,0110) item that declares our private scheme. */
export const PRIVATE_CODING_SCHEME: NaturalDataset = {
  CodingSchemeDesignator: PRIVATE_SCHEME,
  CodingSchemeName: 'Breast Cancer Detection API results',
  CodingSchemeResponsibleOrganization: 'Breast Cancer Detection API project',
};
