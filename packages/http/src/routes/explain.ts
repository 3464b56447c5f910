import { DEFAULT_HEATMAP_OPACITY } from '@bcd-api/contract';
import { buildHeatmap } from '@bcd-api/core';
import type Router from '@koa/router';
import type { Context } from 'koa';
import { classifyUpload } from '../classify-uploads.js';
import type { AnswerSettings } from '../config.js';
import { ApiError } from '../errors/api-error.js';
import type { PredictionMiddleware, PredictionState, PredictionSteps } from '../middleware/prediction-steps.js';
import { overlayCaption } from '../overlay/overlay-caption.js';
import { ASCII_DISCLAIMER, renderOverlay } from '../overlay/render-overlay.js';
import { toExplainResponse } from '../wire/prediction.js';

/** What `explainable` settles before the upload is read. */
interface ExplainState extends PredictionState {
  /** The representation the client takes. */
  answerAs: 'json' | 'png';
  /** The heatmap's opacity in the PNG, 0-1. */
  opacity: number;
}

/**
 * Adds `POST /explain`. The heatmap is the score map of the prediction's own forward pass: no
 * second inference.
 */
export function registerExplainRoutes(router: Router, { admit, withModel, readUpload }: PredictionSteps, settings: AnswerSettings): void {
  router.post('/explain', admit, withModel, explainable, readUpload({ field: 'file', maxFiles: 1 }), explain(settings));
}

/** Refuses, before the upload is read, what needs nothing from the body: a model without a score map, an Accept or an opacity it cannot serve. */
const explainable: PredictionMiddleware<ExplainState> = (ctx, next) => {
  const { card } = ctx.state.classifier;
  if (!card.scoreMap) {
    throw new ApiError(
      'EXPLANATION_UNAVAILABLE',
      `The served model (${card.name} ${card.version}) has no score-map output, so it cannot explain its predictions: serve a model whose manifest declares output.score_map, such as the default model.`,
    );
  }
  ctx.state.answerAs = negotiate(ctx);
  ctx.state.opacity = readOpacity(ctx);
  ctx.vary('Accept');
  return next();
};

function explain({ inputCheck, screeningPrevalence }: AnswerSettings): PredictionMiddleware<ExplainState> {
  return async (ctx) => {
    const { classifier, uploads, signal, answerAs, opacity } = ctx.state;
    const classified = await classifyUpload(classifier, uploads.files, {
      inputCheck,
      signal,
      screeningPrevalence,
      display: answerAs === 'png',
    });
    const { image, prediction, assessment } = classified;
    if (!prediction.scoreMap) throw new Error('the classifier returned no score map for one image');
    const heatmap = buildHeatmap(prediction.scoreMap, image, classifier.card);
    if (answerAs === 'json') {
      ctx.body = toExplainResponse(classified, heatmap);
      return;
    }
    const png = await renderOverlay(image, heatmap, {
      opacity,
      caption: overlayCaption(prediction, assessment),
      disclaimer: ASCII_DISCLAIMER,
    });
    signal.throwIfAborted();
    ctx.set('X-Prediction', prediction.label);
    ctx.set('X-Malignant-Probability', prediction.percentages.malignant.toFixed(2));
    ctx.set('X-Risk-Level', prediction.risk.level);
    ctx.set('X-Input-Check', assessment.status);
    ctx.type = 'image/png';
    ctx.body = png;
  };
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
