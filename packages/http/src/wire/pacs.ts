import { DISCLAIMER, type PacsAnalysisResponse, type StoredInstance } from '@bcd-api/contract';
import type { PacsAnalysis } from '../pacs/pacs-node.js';
import type { ResultInstance } from '../pacs/result-set.js';
import { toStudyResponse } from './study.js';

function toStoredInstance(instance: ResultInstance): StoredInstance {
  return {
    series_instance_uid: instance.seriesInstanceUid,
    sop_instance_uid: instance.sopInstanceUid,
    sop_class_uid: instance.sopClassUid,
  };
}

/** Body of `POST /studies/{StudyInstanceUID}/analyze`: the study's analysis as `/predict-study` answers it, and its results in the PACS. */
export function toPacsAnalysisResponse(analysis: PacsAnalysis, rule: string): PacsAnalysisResponse {
  return {
    study_instance_uid: analysis.studyInstanceUid,
    result: toStudyResponse(analysis.outcomes, analysis.combination, rule),
    already_stored: analysis.alreadyStored,
    stored: {
      report: toStoredInstance(analysis.report),
      overlays: analysis.overlays.map((o) => ({ ...toStoredInstance(o), source_sop_instance_uid: o.sourceSopInstanceUid })),
    },
    model: analysis.model,
    disclaimer: DISCLAIMER,
  };
}
