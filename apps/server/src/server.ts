import { createServer, type Server } from 'node:http';
import sharp from 'sharp';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import type { ServerConfig } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { loadModelState, type ModelState } from './model-state.js';
import { createWorkGate, type WorkGate } from './work-gate.js';
import type { ClassifierOptions } from '@bcd-api/core';

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:7860`. */
  url: string;
  server: Server;
  model: ModelState & { ready: Promise<void> };
  gate: WorkGate;
  /**
   * Graceful shutdown: readiness turns 503 and new work is refused at once, accepted
   * requests complete (up to `shutdownTimeoutMs`), then connections close and the model is
   * unloaded. Resolves true when nothing was cut short.
   */
  close(): Promise<boolean>;
}

/** Extra options for {@link startServer}, mostly for tests. */
export interface StartOptions {
  logger?: Logger;
  /** Engine tuning passed to the classifier (e.g. a fault-injecting worker in tests). */
  engine?: ClassifierOptions['engine'];
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
  const { logger = createLogger(config.logLevel), engine } = options;
  // Every upload is decoded once; libvips's operation cache would only hold memory.
  sharp.cache(false);
  const model = loadModelState({
    modelDir: config.modelDir,
    workers: config.inferenceWorkers,
    maxImagePixels: config.maxImagePixels,
    engine: { jobTimeoutMs: config.inferenceTimeoutMs, intraOpThreads: config.inferenceThreads, ...engine },
    logger,
  });
  const gate = createWorkGate({ maxPending: config.maxPendingRequests, timeoutMs: config.requestTimeoutMs });
  const app = createApp({ config, model, gate, logger });
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
  logger.info('listening', { url, modelDir: config.modelDir });
  return {
    url,
    server,
    model,
    gate,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const drained = await gate.drain(config.shutdownTimeoutMs);
      if (!drained) logger.warn('shutdown deadline passed with requests in progress', { inFlight: gate.inFlight });
      server.closeIdleConnections();
      // Give responses just written a moment to flush before cutting what is left.
      const timer = setTimeout(() => server.closeAllConnections(), drained ? 1000 : 0);
      await closed;
      clearTimeout(timer);
      await model.close();
      logger.info('stopped', { drained });
      return drained;
    },
  };
}
