import type { ErrorCode } from '@bcd-api/contract';
import type { ModelCard, Prediction, WorkerRestartReason } from '@bcd-api/core';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ByteBudget } from './byte-budget.js';
import { ERROR_CODES, type ErrorDescriptor, errorDescriptor } from './errors/error-codes.js';
import type { WorkGate } from './work-gate.js';

/** One finished request, as the metrics see it. */
export interface RequestSample {
  method: string;
  /** The router's path template (`/predict`, `/docs/:asset`), or `unmatched`: never the raw URL, whose values are unbounded. */
  route: string;
  status: number;
  seconds: number;
  /** The error code the request was answered with, if any. */
  code?: ErrorCode | undefined;
}

/** How a study reached the PACS node: `POST /studies/{StudyInstanceUID}/analyze`, or the watch mode. */
export type PacsTrigger = 'request' | 'watch';

/** What became of a study at the PACS node: results stored, found already there, or failed. */
export type PacsOutcome = 'analysed' | 'already_stored' | 'failed';

/** The server's Prometheus metrics, in a registry of their own (several servers may share a process). */
export interface Metrics {
  /** The exposition's `Content-Type`: `text/plain; version=0.0.4; charset=utf-8`. */
  readonly contentType: string;
  /** The metrics in the Prometheus text format. */
  scrape(): Promise<string>;
  /** Counts a finished request, its latency, and its rejection when it carried an error code. */
  request(sample: RequestSample): void;
  /** Records the served model's name, version and weights digest. */
  modelLoaded(card: Pick<ModelCard, 'name' | 'version' | 'sha256'>): void;
  /** Records one request's inference: its duration, its forward passes, and each image's label. */
  classified(predictions: readonly Pick<Prediction, 'label'>[], seconds: number): void;
  /** Counts an inference worker replaced by the engine. */
  workerRestarted(reason: WorkerRestartReason): void;
  /** Counts a study the PACS node handled, and how long it took (retrieval, analysis and storage). */
  pacsStudy(trigger: PacsTrigger, outcome: PacsOutcome, seconds: number): void;
  /** Counts one look of the watch mode at the PACS, and whether the PACS answered. */
  pacsPoll(ok: boolean): void;
}

/** Options for {@link createMetrics}. */
export interface MetricsOptions {
  gate: WorkGate;
  budget: ByteBudget;
  /** Images per forward pass (INFERENCE_BATCH_SIZE): the classifier runs n images as passes of at most this many. */
  batchSize: number;
}

// Latency from a probe (~1 ms) to a 10-image batch of large scans near REQUEST_TIMEOUT_MS.
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const INFERENCE_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20];
// INFERENCE_BATCH_SIZE is at most 10.
const BATCH_BUCKETS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/**
 * Creates the server's metrics (`bcd_*`, plus prom-client's default process and Node.js
 * metrics) in a new registry. Gauges of the work gate and the byte budget are read at scrape
 * time, so they cost nothing per request.
 *
 * @example
 * const metrics = createMetrics({ gate, budget, batchSize: config.inferenceBatchSize });
 * ctx.body = await metrics.scrape();
 */
