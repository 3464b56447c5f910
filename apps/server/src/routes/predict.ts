import { type BatchPredictionResponse, MAX_BATCH_FILES } from '@bcd-api/contract';
import type { Classifier, DecodedImage } from '@bcd-api/core';
import type Router from '@koa/router';
import type { ByteBudget } from '../byte-budget.js';
import type { ServerConfig } from '../config.js';
import { toApiError } from '../errors.js';
import type { ModelState } from '../model-state.js';
import { createUploadReader, type Upload } from '../upload.js';
import { type BatchOutcome, toBatchPredictionResponse, toPredictionResponse } from '../wire.js';
import type { WorkGate } from '../work-gate.js';

/** Adds `POST /predict` and `POST /batch-predict`. */
export function registerPredictRoutes(router: Router, config: ServerConfig, model: ModelState, gate: WorkGate, budget: ByteBudget): void {
  const limits = { maxFileBytes: config.maxFileBytes, maxRequestBytes: config.maxRequestBytes, budget };
  const readOne = createUploadReader({ field: 'file', maxFiles: 1, ...limits });
  // The contract's limit (`maxItems` of `files`), not a setting.
  const readMany = createUploadReader({ field: 'files', maxFiles: MAX_BATCH_FILES, ...limits });

  // Both routes run under the gate: bounded admission, a deadline whose signal stops the
  // upload read and the inference, and a count that graceful shutdown waits on. The upload
  // bytes stay under the memory budget until the answer is built.
  router.post('/predict', (ctx) =>
    gate.run(async (signal) => {
      const classifier = model.require();
      const uploads = await readOne(ctx, signal);
      try {
        const [upload] = uploads.files as [Upload];
        const image = await classifier.decode(upload.bytes, upload.filename);
        const [prediction] = await classifier.classify([image], { signal });
        if (!prediction) throw new Error('the classifier returned no prediction for one image');
        ctx.body = toPredictionResponse(upload.filename, image, prediction);
      } finally {
        uploads.release();
      }
    }),
  );

  router.post('/batch-predict', (ctx) =>
    gate.run(async (signal) => {
      const classifier = model.require();
      const uploads = await readMany(ctx, signal);
      try {
        ctx.body = await classifyBatch(classifier, uploads.files, signal);
      } finally {
        uploads.release();
      }
    }),
  );
}

async function classifyBatch(classifier: Classifier, uploads: Upload[], signal: AbortSignal): Promise<BatchPredictionResponse> {
  const decoded = await Promise.all(
    uploads.map((u) =>
      classifier.decode(u.bytes, u.filename).then(
        (image): { image: DecodedImage } => ({ image }),
        (error: unknown) => ({ error: toApiError(error) }),
      ),
    ),
  );
  signal.throwIfAborted();
  const images = decoded.flatMap((d) => ('image' in d ? [d.image] : []));
  // The valid images go through the model together, in passes of at most INFERENCE_BATCH_SIZE.
  const predictions = await classifier.classify(images, { signal });
  let next = 0;
  const outcomes = decoded.map((d, i): BatchOutcome => {
    const filename = uploads[i]?.filename ?? '';
    if ('error' in d) {
      if (d.error.status >= 500) throw d.error;
      return { filename, error: d.error };
    }
    const prediction = predictions[next++];
    if (!prediction) throw new Error('the classifier returned fewer predictions than images');
    return { filename, prediction };
  });
  return toBatchPredictionResponse(outcomes);
}
