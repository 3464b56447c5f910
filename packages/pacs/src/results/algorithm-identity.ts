import type { NaturalDataset } from 'dcmjs';
import { dicomDateTime } from '../internal/dicom-datetime.js';
import { derivedUid } from '../result-uids.js';

/** Who made a result: the model (name, version, weights' SHA-256) and the software that ran it. */
export interface AlgorithmIdentity {
  /** The model's name, e.g. 'bcd-default'. */
  name: string;
  /** The model's version, e.g. '2.1.0'. */
  version: string;
  /** The SHA-256 of the model's weights, 64 lowercase hex digits. */
  sha256: string;
  /** Who makes the software, as DICOM's Manufacturer (0008,0070) names it. */
  manufacturer: string;
  /** The version of the software that ran the model. */
  softwareVersion: string;
}

// LO, the VR of the names and versions below, holds at most 64 characters.
const LO_MAX = 64;

/** A value clipped to LO's 64 characters, so a long model name never makes an invalid file. */
export function lo(value: string): string {
  return value.length > LO_MAX ? value.slice(0, LO_MAX) : value;
}

/** The Device Observer UID of the model: the same model (name and weights) is the same observer in every report. */
export function deviceObserverUid(algorithm: AlgorithmIdentity): string {
  return derivedUid('bcd-api/pacs', 'device-observer', algorithm.name, algorithm.sha256);
}

/**
 * The equipment elements of a result: General Equipment and Enhanced General Equipment (the model is the
 * device; its weights' digest is its serial number) and, as the IHE AI Results profile asks, a Contributing
 * Equipment Sequence (0018,A001) item that names the algorithm with its version and SHA-256.
 */
export function equipmentElements(algorithm: AlgorithmIdentity, at: Date): NaturalDataset {
  return {
    Manufacturer: lo(algorithm.manufacturer),
    ManufacturerModelName: lo(algorithm.name),
    DeviceSerialNumber: lo(algorithm.sha256),
    SoftwareVersions: [lo(algorithm.version), lo(algorithm.softwareVersion)],
    ContributingEquipmentSequence: [
      {
        // CID 7005 Contributing Equipment Purposes of Reference: the model processed the images into this result.
        PurposeOfReferenceCodeSequence: [{ CodeValue: '109102', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Processing Equipment' }],
        Manufacturer: lo(algorithm.manufacturer),
        ManufacturerModelName: lo(algorithm.name),
        // The 64-hex digest fits LO exactly, so the weights are named without truncation.
        SoftwareVersions: [lo(algorithm.version), lo(algorithm.sha256)],
        ContributionDateTime: dicomDateTime(at),
        ContributionDescription: lo(`${algorithm.name} ${algorithm.version} (software ${algorithm.softwareVersion})`),
      },
    ],
  };
}
