import type { NaturalDataset } from 'dcmjs';
import { derivedUid } from '../result-uids.js';
import { dcmjs } from './load-dcmjs.js';

/** Explicit VR Little Endian: every DICOM reader must read it, and it keeps each element's VR in the file. */
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

// Identifies the software that wrote the file (PS3.10 7.1); a derived UID, so it never changes between releases.
const IMPLEMENTATION_CLASS_UID = derivedUid('bcd-api/pacs', 'implementation-class');
const IMPLEMENTATION_VERSION_NAME = 'BCD_API_PACS_1';

/** Writes a naturalized data set as a DICOM Part 10 file in Explicit VR Little Endian. */
export function writePart10(dataset: NaturalDataset & { SOPClassUID: string; SOPInstanceUID: string }): Uint8Array {
  const { DicomDict, DicomMetaDictionary } = dcmjs.data;
  const meta: NaturalDataset = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: dataset.SOPClassUID,
    MediaStorageSOPInstanceUID: dataset.SOPInstanceUID,
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: IMPLEMENTATION_VERSION_NAME,
  };
  const file = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  file.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  return new Uint8Array(file.write());
}
