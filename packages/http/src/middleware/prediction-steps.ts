import type { Classifier } from '@bcd-api/core';
import type { RouterContext, RouterMiddleware } from '@koa/router';
import type { Next } from 'koa';
import type { ByteBudget } from '../byte-budget.js';
import type { ServerConfig } from '../config.js';
import type { ModelState } from '../model-state.js';
import { createUploadReader, type UploadOptions, type Uploads } from '../upload.js';
import type { WorkGate } from '../work-gate.js';

/** What the prediction steps leave on `ctx.state` for the route's handler, in the order they run. */
export interface PredictionState {
  /** Aborts at the request's deadline (set by `admit`): it stops the upload read and the inference. */
  signal: AbortSignal;
  /** The served model (set by `withModel`). */
  classifier: Classifier;
  /** The request's files and text fields, held under the memory budget until the handler is done (set by `readUpload`). */
  uploads: Uploads;
  /** The images of the request, for its log line: the upload's files (set by `readUpload`), or a PACS study's images. */
  images?: number;
}

/** A route-level middleware of a prediction route whose state holds `State`. */
export type PredictionMiddleware<State extends PredictionState = PredictionState> = RouterMiddleware<State>;

/** A step that serves every prediction route, whatever else its state holds. */
export type PredictionStep = <State extends PredictionState>(ctx: RouterContext<State>, next: Next) => Promise<unknown>;

/**
 * The steps every prediction route runs before its handler, written once and listed per route
 * (`router.post('/predict', admit, withModel, readUpload({...}), handler)`, as @koa/router's
 * README chains `load` before a handler).
 */
export interface PredictionSteps {
  /**
   * Runs the rest of the route under the work gate: bounded admission (503 OVERLOADED, or
   * SHUTTING_DOWN once draining), a deadline (503 TIMEOUT) whose signal stops the work, and a
   * count that graceful shutdown waits on.
   */
  admit: PredictionStep;
  /** Takes the classifier, or answers 503 MODEL_UNAVAILABLE before the upload is read. */
  withModel: PredictionStep;
  /**
   * Reads the multipart body (the route's files and text fields) under the limits and the
   * memory budget, and gives its bytes back once the handler has finished, whatever happened.
   */
  readUpload(options: Pick<UploadOptions, 'field' | 'maxFiles' | 'textFields'>): PredictionStep;
}

/** What {@link createPredictionSteps} needs. */
export interface PredictionStepsOptions {
  config: Pick<ServerConfig, 'maxFileBytes' | 'maxRequestBytes'>;
  model: ModelState;
  gate: WorkGate;
  budget: ByteBudget;
}

/** Creates the {@link PredictionSteps} of one app. */
export function createPredictionSteps({ config, model, gate, budget }: PredictionStepsOptions): PredictionSteps {
  return {
    admit: (ctx, next) =>
      gate.run(async (signal) => {
        ctx.state.signal = signal;
        await next();
      }),
    withModel: (ctx, next) => {
      ctx.state.classifier = model.require();
      return next();
    },
    readUpload(options) {
      const read = createUploadReader({ ...options, maxFileBytes: config.maxFileBytes, maxRequestBytes: config.maxRequestBytes, budget });
      return async (ctx, next) => {
        const uploads = await read(ctx, ctx.state.signal);
        ctx.state.uploads = uploads;
        try {
          await next();
        } finally {
          uploads.release();
        }
      };
    },
  };
}
