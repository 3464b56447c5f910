import type { HealthResponse } from '@bcd-api/contract';
import {
  type Classifier,
  type ClassifierOptions,
  CoreError,
  createClassifier,
  isCoreError,
  type ModelCard,
  type Prediction,
  type WorkerRestartReason,
} from '@bcd-api/core';
import { ApiError } from './errors/api-error.js';
import type { Logger } from './logger.js';

/** Where the model stands: what `/health` reports. */
export type ModelStatus = HealthResponse['model_status'];

/** Holds the server's model and the truth about whether it can be used. */
export interface ModelState {
  readonly status: ModelStatus;
  /** Why the model is not loaded, as a sentence; undefined when loaded. */
  readonly reason: string | undefined;
  /** The classifier, or a 503 MODEL_UNAVAILABLE ApiError explaining why not. */
  require(): Classifier;
  close(): Promise<void>;
}

/** What the model state reports as it goes, e.g. to the metrics. */
export interface ModelObserver {
  /** The model has loaded. */
  modelLoaded(card: ModelCard): void;
  /** One `classify` call has finished: its predictions, and how long it took. */
  classified(predictions: readonly Prediction[], seconds: number): void;
  /** The engine replaced an inference worker. */
  workerRestarted(reason: WorkerRestartReason): void;
}

/** Options for {@link loadModelState}. */
export interface ModelStateOptions {
  modelDir: string;
  workers: number;
  maxImagePixels: number;
  /** Images per forward pass. */
  batchSize: number;
  engine?: ClassifierOptions['engine'];
  logger: Logger;
  observer?: ModelObserver | undefined;
  /** SCREENING_PREVALENCE: a model without screening operating points is refused when it is set. */
  screeningPrevalence?: number | undefined;
}

/**
 * Starts loading the model and returns at once; the state moves from `loading` to
 * `loaded` or `error`. A missing or corrupt model never stops the server: it keeps
 * answering, with /health reporting the problem and predictions a 503.
 */
export function loadModelState(options: ModelStateOptions): ModelState & { ready: Promise<void> } {
  let status: ModelStatus = 'loading';
  let reason: string | undefined = 'the model is still loading.';
  let classifier: Classifier | undefined;
  const started = performance.now();
  const { observer, logger } = options;
  const ready = createClassifier({
    modelDir: options.modelDir,
    workers: options.workers,
    maxInputPixels: options.maxImagePixels,
    batchSize: options.batchSize,
    engine: {
      ...options.engine,
      onWorkerRestart: (restart) => {
        logger.warn('inference worker replaced', { reason: restart });
        options.engine?.onWorkerRestart?.(restart);
        observer?.workerRestarted(restart);
      },
    },
  })
    .then(async (loaded) => {
      const refusal = screeningRefusal(loaded.card, options.screeningPrevalence);
      if (refusal) {
        await loaded.close();
        throw new CoreError('INVALID_MODEL', refusal);
      }
      return loaded;
    })
    .then(
      (loaded) => {
        classifier = observer ? observed(loaded, observer) : loaded;
        observer?.modelLoaded(loaded.card);
        status = 'loaded';
        reason = undefined;
        options.logger.info('model loaded', {
          model: loaded.card.name,
          version: loaded.card.version,
          engine: loaded.backend,
          sha256: loaded.card.sha256,
          ms: Math.round(performance.now() - started),
        });
      },
      (error: unknown) => {
        const missing = isCoreError(error) && error.code === 'MODEL_UNAVAILABLE';
        status = missing ? 'not_loaded' : 'error';
        reason = isCoreError(error) ? error.message : 'the model could not be loaded.';
        options.logger.error('model failed to load', { modelDir: options.modelDir, reason, error: String(error) });
      },
    );
  return {
    ready,
    get status() {
      return status;
    },
    get reason() {
      return reason;
    },
    require() {
      if (!classifier) throw new ApiError('MODEL_UNAVAILABLE', `The model is not available: ${reason}`);
      return classifier;
    },
    async close() {
      await ready;
      await classifier?.close();
    },
  };
}

/**
 * Why a model cannot be served under SCREENING_PREVALENCE, if it cannot: without screening
 * operating points there is no calibration prevalence to move from, and a prevalence set for
 * nothing would be a setting that silently does nothing.
 */
function screeningRefusal(card: ModelCard, prevalence: number | undefined): string | undefined {
  if (prevalence === undefined || card.screening) return undefined;
  return (
    `SCREENING_PREVALENCE is set (${prevalence}), but the model ${card.name} ${card.version} has no "screening" section in its ` +
    'manifest.json (its screening operating points and the prevalence its calibration was fitted at): unset SCREENING_PREVALENCE, ' +
    'or serve a model that has one.'
  );
}

/** The classifier, reporting each `classify` call that succeeds to the observer. */
function observed(classifier: Classifier, observer: ModelObserver): Classifier {
  return {
    // Every member of the classifier is a value or a function that does not use `this`.
    ...classifier,
    async classify(images, options) {
      const started = performance.now();
      const predictions = await classifier.classify(images, options);
      observer.classified(predictions, (performance.now() - started) / 1000);
      return predictions;
    },
  };
}
