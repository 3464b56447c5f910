export { type AppDependencies, createApp } from './app.js';
export { ConfigError, type LogLevel, loadConfig, type ServerConfig } from './config.js';
export { ApiError, type ApiErrorStatus, STATUS_BY_CODE } from './errors.js';
export { createLogger, type Logger, redactHeaders } from './logger.js';
export { createMetrics, type Metrics, type MetricsOptions, type RejectionReason, type RequestSample } from './metrics.js';
export { loadModelState, type ModelObserver, type ModelState, type ModelStatus } from './model-state.js';
export { type RunningServer, type StartOptions, startServer } from './server.js';
export { DISCLAIMER } from './wire.js';
export { createWorkGate, type WorkGate } from './work-gate.js';
