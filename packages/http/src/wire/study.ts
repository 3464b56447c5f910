import { DISCLAIMER, type Laterality, type StudyImageSuccess, type StudyResponse, type StudyResult } from '@bcd-api/contract';
import type { Combined, StudyCombination } from '@bcd-api/core';
import type { ClassifiedUpload, UploadOutcome } from '../classify-uploads.js';
import { toBatchError } from './batch.js';
import { toDicom, toInputCheck, toScreening, toVerdict } from './image-result.js';

/** Where one image of a study sits: its breast and view, and where they came from. */
export interface StudyPlacement {
  laterality: Laterality;
  view?: string;
  source: 'dicom' | 'form';
}

/** One classified image of a study, placed. */
export type StudyEntry = ClassifiedUpload & StudyPlacement;

function toStudyResult(combined: Combined | null): StudyResult | null {
  if (!combined) return null;
  const { confidence: _, ...verdict } = toVerdict(combined);
  return {
    images: combined.images,
    ...(combined.views.length ? { views: combined.views } : {}),
    ...verdict,
    ...(combined.screening ? { screening: toScreening(combined.screening) } : {}),
  };
}

function toStudyImage(entry: StudyEntry): StudyImageSuccess {
  return {
    filename: entry.filename,
    laterality: entry.laterality,
    ...(entry.view === undefined ? {} : { view: entry.view }),
    laterality_source: entry.source,
    ...toVerdict(entry.prediction),
    input_check: toInputCheck(entry.assessment),
    ...(entry.screening ? { screening: toScreening(entry.screening) } : {}),
    ...toDicom(entry.image),
  };
}

/** Body of `POST /predict-study`: each file's result or error, each breast's and the study's. */
export function toStudyResponse(
  outcomes: ReadonlyArray<UploadOutcome<StudyPlacement>>,
  combination: StudyCombination,
  rule: string,
): StudyResponse {
  const successful = outcomes.filter((o) => 'prediction' in o).length;
  return {
    total_images: outcomes.length,
    successful,
    failed: outcomes.length - successful,
    results: outcomes.map((o) => ('prediction' in o ? toStudyImage(o) : toBatchError(o))),
    breasts: { left: toStudyResult(combination.left), right: toStudyResult(combination.right) },
    study: toStudyResult(combination.study),
    missing_views: [...combination.missingViews],
    rule,
    disclaimer: DISCLAIMER,
  };
}
