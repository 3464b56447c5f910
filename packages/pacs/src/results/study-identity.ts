import type { NaturalDataset } from 'dcmjs';

/** What a result copies from its source study so that a PACS files it in the same study and patient: nothing else about the patient. */
export interface StudyIdentity {
  studyInstanceUid: string;
  patientName?: string;
  patientId?: string;
  patientBirthDate?: string;
  patientSex?: string;
  studyDate?: string;
  studyTime?: string;
  studyId?: string;
  accessionNumber?: string;
  referringPhysicianName?: string;
}

/**
 * The Patient and General Study modules of a result, from the identity alone. Their Type 2 elements are
 * always present (empty when unknown), as the modules require; nothing else about the patient is written.
 */
export function patientAndStudyModules(identity: StudyIdentity): NaturalDataset {
  return {
    PatientName: identity.patientName ?? '',
    PatientID: identity.patientId ?? '',
    PatientBirthDate: identity.patientBirthDate ?? '',
    PatientSex: identity.patientSex ?? '',
    StudyInstanceUID: identity.studyInstanceUid,
    StudyDate: identity.studyDate ?? '',
    StudyTime: identity.studyTime ?? '',
    ReferringPhysicianName: identity.referringPhysicianName ?? '',
    StudyID: identity.studyId ?? '',
    AccessionNumber: identity.accessionNumber ?? '',
  };
}
