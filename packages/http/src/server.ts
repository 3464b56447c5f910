import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { type ClassifierOptions, usableCores } from '@bcd-api/core';
import sharp from 'sharp';
import { createApp, type ServerAssets } from './app.js';
import { createByteBudget } from './byte-budget.js';
import type { ServerConfig } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import { loadModelState, type ModelState } from './model-state.js';
import type { WatchConfig } from './pacs/pacs-config.js';
import { createPacsNode, type PacsNode } from './pacs/pacs-node.js';
import { type StudyWatch, watchStudies } from './pacs/watch-studies.js';
import { createWorkGate, type WorkGate } from './work-gate.js';

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:7860`. */
  url: string;
  server: Server;
  model: ModelState & { ready: Promise<void> };
  gate: WorkGate;
  /** The server's metrics, as `GET /metrics` serves them; undefined with METRICS_ENABLED=false. */
  metrics: Metrics | undefined;
  /** The PACS watch mode, when PACS_WATCH=on. */
  watch: StudyWatch | undefined;
  /**
   * Graceful shutdown, in three steps. At once: readiness turns 503, new predictions get 503
   * SHUTTING_DOWN, and every answer carries `Connection: close`. For `graceMs` (default
   * SHUTDOWN_GRACE_MS) the listener stays open, so late arrivals get that answer rather than
   * a refused or reset connection. Then the listener closes and accepted requests get up to
   * SHUTDOWN_TIMEOUT_MS to finish; only what is still open after that is cut. Finally the
   * model is unloaded. Resolves true when nothing was cut short; later calls share the first.
   */
  close(options?: { graceMs?: number }): Promise<boolean>;
}

/** Extra options for {@link startServer}, mostly for tests. */
export interface StartOptions {
  logger?: Logger;
  /** Engine tuning passed to the classifier (e.g. a fault-injecting worker in tests). */
  engine?: ClassifierOptions['engine'];
  /** Static pages to serve beside the API: the docs' scripts and the demo page. */
  assets?: ServerAssets;
}

/**
 * Starts the HTTP server and begins loading the model; resolves once the port is bound
 * (the model may still be loading: /health says so).
 *
 * @example
 * const running = await startServer(loadConfig());
 * await running.model.ready;
 */
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const { logger = createLogger(config.logLevel), engine, assets } = options;
  // Every upload is decoded once; libvips's operation cache would only hold memory.
  sharp.cache(false);
  const gate = createWorkGate({ maxPending: config.maxPendingRequests, timeoutMs: config.requestTimeoutMs });
  // An upload that finds the budget full waits this long for room before 503 OVERLOADED.
  const budget = createByteBudget({ maxBytes: config.maxBufferedBytes, waitMs: 2_000 });
  const metrics = config.metricsEnabled ? createMetrics({ gate, budget, batchSize: config.inferenceBatchSize }) : undefined;
  const model = loadModelState({
    modelDir: config.modelDir,
    workers: config.inferenceWorkers,
    maxImagePixels: config.maxImagePixels,
    batchSize: config.inferenceBatchSize,
    engine: {
      jobTimeoutMs: config.inferenceTimeoutMs,
      intraOpThreads: config.inferenceThreads,
      soloThreads: config.inferenceSoloThreads,
      // Another request admitted (uploading, decoding or waiting) will want the cores soon.
      busyElsewhere: () => gate.inFlight > 1,
      ...engine,
    },
    logger,
    observer: metrics,
    screeningPrevalence: config.screeningPrevalence,
  });
  const pacs = config.pacs ? createPacsNode({ config: config.pacs, answer: config, budget, maxFileBytes: config.maxFileBytes }) : undefined;
  const app = createApp({ config, model, gate, budget, logger, metrics, assets, pacs });
  const server = createServer(app.callback());
  // Uploads of large scans over slow links need longer than Node's defaults allow for headers only.
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
  logger.info('listening', {
    url,
    modelDir: config.modelDir,
    cores: usableCores(),
    inferenceWorkers: config.inferenceWorkers,
    inferenceThreads: config.inferenceThreads,
    inferenceSoloThreads: config.inferenceSoloThreads,
    libvipsThreads: sharp.concurrency(),
  });
  const watch = pacs && config.pacs?.watch ? startWatch(pacs, config.pacs.watch, { model, gate, logger, metrics }) : undefined;
  let closing: Promise<boolean> | undefined;
  const shutDown = async (graceMs: number): Promise<boolean> => {
    // No new study is taken from the PACS; the one in hand holds its place at the gate, which the drain waits for.
    const watchStopped = watch?.stop();
    const idle = gate.drain(graceMs + config.shutdownTimeoutMs);
    logger.info('draining', { graceMs, timeoutMs: config.shutdownTimeoutMs, inFlight: gate.inFlight });
    await delay(graceMs);
    // Stops listening and closes connections with no request on them; every other one
    // closes by itself after its answer (Connection: close).
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // The deadline timer is unref'd: once every connection has closed it must not hold an
    // embedding process open for the rest of SHUTDOWN_TIMEOUT_MS.
    const deadline = delay(config.shutdownTimeoutMs, false, { ref: false });
    const inTime = await Promise.race([closed.then(() => true), deadline]);
    const drained = inTime && (await idle);
    if (!inTime) {
      logger.warn('shutdown deadline passed with requests in progress', { inFlight: gate.inFlight });
      server.closeAllConnections();
      await closed;
    }
    await watchStopped;
    await model.close();
    logger.info('stopped', { drained });
    return drained;
  };
  return {
    url,
    server,
    model,
    gate,
    metrics,
    watch,
    close(options = {}) {
      closing ??= shutDown(options.graceMs ?? config.shutdownGraceMs);
      return closing;
    },
  };
}

/**
 * The watch mode of a server: each due study is analysed at the work gate like a request (so
 * it counts against MAX_PENDING_REQUESTS, has REQUEST_TIMEOUT_MS, and shutdown waits for it),
 * after a look in the PACS for its results under the served model, which costs no inference.
 */
function startWatch(
  node: PacsNode,
  config: WatchConfig,
  { model, gate, logger, metrics }: { model: ModelState; gate: WorkGate; logger: Logger; metrics: Metrics | undefined },
): StudyWatch {
  return watchStudies({
    client: node.client,
    config,
    logger,
    metrics,
    handle: (uid) =>
      gate.run(async (signal) => {
        const classifier = model.require();
        if (await node.hasResults(uid, classifier)) return 'already_stored';
        const analysis = await node.analyze(uid, { classifier, signal });
        return analysis.alreadyStored ? 'already_stored' : 'analysed';
      }),
  });
}
