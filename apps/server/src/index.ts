export { type AppDependencies, createApp } from './app.js';
export { ConfigError, type LogLevel, loadConfig, type ServerConfig } from './config.js';
export { ApiError, type ApiErrorStatus, STATUS_BY_CODE } from './errors.js';
export { createLogger, type Logger } from './logger.js';
export { loadModelState, type ModelState, type ModelStatus } from './model-state.js';
export { type RunningServer, type StartOptions, startServer } from './server.js';
export { DISCLAIMER } from './wire.js';
export { createWorkGate, type WorkGate } from './work-gate.js';
