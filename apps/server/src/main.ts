#!/usr/bin/env node
// Entry point: `node dist/main.js` (or `pnpm start` from the repository root).
import { castToError, systemErrorCode } from '@bcd-api/contract';
import { ConfigError, createLogger, type ServerConfig } from '@bcd-api/http';
import { loadConfig, startServer } from './compose.js';

// onnxruntime-node 1.30 starts its own telemetry (an HTTPS uploader, a device id under
// ~/.cache) unless told not to; a self-hosted server on a hospital network sends nothing
// anywhere. Set here, before any worker loads it; ORT_DISABLE_TELEMETRY=0 turns it back on.
process.env.ORT_DISABLE_TELEMETRY ??= '1';

let config: ServerConfig;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`Configuration error: ${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
const logger = createLogger(config.logLevel);
try {
  const running = await startServer(config, { logger });
  const stop = (signal: string) => {
    logger.info('shutting down', { signal });
    // SIGTERM comes from an orchestrator whose load balancers may still route here for a
    // moment: keep answering (503) for the grace period. SIGINT is a person at a terminal.
    running.close(signal === 'SIGINT' ? { graceMs: 0 } : {}).then(
      (drained) => process.exit(drained ? 0 : 1),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
} catch (error) {
  const code = systemErrorCode(error);
  const reason =
    code === 'EADDRINUSE'
      ? `port ${config.port} on ${config.host} is already in use (set PORT to another port).`
      : code === 'EACCES'
        ? `no permission to listen on port ${config.port}.`
        : castToError(error).message;
  process.stderr.write(`Cannot start the server: ${reason}\n`);
  process.exit(1);
}
