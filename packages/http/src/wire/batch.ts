import { type BatchItemError, type BatchItemSuccess, type BatchPredictionResponse, DISCLAIMER } from '@bcd-api/contract';
import type { ClassifiedUpload, FailedUpload, UploadOutcome } from '../classify-uploads.js';
import { toDicom, toInputCheck, toScreening, toVerdict } from './image-result.js';

/** One successful entry of `POST /batch-predict`. */
export function toBatchSuccess({ filename, image, prediction, assessment, screening }: ClassifiedUpload): BatchItemSuccess {
  return {
    filename,
    ...toVerdict(prediction),
    input_check: toInputCheck(assessment),
    ...(screening ? { screening: toScreening(screening) } : {}),
    ...toDicom(image),
  };
}

/** One failed entry of `POST /batch-predict` or `POST /predict-study`: the file, its sentence and its code. */
export function toBatchError({ filename, error }: FailedUpload): BatchItemError {
  return { filename, error: error.message, code: error.code };
}

/** Body of `POST /batch-predict`: the entries in upload order and their counts. */
export function toBatchPredictionResponse(outcomes: readonly UploadOutcome[]): BatchPredictionResponse {
  const predictions = outcomes.flatMap((o) => ('prediction' in o ? [o.prediction] : []));
  const malignant = predictions.filter((p) => p.label === 'Malignant').length;
  return {
    total_images: outcomes.length,
    successful: predictions.length,
    failed: outcomes.length - predictions.length,
    summary: { malignant, benign: predictions.length - malignant },
    results: outcomes.map((o) => ('prediction' in o ? toBatchSuccess(o) : toBatchError(o))),
    disclaimer: DISCLAIMER,
  };
}
