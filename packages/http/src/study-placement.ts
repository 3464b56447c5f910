import { LATERALITIES, type Laterality } from '@bcd-api/contract';
import { combineStudy, type ModelCard, type StudyCombination } from '@bcd-api/core';
import type { DecodedUpload, UploadOutcome } from './classify-uploads.js';
import { ApiError } from './errors/api-error.js';
import type { StudyEntry, StudyPlacement } from './wire/study.js';

/** The form's side and view of one file, before its DICOM tags are read. */
export interface FormSide {
  laterality?: Laterality;
  view?: string;
}

/**
 * A study's classified images and their combination per breast and for the study, by the
 * card's rule. An image refused by the typicality check is an error entry, left out of the
 * breasts and the study.
 */
export function combineOutcomes(
  outcomes: ReadonlyArray<UploadOutcome<StudyPlacement>>,
  card: ModelCard,
  prevalence: number | undefined,
): { entries: StudyEntry[]; combination: StudyCombination } {
  const entries = outcomes.filter((o): o is StudyEntry => 'prediction' in o);
  const combination = combineStudy(
    entries.map((e) => ({
      laterality: e.laterality,
      ...(e.view === undefined ? {} : { view: e.view }),
      malignantProbability: e.prediction.malignantProbability,
    })),
    card,
    { prevalence },
  );
  return { entries, combination };
}

/** An image's side and view: its DICOM tags first, else the form; a contradiction or no side at all is refused. */
export function placeImage({ filename, image }: DecodedUpload, form: FormSide): StudyPlacement {
  const tagged = image.dicom?.laterality;
  if (tagged && form.laterality && tagged !== form.laterality) {
    throw new ApiError('INVALID_PARAMETER', `${filename}: the form says laterality ${form.laterality}, its DICOM tag says ${tagged}.`);
  }
  const taggedView = image.dicom?.view?.toUpperCase();
  if (taggedView && form.view && taggedView !== form.view) {
    throw new ApiError('INVALID_PARAMETER', `${filename}: the form says view ${form.view}, its DICOM tag says ${taggedView}.`);
  }
  const laterality = tagged ?? form.laterality;
  if (!laterality) {
    throw new ApiError(
      'LATERALITY_UNKNOWN',
      `${filename}: which breast this image shows is unknown: it has no DICOM laterality tag, and the form gave no 'laterality' (${LATERALITIES.join(' or ')}) for it.`,
    );
  }
  const view = taggedView ?? form.view;
  return { laterality, ...(view === undefined ? {} : { view }), source: tagged ? 'dicom' : 'form' };
}
