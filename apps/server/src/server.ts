import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import type { ServerConfig } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { loadModelState, type ModelState } from './model-state.js';

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:7860`. */
  url: string;
  server: Server;
  model: ModelState & { ready: Promise<void> };
  /** Stops accepting connections, waits for open requests, then unloads the model. */
  close(): Promise<void>;
}

/**
 * Starts the HTTP server and begins loading the model; resolves once the port is bound
 * (the model may still be loading: /health says so).
 *
 * @example
 * const running = await startServer(loadConfig());
 * await running.model.ready;
 */
export async function startServer(config: ServerConfig, logger: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  const model = loadModelState({ modelDir: config.modelDir, workers: config.inferenceWorkers, maxImagePixels: config.maxImagePixels, logger });
  const app = createApp({ config, model, logger });
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
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await model.close();
    },
  };
}
