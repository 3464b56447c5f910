// createApp without startServer, composed from the package's exports as its README shows.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { call, tinyModelDir } from '@bcd-api/test-kit';
import { expect, test } from 'vitest';
import { createApp, createByteBudget, createLogger, createWorkGate, loadConfig, loadModelState } from '../src/index.js';

test('createApp serves the API from the pieces the package exports, on a server of the caller’s own', async () => {
  const config = loadConfig({ LOG_LEVEL: 'silent' }, { modelDir: tinyModelDir });
  const logger = createLogger(config.logLevel);
  const model = loadModelState({ modelDir: config.modelDir, workers: 1, maxImagePixels: config.maxImagePixels, batchSize: 1, logger });
  const app = createApp({
    config,
    logger,
    model,
    gate: createWorkGate({ maxPending: config.maxPendingRequests, timeoutMs: config.requestTimeoutMs }),
    budget: createByteBudget({ maxBytes: config.maxBufferedBytes, waitMs: 2_000 }),
  });
  const server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await model.ready;
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const health = await call(url, 'GET', '/health');
    expect(health.body).toMatchObject({ status: 'healthy', model_status: 'loaded' });
    // Without metrics in its dependencies, the app has no /metrics.
    expect((await call(url, 'GET', '/metrics')).status).toBe(404);
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await model.close();
  }
});
