import { MAX_BATCH_FILES } from '@bcd-api/contract';
import type Router from '@koa/router';
import { classifyUpload, classifyUploads } from '../classify-uploads.js';
import type { AnswerSettings } from '../config.js';
import type { PredictionMiddleware, PredictionSteps } from '../middleware/prediction-steps.js';
import { toBatchPredictionResponse } from '../wire/batch.js';
import { toPredictionResponse } from '../wire/prediction.js';

/** Adds `POST /predict` and `POST /batch-predict`. */
export function registerPredictRoutes(
  router: Router,
  { admit, withModel, readUpload }: PredictionSteps,
  { inputCheck, screeningPrevalence }: AnswerSettings,
): void {
  const predict: PredictionMiddleware = async (ctx) => {
    const { classifier, uploads, signal } = ctx.state;
    ctx.body = toPredictionResponse(await classifyUpload(classifier, uploads.files, { inputCheck, signal, screeningPrevalence }));
  };
  const batchPredict: PredictionMiddleware = async (ctx) => {
    const { classifier, uploads, signal } = ctx.state;
    ctx.body = toBatchPredictionResponse(await classifyUploads(classifier, uploads.files, { inputCheck, signal, screeningPrevalence }));
  };
  router.post('/predict', admit, withModel, readUpload({ field: 'file', maxFiles: 1 }), predict);
  // The contract's limit (`maxItems` of `files`), not a setting.
  router.post('/batch-predict', admit, withModel, readUpload({ field: 'files', maxFiles: MAX_BATCH_FILES }), batchPredict);
}
