export { DISCLAIMER } from '@bcd-api/contract';
export { type AppDependencies, createApp, type ServerAssets } from './app.js';
export { type ByteBudget, createByteBudget, type Reservation } from './byte-budget.js';
export { type ConfigDefaults, ConfigError, type InputCheckMode, type LogLevel, loadConfig, type ServerConfig } from './config.js';
export { ApiError } from './errors/api-error.js';
export {
  type ApiErrorStatus,
  ERROR_CODES,
  type ErrorDescriptor,
  type RejectionReason,
  STATUS_BY_CODE,
} from './errors/error-codes.js';
export { createLogger, type Logger, redactHeaders } from './logger.js';
export { createMetrics, type Metrics, type MetricsOptions, type RequestSample } from './metrics.js';
export { loadModelState, type ModelObserver, type ModelState, type ModelStatus } from './model-state.js';
export { type OverlayOptions, renderOverlay } from './overlay/render-overlay.js';
export type { DocsAssets } from './routes/docs.js';
export { type RunningServer, type StartOptions, startServer } from './server.js';
export { createWorkGate, type WorkGate } from './work-gate.js';