export function createMetrics({ gate, budget, batchSize }: MetricsOptions): Metrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'bcd_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const requestDuration = new Histogram({
    name: 'bcd_http_request_duration_seconds',
    help: 'Time from receiving a request to handing its answer to Node.js, by method, route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: REQUEST_BUCKETS,
    registers,
  });
  const rejections = new Counter({
    name: 'bcd_rejections_total',
    help: 'Requests answered with an error, by reason (overloaded, timeout, too_large, unauthorized, bad_request, ...) and error code.',
    labelNames: ['reason', 'code'] as const,
    registers,
  });
  const inferenceDuration = new Histogram({
    name: 'bcd_inference_duration_seconds',
    help: "Time of one request's inference: all forward passes of its images, waiting for a worker included.",
    buckets: INFERENCE_BUCKETS,
    registers,
  });
  const batchImages = new Histogram({
    name: 'bcd_inference_batch_images',
    help: 'Images per forward pass (at most INFERENCE_BATCH_SIZE).',
    buckets: BATCH_BUCKETS,
    registers,
  });
  const images = new Counter({
    name: 'bcd_images_classified_total',
    help: 'Images classified, by predicted label.',
    labelNames: ['label'] as const,
    registers,
  });
  const restarts = new Counter({
    name: 'bcd_worker_restarts_total',
    help: 'Inference workers replaced after they crashed, or hung past INFERENCE_TIMEOUT_MS.',
    labelNames: ['reason'] as const,
    registers,
  });
  const pacsStudies = new Counter({
    name: 'bcd_pacs_studies_total',
    help: 'Studies the PACS node handled, by trigger (request, watch) and outcome (analysed, already_stored, failed). No study or patient identifier is a label.',
    labelNames: ['trigger', 'outcome'] as const,
    registers,
  });
  const pacsDuration = new Histogram({
    name: 'bcd_pacs_study_duration_seconds',
    help: 'Time the PACS node took for one study: retrieval, analysis and storage of its results.',
    labelNames: ['trigger'] as const,
    buckets: REQUEST_BUCKETS,
    registers,
  });
  const pacsPolls = new Counter({
    name: 'bcd_pacs_watch_polls_total',
    help: 'Looks of the watch mode at the PACS, by outcome (ok, failed: the PACS could not be reached or answered an error).',
    labelNames: ['outcome'] as const,
    registers,
  });
  const modelInfo = new Gauge({
    name: 'bcd_model_info',
    help: 'The served model: 1, with its name, version and weights SHA-256 as labels; absent until it has loaded.',
    labelNames: ['name', 'version', 'sha256'] as const,
    registers,
  });
  new Gauge({
    name: 'bcd_requests_in_flight',
    help: 'Prediction requests admitted and not yet finished (at most MAX_PENDING_REQUESTS).',
    registers,
    collect() {
      this.set(gate.inFlight);
    },
  });
  new Gauge({
    name: 'bcd_requests_queued',
    help: 'Prediction requests waiting for room in the upload memory budget (MAX_BUFFERED_BYTES).',
    registers,
    collect() {
      this.set(budget.waiting);
    },
  });
  new Gauge({
    name: 'bcd_upload_buffered_bytes',
    help: 'Upload bytes held in memory across requests (at most MAX_BUFFERED_BYTES).',
    registers,
    collect() {
      this.set(budget.held);
    },
  });

  // Series that exist from the start read 0 rather than missing, so rate() and alerts see them.
  for (const label of ['Benign', 'Malignant'] satisfies Array<Prediction['label']>) images.inc({ label }, 0);
  for (const reason of ['crashed', 'hung'] satisfies WorkerRestartReason[]) restarts.inc({ reason }, 0);
  for (const trigger of ['request', 'watch'] satisfies PacsTrigger[]) {
    for (const outcome of ['analysed', 'already_stored', 'failed'] satisfies PacsOutcome[]) pacsStudies.inc({ trigger, outcome }, 0);
  }
  for (const [code, { reason, countedFromStart }] of Object.entries<ErrorDescriptor>(ERROR_CODES)) {
    if (countedFromStart) rejections.inc({ reason, code }, 0);
  }

  return {
    contentType: registry.contentType,
    scrape: () => registry.metrics(),
    request({ method, route, status, seconds, code }) {
      const labels = { method, route, status: String(status) };
      requests.inc(labels);
      requestDuration.observe(labels, seconds);
      if (code !== undefined) rejections.inc({ reason: errorDescriptor(code).reason, code });
    },
    modelLoaded({ name, version, sha256 }) {
      modelInfo.reset();
      modelInfo.set({ name, version, sha256 }, 1);
    },
    classified(predictions, seconds) {
      // A batch whose every file was refused ran no forward pass.
      if (predictions.length === 0) return;
      inferenceDuration.observe(seconds);
      // The classifier's documented split: passes of `batchSize`, the last one holding the rest.
      for (let left = predictions.length; left > 0; left -= batchSize) batchImages.observe(Math.min(batchSize, left));
      for (const prediction of predictions) images.inc({ label: prediction.label });
    },
    workerRestarted(reason) {
      restarts.inc({ reason });
    },
    pacsStudy(trigger, outcome, seconds) {
      pacsStudies.inc({ trigger, outcome });
      pacsDuration.observe({ trigger }, seconds);
    },
    pacsPoll(ok) {
      pacsPolls.inc({ outcome: ok ? 'ok' : 'failed' });
    },
  };
}
