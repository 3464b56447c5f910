import { type BatchPredictionResponse, DEFAULT_HEATMAP_OPACITY, MAX_BATCH_FILES } from '@bcd-api/contract';
import { buildHeatmap, type Classifier, type DecodedImage, type Prediction } from '@bcd-api/core';
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { ByteBudget } from '../byte-budget.js';
import type { InputCheckMode, ServerConfig } from '../config.js';
import { ApiError, toApiError } from '../errors.js';
import { assessImage, decodeChecked, type InputAssessment } from '../input-check.js';
import type { ModelState } from '../model-state.js';
import { renderOverlay } from '../overlay/render-overlay.js';
import { createUploadReader, type Upload } from '../upload.js';
import {
  type BatchOutcome,
  DISCLAIMER,
  overlayCaption,
  toBatchPredictionResponse,
  toExplainResponse,
  toPredictionResponse,
} from '../wire.js';
import type { WorkGate } from '../work-gate.js';

/** Adds `POST /predict`, `POST /batch-predict` and `POST /explain`. */
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
        const image = await decodeChecked(classifier, upload, config.inputCheck);
        const [prediction] = await classifier.classify([image], { signal });
        if (!prediction) throw new Error('the classifier returned no prediction for one image');
        const assessment = assessImage(config.inputCheck, upload.filename, image, prediction);
        ctx.body = toPredictionResponse(upload.filename, image, prediction, assessment);
      } finally {
        uploads.release();
      }
    }),
  );

  // The heatmap is the score map of the prediction's own forward pass: no second inference.
  router.post('/explain', (ctx) =>
    gate.run(async (signal) => {
      const classifier = model.require();
      const { card } = classifier;
      // Refused before the upload is read: these need nothing from the body.
      if (!card.scoreMap) {
        throw new ApiError(
          'EXPLANATION_UNAVAILABLE',
          `The served model (${card.name} ${card.version}) has no score-map output, so it cannot explain its predictions: serve a model whose manifest declares output.score_map, such as the default model.`,
        );
      }
      const as = negotiate(ctx);
      const opacity = readOpacity(ctx);
      ctx.vary('Accept');
      const uploads = await readOne(ctx, signal);
      try {
        const [upload] = uploads.files as [Upload];
        const image = await decodeChecked(classifier, upload, config.inputCheck, { display: as === 'png' });
        const [prediction] = await classifier.classify([image], { signal });
        if (!prediction?.scoreMap) throw new Error('the classifier returned no prediction or no score map for one image');
        const assessment = assessImage(config.inputCheck, upload.filename, image, prediction);
        const heatmap = buildHeatmap(prediction.scoreMap, image, card);
        if (as === 'json') {
          ctx.body = toExplainResponse(upload.filename, image, prediction, assessment, heatmap);
          return;
        }
        const png = await renderOverlay(image, heatmap, {
          opacity,
          caption: overlayCaption(prediction, assessment),
          // The overlay's font is ASCII: the sentence without its warning sign.
          disclaimer: DISCLAIMER.replace(/^[^\x20-\x7e]+\s*/u, ''),
        });
        signal.throwIfAborted();
        ctx.set('X-Prediction', prediction.label);
        ctx.set('X-Malignant-Probability', prediction.percentages.malignant.toFixed(2));
        ctx.set('X-Risk-Level', prediction.risk.level);
        ctx.set('X-Input-Check', assessment.status);
        ctx.type = 'image/png';
        ctx.body = png;
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
        ctx.body = await classifyBatch(classifier, uploads.files, config.inputCheck, signal);
      } finally {
        uploads.release();
      }
    }),
  );
}

/**
 * Decodes each upload and holds it to the input check's rules, keeping a file's 4xx error (a
 * bad file, or not a mammogram) as its outcome while the others go on; a 5xx (a failure of
 * the server, not of the file) fails the request.
 */
export async function decodeEach(
  classifier: Classifier,
  uploads: readonly Upload[],
  inputCheck: InputCheckMode,
): Promise<Array<{ image: DecodedImage } | { error: ApiError }>> {
  const decoded = await Promise.all(
    uploads.map((u) =>
      decodeChecked(classifier, u, inputCheck).then(
        (image): { image: DecodedImage } => ({ image }),
        (error: unknown) => ({ error: toApiError(error) }),
      ),
    ),
  );
  for (const d of decoded) if ('error' in d && d.error.status >= 500) throw d.error;
  return decoded;
}

/** An image's input check after its verdict: its assessment, or its NOT_A_MAMMOGRAM error as the file's outcome. */
export function assessEach(
  inputCheck: InputCheckMode,
  filename: string,
  image: DecodedImage,
  prediction: Prediction,
): { assessment: InputAssessment } | { error: ApiError } {
  try {
    return { assessment: assessImage(inputCheck, filename, image, prediction) };
  } catch (error) {
    return { error: toApiError(error) };
  }
}

async function classifyBatch(
  classifier: Classifier,
  uploads: Upload[],
  inputCheck: InputCheckMode,
  signal: AbortSignal,
): Promise<BatchPredictionResponse> {
  const decoded = await decodeEach(classifier, uploads, inputCheck);
  signal.throwIfAborted();
  const images = decoded.flatMap((d) => ('image' in d ? [d.image] : []));
  // The valid images go through the model together, in passes of at most INFERENCE_BATCH_SIZE.
  const predictions = await classifier.classify(images, { signal });
  let next = 0;
  const outcomes = decoded.map((d, i): BatchOutcome => {
    const filename = uploads[i]?.filename ?? '';
    if ('error' in d) return { filename, error: d.error };
    const prediction = predictions[next++];
    if (!prediction) throw new Error('the classifier returned fewer predictions than images');
    const checked = assessEach(inputCheck, filename, d.image, prediction);
    return 'error' in checked ? { filename, error: checked.error } : { filename, image: d.image, prediction, ...checked };
  });
  return toBatchPredictionResponse(outcomes);
}

/** JSON unless the client prefers `image/png`; 406 when it accepts neither. */
function negotiate(ctx: Context): 'json' | 'png' {
  const type = ctx.accepts('application/json', 'image/png');
  if (type === 'image/png') return 'png';
  if (type === 'application/json') return 'json';
  throw new ApiError(
    'NOT_ACCEPTABLE',
    `This endpoint answers application/json or image/png; the request accepts neither (Accept: ${ctx.get('Accept').slice(0, 100)}).`,
  );
}

/** The `opacity` query parameter, 0-1; 400 for anything else. */
function readOpacity(ctx: Context): number {
  const raw = ctx.query.opacity;
  if (raw === undefined) return DEFAULT_HEATMAP_OPACITY;
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  if (!(value >= 0 && value <= 1)) {
    throw new ApiError('INVALID_PARAMETER', `opacity must be one number from 0 to 1, not "${String(raw).slice(0, 50)}".`);
  }
  return value;
}
