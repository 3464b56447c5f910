export { createApp, type AppDependencies } from './app.js';
export { startServer, type RunningServer, type StartOptions } from './server.js';
export { createWorkGate, type WorkGate } from './work-gate.js';
export { loadConfig, ConfigError, type ServerConfig, type LogLevel } from './config.js';
export { createLogger, type Logger } from './logger.js';
export { loadModelState, type ModelState, type ModelStatus } from './model-state.js';
export { ApiError, STATUS_BY_CODE, type ApiErrorStatus } from './errors.js';
export { DISCLAIMER } from './wire.js';
