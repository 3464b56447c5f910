import type Router from '@koa/router';
import type { ServerConfig } from '../config.js';
import { toApiError } from '../errors.js';
import type { ModelState } from '../model-state.js';
import { createUploadReader } from '../upload.js';
import type { WorkGate } from '../work-gate.js';
import { toBatchError, toBatchSuccess, toPredictionResponse, DISCLAIMER } from '../wire.js';
import type { BatchPredictionResponse } from '@bcd-api/contract';
import type { DecodedImage } from '@bcd-api/core';

/** Adds `POST /predict` and `POST /batch-predict`. */
export function registerPredictRoutes(router: Router, config: ServerConfig, model: ModelState, gate: WorkGate): void {
  const limits = { maxFileBytes: config.maxFileBytes, maxRequestBytes: config.maxRequestBytes };
  const readOne = createUploadReader({ field: 'file', maxFiles: 1, ...limits });
  const readMany = createUploadReader({ field: 'files', maxFiles: config.maxBatchFiles, ...limits });

  // Both routes run under the gate: bounded admission, a deadline, and a count that
  // graceful shutdown waits on.
  router.post('/predict', (ctx) =>
    gate.run(async () => {
      const classifier = model.require();
      const [upload] = await readOne(ctx);
      const image = await classifier.decode(upload!.bytes, upload!.filename);
      const [prediction] = await classifier.classify([image]);
      ctx.body = toPredictionResponse(upload!.filename, image, prediction!);
    }),
  );

  router.post('/batch-predict', (ctx) => gate.run(async () => {
    const classifier = model.require();
    const uploads = await readMany(ctx);
    const decoded = await Promise.all(
      uploads.map((u) => classifier.decode(u.bytes, u.filename).then(
        (image): { image: DecodedImage } => ({ image }),
        (error: unknown) => ({ error: toApiError(error) }),
      )),
    );
    const images = decoded.flatMap((d) => ('image' in d ? [d.image] : []));
    // The valid images go through the model together: one batched forward pass.
    const predictions = await classifier.classify(images);
    let next = 0;
    const results = decoded.map((d, i) => {
      const filename = uploads[i]!.filename;
      if ('error' in d) {
        if (d.error.status >= 500) throw d.error;
        return toBatchError(filename, d.error.code, d.error.message);
      }
      return toBatchSuccess(filename, predictions[next++]!);
    });
    const malignant = predictions.filter((p) => p.label === 'Malignant').length;
    const body: BatchPredictionResponse = {
      total_images: uploads.length,
      successful: predictions.length,
      failed: uploads.length - predictions.length,
      summary: { malignant, benign: predictions.length - malignant },
      results,
      disclaimer: DISCLAIMER,
    };
    ctx.body = body;
  }));
}

